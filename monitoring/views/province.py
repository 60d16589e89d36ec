"""Capaian per satker per quarter for the province's page (``/provinsi/``), which loads this
table over htmx; without JavaScript its link opens the same table as a page. It lives here
because ``plans`` never imports ``monitoring``. The figures are ``monitoring.rollup``'s
(``quarter_cells``), read in a fixed number of queries however many satkers the province
has.
"""

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from monitoring.bands import band_for
from monitoring.models import (
    QUARTER_NAMES,
    QUARTERS,
    CapaianBand,
    QuarterReport,
)
from monitoring.rollup import Cell, quarter_cells
from plans import access
from plans.models import Satker
from plans.params import parse_int

TEMPLATE = "monitoring/province_capaian.html"


@login_required
def province_capaian(request):
    """The table for ``?tahun=`` (by default the latest year with reports); 403 for whoever
    oversees no province, as ``/provinsi/``."""
    overseen = access.overseen_provinces(request.user).values("pk")
    scope = Satker.objects.filter(Q(pk__in=overseen) | Q(parent__in=overseen))
    satkers = list(scope.order_by("name"))
    provinces = [satker for satker in satkers if satker.level == Satker.Level.PROVINSI]
    if not provinces:
        raise PermissionDenied
    reports = QuarterReport.objects.filter(satker__in=scope.values("pk"))  # a subquery
    year = parse_int(request.GET.get("tahun"), low=2000, high=2100)
    if year is None:
        latest = reports.order_by("-year").values_list("year", flat=True).first()
        year = latest or timezone.localdate().year
    cells = quarter_cells(request.user, reports.filter(year=year))
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


def _bands_version(bands):
    """Names the bands' stylesheet's version in its link, as the quarter page does."""
    text = "|".join(f"{band.pk}:{band.lower}:{band.color}" for band in bands)
    return hashlib.sha256(text.encode()).hexdigest()[:10]
