"""The province's page: every satker it oversees with its plan for a year, to chase the late."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans import access
from plans.models import RencanaAksi, Satker
from plans.params import parse_int

Status = RencanaAksi.Status
# The statuses a current version can have, in the order a plan goes through them.
SHOWN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED)
MISSING = "missing"
MISSING_LABEL = _("Belum ada rencana")


@login_required
def province_overview(request):
    """Each province the user oversees (all of them for admins) with its own satker and every
    satker below it, each with the current version of its plan for ``?tahun=`` (by default
    the latest year those satkers have plans for), counts by status and the sum of the totals.
    Read-only; a satker's name leads to its plan where the user may see it. Six queries
    however many satkers."""
    overseen = access.overseen_provinces(request.user).values("pk")
    watched = Satker.objects.filter(Q(pk__in=overseen) | Q(parent__in=overseen))
    satkers = list(watched.order_by("name"))
    provinces = [satker for satker in satkers if satker.level == Satker.Level.PROVINSI]
    if not provinces:
        raise PermissionDenied
    plans = RencanaAksi.objects.current().filter(satker__in=watched.values("pk")).order_by()
    years = sorted(set(plans.values_list("year", flat=True)), reverse=True)
    year = parse_int(request.GET.get("tahun"), low=2000, high=2100)
    year = year or (years[0] if years else timezone.localdate().year)
    visible = RencanaAksi.objects.for_user(request.user).filter(pk=OuterRef("pk"))
    by_satker = {
        plan.satker_id: plan
        for plan in plans.filter(year=year).with_totals().annotate(visible=Exists(visible))
    }
    groups = {province.pk: (province, []) for province in provinces}
    for satker in satkers:
        row = (satker, by_satker.get(satker.pk))
        if satker.pk in groups:  # the province's own satker leads its group
            groups[satker.pk][1].insert(0, row)
        else:
            groups[satker.parent_id][1].append(row)
    context = {
        "year": year,
        "years": years if year in years else sorted([*years, year], reverse=True),
        "groups": list(groups.values()),
        "counts": _counts(by_satker.values(), missing=len(satkers) - len(by_satker)),
        "total": sum(plan.total_biaya or 0 for plan in by_satker.values()),
    }
    return render(request, "plans/province_overview.html", context)


def _counts(plans, missing):
    """``(status, label, count)`` for each status a current plan can have, then the satkers
    without a plan: zeros included, so the page always reads the same way."""
    found = Counter(plan.status for plan in plans)
    counts = [(status.value, status.label, found[status]) for status in SHOWN_STATUSES]
    return [*counts, (MISSING, MISSING_LABEL, missing)]
