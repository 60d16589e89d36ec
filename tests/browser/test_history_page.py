"""Gorontalo: the history of a revision reads as plain Indonesian on a wide and a phone screen."""

import re

import pytest
from playwright.sync_api import expect

from plans.models import RencanaAksi
from tests.browser.conftest import (
    ARTIFACTS,
    expect_status,
    sign_in,
    signed_in,
    submit,
    take_step,
    toggle_month,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LINE = "Spanduk dan Konsumsi"  # Rp 2.850.000, scheduled in April
RETURN_REASON = "Biaya spanduk perlu dirinci per kegiatan"


def test_a_revisions_history_reads_as_words_names_rupiah_and_months(demo_site, page):
    plan = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO")
    url = f"{demo_site}/rencana/{plan.pk}/"

    with signed_in(page, demo_site, "perencana.gorontalo", url):
        row = page.locator("#matrix tr", has_text=LINE)
        row.locator("td.num").click()
        expect(page.locator("#editor-title")).to_have_text("Ubah Rencana kegiatan")
        page.fill("#id_biaya", "3.150.000")
        page.click("#editor button:has-text('Simpan')")
        expect(page.locator("#editor")).to_be_empty()
        toggle_month(row, 10, True)
        submit(page)
        expect_status(page, "Diajukan")

    with signed_in(page, demo_site, "sekretaris.gorontalo", url):
        take_step(page, "text=Kembalikan", "Kembalikan", reason=RETURN_REASON)
        expect_status(page, "Dikembalikan")

    with signed_in(page, demo_site, "perencana.gorontalo", url):
        submit(page)
        expect_status(page, "Diajukan")

    with signed_in(page, demo_site, "sekretaris.gorontalo", url):
        take_step(page, "a:has-text('Setujui')", "Setujui", signatory_name="Dr. Sekretaris")
        expect_status(page, "Disetujui")

    sign_in(page, demo_site, "perencana.gorontalo")
    page.goto(url)
    take_step(page, "text=Buka revisi", "Buka revisi", reason="Pergeseran anggaran spanduk")
    expect(page.locator(".meta")).to_contain_text("Versi 2")
    page.click("a.button:has-text('Riwayat')")
    expect(page.locator("h1")).to_have_text("Riwayat perubahan")

    history = page.locator(".history")
    text = history.inner_text()
    assert "True" not in text and "False" not in text
    assert not re.search(r"\b\d{5,}\b", text), "a raw amount or id"
    assert "Rp 2.850.000" in text and "Rp 3.150.000" in text
    assert "+ Oktober" in text
    assert text.count("Disalin dari versi 1, 45 baris") == 1
    assert "ditambahkan" not in text
    assert RETURN_REASON in text
    assert "Dikembalikan kepada perencana" in text and "Disetujui" in text
    assert "Revisi dibuka" in text and "Perencana Gorontalo" in text
    expect(history.locator(".event-step", has_text="Disetujui")).to_contain_text("versi 1")

    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1440, 1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{width} px wide page scrolls sideways ({scroll} px)"
        page.screenshot(path=str(ARTIFACTS / f"history-{width}.png"), full_page=True)
