"""Gorontalo's secretary chases the kabupaten/kota: the province's page on a wide screen, a
laptop and a phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.monitoring_fixtures import GORONTALO_KABKOTA

pytestmark = [pytest.mark.browser, pytest.mark.slow]
COUNTS = {
    "draft": "2 Draf",
    "submitted": "1 Diajukan",
    "returned": "1 Dikembalikan",
    "approved": "1 Disetujui",
    "missing": "2 Belum ada rencana",
}


def test_province_secretary_sees_every_kabupaten_kota_and_the_counts(demo_site, page, shot):
    sign_in(page, demo_site, "sekretaris.gorontalo")
    page.click("header a:has-text('Pantauan provinsi')")
    expect(page.locator("h1")).to_contain_text("KPU Provinsi Gorontalo")
    expect(page.locator("h1")).to_contain_text("2023")

    satkers = page.locator("table.province-table tbody th")
    expect(satkers).to_have_text(["KPU Provinsi Gorontalo satker provinsi", *GORONTALO_KABKOTA])
    for status, text in COUNTS.items():
        expect(page.locator(f".province-counts .count-{status}")).to_have_text(text)
    expect(page.locator(".province-total")).to_contain_text("Rp 10.060.818.000")
    expect(page.locator(".year-picker a[aria-current=page]")).to_have_text("2023")

    for width, height in [(1440, 900), (1280, 800), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        shot(page, f"province-{width}")
        if width == 390:
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            expect(page.locator("table.province-table thead")).to_be_hidden()

    page.click("a:has-text('KPU Kabupaten Pohuwato')")
    expect(page.locator(".meta .status")).to_have_text("Disetujui")
