"""Who may print which scope: the readers (secretariat, leadership) of a satker print it and
everything below it - KPU RI's the nation, a province's its kabupaten/kota - and admins print
everything. The same rule shows a run and its file; everyone else gets 404."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from plans.access import READERS
from plans.models import Satker, SatkerRole
from printing.models import PrintRun


def printable_satkers(user):
    """The satkers whose booklet ``user`` may print and download."""
    if user.is_staff:
        return Satker.objects.all()
    readers = SatkerRole.objects.filter(user=user, role__in=READERS).values("satker")
    return Satker.objects.filter(
        Q(pk__in=readers) | Q(parent__in=readers) | Q(parent__parent__in=readers)
    )


def get_satker_to_print(user, code):
    """The satker of ``code`` if ``user`` may print it; 404 otherwise."""
    return get_object_or_404(printable_satkers(user), code=code)


def get_run_for_user(user, pk):
    """The run ``pk`` if ``user`` may print its satker; 404 otherwise."""
    runs = PrintRun.objects.select_related("satker", "requested_by")
    return get_object_or_404(runs, pk=pk, satker__in=printable_satkers(user))
