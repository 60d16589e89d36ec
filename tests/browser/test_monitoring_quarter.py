"""Gorontalo's TW I in the browser: the planner fills two realisasi and a line's execution
and submits; the secretary returns one row with a reason; the planner fixes it and submits
again; the secretary verifies. Screenshots at 1440, 1280 and 390 px."""

import datetime
import importlib

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from monitoring.models import CapaianBand, InputWindow, QuarterReport
from plans import workflow
from plans.models import IndikatorKinerja, RencanaAksi, RencanaKegiatan
from tests.browser.conftest import expect_status, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LAYANAN = "Persentase Pegawai yang Mendapatkan Layanan Kepegawaian"
DISIPLIN = "Persentase Penegakan Disiplin Pegawai"


def default_bands():
    """The bands the data migration adds: an earlier live-server test flushed them."""
    defaults = importlib.import_module("monitoring.migrations.0002_default_capaian_bands")
    for lower, label, color in defaults.BANDS:
        CapaianBand.objects.get_or_create(lower=lower, defaults={"label": label, "color": color})


def approve_gorontalo():
    plan = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO", is_latest=True)
    people = get_user_model().objects
    if plan.status != RencanaAksi.Status.APPROVED:
        workflow.submit(plan, people.get(username="perencana.gorontalo"))
        secretary = people.get(username="sekretaris.gorontalo")
        plan = workflow.approve(plan, secretary, {"signatory_name": "Sekretaris Gorontalo"})
    # The demo year is long past: the admin extends TW I's window.
    closes = datetime.date.today() + datetime.timedelta(days=5)
    InputWindow.objects.update_or_create(year=2023, tw=1, defaults={"closes_on": closes})
    return plan


def card(page, indikator):
    return page.locator(f"#ik-{indikator.pk}")


def fill_realisasi(page, indikator, value, **narrative):
    box = card(page, indikator)
    box.locator("input[name=value_text]").fill(value)
    for name, text in narrative.items():
        box.locator(f"textarea[name={name}]").fill(text)
    box.locator("button:has-text('Simpan realisasi')").click()
    expect(box.locator(".saved-note")).to_be_visible()


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def shots(page, shot, name, indikator):
    """The page's head and the indicator's card at 1440, 1280 and 390 px; at 390 the page
    must not scroll sideways."""
    for width in (1440, 1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 390:
            no_sideways_scroll(page)
            page.evaluate("window.scrollTo(0, 0)")
            shot(page, f"monitoring-{name}-{width}-top")
        card(page, indikator).evaluate("element => element.scrollIntoView()")
        shot(page, f"monitoring-{name}-{width}")
    page.set_viewport_size({"width": 1440, "height": 900})


def test_a_quarter_is_filled_returned_fixed_and_verified(demo_site, page, shot):
    default_bands()
    plan = approve_gorontalo()
    layanan = IndikatorKinerja.objects.get(plan=plan, text__startswith=LAYANAN)
    disiplin = IndikatorKinerja.objects.get(plan=plan, text=DISIPLIN)
    line = RencanaKegiatan.objects.get(plan=plan, text="Monitoring Disiplin Pegawai")
    plan_url = f"{demo_site}/rencana/{plan.pk}/"
    page.emulate_media(reduced_motion="reduce")  # screenshots without the saved flash

    with signed_in(page, demo_site, "perencana.gorontalo", plan_url):
        page.click("a:has-text('Pemantauan triwulan')")
        expect(page.locator("h1")).to_contain_text("Pemantauan TW I 2023")
        expect(page.locator(".tabs [aria-current=page]")).to_contain_text("TW I")
        expect(page.locator(".meta .deadline")).to_be_visible()
        fill_realisasi(
            page,
            layanan,
            "95",
            faktor_pendukung="Layanan SIMPEG daring",
            faktor_penghambat="Dua pegawai cuti panjang",
            tindak_lanjut="Jadwal layanan digeser",
        )
        expect(card(page, layanan).locator("td.capaian").first).to_contain_text("97,44%")
        fill_realisasi(page, disiplin, "85")
        expect(card(page, disiplin).locator("td.capaian").first).to_contain_text("94,44%")

        box = card(page, disiplin)
        box.locator("summary:has-text('Pelaksanaan')").click()
        execution = page.locator(f"#line-{line.pk}")
        execution.locator("select[name=status_3]").select_option("terlaksana")
        execution.locator("input[name=anggaran_3]").fill("4.100.000")
        execution.locator("input[name=note_3]").fill("Apel dan rekap absensi")
        execution.locator("button:has-text('Simpan pelaksanaan')").click()
        expect(execution.locator(".saved-note")).to_be_visible()
        expect(box.locator("td[data-label='Kegiatan terlaksana']")).to_have_text("1 dari 1")
        expect(box.locator("td[data-label='Realisasi anggaran']")).to_have_text("Rp 4.100.000")
        shots(page, shot, "01-planner-filled", disiplin)

        page.click("button:has-text('Ajukan ke sekretaris')")
        expect_status(page, "Diajukan")
        expect(card(page, layanan).locator("form")).to_have_count(0)

    report = QuarterReport.objects.get(satker=plan.satker, year=2023, tw=1)
    report_url = f"{demo_site}/pemantauan/laporan/{report.pk}/"
    with signed_in(page, demo_site, "sekretaris.gorontalo", report_url):
        box = card(page, layanan)
        box.locator("textarea[name=tanggapan]").fill("Lampirkan daftar layanan.")
        box.locator("button:has-text('Simpan tanggapan')").click()
        expect(box.locator(".saved-note")).to_be_visible()
        box.locator("input[name=indikator]").check()
        page.fill("#periksa textarea[name=reason]", "Realisasi layanan belum sesuai rekap SIMPEG.")
        shots(page, shot, "02-secretary-returns", layanan)
        page.click("#periksa button:has-text('Kembalikan kepada perencana')")
        expect_status(page, "Dikembalikan")

    with signed_in(page, demo_site, "perencana.gorontalo", report_url):
        expect(page.locator(".notice")).to_contain_text("belum sesuai rekap SIMPEG")
        box = card(page, layanan)
        expect(box.locator(".returned-tag")).to_be_visible()
        expect(box.locator(".ik-tanggapan-text")).to_contain_text("Lampirkan daftar layanan")
        shots(page, shot, "03-planner-sees-return", layanan)
        fill_realisasi(page, layanan, "97,5")
        expect(box.locator(".returned-tag")).to_have_count(0)
        expect(box.locator("td.capaian").first).to_contain_text("100,00%")
        page.click("button:has-text('Ajukan ke sekretaris')")
        expect_status(page, "Diajukan")

    with signed_in(page, demo_site, "sekretaris.gorontalo", report_url):
        page.click(".plan-actions button:has-text('Verifikasi semua')")
        expect_status(page, "Diverifikasi")
        expect(page.locator(".notice.ok")).to_contain_text("kode verifikasi")
        expect(page.locator("main form[hx-post]")).to_have_count(0)
        shots(page, shot, "04-verified", disiplin)
    report.refresh_from_db()
    assert report.status == QuarterReport.Status.VERIFIED and report.verification_code
