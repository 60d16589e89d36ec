"""Bukti dukung of a report's rows: add (a file or a link), replace, delete and download,
each through the report's access helper. A write answers htmx with the row's evidence
(``templates/monitoring/_evidence.html``), a plain post with a redirect back and a message.
"""

from functools import wraps
from types import SimpleNamespace

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from monitoring import evidence
from monitoring.access import can_fill, get_report_for_user
from monitoring.models import Realisasi
from plans.params import parse_int

FORM_OVERHEAD = 64 * 1024  # the form's other fields and the multipart boundaries


class EvidenceForm(forms.Form):
    """A file or a link (with an optional name); the file is checked by its content."""

    file = forms.FileField(label=gettext_lazy("Berkas"), required=False)
    link = forms.CharField(label=gettext_lazy("atau tautan"), required=False)
    name = forms.CharField(label=gettext_lazy("Nama tautan"), required=False, max_length=200)

    def __init__(self, *args, refused=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused  # what was refused before the form saw it (too large)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload:
            evidence.check_upload(upload)
        return upload

    def clean_link(self):
        link = self.cleaned_data["link"].strip()
        return evidence.check_link(link) if link else ""

    def clean(self):
        if self.refused:
            raise ValidationError(list(self.refused))
        data = super().clean()
        if not self.errors and bool(data.get("file")) == bool(data.get("link")):
            raise ValidationError(_("Pilih satu berkas atau tulis satu tautan."))
        return data

    def messages(self):
        return [message for errors in self.errors.values() for message in errors]


def limited_upload(view):
    """Uploads to ``view`` stream through ``SizeLimitHandler``, so a file over the limit is
    never stored. Upload handlers must be set before the body is read, which CSRF checking
    does, hence exempt outside and protected inside (as Django's docs show)."""
    protected = csrf_protect(view)

    @wraps(view)
    @csrf_exempt
    def wrapper(request, *args, **kwargs):
        request.upload_handlers.insert(0, evidence.SizeLimitHandler(request))
        return protected(request, *args, **kwargs)

    return wrapper


@login_required
@require_POST
@limited_upload
def evidence_upload(request, pk):
    """A file or link for the indicator ``?indikator=`` of report ``pk``."""
    report = get_report_for_user(request.user, pk, rule=can_fill)
    indikator = get_object_or_404(report.plan.indikator, pk=parse_int(request.GET.get("indikator")))

    def attach(data):
        if data["file"]:
            evidence.attach_file(report, indikator, data["file"], request.user)
        else:
            evidence.attach_link(report, indikator, data["link"], request.user, data["name"])

    return _apply_form(request, report, indikator, attach, _("Bukti dukung ditambahkan."))


def _apply_form(request, report, indikator, apply, done):
    """Read the evidence form and ``apply(cleaned data)``; the answer says ``done`` or why
    not (the form's errors or the refusal of ``apply``)."""
    form = _read_form(request)
    if not form.is_valid():
        return _answer(request, report, indikator, errors=form.messages())
    try:
        apply(form.cleaned_data)
    except ValidationError as error:
        return _answer(request, report, indikator, errors=error.messages)
    return _answer(request, report, indikator, done=done)


@login_required
@require_POST
@limited_upload
def evidence_replace(request, pk):
    """A new file or link in place of evidence ``pk``; the earlier one stays, as replaced."""
    item, report = evidence.get_evidence_for_user(request.user, pk, rule=can_fill)
    indikator = item.realisasi.indikator

    def replace(data):
        evidence.replace(
            item, request.user, upload=data["file"], link=data["link"], name=data["name"]
        )

    return _apply_form(request, report, indikator, replace, _("Bukti dukung diganti."))


@login_required
@require_POST
def evidence_delete(request, pk):
    item, report = evidence.get_evidence_for_user(request.user, pk, rule=can_fill)
    try:
        evidence.delete(item, request.user)
    except ValidationError as error:
        return _answer(request, report, item.realisasi.indikator, errors=error.messages)
    done = _("Bukti “%(name)s” dihapus.") % {"name": item.name}
    return _answer(request, report, item.realisasi.indikator, done=done)


@login_required
@require_GET
def evidence_download(request, pk):
    """The stored file, to whoever may see its report, as a download under its own name and
    the type read from its content."""
    item, _report = evidence.get_evidence_for_user(request.user, pk)
    if not item.file:
        raise Http404
    try:
        stream = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=item.name,
        content_type=item.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


def _read_form(request):
    """The posted form; a body far over the limit is refused before it is read, a file over
    it as it streams in (``SizeLimitHandler``)."""
    length = parse_int(request.META.get("CONTENT_LENGTH"), low=0) or 0
    if length > evidence.MAX_BYTES + FORM_OVERHEAD:
        refused = _("Unggahan lebih dari %(limit)s ditolak; unggah berkas yang lebih kecil.") % {
            "limit": filesizeformat(evidence.MAX_BYTES)
        }
        return EvidenceForm({}, refused=[refused])
    handler = next(h for h in request.upload_handlers if isinstance(h, evidence.SizeLimitHandler))
    form = EvidenceForm(request.POST, request.FILES)
    form.refused = [evidence.too_large_message(name) for name in handler.too_large]
    return form


def _answer(request, report, indikator, *, errors=(), done=""):
    """The row's evidence again for htmx; otherwise back where the post came from."""
    if request.htmx:
        realisasi = Realisasi.objects.filter(report=report, indikator=indikator).first()
        row = SimpleNamespace(
            indikator=indikator,
            realisasi=realisasi,
            evidence=evidence.evidence_by_indicator(report, indikator).get(indikator.pk, []),
        )
        context = {
            "report": report,
            "row": row,
            "can_fill": can_fill(request.user, report),
            "evidence_errors": errors,
            "evidence_done": done,
        }
        return render(request, "monitoring/_evidence.html", context)
    for error in errors:
        messages.error(request, error)
    if done:
        messages.success(request, done)
    back = request.headers.get("Referer")
    safe = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(back if safe else report.plan.get_absolute_url())
