"""The national page (KPU RI's secretariat and leadership, admins) and a province's page
(whoever oversees that province): plans by status, totals, capaian per quarter and RPD
deviation, drilling down from the nation to a province and on to each satker's plan.
Read only; 404 for anyone else, so neither page says that it exists. A fixed number of
queries whatever the number of satkers."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from monitoring.models import QUARTER_NAMES, QUARTERS
from plans import access
from plans.models import RencanaAksi, Satker
from plans.params import parse_int
from rollup import summary

Level = Satker.Level


@login_required
def national_overview(request):
    """KPU RI's own plan, then one row per province (its own satker and its kabupaten/kota
    added up), and the nation's total row."""
    if not access.oversees_nation(request.user):
        raise Http404
    year, years = _year(request, RencanaAksi.objects.current())
    satkers = Satker.objects.order_by("name")
    found = summary.figures(request.user, satkers, year)  # reads ``satkers`` once
    provinces = [satker for satker in satkers if satker.level == Level.PROVINSI]
    # KPU RI's own plan leads, as a group of one; then each province with those below it.
    centre = [summary.Group(s, [found[s.pk]]) for s in satkers if s.level == Level.RI]
    groups = centre + summary.by_province(provinces, satkers, found)
    context = {
        "year": year,
        "years": years,
        "groups": groups,
        "nation": summary.Group(None, list(found.values())),
        **_headings(),
    }
    return render(request, "rollup/national.html", context)


@login_required
def province_rollup(request, code):
    """The province's own satker, then each kabupaten/kota with its plan, capaian per
    quarter and deviation; the province's total row above them."""
    province = get_object_or_404(access.overseen_provinces(request.user), code=code)
    satkers = Satker.objects.filter(Q(pk=province.pk) | Q(parent=province)).order_by("name")
    plans = RencanaAksi.objects.current().filter(satker__in=satkers.values("pk"))
    year, years = _year(request, plans)
    found = summary.figures(request.user, satkers, year)  # reads ``satkers`` once
    below = [found[satker.pk] for satker in satkers if satker.pk != province.pk]
    context = {
        "year": year,
        "years": years,
        "province": province,
        "group": summary.Group(province, [found[province.pk], *below]),
        "nation": access.oversees_nation(request.user),
        **_headings(),
    }
    return render(request, "rollup/province.html", context)


def _year(request, plans):
    """``?tahun=`` (by default the latest year of ``plans``) and the years to pick from."""
    years = sorted(set(plans.order_by().values_list("year", flat=True).distinct()), reverse=True)
    year = parse_int(request.GET.get("tahun"), low=2000, high=2100)
    year = year or (years[0] if years else timezone.localdate().year)
    return year, sorted({*years, year}, reverse=True)


def _headings():
    return {
        "statuses": [(status.value, status.label) for status in summary.STATUSES]
        + [(summary.MISSING, summary.MISSING_LABEL)],
        "quarter_names": [QUARTER_NAMES[tw] for tw in QUARTERS],
        "deviation_limit": summary.DEVIATION_LIMIT,
    }
