"""The report's workflow from its page: the planner submits (refused with the rows whose
capaian cannot be computed and that do not say why), the secretary returns with a reason and
the rows to fix, verifies every indicator at once, or reopens after the input window."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monitoring import execution, services
from monitoring.access import can_fill, can_verify, get_report_for_user
from monitoring.forms import ReturnForm
from monitoring.views.reports.page import render_page


@login_required
@require_POST
def report_submit(request, pk):
    """The planner hands the quarter to the secretary; refused with the list of rows whose
    capaian cannot be computed and that do not say why."""
    report = get_report_for_user(request.user, pk, rule=can_fill)
    try:
        execution.submit(report, request.user)
    except execution.AlasanMissing:
        return render_page(request, report, refused=True)
    except (PermissionDenied, ValidationError) as error:
        return _step_failed(request, report, error)
    messages.success(
        request, _("Laporan %(tw)s diajukan kepada sekretaris.") % {"tw": report.quarter_name}
    )
    return redirect("report_detail", pk=report.pk)


@login_required
@require_POST
def report_return(request, pk):
    report = get_report_for_user(request.user, pk, rule=can_verify)
    ids = report.plan.indikator.values_list("pk", flat=True)
    form = ReturnForm(request.POST, indikator_ids=ids)
    if not form.is_valid():
        return render_page(request, report, return_form=form)
    data = form.cleaned_data
    return _step(
        request,
        report,
        lambda: services.return_report(report, request.user, data["reason"], data["indikator"]),
        lambda after: _("Laporan dikembalikan kepada perencana."),
    )


@login_required
@require_POST
def report_verify(request, pk):
    report = get_report_for_user(request.user, pk, rule=can_verify)

    def done(verified):
        return _("Laporan %(tw)s diverifikasi. Kode verifikasi: %(code)s") % {
            "tw": verified.quarter_name,
            "code": verified.verification_code,
        }

    return _step(request, report, lambda: services.verify_report(report, request.user), done)


@login_required
@require_POST
def report_reopen(request, pk):
    report = get_report_for_user(request.user, pk, rule=can_verify)
    return _step(
        request,
        report,
        lambda: services.reopen_report(report, request.user),
        lambda after: _("Laporan dibuka kembali untuk diisi perencana."),
    )


def _step(request, report, step, done):
    """Take a workflow ``step()`` on ``report``, back to its page saying ``done(report after
    the step)``, or why the step was refused. A step returns the report after it, or None
    when it changed ``report`` itself."""
    try:
        after = step() or report
    except (PermissionDenied, ValidationError) as error:
        return _step_failed(request, report, error)
    messages.success(request, done(after))
    return redirect("report_detail", pk=after.pk)


def _step_failed(request, report, error):
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("report_detail", pk=report.pk)
