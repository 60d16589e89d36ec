"""Where a satker's monthly realisation comes from, and everything its deviation needs.

Two sources, one a satker-year:

- **impor**: the treasury's export imported with ``import_realisasi_anggaran``
  (``RealisasiAnggaran`` rows). When a satker-year has any, they alone count: they are the
  figures the KPPN measures the satker by.
- **pemantauan**: otherwise, what the planners entered as spent (``LineExecution.anggaran``)
  in the satker's quarterly reports of the year, per month and grouped by the line's akun.
  Every report counts, verified or not: money spent is a fact the planner reports as it
  happens, and waiting for verification (a quarter later) would show every recent month as
  100 % off. The months whose figures come from reports not yet verified are named
  (``Realisation.unverified_months``), and the page says so.

Both are grouped per jenis belanja (the first two digits of the 6-digit akun, as
``budgets.rpd.jenis_of`` reads them; no akun: "belum_diketahui").
"""

from dataclasses import dataclass, field

from django.db.models import Max, Sum

from budgets.models import PaguLine, RealisasiAnggaran
from budgets.rpd import COLUMNS, RpdTable, jenis_of
from budgets.rpd_sums import rpd_sums
from monitoring.models import LineExecution, QuarterReport
from plans.models import RencanaAksi
from plans.vocabulary import MONTHS

IMPORTED, MONITORING = "impor", "pemantauan"


def _empty_months():
    return {month: dict.fromkeys(COLUMNS, 0) for month in MONTHS}


@dataclass
class Realisation:
    """Money spent per month (``bulan[month][column]``) by one satker in one year, and where
    the figures come from (``source``: "impor", "pemantauan" or "" for none)."""

    source: str = ""
    bulan: dict = field(default_factory=_empty_months)
    unverified_months: set = field(default_factory=set)
    imported_at: object = None

    def add(self, month, akun_belanja, amount):
        self.bulan[month][jenis_of(akun_belanja)] += amount or 0

    @property
    def total(self):
        return sum(sum(row.values()) for row in self.bulan.values())


def realisation_for_satkers(satker_ids, year):
    """``{satker_id: Realisation}`` for every id; two queries whatever their number."""
    result = {satker_id: Realisation() for satker_id in satker_ids}
    imported = (
        RealisasiAnggaran.objects.filter(satker_id__in=satker_ids, year=year)
        .order_by()
        .values_list("satker_id", "bulan", "akun")
        .annotate(total=Sum("jumlah"), at=Max("imported_at"))
    )
    for satker_id, month, akun, total, at in imported:
        realisation = result[satker_id]
        realisation.source = IMPORTED
        realisation.add(month, akun, total)
        if realisation.imported_at is None or at > realisation.imported_at:
            realisation.imported_at = at
    entered = (
        LineExecution.objects.filter(
            report__satker_id__in=satker_ids, report__year=year, anggaran__isnull=False
        )
        .order_by()
        .values_list("report__satker_id", "month", "line__akun_belanja", "report__status")
        .annotate(total=Sum("anggaran"))
    )
    for satker_id, month, akun, status, total in entered:
        realisation = result[satker_id]
        if realisation.source == IMPORTED:
            continue
        realisation.source = MONITORING
        realisation.add(month, akun, total)
        if status != QuarterReport.Status.VERIFIED and total:
            realisation.unverified_months.add(month)
    return result


def pagu_for_satkers(satker_ids, year):
    """``{satker_id: {column: Rupiah}}``: the pagu per jenis belanja (every column present,
    0 without a pagu). One query."""
    result = {satker_id: dict.fromkeys(COLUMNS, 0) for satker_id in satker_ids}
    rows = (
        PaguLine.objects.filter(pagu__satker_id__in=satker_ids, pagu__year=year)
        .order_by()
        .values_list("pagu__satker_id", "akun")
        .annotate(total=Sum("jumlah"))
    )
    for satker_id, akun, total in rows:
        result[satker_id][jenis_of(akun)] += total
    return result


def plans_for_rpd(satker_ids, year):
    """``{satker_id: RencanaAksi}``: the plan whose RPD stands for each satker, chosen as
    ``budgets.rpd.plan_for_rpd`` chooses it (the approved version, else the latest). One
    query."""
    chosen = {}
    plans = RencanaAksi.objects.filter(satker_id__in=satker_ids, year=year).order_by("version")
    for plan in plans.only("pk", "satker_id", "year", "version", "status"):
        current = chosen.get(plan.satker_id)
        approved = plan.status == RencanaAksi.Status.APPROVED
        if current is None or approved or current.status != RencanaAksi.Status.APPROVED:
            chosen[plan.satker_id] = plan
    return chosen


@dataclass
class BudgetYear:
    """What the deviation of one satker-year is computed from: the plan and its RPD (None
    without a plan), the pagu per jenis and the realisation."""

    satker_id: int
    year: int
    plan: RencanaAksi | None
    rpd: RpdTable | None
    pagu_by_jenis: dict
    realisation: Realisation

    @property
    def pagu_total(self):
        return sum(self.pagu_by_jenis.values())


def budget_years(satker_ids, year, *, spent_only=False):
    """``{satker_id: BudgetYear}`` for every id in six queries, whatever their number. With
    ``spent_only`` the satkers without realisation get no plan, RPD or pagu (their
    deviation is None whatever those hold), so nothing is read for them."""
    satker_ids = list(satker_ids)
    realisation = realisation_for_satkers(satker_ids, year)
    needed = [pk for pk in satker_ids if not spent_only or realisation[pk].source]
    plans = plans_for_rpd(needed, year) if needed else {}
    rpd = rpd_sums(plans.values())
    pagu = pagu_for_satkers(needed, year) if needed else {}
    result = {}
    for satker_id in satker_ids:
        plan = plans.get(satker_id)
        result[satker_id] = BudgetYear(
            satker_id=satker_id,
            year=year,
            plan=plan,
            rpd=rpd.get(plan.pk) if plan else None,
            pagu_by_jenis=pagu.get(satker_id) or dict.fromkeys(COLUMNS, 0),
            realisation=realisation[satker_id],
        )
    return result
