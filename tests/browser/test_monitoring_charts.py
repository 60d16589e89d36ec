"""The monitoring demo in the browser: the quarter page's downloads and charts and the
province's capaian per quarter, at 1440 and 390 px, without sideways scroll on a phone.
Screenshots in tests/artifacts/ (monitoring-charts-*.png, province-capaian-*.png)."""

import pytest
from playwright.sync_api import expect

from monitoring.models import QuarterReport
from tests.browser.conftest import signed_in
from tests.browser.test_monitoring_quarter import default_bands

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def test_the_quarter_page_shows_downloads_and_both_charts(demo_monitoring_site, page, shot):
    default_bands()
    report = QuarterReport.objects.get(satker__code="KPU-PROV-GORONTALO", year=2023, tw=3)
    url = f"{demo_monitoring_site}/pemantauan/laporan/{report.pk}/"
    with signed_in(page, demo_monitoring_site, "perencana.gorontalo", url):
        actions = page.locator(".plan-actions")
        for label in ("Unduh PDF", "Unduh Excel", "Templat realisasi (.xlsx)", "Unggah realisasi"):
            expect(actions.get_by_role("link", name=label)).to_be_visible()
        charts = page.locator("section.charts svg[role=img]")
        expect(charts).to_have_count(2)
        expect(charts.first).to_be_visible()
        assert "Juli" in charts.first.locator("desc").text_content()
        expect(page.locator("section.charts").get_by_text("belum diisi").first).to_be_attached()
        page.locator("section.charts").scroll_into_view_if_needed()
        shot(page, "monitoring-charts-1440")
        page.set_viewport_size({"width": 390, "height": 844})
        page.locator("section.charts").scroll_into_view_if_needed()
        no_sideways_scroll(page, 390)
        box = charts.last.bounding_box()
        assert box["width"] <= 390
        shot(page, "monitoring-charts-390")
        page.set_viewport_size({"width": 1440, "height": 900})


def test_the_province_overview_loads_capaian_per_quarter(demo_monitoring_site, page, shot):
    default_bands()
    url = f"{demo_monitoring_site}/provinsi/?tahun=2023"
    with signed_in(page, demo_monitoring_site, "sekretaris.gorontalo", url):
        table = page.locator("table.capaian-table")
        expect(table).to_be_visible()
        own = table.locator("tr.own")
        expect(own.locator("td").nth(0)).to_contain_text("Diverifikasi")
        expect(own.locator("td").nth(1)).to_contain_text("Dikembalikan")
        expect(own.locator("td").nth(2)).to_contain_text("Draf")
        expect(own.locator(".capaian-figure").first).to_contain_text("%")
        table.scroll_into_view_if_needed()
        shot(page, "province-capaian-1440")
        page.set_viewport_size({"width": 390, "height": 844})
        page.evaluate("document.getElementById('province-capaian').scrollIntoView()")
        no_sideways_scroll(page, 390)
        shot(page, "province-capaian-390")
        page.set_viewport_size({"width": 1440, "height": 900})
