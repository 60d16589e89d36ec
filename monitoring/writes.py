"""The one way a quarterly report changes, as ``plans.writes`` for plans: one transaction,
the report row locked, the rule checked again on the locked row."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from monitoring.access import can_fill
from monitoring.models import QuarterReport


def lock_report(pk):
    return (
        QuarterReport.objects.select_for_update(of=("self",))
        .select_related("satker", "plan__satker")
        .get(pk=pk)
    )


@contextmanager
def locked_report(report, user, *, allowed=can_fill):
    """A transaction in which ``report`` is locked and ``allowed(user, report)`` held on the
    locked row; yields the fresh, locked report."""
    with transaction.atomic():
        locked = lock_report(report.pk if isinstance(report, QuarterReport) else report)
        if not allowed(user, locked):
            raise PermissionDenied(_("Laporan ini tidak dapat Anda ubah sekarang."))
        yield locked
