"""The quarter page's two charts as data for ``templates/monitoring/_charts.html``, which
draws them as SVG (no script, no inline style: the CSP allows neither):

- ``execution_chart``: per month of the year, the (line, month) pairs the plan schedules
  against those marked terlaksana in the satker's reports of the year;
- ``capaian_chart``: per indicator, the quarter's capaian as a bar coloured by its band,
  with a line at 100 %; an indicator whose capaian cannot be computed is listed as such.

Coordinates are computed here, in the SVG's own units (``viewBox``), so the template only
places what it is given and escapes every text.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from monitoring.bands import band_for
from monitoring.forms import HEX_COLOR
from monitoring.models import QUARTER_MONTHS, LineExecution
from plans.models import RencanaKegiatan
from plans.vocabulary import MONTH_FIELDS, MONTH_NAMES

WIDTH = 360  # both charts; a phone shows them about this wide, a desktop scales them up
SCHEDULED_COLOR, DONE_COLOR, NO_BAND_COLOR = "#9fb3c8", "#3c8d2f", "#8a96a3"


@dataclass
class Month:
    month: int
    name: str
    short: str
    scheduled: int
    done: int
    in_quarter: bool
    x: float = 0  # left of the month's slot
    center: float = 0
    scheduled_x: float = 0
    done_x: float = 0
    scheduled_y: float = 0
    scheduled_height: float = 0
    done_y: float = 0
    done_height: float = 0


@dataclass
class ExecutionChart:
    year: int
    months: list
    ticks: list  # (value, y)
    width: int = WIDTH
    height: int = 210
    left: int = 30
    top: int = 34
    bottom: int = 186  # the baseline
    slot: float = 0
    bar: float = 10
    quarter: tuple = ()  # (x, y, width, height) of the report's quarter, shaded
    scheduled_color: str = SCHEDULED_COLOR
    done_color: str = DONE_COLOR

    @property
    def scheduled(self):
        return sum(month.scheduled for month in self.months)

    @property
    def done(self):
        return sum(month.done for month in self.months)

    @property
    def summary(self):
        """The chart in words, for screen readers (``aria-label`` and ``<desc>``)."""
        each = "; ".join(
            _("%(month)s %(done)s dari %(scheduled)s")
            % {"month": month.name, "done": month.done, "scheduled": month.scheduled}
            for month in self.months
            if month.scheduled or month.done
        )
        return _(
            "Kegiatan terjadwal dan terlaksana per bulan %(year)s: %(done)s dari %(scheduled)s "
            "pasangan kegiatan dan bulan terlaksana. %(each)s."
        ) % {"year": self.year, "done": self.done, "scheduled": self.scheduled, "each": each}


def execution_chart(report):
    """Scheduled against done per month of ``report``'s year: the schedule of the report's
    plan, the terlaksana marks of every report of the satker and year, matched by the
    line's ``uid`` (a revision keeps it). Two queries."""
    scheduled = set()
    for uid, *marks in RencanaKegiatan.objects.filter(plan=report.plan_id).values_list(
        "uid", *MONTH_FIELDS
    ):
        scheduled.update((uid, month) for month, marked in enumerate(marks, start=1) if marked)
    done = {
        pair
        for pair in LineExecution.objects.filter(
            report__satker=report.satker_id,
            report__year=report.year,
            status=LineExecution.Status.DONE,
        ).values_list("line__uid", "month")
        if pair in scheduled
    }
    chart = ExecutionChart(
        year=report.year,
        months=[
            Month(
                month=month,
                name=MONTH_NAMES[month - 1],
                short=MONTH_NAMES[month - 1][:3],
                scheduled=sum(1 for _uid, each in scheduled if each == month),
                done=sum(1 for _uid, each in done if each == month),
                in_quarter=month in QUARTER_MONTHS[report.tw],
            )
            for month in range(1, 13)
        ],
        ticks=[],
    )
    _place_months(chart, QUARTER_MONTHS[report.tw])
    return chart


