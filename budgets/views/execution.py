"""The realisation page of a satker and year: RPD against realisation per month and jenis
belanja, the deviation of Halaman III DIPA per month and for the year, serapan, the S-curve
and the deviation bars, and the next RPD revision date.

The satker comes through ``budgets.access.get_satker_for_user`` (outsiders 404); everything
else is read by ``budgets.realisasi.budget_years`` in a fixed number of queries.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from budgets import charts
from budgets.access import get_satker_for_user
from budgets.akun import jenis_belanja_name
from budgets.calendar import next_revision_window, revision_windows
from budgets.deviation import rounded, table_for
from budgets.realisasi import IMPORTED, budget_years
from budgets.rpd import COLUMNS, UNKNOWN
from budgets.rupiah import format_thousands
from budgets.views.pagu import year_or_404
from plans.vocabulary import MONTH_NAMES


@login_required
def budget_execution(request, satker, year):
    """The page; readers of the satker see it as its planners do."""
    satker = get_satker_for_user(request.user, satker)
    year = year_or_404(year)
    budget_year = budget_years([satker.pk], year)[satker.pk]
    table = table_for(budget_year)
    columns = _shown_columns(table)
    today = timezone.localdate()
    windows = revision_windows(year)
    context = {
        "satker": satker,
        "year": year,
        "plan": budget_year.plan,
        "realisation": budget_year.realisation,
        "imported": budget_year.realisation.source == IMPORTED,
        "table": table,
        "columns": [(column, _column_name(column)) for column in columns],
        "rows": [
            (
                row,
                [(format_thousands(row.rpd[c]), format_thousands(row.real[c])) for c in columns]
                + [(format_thousands(row.rpd_total), format_thousands(row.real_total))],
                _per_jenis(row),
            )
            for row in table.months
        ],
        "jenis_colspan": 2 * len(columns),
        "rpd_total": format_thousands(table.rpd_total),
        "real_total": format_thousands(table.real_total),
        "weights": [(_column_name(jenis), weight * 100) for jenis, weight in table.weights.items()],
        "unverified": sorted(budget_year.realisation.unverified_months),
        "s_curve": charts.s_curve(table, year, windows),
        "bars": charts.deviation_bars(table, year),
        "windows": windows,
        "next_window": next_revision_window(today) if today.year <= year else None,
        "today": today,
        "through_month": _month_name(table.through),
    }
    return render(request, "budgets/execution.html", context)


def _shown_columns(table):
    """The jenis with an RPD, a realisation or a pagu weight, in Halaman III's order."""
    used = set(table.weights)
    for row in table.months:
        used |= {column for column in COLUMNS if row.rpd.get(column) or row.real.get(column)}
    return [column for column in COLUMNS if column in used] or ["52"]


def _per_jenis(row):
    """``Belanja Barang (52) 16,69%; …``: what the month's deviation is the average of."""
    return "; ".join(
        f"{_column_name(jenis)} {number_format(rounded(value), 2)}%"
        for jenis, value in row.deviations.items()
    )


def _column_name(column):
    return _("Belum diketahui") if column == UNKNOWN else f"{jenis_belanja_name(column)} ({column})"


def _month_name(month):
    return MONTH_NAMES[month - 1] if month else ""
