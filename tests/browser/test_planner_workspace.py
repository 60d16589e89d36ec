"""A Tomohon planner builds next year's plan in the browser, start to finish."""

import re

import pytest
from playwright.sync_api import expect

from budgets.rupiah import format_rupiah
from plans.models import RencanaAksi
from tests.browser.conftest import expect_scheduled, month_cell, sign_in, toggle_month

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_planner_copies_last_year_adds_lines_schedules_and_costs_them(demo_site, page, shot):
    sign_in(page, demo_site, "perencana.tomohon")
    page.click("text=Rencana aksi baru")
    page.select_option("#id_satker", label="KPU Kota Tomohon")
    page.fill("#id_year", "2024")
    page.select_option("#id_source", index=1)
    page.click("button:has-text('Buat')")
    expect(page.locator("h1")).to_contain_text("TAHUN ANGGARAN 2024")
    expect(page.locator("#messages")).to_contain_text("dibuat dari salinan")
    shot(page, "01-copied-plan")

    # Show costs: the full layout.
    page.click("text=Judul, kolom & penanda tangan")
    page.check("#id_layout input[value='lengkap']")
    page.click("button:has-text('Simpan')")
    expect(page.locator("table.matrix thead")).to_contain_text("PERKIRAAN BIAYA")
    copied = _copied_total()  # what the copied lines cost (the demo gives Tomohon's costs)

    # Add an indicator under sasaran 3's (blank) programme goal.
    row = page.locator("tr", has=page.locator(f"td#sasaran-{_sasaran_pk('3')}"))
    row.locator("td").nth(2).locator("a.ed").click()
    page.click("#editor >> text=+ Indikator")
    expect(page.locator("#editor-title")).to_have_text("Tambah Indikator kinerja")
    page.fill("#id_text", "Persentase produk hukum yang diunggah tepat waktu")
    page.fill("#id_target", "100%")
    page.click("#editor button:has-text('Simpan')")
    expect(page.locator("#matrix")).to_contain_text("produk hukum yang diunggah tepat waktu")

    # A kegiatan and a line under it, with a bad akun first.
    new_row = page.locator("tr", has_text="produk hukum yang diunggah tepat waktu")
    new_row.locator("a.add", has_text="+ Kegiatan").first.click()
    expect(page.locator("#editor-title")).to_have_text("Tambah Kegiatan")
    page.fill("#id_text", "Pengelolaan JDIH")
    page.click("#editor button:has-text('Simpan')")
    page.locator("#matrix a.ed", has_text="Pengelolaan JDIH").first.click()
    expect(page.locator("#editor-title")).to_have_text("Ubah Kegiatan")
    page.click("#editor >> text=+ Rencana kegiatan")
    expect(page.locator("#editor-title")).to_have_text("Tambah Rencana kegiatan")
    page.fill("#id_text", "Unggah produk hukum ke JDIH")
    page.fill("#id_biaya", "8.378.000")
    page.fill("#id_akun", "3358.EB.954")
    expect(page.locator("#check-akun")).to_contain_text("tidak sah")
    page.click("#editor button:has-text('Simpan')")
    expect(page.locator("#editor .field-error")).to_contain_text("Kode akun")
    shot(page, "02-bad-akun")
    page.fill("#id_akun", "3358.ebc.954.a")
    page.click("#editor button:has-text('Simpan')")
    expect(page.locator("#plan-total")).to_have_text(format_rupiah(copied + 8_378_000))
    line_row = page.locator("tr", has_text="Unggah produk hukum ke JDIH")
    expect(line_row).to_contain_text("3358.EBC.954.A")

    # Toggle months: saved at once.
    for month in (2, 3, 4):
        toggle_month(line_row, month, True)
    toggle_month(line_row, 3, False)
    # The keyboard moves the one month button and toggles with Enter.
    button = line_row.locator("button.month")
    expect(button).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(month_cell(line_row, 4).locator("button.month")).to_be_focused()
    expect(button).to_have_attribute("aria-label", "April · Unggah produk hukum ke JDIH")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    expect_scheduled(line_row, 2, False)
    page.keyboard.press("Space")
    expect_scheduled(line_row, 2, True)

    # Change the cost and see the total follow.
    line_row.locator("td.num").click()
    expect(page.locator("#editor-title")).to_have_text("Ubah Rencana kegiatan")
    page.fill("#id_biaya", "Rp 10.000.000")
    page.click("#editor button:has-text('Simpan')")
    expect(page.locator("#plan-total")).to_have_text(format_rupiah(copied + 10_000_000))
    shot(page, "03-plan-page")

    plan = RencanaAksi.objects.get(satker__code="KPU-KOTA-TOMOHON", year=2024)
    line = plan.lines.get(text="Unggah produk hukum ke JDIH")
    assert (line.months, line.biaya, line.akun) == ([2, 4], 10_000_000, "3358.EBC.954.A")

    # Another satker's plan does not exist for this planner.
    gorontalo = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO")
    response = page.goto(f"{demo_site}/rencana/{gorontalo.pk}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("ATK Administrasi Kepegawaian")


def test_secretary_sees_the_matrix_without_edit_controls(demo_site, page, shot):
    sign_in(page, demo_site, "sekretaris.gorontalo")
    page.click("text=KPU Provinsi Gorontalo")
    expect(page.locator("#matrix")).to_contain_text("ATK Administrasi Kepegawaian")
    expect(page.locator("#matrix tr[data-m]")).to_have_count(0)
    expect(page.locator("#plan-total")).to_have_text(re.compile(r"Rp 10\.060\.818\.000"))
    shot(page, "04-secretary-read-only")


def _copied_total():
    plan = RencanaAksi.objects.with_totals().get(satker__code="KPU-KOTA-TOMOHON", year=2024)
    return plan.total_biaya or 0


def _sasaran_pk(number):
    plan = RencanaAksi.objects.get(satker__code="KPU-KOTA-TOMOHON", year=2024)
    return plan.sasaran_strategis.get(number=number).pk
