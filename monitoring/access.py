"""Who may see, fill and verify a quarterly report: the plan's rules, asked again.

A report is visible to whoever may see its plan (404 otherwise). Planners of the satker
fill it while it is a draft or returned and its input window is open (or a secretary
reopened it); the satker's secretary returns and verifies it; everyone else reads.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from monitoring.models import InputWindow, QuarterReport
from plans import access
from plans.models import RencanaAksi


def window_open(report, today=None):
    """The quarter's input window is open, or a secretary reopened the report."""
    today = today or timezone.localdate()
    return report.reopened or today <= InputWindow.closes(report.year, report.tw)


def can_fill(user, report):
    return report.is_editable and window_open(report) and access.is_planner(user, report.satker)


def can_verify(user, report):
    return access.can_approve(user, report.plan)


def visible_reports(user):
    return QuarterReport.objects.filter(plan__in=RencanaAksi.objects.for_user(user))


def get_report_for_user(user, pk, *, rule=None):
    """The report ``pk`` if ``user`` may see it (404 otherwise); 403 unless
    ``rule(user, report)`` holds."""
    report = get_object_or_404(
        visible_reports(user).select_related("satker", "plan__satker"), pk=pk
    )
    if rule is not None and not rule(user, report):
        raise PermissionDenied("Anda tidak berhak melakukan ini pada laporan ini.")
    return report
