"""Gorontalo: submit, return with a reason, fix, resubmit, approve, print, revise, compare."""

import pytest
from playwright.sync_api import expect

from plans.models import RencanaAksi
from tests.browser.conftest import expect_status, sign_in, signed_in, submit, take_step

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_gorontalo_plan_goes_through_review_approval_and_revision(demo_site, page, shot):
    plan = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO")
    url = f"{demo_site}/rencana/{plan.pk}/"

    with signed_in(page, demo_site, "perencana.gorontalo", url):
        submit(page)
        expect_status(page, "Diajukan")

    with signed_in(page, demo_site, "sekretaris.gorontalo", url):
        reason = "Target TW belum diisi untuk indikator kepegawaian"
        take_step(page, "text=Kembalikan", "Kembalikan", reason=reason)
        expect_status(page, "Dikembalikan")

    with signed_in(page, demo_site, "perencana.gorontalo", url):
        expect(page.locator(".notice")).to_contain_text("Target TW belum diisi")
        page.locator("#matrix a.ed", has_text="Persentase Penegakan Disiplin Pegawai").click()
        expect(page.locator("#editor-title")).to_have_text("Ubah Indikator kinerja")
        page.fill("#id_target_tw1", "25%")
        page.click("#editor button:has-text('Simpan')")
        expect(page.locator("#editor")).to_be_empty()
        submit(page)
        expect_status(page, "Diajukan")

    with signed_in(page, demo_site, "sekretaris.gorontalo", url):
        take_step(
            page,
            "a:has-text('Setujui')",
            "Setujui",
            signatory_name="Dr. Sekretaris Gorontalo",
            signatory_nip="197501012000031001",
        )
        expect_status(page, "Disetujui")
        expect(page.locator(".notice.ok")).to_contain_text("kode verifikasi")
        shot(page, "05-approved")
        with page.expect_download() as download:
            page.click("text=Unduh PDF")
        pdf = download.value.path()
        with open(pdf, "rb") as handle:
            assert handle.read(5) == b"%PDF-"
        plan.refresh_from_db()
        from pypdf import PdfReader

        text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
        assert "Dr. Sekretaris Gorontalo" in text and plan.verification_code in text
        assert "DRAF" not in text

    sign_in(page, demo_site, "perencana.gorontalo")
    page.goto(url)
    take_step(page, "text=Buka revisi", "Buka revisi", reason="Pergeseran anggaran ATK")
    expect(page.locator(".meta")).to_contain_text("Versi 2")
    page.locator("#matrix td.num").first.click()
    expect(page.locator("#editor-title")).to_have_text("Ubah Rencana kegiatan")
    page.fill("#id_biaya", "9.000.000")
    page.click("#editor button:has-text('Simpan')")
    expect(page.locator("#plan-total")).to_have_text("Rp 10.061.440.000")
    page.click("text=2 versi")
    page.click("text=Bandingkan")
    expect(page.locator("h1")).to_contain_text("Perbandingan versi 1 dan 2")
    expect(page.locator("table.compare")).to_contain_text("ATK Administrasi Kepegawaian")
    expect(page.locator("table.compare")).to_contain_text("Rp 9.000.000")
    expect(page.locator("#total-after")).to_have_text("Rp 10.061.440.000")
    shot(page, "06-comparison")
