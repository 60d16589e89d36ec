"""The realisasi sheet in the browser, for planners who fill it offline: download the
template, upload it, check the dry-run preview (what changes, every error at its cell),
confirm.

The upload is kept under a random token bound to the uploader's session and report
(``plans.importers.uploads``, as the matrix import keeps its files), so the confirmation
re-reads the same bytes; it is deleted once saved, or by ``clean_uploads`` once abandoned.
"""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from monitoring.access import can_fill, get_report_for_user
from monitoring.offline import import_realisasi, template_bytes, template_filename
from plans import access
from plans.importers import uploads
from plans.importers.forms import ImportForm
from renaksi.logging import timed

log = logging.getLogger("renaksi.imports")

SESSION_KEY = "realisasi_uploads"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_satker_planner(user, report):
    """Planners of the report's satker download and upload its sheet; whether the report
    may still change is the upload's own check, shown on its preview."""
    return access.is_planner(user, report.satker)


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Templat realisasi yang sudah diisi (.xlsx)"))

    clean_file = ImportForm.clean_file  # the same size limit as the plan import


@require_GET
@login_required
def offline_template(request, pk):
    """The quarter's realisasi sheet, pre-filled."""
    report = get_report_for_user(request.user, pk, rule=is_satker_planner)
    response = HttpResponse(template_bytes(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, template_filename(report))
    return response


@login_required
def offline_upload(request, pk):
    """The upload form; a valid upload goes on to its dry-run preview."""
    report = get_report_for_user(request.user, pk, rule=is_satker_planner)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = uploads.keep(form.cleaned_data["file"])
        pending = request.session.get(SESSION_KEY, {})
        pending[token] = {
            "user": request.user.pk,
            "report": report.pk,
            "name": form.cleaned_data["file"].name,
        }
        request.session[SESSION_KEY] = pending
        return redirect("offline_preview", pk=report.pk, token=token)
    context = {"report": report, "form": form, "can_fill": can_fill(request.user, report)}
    return render(request, "monitoring/offline_upload.html", context)


@login_required
def offline_preview(request, pk, token):
    """GET: the rows the file would change and every error at its cell; nothing is saved.
    POST: save them, if they are still the changes the preview showed."""
    report = get_report_for_user(request.user, pk, rule=is_satker_planner)
    pending = request.session.get(SESSION_KEY, {}).get(token)
    mine = pending and pending["user"] == request.user.pk and pending["report"] == report.pk
    path = uploads.kept_path(token) if mine else None
    if path is None:
        raise Http404(_("Unggahan ini tidak ada atau sudah disimpan."))
    confirm = request.method == "POST"
    with timed(log, "realisasi-import", user=request.user.username, dry_run=not confirm) as info:
        result = import_realisasi(
            path,
            report,
            request.user,
            dry_run=not confirm,
            expected=request.POST.get("fingerprint") if confirm else None,
        )
        info.update(report=report.pk, errors=len(result.errors), **result.counts())
    if result.done:
        _discard(request, token)
        messages.success(
            request,
            _("Realisasi %(quarter)s %(year)s disimpan dari %(name)s: %(count)s baris diubah.")
            % {
                "quarter": report.quarter_name,
                "year": report.year,
                "name": pending["name"],
                "count": result.saved,
            },
        )
        return redirect("report_detail", pk=report.pk)
    context = {
        "report": report,
        "token": token,
        "file_name": pending["name"],
        "result": result,
        "counts": result.counts(),
        "errors": result.general,
        "changed": result.changed_rows(),
        "problems": result.problem_rows(),
    }
    return render(request, "monitoring/offline_preview.html", context)


def _discard(request, token):
    uploads.discard(token)
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
