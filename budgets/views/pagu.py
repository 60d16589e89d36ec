"""The pagu page of a satker and year: the rolled-up DIPA/POK, its lines added, changed and
deleted by the satker's planners, and the upload of a sheet with its dry-run preview.

Every view reaches the satker through ``budgets.access.get_satker_for_user`` (outsiders 404,
readers 403 on writes); every write runs under the Pagu row's lock (``locked_pagu``) and
checks again there that the line fits beside the others.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budgets.access import can_change_budget, get_satker_for_user
from budgets.akun import parse_akun
from budgets.importers.pagu import import_pagu
from budgets.models import Akun, PaguLine
from budgets.pagu import find_pagu, locked_pagu, overlapping, rollup
from budgets.pagu_forms import PaguLineForm, PaguUploadForm
from plans.importers import uploads
from renaksi.logging import timed

log = logging.getLogger("renaksi.imports")
SESSION_KEY = "pagu_imports"
PREVIEW_LINES = 20


@login_required
def pagu_detail(request, satker, year):
    """The rolled-up pagu with its amounts, and for planners the form to add a line."""
    satker = get_satker_for_user(request.user, satker)
    year = year_or_404(year)
    return _render_detail(request, satker, year, PaguLineForm())


def _render_detail(request, satker, year, form, status=200):
    pagu = find_pagu(satker, year)
    lines = list(pagu.lines.order_by("kode")) if pagu else []
    tree = rollup(lines)
    kodes = [node.kode for node in tree.walk() if node.level != "akun" and node.code]
    tree.add_names(dict(Akun.objects.filter(code__in=kodes).values_list("code", "uraian")))
    context = {
        "satker": satker,
        "year": year,
        "pagu": pagu,
        "tree": tree,
        "editable": can_change_budget(request.user, satker),
        "form": form,
    }
    return render(request, "budgets/pagu_detail.html", context, status=status)


@require_POST
@login_required
def pagu_line_add(request, satker, year):
    satker = get_satker_for_user(request.user, satker, edit=True)
    year = year_or_404(year)
    form = PaguLineForm(request.POST)
    if form.is_valid():
        with locked_pagu(satker, year, request.user) as pagu:
            if _fits(form, pagu):
                form.instance.pagu = pagu
                form.save()
        if not form.errors:
            messages.success(request, _("Baris pagu %(kode)s ditambahkan.") % form.cleaned_data)
            return redirect(_detail_url(satker, year))
    return _render_detail(request, satker, year, form, status=400)


@login_required
def pagu_line_edit(request, satker, year, pk):
    """GET: the line's form; POST: save it under the pagu's lock."""
    satker = get_satker_for_user(request.user, satker, edit=True)
    year = year_or_404(year)
    line = get_object_or_404(PaguLine, pk=pk, pagu__satker=satker, pagu__year=year)
    form = PaguLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        with locked_pagu(satker, year, request.user) as pagu:
            current = get_object_or_404(PaguLine, pk=pk, pagu=pagu)
            if _fits(form, pagu, exclude=current):
                for name in form.Meta.fields:
                    setattr(current, name, form.cleaned_data[name])
                current.save()
        if not form.errors:
            messages.success(request, _("Baris pagu %(kode)s disimpan.") % form.cleaned_data)
            return redirect(_detail_url(satker, year))
    context = {"satker": satker, "year": year, "line": line, "form": form}
    status = 400 if form.errors else 200
    return render(request, "budgets/pagu_line_form.html", context, status=status)


@require_POST
@login_required
def pagu_line_delete(request, satker, year, pk):
    satker = get_satker_for_user(request.user, satker, edit=True)
    year = year_or_404(year)
    with locked_pagu(satker, year, request.user) as pagu:
        line = get_object_or_404(PaguLine, pk=pk, pagu=pagu)
        line.delete()
    messages.success(request, _("Baris pagu %(kode)s dihapus.") % {"kode": line.kode})
    return redirect(_detail_url(satker, year))


def _fits(form, pagu, exclude=None):
    """False (with the error on the form) when the code lies on, under or above a line."""
    other = overlapping(pagu, parse_akun(form.cleaned_data["kode"]), exclude=exclude)
    if other is None:
        return True
    if other.kode == form.cleaned_data["kode"]:
        message = _("Kode %(kode)s sudah ada di pagu ini; ubah baris itu.")
    else:
        message = _(
            "Kode ini bertumpang dengan baris %(kode)s (yang satu berada di bawah yang lain); "
            "yang diharapkan baris pagu yang tidak saling mencakup."
        )
    form.add_error("kode", message % {"kode": other.kode})
    return False


@login_required
def pagu_import(request, satker, year):
    """The upload form; a valid upload goes on to its dry-run preview."""
    satker = get_satker_for_user(request.user, satker, edit=True)
    year = year_or_404(year)
    form = PaguUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = uploads.keep(form.cleaned_data["file"])
        pending = request.session.get(SESSION_KEY, {})
        pending[token] = {
            "user": request.user.pk,
            "name": form.cleaned_data["file"].name,
            "satker": satker.code,
            "year": year,
        }
        request.session[SESSION_KEY] = pending
        return redirect("pagu_import_preview", satker=satker.code, year=year, token=token)
    context = {"satker": satker, "year": year, "form": form}
    return render(request, "budgets/pagu_import.html", context)


@login_required
def pagu_import_preview(request, satker, year, token):
    """GET: what the sheet holds, every error at its cell. POST: replace the pagu with it."""
    satker = get_satker_for_user(request.user, satker, edit=True)
    year = year_or_404(year)
    pending = request.session.get(SESSION_KEY, {}).get(token)
    mine = pending and (pending["user"], pending["satker"], pending["year"]) == (
        request.user.pk,
        satker.code,
        year,
    )
    path = uploads.kept_path(token) if mine else None
    if path is None:
        raise Http404(_("Unggahan ini tidak ada atau sudah diimpor."))
    confirm = request.method == "POST"
    with timed(log, "import_pagu", user=request.user.username, dry_run=not confirm) as info:
        result = import_pagu(
            path, satker, year, name=pending["name"], dry_run=not confirm, user=request.user
        )
        info.update(saved=result.saved, errors=len(result.errors), lines=len(result.lines))
    if result.saved:
        uploads.discard(token)
        pending = request.session.get(SESSION_KEY, {})
        pending.pop(token, None)
        request.session[SESSION_KEY] = pending
        messages.success(
            request,
            _("Pagu %(satker)s %(year)s diganti dengan %(lines)s baris dari %(name)s.")
            % {
                "satker": satker.name,
                "year": year,
                "lines": len(result.lines),
                "name": result.file_name,
            },
        )
        return redirect(_detail_url(satker, year))
    context = {
        "satker": satker,
        "year": year,
        "token": token,
        "file_name": pending["name"],
        "result": result,
        "errors": result.general_errors(),
        "preview": result.lines[:PREVIEW_LINES],
        "existing": find_pagu(satker, year),
    }
    return render(request, "budgets/pagu_import_preview.html", context)


def year_or_404(year):
    """A budget year from the URL: 2000-2100, else 404 (``<int:year>`` takes any digits)."""
    if not 2000 <= year <= 2100:
        raise Http404(_("Tahun anggaran tidak dikenal."))
    return year


def _detail_url(satker, year):
    return reverse("pagu_detail", args=[satker.code, year])
