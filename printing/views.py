"""Print runs from the national and province pages: start one, watch its progress (htmx polls
the progress fragment until the run ends), download its file."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plans.params import parse_int
from plans.views.exports import site_url
from printing import jobs
from printing.access import get_run_for_user, get_satker_to_print
from printing.models import PrintRun

TEMPLATE = "printing/run_detail.html"


@login_required
@require_POST
def print_run_create(request):
    """Start printing the posted satker's scope (``satker`` code, ``tahun``, ``format``):
    its readers and admins only, 404 for everyone else."""
    satker = get_satker_to_print(request.user, request.POST.get("satker", "").strip())
    year = parse_int(request.POST.get("tahun"), low=2000, high=2100)
    fmt = request.POST.get("format", PrintRun.Format.PDF)
    if year is None or fmt not in PrintRun.Format.values:
        raise Http404
    run = jobs.create_run(satker, year, fmt, site_url(request), request.user)
    if run is None:
        messages.error(
            request,
            _("Belum ada rencana aksi %(satker)s tahun %(year)s yang disetujui untuk dicetak.")
            % {"satker": satker.name, "year": year},
        )
        return redirect(_back(request))
    jobs.start(run)
    return redirect(run)


@login_required
@require_GET
def print_run_detail(request, pk):
    """The run's progress; an htmx poll gets only the progress fragment."""
    run = get_run_for_user(request.user, pk)
    listening = jobs.refresh(run)
    counts = run.parts.aggregate(
        total=Count("pk", filter=Q(plan__isnull=False)),
        done=Count("pk", filter=Q(plan__isnull=False, done_at__isnull=False)),
        missing=Count("pk", filter=Q(plan__isnull=True)),
    )
    context = {
        "run": run,
        "counts": counts,
        "percent": _percent(run, counts),
        "listening": listening,
        "uses_queue": jobs.uses_queue(),
    }
    template = TEMPLATE + "#progress" if request.htmx else TEMPLATE
    return render(request, template, context)


@login_required
@require_GET
def print_run_download(request, pk):
    """The finished run's file, to whoever may print its satker."""
    run = get_run_for_user(request.user, pk)
    if run.status != PrintRun.Status.DONE or not run.output:
        raise Http404
    try:
        stream = run.output.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = "application/pdf" if run.format == PrintRun.Format.PDF else "application/zip"
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=os.path.basename(run.output.name),
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def _percent(run, counts):
    """Rendering the parts is most of the work; the assembly the last tenth."""
    if run.status == PrintRun.Status.DONE:
        return 100
    if not counts["total"]:
        return 0
    return int(90 * counts["done"] / counts["total"])


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "home"
