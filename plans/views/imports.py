"""The admins' import page: upload a legacy workbook, check what it will create, confirm.

The upload is kept in a private folder under a random token bound to the uploader's session
(``plans.importers.uploads``), so the confirmation re-reads the same bytes without a second
upload; it is deleted once the plan is created, or by ``clean_uploads`` once abandoned.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from plans.importers import import_workbook, uploads
from plans.importers.forms import ImportForm
from plans.matrix import build_columns, build_header
from renaksi.logging import timed

log = logging.getLogger("renaksi.imports")

SESSION_KEY = "plan_imports"


@login_required
def upload(request):
    """The upload form; a valid upload goes on to its dry-run preview."""
    _require_staff(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = _keep_upload(request, form.cleaned_data)
        return redirect("import_preview", token=token)
    return render(request, "imports/upload.html", {"form": form})


@login_required
def preview(request, token):
    """GET: what the file will create, every error and warning. POST: create it; an existing
    draft is replaced only by the preview's own button (``replace=1``)."""
    _require_staff(request.user)
    pending, path = _kept_upload(request, token)
    confirm = request.method == "POST"
    replace = confirm and request.POST.get("replace") == "1"
    with timed(log, "import", user=request.user.username, dry_run=not confirm) as info:
        result = import_workbook(
            path,
            satker=pending["satker"] or None,
            year=pending["year"],
            replace=replace,
            dry_run=not confirm,
        )
        info.update(saved=result.saved, errors=len(result.errors), **result.counts())
    if result.saved:
        _discard_upload(request, token)
        done = (
            _("Isi rencana aksi %(satker)s %(year)s diganti: %(lines)s rencana kegiatan.")
            if result.replaces
            else _("Rencana aksi %(satker)s %(year)s diimpor: %(lines)s rencana kegiatan.")
        )
        lines = result.counts()["rencana_kegiatan"]
        messages.success(
            request, done % {"satker": result.satker.name, "year": result.year, "lines": lines}
        )
        return redirect(result.plan)
    layout = result.layout()
    context = {
        "token": token,
        "file_name": pending["name"],
        "result": result,
        "counts": result.counts(),
        "columns": build_columns(layout) if layout else [],
        "header": build_header(layout) if layout else None,
        "rows": result.preview_rows(),
        "errors": result.general_errors(),
    }
    return render(request, "imports/preview.html", context)


def _require_staff(user):
    if not user.is_staff:
        raise PermissionDenied(_("Hanya admin yang dapat mengimpor berkas."))


def _keep_upload(request, data):
    token = uploads.keep(data["file"])
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {
        "user": request.user.pk,
        "name": data["file"].name,
        "satker": data["satker"].code if data["satker"] else "",
        "year": data["year"],
    }
    request.session[SESSION_KEY] = pending
    return token


def _kept_upload(request, token):
    """The upload ``token`` names, only for the user who uploaded it in this session."""
    pending = request.session.get(SESSION_KEY, {}).get(token)
    mine = pending and pending["user"] == request.user.pk
    path = uploads.kept_path(token) if mine else None
    if path is None:
        raise Http404(_("Unggahan ini tidak ada atau sudah diimpor."))
    return pending, path


def _discard_upload(request, token):
    uploads.discard(token)
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
