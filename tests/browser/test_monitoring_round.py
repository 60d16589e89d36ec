"""A quarter from start to signature with its evidence: the planner fills, attaches a PDF
and submits; the secretary returns one row; the planner fixes it; the secretary verifies and
downloads the signed report, which carries the verification code."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from monitoring.models import Evidence, QuarterReport
from plans.models import IndikatorKinerja
from tests.browser.conftest import expect_status, signed_in
from tests.browser.test_monitoring_quarter import (
    LAYANAN,
    approve_gorontalo,
    card,
    default_bands,
    fill_realisasi,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_a_quarter_with_evidence_ends_in_a_signed_report(demo_site, page, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    default_bands()
    plan = approve_gorontalo()
    layanan = IndikatorKinerja.objects.get(plan=plan, text__startswith=LAYANAN)
    evidence = tmp_path / "rekap-layanan.pdf"
    evidence.write_bytes(PDF)

    with signed_in(page, demo_site, "perencana.gorontalo", f"{demo_site}/rencana/{plan.pk}/"):
        page.click("a:has-text('Pemantauan triwulan')")
        fill_realisasi(page, layanan, "95")
        box = card(page, layanan)
        box.locator("input[type=file][name=file]").first.set_input_files(str(evidence))
        box.locator("button:has-text('Tambah bukti')").click()
        expect(box.locator(".evidence-list")).to_contain_text("rekap-layanan.pdf")
        page.click("button:has-text('Ajukan ke sekretaris')")
        expect_status(page, "Diajukan")

    report = QuarterReport.objects.get(satker=plan.satker, year=2023, tw=1)
    assert Evidence.objects.filter(realisasi__report=report).count() == 1
    url = f"{demo_site}/pemantauan/laporan/{report.pk}/"
    with signed_in(page, demo_site, "sekretaris.gorontalo", url):
        card(page, layanan).locator("input[name=indikator]").check()
        page.fill("#periksa textarea[name=reason]", "Angka belum sesuai rekap.")
        page.click("#periksa button:has-text('Kembalikan kepada perencana')")
        expect_status(page, "Dikembalikan")

    with signed_in(page, demo_site, "perencana.gorontalo", url):
        fill_realisasi(page, layanan, "97,5")
        page.click("button:has-text('Ajukan ke sekretaris')")
        expect_status(page, "Diajukan")

    with signed_in(page, demo_site, "sekretaris.gorontalo", url):
        page.click(".plan-actions button:has-text('Verifikasi semua')")
        expect_status(page, "Diverifikasi")
        with page.expect_download() as download:
            page.click("a[href$='unduh.pdf']")
        signed = download.value.path().read_bytes()
    report.refresh_from_db()
    text = " ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(signed)).pages)
    assert report.verification_code in text and "DRAF" not in text
