"""The realisation page's two charts as data for ``templates/budgets/execution.html``, which
draws them as SVG on the server (no script, no inline style, like
``monitoring.charts``):

- ``s_curve``: the cumulative RPD against the cumulative realisation, month by month (the
  S-curve), with the RPD revision dates of the year marked on the month axis;
- ``deviation_bars``: each month's deviation as a bar, green up to the DJPb's 5 % and red
  above it, with the 5 % line drawn across.

Coordinates are computed here in the SVG's own units (``viewBox``), so the template only
places what it is given and escapes every text.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from budgets.deviation import THRESHOLD, rounded
from budgets.rupiah import format_rupiah
from plans.vocabulary import MONTH_NAMES

WIDTH = 360  # a phone shows them about this wide, a desktop scales them up
RPD_COLOR, REAL_COLOR = "#5b7ea4", "#d9822b"
OK_COLOR, OVER_COLOR = "#3c8d2f", "#c0392b"


def _nice_top(value):
    """``value`` rounded up to a round figure a quarter of which is round too (1, 1.2, 1.6,
    2, 2.4, 3, 4, 5, 6 or 8 times a power of ten)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10):
        if value <= factor * power:
            return factor * power
    return 10 * power


def compact_rupiah(amount):
    """``2500000000`` -> ``2,5 M``; ``750000000`` -> ``750 jt``: axis labels."""
    for size, unit in ((10**12, "T"), (10**9, "M"), (10**6, "jt"), (10**3, "rb")):
        if amount >= size:
            value = Decimal(amount) / size
            text = number_format(value.normalize() if value == value.to_integral() else value, 1)
            return f"{text.removesuffix(',0')} {unit}"
    return str(int(amount))


@dataclass
class Point:
    month: int
    x: float
    y: float
    amount: int


@dataclass
class SCurve:
    year: int
    rpd: list  # Points, January-December
    real: list  # Points, January to the last month with realisation
    ticks: list  # (label, y)
    months: list  # (short name, x)
    windows: list  # (label, x): the RPD revision dates
    width: int = WIDTH
    height: int = 230
    left: int = 44
    right: int = 352
    top: int = 30
    bottom: int = 196
    rpd_color: str = RPD_COLOR
    real_color: str = REAL_COLOR

    @property
    def rpd_points(self):
        return " ".join(f"{point.x},{point.y}" for point in self.rpd)

    @property
    def real_points(self):
        return " ".join(f"{point.x},{point.y}" for point in self.real)

    @property
    def summary(self):
        """The chart in words, for screen readers."""
        last = self.real[-1] if len(self.real) > 1 else None
        if last is None:
            spent = _("belum ada realisasi")
        else:
            planned = self.rpd[last.month].amount
            spent = _("sampai %(month)s realisasi kumulatif %(real)s dari RPD %(rpd)s") % {
                "month": MONTH_NAMES[last.month - 1],
                "real": format_rupiah(last.amount),
                "rpd": format_rupiah(planned),
            }
        return _("Kurva S %(year)s: RPD kumulatif setahun %(total)s; %(spent)s.") % {
            "year": self.year,
            "total": format_rupiah(self.rpd[-1].amount),
            "spent": spent,
        }


def s_curve(table, year, windows=()):
    """The S-curve of a ``budgets.deviation.DeviationTable``: a point at the end of each
    month (and 0 before January); ``windows`` the year's ``RevisionWindow`` dates."""
    chart = SCurve(year=year, rpd=[], real=[], ticks=[], months=[], windows=[])
    highest = max(
        [row.rpd_cumulative for row in table.months]
        + [row.real_cumulative for row in table.months]
        + [1]
    )
    top = _nice_top(highest)
    span_x = (chart.right - chart.left) / 12
    span_y = chart.bottom - chart.top

    def x_of(month):
        return round(chart.left + span_x * month, 2)

    def y_of(amount):
        return round(chart.bottom - span_y * amount / top, 2)

    chart.rpd.append(Point(0, x_of(0), y_of(0), 0))
    chart.real.append(Point(0, x_of(0), y_of(0), 0))
    for row in table.months:
        cumulative = row.rpd_cumulative
        chart.rpd.append(Point(row.month, x_of(row.month), y_of(cumulative), cumulative))
        if row.counted:
            chart.real.append(
                Point(row.month, x_of(row.month), y_of(row.real_cumulative), row.real_cumulative)
            )
    chart.ticks = [(compact_rupiah(top * step / 4), y_of(top * step / 4)) for step in range(5)]
    chart.months = [
        (MONTH_NAMES[month - 1][:3], round(chart.left + span_x * (month - 0.5), 2))
        for month in range(1, 13)
    ]
    for window in windows:
        day = window.date
        x = chart.left + span_x * (day.month - 1 + (day.day - 1) / 31)
        chart.windows.append((window.label, round(x, 2)))
    return chart


@dataclass
class Bar:
    month: int
    name: str
    short: str
    value: Decimal | None
    x: float
    center: float
    y: float = 0
    height: float = 0
    color: str = OK_COLOR

    @property
    def label(self):
        return "–" if self.value is None else number_format(rounded(self.value, 1), 1)


@dataclass
class DeviationBars:
    year: int
    bars: list
    scale: int  # the deviation (%) at the top of the chart
    ticks: list = field(default_factory=list)  # (percent, y)
    width: int = WIDTH
    height: int = 210
    left: int = 30
    right: int = 352
    top: int = 24
    bottom: int = 176
    bar: float = 14
    threshold: Decimal = THRESHOLD
    threshold_y: float = 0
    ok_color: str = OK_COLOR
    over_color: str = OVER_COLOR

    @property
    def summary(self):
        each = "; ".join(f"{bar.name} {bar.label}%" for bar in self.bars if bar.value is not None)
        over = sum(1 for bar in self.bars if bar.value is not None and bar.value > THRESHOLD)
        if not each:
            return _("Deviasi per bulan %(year)s: belum ada realisasi.") % {"year": self.year}
        return _(
            "Deviasi per bulan %(year)s, batas 5%%: %(over)s bulan di atas batas. %(each)s."
        ) % {"year": self.year, "over": over, "each": each}


def deviation_bars(table, year):
    """One bar per month of a ``DeviationTable``: its deviation, coloured against 5 %."""
    highest = max([row.deviation for row in table.months if row.deviation is not None] + [0])
    scale = 10 if highest <= 10 else (25 if highest <= 25 else (50 if highest <= 50 else 100))
    chart = DeviationBars(year=year, bars=[], scale=scale)
    slot = (chart.right - chart.left) / 12
    span = chart.bottom - chart.top
    chart.bar = round(slot * 0.6, 2)
    for row in table.months:
        x = round(chart.left + slot * (row.month - 1) + (slot - chart.bar) / 2, 2)
        bar = Bar(
            month=row.month,
            name=row.name,
            short=row.name[:3],
            value=row.deviation,
            x=x,
            center=round(x + chart.bar / 2, 2),
        )
        if row.deviation is not None:
            bar.height = round(span * float(row.deviation) / scale, 2)
            bar.y = round(chart.bottom - bar.height, 2)
            bar.color = OVER_COLOR if row.deviation > THRESHOLD else OK_COLOR
        chart.bars.append(bar)
    step = {10: 2, 25: 5, 50: 10, 100: 20}[scale]
    chart.ticks = [
        (percent, round(chart.bottom - span * percent / scale, 2))
        for percent in range(0, scale + 1, step)
    ]
    chart.threshold_y = round(chart.bottom - span * float(THRESHOLD) / scale, 2)
    return chart
