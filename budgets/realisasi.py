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

from django.db.models import Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from budgets.models import PaguLine, RealisasiAnggaran
from budgets.rpd import COLUMNS, RpdTable, jenis_from_parts, jenis_parts
from budgets.rpd_sums import rpd_sums
from monitoring.models import LineExecution, QuarterReport
from plans.models import RencanaAksi, Satker
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

    def add_jenis(self, month, jenis, amount):
        self.bulan[month][jenis] += amount or 0

    @property
    def total(self):
        return sum(sum(row.values()) for row in self.bulan.values())


def satker_scope(satkers):
    """``satkers`` as the right side of a ``satker__in`` lookup, and the ids to report on:
    a query set of satkers becomes a subquery of their pks (a national roll-up's 553 ids
    would otherwise be 553 parameters of every query) and no ids (only the satkers found are
    reported); ids (any iterable) stay a list, reported on all of them."""
    if isinstance(satkers, QuerySet):
        return satkers.order_by().values("pk"), []
    ids = list(satkers)
    return ids, ids


def _entry(result, satker_id, empty):
    """``result[satker_id]``, made with ``empty()`` the first time."""
    found = result.get(satker_id)
    if found is None:
        found = result[satker_id] = empty()
    return found


def realisation_for_satkers(satkers, year, *, details=True):
    """``{satker_id: Realisation}`` of ``satkers`` (ids, each of them reported, or a query
    set of satkers, only those with realisation reported); two queries whatever their number,
    added up per month and jenis belanja in the database. Without ``details`` the time of
    the import and the months of unverified reports are not read (the year's deviation does
    not need them)."""
    scope, ids = satker_scope(satkers)
    result = {satker_id: Realisation() for satker_id in ids}
    columns = ("bulan", "jenis_prefix", "jenis_length")
    imported = (
        RealisasiAnggaran.objects.filter(satker_id__in=scope, year=year)
        .order_by()
        .annotate(**jenis_parts("akun"))
        .values_list("satker_id", *columns)
        .annotate(total=Sum("jumlah"), **({"at": Max("imported_at")} if details else {}))
    )
    for satker_id, month, prefix, length, total, *at in imported:
        realisation = _entry(result, satker_id, Realisation)
        realisation.source = IMPORTED
        realisation.add_jenis(month, jenis_from_parts(prefix, length), total)
        if at and (realisation.imported_at is None or at[0] > realisation.imported_at):
            realisation.imported_at = at[0]
    statuses = ["report__status"] if details else []
    entered = (
        LineExecution.objects.filter(
            report__satker_id__in=scope, report__year=year, anggaran__isnull=False
        )
        .order_by()
        .annotate(**jenis_parts("line__akun_belanja"))
        .values_list("report__satker_id", "month", *columns[1:], *statuses)
        .annotate(total=Sum("anggaran"))
    )
    for satker_id, month, prefix, length, *status, total in entered:
        realisation = _entry(result, satker_id, Realisation)
        if realisation.source == IMPORTED:
            continue
        realisation.source = MONITORING
        realisation.add_jenis(month, jenis_from_parts(prefix, length), total)
        if status and status[0] != QuarterReport.Status.VERIFIED and total:
            realisation.unverified_months.add(month)
    return result


def pagu_for_satkers(satkers, year):
    """``{satker_id: {column: Rupiah}}``: the pagu per jenis belanja (every column present,
    0 without a pagu) of ``satkers`` (ids, or a query set: then only the satkers with a
    pagu are reported). One query."""
    scope, ids = satker_scope(satkers)
    result = {satker_id: dict.fromkeys(COLUMNS, 0) for satker_id in ids}
    rows = (
        PaguLine.objects.filter(pagu__satker_id__in=scope, pagu__year=year)
        .order_by()
        .annotate(**jenis_parts("akun"))
        .values_list("pagu__satker_id", "jenis_prefix", "jenis_length")
        .annotate(total=Sum("jumlah"))
    )
    for satker_id, prefix, length, total in rows:
        columns = _entry(result, satker_id, lambda: dict.fromkeys(COLUMNS, 0))
        columns[jenis_from_parts(prefix, length)] += total
    return result


def rpd_plans(satkers, year):
    """The plans whose RPD stands for ``satkers`` (ids or a query set) in ``year``, one per
    satker with a plan, chosen as ``budgets.rpd.plan_for_rpd`` chooses it (the latest
    approved version, else the latest), as a query set."""
    scope, _ = satker_scope(satkers)
    versions = RencanaAksi.objects.filter(satker=OuterRef("satker"), year=year).order_by("-version")
    approved = versions.filter(status=RencanaAksi.Status.APPROVED)
    chosen = Coalesce(Subquery(approved.values("pk")[:1]), Subquery(versions.values("pk")[:1]))
    return RencanaAksi.objects.filter(satker_id__in=scope, year=year, pk=chosen).order_by()


def plans_for_rpd(satkers, year):
    """``{satker_id: RencanaAksi}``: the plan whose RPD stands for each satker
    (``rpd_plans``). One query."""
    plans = rpd_plans(satkers, year).only("pk", "satker_id", "year", "version", "status")
    return {plan.satker_id: plan for plan in plans}


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


def budget_years(satker_ids, year):
    """``{satker_id: BudgetYear}`` for every id in six queries, whatever their number (the
    roll-ups, which only need the satkers with realisation, use ``spent_years``)."""
    satker_ids = list(satker_ids)
    realisation = realisation_for_satkers(satker_ids, year)
    plans = plans_for_rpd(satker_ids, year) if satker_ids else {}
    rpd = rpd_sums(plans.values())
    pagu = pagu_for_satkers(satker_ids, year) if satker_ids else {}
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


def spending(satkers, year):
    """The satkers of ``satkers`` (ids or a query set) with realisation in ``year``, imported
    or entered in a report, as a subquery of their pks."""
    scope, _ = satker_scope(satkers)
    imported = RealisasiAnggaran.objects.filter(year=year, satker_id__in=scope)
    entered = LineExecution.objects.filter(
        report__year=year, report__satker_id__in=scope, anggaran__isnull=False
    )
    return Satker.objects.filter(
        Q(pk__in=imported.values("satker_id")) | Q(pk__in=entered.values("report__satker_id"))
    ).values("pk")


def spent_years(satkers, year):
    """``{satker_id: BudgetYear}`` of the satkers of ``satkers`` (ids or a query set) that
    have realisation in ``year`` and a plan: what the roll-ups compute each year's deviation
    from, in six queries whatever their number (two when none has realisation). Only the
    money per month and jenis is read, not when it was imported or which reports are
    verified; the satkers without realisation are never read further."""
    read = realisation_for_satkers(satkers, year, details=False)
    realisation = {pk: spent for pk, spent in read.items() if spent.source}
    if not realisation:
        return {}
    spent = spending(satkers, year)
    tables = rpd_sums(rpd_plans(spent, year).only("pk", "satker_id", "year", "version", "status"))
    pagu = pagu_for_satkers(spent, year)
    result = {}
    for table in tables.values():
        satker_id = table.plan.satker_id
        if satker_id in realisation:
            result[satker_id] = BudgetYear(
                satker_id=satker_id,
                year=year,
                plan=table.plan,
                rpd=table,
                pagu_by_jenis=pagu.get(satker_id) or dict.fromkeys(COLUMNS, 0),
                realisation=realisation[satker_id],
            )
    return result
