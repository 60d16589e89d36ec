"""Capaian per satker per quarter for the province's page (``/provinsi/``), which loads this
table over htmx; without JavaScript its link opens the same table as a page. It lives here
because ``plans`` never imports ``monitoring``.

Per satker and quarter: the report's status and the average of its indicators' capaian of
that quarter, over the indicators whose capaian can be computed (each computed by
``monitoring.capaian`` from its own target and realisasi: a summary across indicators, never
a sum of one indicator's percentages). Read in a fixed number of queries, however many
satkers the province has.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from monitoring import capaian
from monitoring.bands import band_for
from monitoring.models import (
    QUARTER_NAMES,
    QUARTERS,
    CapaianBand,
    IndicatorMethod,
    QuarterReport,
    Realisasi,
)
from monitoring.summary import quarter_target
from plans import access
from plans.models import IndikatorKinerja, RencanaAksi, Satker
from plans.params import parse_int

TEMPLATE = "monitoring/province_capaian.html"


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


@login_required
def province_capaian(request):
    """The table for ``?tahun=`` (by default the latest year with reports); 403 for whoever
    oversees no province, as ``/provinsi/``."""
    overseen = access.overseen_provinces(request.user).values("pk")
    satkers = list(
        Satker.objects.filter(Q(pk__in=overseen) | Q(parent__in=overseen)).order_by("name")
    )
    provinces = [satker for satker in satkers if satker.level == Satker.Level.PROVINSI]
    if not provinces:
        raise PermissionDenied
    reports = QuarterReport.objects.filter(satker__in=[satker.pk for satker in satkers])
    year = parse_int(request.GET.get("tahun"), low=2000, high=2100)
    if year is None:
        latest = reports.order_by("-year").values_list("year", flat=True).first()
        year = latest or timezone.localdate().year
    cells = quarter_cells(request.user, list(reports.filter(year=year)))
    groups = {province.pk: (province, []) for province in provinces}
    for satker in satkers:
        row = (satker, [cells.get((satker.pk, tw)) or Cell(tw) for tw in QUARTERS])
        if satker.pk in groups:  # the province's own satker leads its group
            groups[satker.pk][1].insert(0, row)
        else:
            groups[satker.parent_id][1].append(row)
    bands = list(CapaianBand.objects.all())
    for _satker, row in (row for _province, rows in groups.values() for row in rows):
        for cell in row:
            cell.band = band_for(cell.average, bands)
    context = {
        "year": year,
        "groups": list(groups.values()),
        "quarter_names": [QUARTER_NAMES[tw] for tw in QUARTERS],
        "bands_version": _bands_version(bands),
    }
    template = f"{TEMPLATE}#table" if request.htmx else TEMPLATE
    return render(request, template, context)


def quarter_cells(user, reports):
    """``{(satker pk, tw): Cell}`` of ``reports``: the realisasi, the indicators' methods,
    the number of indicators of each plan and which plans the user sees, four queries
    whatever the number of reports."""
    realisasi = Realisasi.objects.filter(
        report__in=[report.pk for report in reports], value__isnull=False
    ).select_related("indikator")
    realisasi = list(realisasi)
    methods = {
        method.uid: method
        for method in IndicatorMethod.objects.filter(
            uid__in={row.indikator.uid for row in realisasi}
        )
    }
    plans = {report.plan_id for report in reports}
    counts = dict(
        IndikatorKinerja.objects.filter(plan__in=plans)
        .values("plan")
        .annotate(count=Count("pk"))
        .values_list("plan", "count")
    )
    visible = set(
        RencanaAksi.objects.for_user(user).filter(pk__in=plans).values_list("pk", flat=True)
    )
    values = defaultdict(list)
    by_pk = {report.pk: report for report in reports}
    for row in realisasi:
        report = by_pk[row.report_id]
        method = methods.get(row.indikator.uid) or IndicatorMethod(uid=row.indikator.uid)
        target = capaian.read_target(quarter_target(row.indikator, report.tw))
        result = capaian.capaian(target, row.value, method.arah, method.rumus)
        if result.value is not None:
            values[report.pk].append(result.value)
    cells = {}
    for report in reports:
        found = values[report.pk]
        cells[report.satker_id, report.tw] = Cell(
            tw=report.tw,
            report=report,
            average=_mean(found),
            computed=len(found),
            indicators=counts.get(report.plan_id, 0),
            visible=report.plan_id in visible,
        )
    return cells


def _mean(values):
    if not values:
        return None
    return (sum(values) / len(values)).quantize(capaian.CENT, rounding=ROUND_HALF_UP)


def _bands_version(bands):
    """Names the bands' stylesheet's version in its link, as the quarter page does."""
    text = "|".join(f"{band.pk}:{band.lower}:{band.color}" for band in bands)
    return hashlib.sha256(text.encode()).hexdigest()[:10]
