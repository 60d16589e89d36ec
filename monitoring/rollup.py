"""Capaian per satker per quarter, for the pages that add satkers up: the province's
capaian table (``monitoring.views.province``) and the national and province roll-ups
(``rollup``).

Per satker and quarter: the report's status and the average of its indicators' capaian of
that quarter, over the indicators whose capaian can be computed (each computed by
``monitoring.capaian`` from its own target and realisasi: a summary across indicators, never
a sum of one indicator's percentages). Read in five queries however many reports; the
realisasi come back as plain rows (thousands of them nationally), each distinct target text
is read once and each distinct target, figure and method computed once.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, Subquery

from monitoring import capaian
from monitoring.models import QUARTER_NAMES, CapaianBand, IndicatorMethod, QuarterReport, Realisasi
from plans.models import IndikatorKinerja, RencanaAksi

TARGETS = ["indikator__target", *(f"indikator__target_tw{tw}" for tw in range(1, 5))]


@dataclass
class Cell:
    """One satker's quarter: its report (None before one is opened) and the average."""

    tw: int
    report: QuarterReport | None = None
    average: Decimal | None = None
    computed: int = 0  # indicators whose capaian could be computed
    indicators: int = 0  # indicators of the report's plan
    band: CapaianBand | None = None
    visible: bool = False  # the user may open the report

    @property
    def name(self):
        return QUARTER_NAMES[self.tw]


def quarter_cells(user, reports):
    """``{(satker pk, tw): Cell}`` of ``reports`` (a ``QuarterReport`` query set, read as a
    subquery so that thousands of reports never become thousands of parameters): the
    reports, their realisasi, the indicators' methods, the number of indicators of each plan
    and which plans the user sees, five queries whatever the number of reports."""
    scope = reports.order_by().values("pk")
    reports = list(reports)
    by_pk = {report.pk: report for report in reports}
    filled = Realisasi.objects.filter(report__in=scope, value__isnull=False).order_by()
    defaults = IndicatorMethod()
    method = IndicatorMethod.objects.filter(uid=OuterRef("uid"))
    methods = {  # by indicator pk: the few indicators whose method was set
        pk: (arah, rumus)
        for pk, arah, rumus in IndikatorKinerja.objects.filter(
            pk__in=filled.values("indikator"),
            uid__in=IndicatorMethod.objects.values("uid"),
        )
        .annotate(arah=Subquery(method.values("arah")), rumus=Subquery(method.values("rumus")))
        .values_list("pk", "arah", "rumus")
    }
    plans = QuarterReport.objects.filter(pk__in=scope).values("plan")
    counts = dict(
        IndikatorKinerja.objects.filter(plan__in=plans)
        .order_by()
        .values("plan")
        .annotate(count=Count("pk"))
        .values_list("plan", "count")
    )
    visible = set(
        RencanaAksi.objects.for_user(user).filter(pk__in=plans).values_list("pk", flat=True)
    )
    default = (defaults.arah, defaults.rumus)
    tws = {pk: report.tw for pk, report in by_pk.items()}
    targets, results, values = {}, {}, defaultdict(list)
    # Streamed: thousands of rows, none kept (kept, they would wake Python's full GC).
    rows = filled.values_list("report_id", "indikator_id", "value", *TARGETS)
    for report_id, indikator_id, value, annual, *quarterly in rows.iterator(chunk_size=2000):
        text = quarterly[tws[report_id] - 1] or annual  # as summary.quarter_target
        method = methods.get(indikator_id, default)
        key = (text, value, method)
        if key not in results:  # the same target, figure and method give the same capaian
            if text not in targets:
                targets[text] = capaian.read_target(text)
            results[key] = capaian.capaian(targets[text], value, *method).value
        if results[key] is not None:
            values[report_id].append(results[key])
    cells = {}
    for report in reports:
        found = values[report.pk]
        cells[report.satker_id, report.tw] = Cell(
            tw=report.tw,
            report=report,
            average=mean(found),
            computed=len(found),
            indicators=counts.get(report.plan_id, 0),
            visible=report.plan_id in visible,
        )
    return cells


def mean(values):
    """The mean of ``values`` to the cent (half up); None when there are none."""
    if not values:
        return None
    return (sum(values) / len(values)).quantize(capaian.CENT, rounding=ROUND_HALF_UP)