def _place_months(chart, quarter):
    top = _nice_top(max([month.scheduled for month in chart.months] + [1]))
    span = chart.bottom - chart.top
    chart.slot = (chart.width - chart.left - 4) / 12
    chart.bar = round(chart.slot * 0.36, 2)
    step = top // 4 if top >= 8 else max(1, top // 2)
    chart.ticks = [
        (value, round(chart.bottom - span * value / top, 2)) for value in range(0, top + 1, step)
    ]
    for index, month in enumerate(chart.months):
        month.x = round(chart.left + index * chart.slot, 2)
        month.center = round(month.x + chart.slot / 2, 2)
        month.scheduled_x = round(month.center - chart.bar - 0.5, 2)
        month.done_x = round(month.center + 0.5, 2)
        month.scheduled_height = round(span * month.scheduled / top, 2)
        month.scheduled_y = round(chart.bottom - month.scheduled_height, 2)
        month.done_height = round(span * month.done / top, 2)
        month.done_y = round(chart.bottom - month.done_height, 2)
    first = chart.months[quarter[0] - 1]
    height = chart.bottom - chart.top + 26
    chart.quarter = (first.x, chart.top - 8, round(chart.slot * len(quarter), 2), height)


def _nice_top(value):
    """The axis' end: ``value`` rounded up to 1, 2, 4, 5 or 8 times a power of ten."""
    power = 10 ** max(0, math.floor(math.log10(value)))
    for factor in (1, 2, 4, 5, 8, 10):
        if value <= factor * power:
            return factor * power
    return 10 * power


@dataclass
class Bar:
    number: int
    pk: int
    text: str
    value: Decimal | None
    reason: str
    filled: bool  # a realisasi was entered (else: not reported yet)
    band: object = None
    color: str = NO_BAND_COLOR
    y: float = 0  # top of the row
    width: float = 0
    clipped: bool = False  # above the scale: drawn to its end, the figure says how far

    @property
    def bar_y(self):
        return self.y + 3

    @property
    def text_y(self):
        return self.y + 13

    @property
    def label_x(self):
        return round(CapaianChart.left + self.width + 4, 2)


@dataclass
class CapaianChart:
    quarter: str
    bars: list
    scale: int  # the capaian (%) at the right end of the bars
    width: int = WIDTH
    row: int = 18
    top: int = 30
    left: int = 30  # the bars start here; the indicator's number is left of it
    span: int = 250  # the bars' full width
    ticks: list = field(default_factory=list)  # (percent, x)

    @property
    def height(self):
        return self.top + self.row * len(self.bars) + 22

    @property
    def hundred(self):
        return self.left + self.span * 100 / self.scale

    @property
    def axis_y(self):
        return self.top + self.row * len(self.bars) + 4

    @property
    def computed(self):
        return [bar for bar in self.bars if bar.value is not None]

    @property
    def summary(self):
        """The chart in words, for screen readers."""
        each = "; ".join(
            f"{bar.number}. "
            + (
                f"{number_format(bar.value, 2)}%"
                if bar.value is not None
                else (_("tidak dapat dihitung") if bar.filled else _("belum diisi"))
            )
            for bar in self.bars
        )
        return _(
            "Capaian %(tw)s per indikator: %(computed)s dari %(total)s indikator dapat "
            "dihitung. %(each)s."
        ) % {
            "tw": self.quarter,
            "computed": len(self.computed),
            "total": len(self.bars),
            "each": each,
        }


def capaian_chart(report, rows, bands):
    """One bar per summary row (``monitoring.summary.Row``, in plan order) of ``report``:
    its capaian of the quarter coloured by its band among ``bands``. No query."""
    bars = []
    for number, row in enumerate(rows, start=1):
        value = row.capaian_tw.value
        band = band_for(value, bands)
        color = band.color if band is not None and HEX_COLOR.fullmatch(band.color) else None
        bars.append(
            Bar(
                number=number,
                pk=row.indikator.pk,
                text=row.indikator.text,
                value=value,
                reason=row.capaian_tw.reason,
                filled=bool(row.realisasi is not None and row.realisasi.value_text),
                band=band,
                color=color or NO_BAND_COLOR,
            )
        )
    highest = max([bar.value for bar in bars if bar.value is not None] + [Decimal(100)])
    scale = min(200, max(120, math.ceil(highest / 20) * 20))
    chart = CapaianChart(quarter=report.quarter_name, bars=bars, scale=scale)
    for index, bar in enumerate(bars):
        bar.y = chart.top + index * chart.row
        if bar.value is not None:
            shown = min(max(bar.value, Decimal(0)), Decimal(scale))
            bar.clipped = bar.value > scale
            bar.width = round(float(shown) * chart.span / scale, 2)
    chart.ticks = [
        (percent, round(chart.left + chart.span * percent / scale, 2))
        for percent in range(0, scale + 1, 50 if scale > 150 else 20)
    ]
    return chart


def for_report(report, rows, bands):
    """Both charts of the quarter page: three queries' worth, once per page."""
    return {
        "execution": execution_chart(report),
        "capaian": capaian_chart(report, rows, bands),
    }
