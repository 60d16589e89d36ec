"""The quarter page's charts (monitoring/charts.py, templates/monitoring/_charts.html):
figures worked out by hand on a small plan, and SVG that escapes its texts and carries no
inline style."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring import charts
from monitoring.bands import band_for
from monitoring.models import (
    CapaianBand,
    IndicatorMethod,
    LineExecution,
    QuarterReport,
    Realisasi,
)
from monitoring.summary import summarize
from plans.models import RencanaAksi
from tests.factories import IndikatorFactory, KegiatanFactory, LineFactory, PlanFactory, RoleFactory
from tests.test_csp import inline_code

DONE, PARTLY = LineExecution.Status.DONE, LineExecution.Status.PARTLY
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def plan(db):
    plan = PlanFactory(year=2024, status=RencanaAksi.Status.APPROVED)
    first = IndikatorFactory(sasaran_program__sasaran_strategis__plan=plan, target="80%")
    program = first.sasaran_program
    lines = [
        LineFactory(kegiatan=KegiatanFactory(indikator=first), b1=True, b2=True, b4=True),
        LineFactory(kegiatan=KegiatanFactory(indikator=first), b1=False, b2=True),
    ]
    indicators = [first] + [
        IndikatorFactory(sasaran_program=program, target=target, text=text)
        for target, text in [
            ("10", "Jumlah temuan"),
            ("0", SCRIPT),
            ("50%", "Belum dilaporkan"),
            ("100", "Jumlah berkas"),
        ]
    ]
    plan.test_lines, plan.test_indicators = lines, indicators
    return plan


@pytest.fixture
def report(plan):
    """TW I with the realisasi 60, 12 (lower is better), 5 against 0, none, and 250."""
    report = QuarterReport.objects.create(satker=plan.satker, year=2024, tw=1, plan=plan)
    first, found, zero, _empty, files = plan.test_indicators
    IndicatorMethod.objects.create(uid=found.uid, arah="turun")
    for indikator, text in [(first, "60"), (found, "12"), (zero, "5"), (files, "250")]:
        Realisasi.objects.create(report=report, indikator=indikator, value_text=text)
    one, two = plan.test_lines
    LineExecution.objects.create(report=report, line=one, month=1, status=DONE)
    LineExecution.objects.create(report=report, line=one, month=2, status=PARTLY, anggaran=5)
    LineExecution.objects.create(report=report, line=two, month=2, status=DONE)
    later = QuarterReport.objects.create(satker=plan.satker, year=2024, tw=2, plan=plan)
    LineExecution.objects.create(report=later, line=one, month=4, status=DONE)
    return report


def test_execution_chart_counts_scheduled_and_done_month_pairs_of_the_year(
    report, django_assert_num_queries
):
    with django_assert_num_queries(2):
        chart = charts.execution_chart(report)
    figures = {month.month: (month.scheduled, month.done) for month in chart.months}
    assert figures == {
        1: (1, 1),
        2: (2, 1),  # the partly done month is not done
        3: (0, 0),
        4: (1, 1),  # from TW II's report
        **dict.fromkeys(range(5, 13), (0, 0)),
    }
    assert (chart.scheduled, chart.done) == (4, 3)
    # the axis ends at 2 (the most scheduled), bars from the baseline at 186 up to 34
    assert [value for value, _y in chart.ticks] == [0, 1, 2]
    february = chart.months[1]
    assert (february.scheduled_height, february.done_height) == (152, 76)
    assert (february.scheduled_y, february.done_y) == (34, 110)
    assert february.scheduled_x < february.center < february.done_x
    assert chart.quarter[0] == chart.months[0].x and chart.quarter[2] == 3 * chart.slot
    assert "Februari 1 dari 2" in chart.summary


def test_capaian_chart_bars_by_band_with_the_not_computable_listed(report):
    bands = list(CapaianBand.objects.all())
    chart = charts.capaian_chart(report, summarize(report), bands)
    values = [bar.value for bar in chart.bars]
    # 60/80; (2x10-12)/10 lower is better; target 0; no realisasi; 250/100
    assert values == [Decimal("75.00"), Decimal("80.00"), None, None, Decimal("250.00")]
    assert [bar.filled for bar in chart.bars] == [True, True, True, False, True]
    assert "nol" in chart.bars[2].reason
    assert chart.scale == 200  # 250 % is drawn to the end of the scale, and said
    assert [(bar.width, bar.clipped) for bar in chart.bars] == [
        (93.75, False),
        (100.0, False),
        (0, False),
        (0, False),
        (250.0, True),
    ]
    assert chart.hundred == 30 + 125
    for bar in chart.bars:
        band = band_for(bar.value, bands)
        assert bar.band == band
        if band is not None:
            assert bar.color == band.color
    assert "3 dari 5 indikator dapat dihitung" in chart.summary


def svg_section(html):
    start = html.index('<section class="charts"')
    return html[start : html.index("</section>", start)]


def test_the_quarter_page_draws_both_charts_accessibly_without_inline_style(report, client):
    client.force_login(RoleFactory(satker=report.satker).user)
    html = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    section = svg_section(html)
    assert section.count("<svg") == 2 and section.count('role="img"') == 2
    assert section.count("viewBox=") == 2 and "aria-labelledby=" in section
    assert "<desc" in section and "Kegiatan terjadwal dan terlaksana per bulan" in section
    assert "style=" not in section and "<style" not in section and "<script" not in section
    assert not inline_code(html)
    # the indicator's text is escaped in the bar's tooltip
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in section
    # coordinates keep the decimal point whatever the language; figures read Indonesian
    assert re.search(r'width="93\.75"', section)
    assert "75,00%" in section and "tidak dapat dihitung" in section and "belum diisi" in section


def test_the_charts_are_not_computed_for_the_pieces_htmx_swaps(report, client, monkeypatch):
    def fail(*args):
        raise AssertionError("charts computed")

    monkeypatch.setattr(charts, "for_report", fail)
    QuarterReport.objects.filter(pk=report.pk).update(reopened=True)  # 2024's window closed
    client.force_login(RoleFactory(satker=report.satker).user)
    first = report.plan.test_indicators[0]
    response = client.post(
        reverse("report_realisasi", args=[report.pk, first.pk]),
        {"value_text": "70", "lock_version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Realisasi.objects.get(report=report, indikator=first).value_text == "70"
