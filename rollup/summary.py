"""The figures of the roll-ups: per satker its current plan for a year, the average capaian
of each verified quarter report and the year's RPD deviation; per group of satkers (a
province, the nation) the plans counted by status, the sum of their totals and the means of
their satkers' capaian and deviation. Read in a fixed number of queries whatever the number
of satkers.

A group's capaian is the mean of its satkers' quarter averages (each satker counts once,
however many indicators it has), over the satkers whose verified report of that quarter has
a capaian; its deviation is the mean over the satkers that have one.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from budgets.deviation import rounded, year_deviation_for_satkers
from monitoring.models import QUARTER_NAMES, QUARTERS, QuarterReport
from monitoring.rollup import Cell, mean, quarter_cells
from plans.models import RencanaAksi, RencanaKegiatan

Status = RencanaAksi.Status
# The statuses a current version can have, in the order a plan goes through them.
STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED)
MISSING = "missing"
MISSING_LABEL = _("Belum ada")
# What the pages show of each plan and report: reading only these keeps 553 of each light.
PLAN_FIELDS = ("pk", "satker_id", "year", "version", "status")
REPORT_FIELDS = ("pk", "satker_id", "year", "tw", "plan_id", "status")
DEVIATION_LIMIT = Decimal(5)  # the DJPb's tolerance, as budgets.deviation marks a month


@dataclass
class SatkerFigures:
    """One satker's year: its plan (None without one), a ``Cell`` per quarter (only
    verified reports count) and its RPD deviation in % (None without realisation)."""

    satker: object
    plan: RencanaAksi | None
    quarters: list
    deviation: Decimal | None = None


@dataclass
class Quarter:
    """A group's quarter: the mean of its satkers' averages and how many had one."""

    tw: int
    average: Decimal | None
    reported: int

    @property
    def name(self):
        return QUARTER_NAMES[self.tw]


@dataclass
class Group:
    """A province (its own satker and those below it) or the nation, added up."""

    satker: object  # the province's satker; None for the nation
    members: list = field(default_factory=list)  # SatkerFigures, the province's own first

    @property
    def counts(self):
        """``(status, label, count)`` per status and for the satkers without a plan, zeros
        included so every row reads the same way."""
        found = Counter(member.plan.status if member.plan else MISSING for member in self.members)
        return [(status.value, status.label, found[status]) for status in STATUSES] + [
            (MISSING, MISSING_LABEL, found[MISSING])
        ]

    @property
    def total(self):
        return sum(member.plan.total_biaya or 0 for member in self.members if member.plan)

    @property
    def quarters(self):
        result = []
        for index, tw in enumerate(QUARTERS):
            values = [
                member.quarters[index].average
                for member in self.members
                if member.quarters[index].average is not None
            ]
            result.append(Quarter(tw, mean(values), len(values)))
        return result

    @property
    def deviation(self):
        return mean([m.deviation for m in self.members if m.deviation is not None])

    @property
    def deviation_over(self):
        return self.deviation is not None and self.deviation > DEVIATION_LIMIT


def figures(user, satkers, year):
    """``{satker pk: SatkerFigures}`` of ``satkers`` (a query set of satkers, evaluated
    once, its cache reused by the caller) for ``year``: one query for the satkers, one for
    the plans, five for the reports and their capaian and the deviation's own fixed few.
    Every query selects the satkers by a subquery, never by a list of their ids."""
    members = list(satkers)
    scope = satkers.order_by().values("pk")
    lines = RencanaKegiatan.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    costs = lines.annotate(total=Sum("biaya"))
    plans = {
        plan.satker_id: plan
        for plan in RencanaAksi.objects.current()
        .filter(year=year, satker__in=scope)
        .annotate(total_biaya=Subquery(costs.values("total")))  # with_totals' sum only
        .only(*PLAN_FIELDS)
        .order_by()
    }
    reports = (
        QuarterReport.objects.filter(
            year=year, status=QuarterReport.Status.VERIFIED, satker__in=scope
        )
        .only(*REPORT_FIELDS)
        .order_by()
    )
    cells = quarter_cells(user, reports)
    ids = satkers.values_list("pk", flat=True)  # a subquery, not evaluated here
    deviations = year_deviation_for_satkers(ids, year)
    return {
        satker.pk: SatkerFigures(
            satker=satker,
            plan=plans.get(satker.pk),
            quarters=[cells.get((satker.pk, tw)) or Cell(tw) for tw in QUARTERS],
            deviation=rounded(deviations.get(satker.pk)),
        )
        for satker in members
    }


def by_province(provinces, satkers, found):
    """A ``Group`` per province of ``provinces``, in their order, holding the figures
    (``found``) of its own satker first, then those of ``satkers`` below it in order."""
    groups = {province.pk: Group(province, [found[province.pk]]) for province in provinces}
    for satker in satkers:
        if satker.parent_id in groups:
            groups[satker.parent_id].members.append(found[satker.pk])
    return list(groups.values())
