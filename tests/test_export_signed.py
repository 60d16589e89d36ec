"""Signed printing: an approved version prints its fixed signatory, version, approval date and
verification code (with a QR code of the public verification address) and no DRAF mark; a
superseded one says so; a draft keeps its DRAF mark."""

import datetime
import os
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from plans import workflow
from plans.exports.pdf import STATIC_DIR, qr_code, render_html, render_pdf, render_pdf_cached
from plans.exports.xlsx import build_workbook
from plans.models import RencanaAksi, SatkerRole
from tests.factories import LineFactory, RoleFactory

APPROVED_ON = datetime.datetime(2026, 12, 5, 10, 30, tzinfo=datetime.UTC)


def pages_text(content):
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def approve(plan, **signatory):
    """Submit ``plan`` as its satker's planner and approve it as a different person, the
    secretary, on 5 December 2026."""
    planner = RoleFactory(user__username=f"perencana-{plan.pk}", satker=plan.satker).user
    secretary = RoleFactory(
        user__username=f"sekretaris-{plan.pk}",
        satker=plan.satker,
        role=SatkerRole.Role.SEKRETARIS,
    ).user
    workflow.submit(plan, planner)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: APPROVED_ON)
        workflow.approve(plan, secretary, signatory or None)
    return RencanaAksi.objects.select_related("satker").get(pk=plan.pk), planner


def revise_and_approve(plan, planner):
    """Open version 2 of an approved ``plan``, approve it, and return both versions."""
    revision = workflow.open_revision(plan, planner, "Penyesuaian anggaran")
    revision, _ = approve(revision)
    return RencanaAksi.objects.select_related("satker").get(pk=plan.pk), revision


def qr_modules(image, size):
    """The dark/light modules of a QR ``image`` read back from the PDF, sampled at the
    centre of each of the ``size`` × ``size`` modules."""
    gray = image.convert("L")
    step = gray.width / size
    return [
        [gray.getpixel((int((x + 0.5) * step), int((y + 0.5) * step))) < 128 for x in range(size)]
        for y in range(size)
    ]


@pytest.fixture
def signed(satker, settings):
    settings.SITE_URL = "https://renaksi.example.go.id/"
    satker.city = "Gorontalo"
    satker.secretary_title = "Sekretaris Komisi Pemilihan Umum\nKabupaten Satu"
    satker.secretary_name = "Budi Santoso"
    satker.secretary_nip = "197001012000031001"
    satker.save()
    plan = LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan__satker=satker)
    plan = RencanaAksi.objects.select_related("satker").get(pk=plan.plan_id)
    return approve(plan)


def test_approved_pdf_prints_the_fixed_signatory_and_no_draf_mark(signed):
    plan, _ = signed
    pages = pages_text(render_pdf(plan))
    last = pages[-1]
    assert "Gorontalo, 5 Desember 2026" in last
    assert "Mengetahui," in last
    assert "Sekretaris Komisi Pemilihan Umum" in last
    assert "Budi Santoso" in last
    assert "NIP. 197001012000031001" in last
    assert not any("DRAF" in text for text in pages)


def test_approved_pdf_footer_carries_version_date_code_and_address_on_every_page(signed):
    plan, _ = signed
    for _ in range(40):  # enough lines for more than one page
        LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan)
    pages = pages_text(render_pdf(plan))
    url = f"https://renaksi.example.go.id/verifikasi/{plan.verification_code}/"
    assert len(plan.verification_code) == 10
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text
        assert "Versi 1 · Disetujui 5 Desember 2026" in text
        assert f"Kode verifikasi {plan.verification_code}" in text
        assert url in text
        assert "Digantikan" not in text


def test_the_qr_code_on_every_page_encodes_the_verification_address(signed):
    plan, _ = signed
    url = "https://renaksi.example.go.id" + reverse("verify", args=[plan.verification_code])
    expected = qr_code(url)
    size = expected.symbol_size(border=0)[0]
    for page in PdfReader(BytesIO(render_pdf(plan))).pages:
        [image] = page.images
        assert qr_modules(image.image, size) == [
            [bool(module) for module in row] for row in expected.matrix
        ]


def test_a_qr_code_of_another_address_would_not_match(signed):
    plan, _ = signed
    [image] = PdfReader(BytesIO(render_pdf(plan))).pages[0].images
    other = qr_code("https://renaksi.example.go.id/verifikasi/XXXXXXXXXX/")
    size = other.symbol_size(border=0)[0]
    assert qr_modules(image.image, size) != [[bool(m) for m in row] for row in other.matrix]


def test_the_renderer_fetches_only_the_qr_data_uri_and_the_fonts(signed, fetched):
    plan, _ = signed
    render_pdf(plan)
    fonts = (STATIC_DIR / "fonts").as_uri() + "/"
    assert any(url.startswith("data:image/png;base64,") for url in fetched)
    assert all(url.startswith(("data:image/png;base64,", fonts)) for url in fetched)


def test_a_superseded_version_says_so_on_every_page(signed):
    plan, planner = signed
    old, new = revise_and_approve(plan, planner)
    assert old.status == RencanaAksi.Status.SUPERSEDED
    old_pages = pages_text(render_pdf(old))
    assert all("Digantikan" in text and "DIGANTIKAN" in text for text in old_pages)
    assert all(f"Kode verifikasi {old.verification_code}" in text for text in old_pages)
    assert not any("DRAF" in text for text in old_pages)
    new_pages = pages_text(render_pdf(new))
    assert all("Versi 2" in text for text in new_pages)
    assert not any("Digantikan" in text or "DRAF" in text for text in new_pages)


def test_a_superseded_version_is_rendered_again_once(signed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan, planner = signed
    assert "Digantikan" not in pages_text(render_pdf_cached(plan))[0]
    old, _ = revise_and_approve(plan, planner)
    assert "Digantikan" in pages_text(render_pdf_cached(old))[0]
    assert len(list((tmp_path / "exports").glob(f"plan-{plan.pk}-*.pdf"))) == 2
    render_pdf_cached(old)
    assert len(list((tmp_path / "exports").glob(f"plan-{plan.pk}-*.pdf"))) == 2


def test_the_cache_key_follows_the_code_and_the_site_address(signed, settings):
    from plans.exports.pdf import cache_path

    plan, _ = signed
    first = cache_path(plan)
    settings.SITE_URL = "https://renaksi.kpu.example/"
    assert cache_path(plan) != first
    plan.verification_code = "ABCDEFGHJK"
    assert plan.verification_code in cache_path(plan).name


def test_draft_submitted_and_returned_keep_the_draf_mark_and_no_footer(plan):
    LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan)
    for status in ["draft", "submitted", "returned"]:
        plan.status = status
        pages = pages_text(render_pdf(plan))
        assert all("DRAF" in text for text in pages)
        assert not any("Kode verifikasi" in text or "Versi" in text for text in pages)
        assert 'class="vf"' not in render_html(plan)


def test_approved_without_a_code_prints_version_but_no_qr(plan):
    plan.status = "approved"
    plan.approved_at = APPROVED_ON
    html = render_html(plan)
    assert "Versi 1 · Disetujui 5 Desember 2026" in html
    assert "data:image/png" not in html
    assert "DRAF" not in " ".join(pages_text(render_pdf(plan)))


def test_approved_workbook_prints_signatory_code_and_no_draf(signed):
    plan, _ = signed
    sheet = build_workbook(plan).active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Gorontalo, 5 Desember 2026" in texts
    assert "Budi Santoso" in texts
    assert "NIP. 197001012000031001" in texts
    note = f"Versi 1 · Disetujui 5 Desember 2026 · Kode verifikasi {plan.verification_code}"
    assert any(note in text for text in texts)
    url = f"https://renaksi.example.go.id/verifikasi/{plan.verification_code}/"
    assert any(url in text for text in texts)
    assert sheet.oddFooter.left.text == "Versi 1 · Disetujui 5 Desember 2026"
    assert sheet.oddFooter.center.text == "Halaman &P dari &N"
    assert sheet.oddFooter.right.text == f"Kode verifikasi {plan.verification_code}"
    assert not sheet.oddHeader.right.text
    assert not any("DRAF" in text for text in texts)


def test_superseded_workbook_says_so(signed):
    plan, planner = signed
    old, _ = revise_and_approve(plan, planner)
    sheet = build_workbook(old).active
    assert sheet.oddHeader.right.text == "DIGANTIKAN"
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("Digantikan" in text for text in texts)


def test_draft_workbook_keeps_the_draf_mark_and_no_code(plan):
    sheet = build_workbook(plan).active
    assert sheet.oddHeader.right.text == "DRAF"
    assert not sheet.oddFooter.left.text
    assert not sheet.oddFooter.right.text


@pytest.mark.skipif(not os.environ.get("RENAKSI_SAMPLE_DIR"), reason="writes samples on demand")
def test_write_signed_demo_samples(demo):
    """``RENAKSI_SAMPLE_DIR=/tmp/x pytest -k samples`` writes approved and superseded demo
    PDFs to look at."""
    out = Path(os.environ["RENAKSI_SAMPLE_DIR"])
    plan, planner = approve(
        demo["KPU-PROV-GORONTALO"],
        signatory_name="Nama Sekretaris Gorontalo",
        signatory_nip="197001012000031001",
    )
    (out / "gorontalo-approved.pdf").write_bytes(render_pdf(plan))
    (out / "gorontalo-approved.xlsx").write_bytes(_xlsx(plan))
    old, _ = revise_and_approve(plan, planner)
    (out / "gorontalo-superseded.pdf").write_bytes(render_pdf(old))
    tomohon, _ = approve(demo["KPU-KOTA-TOMOHON"])
    (out / "tomohon-approved.pdf").write_bytes(render_pdf(tomohon))


def _xlsx(plan):
    buffer = BytesIO()
    build_workbook(plan).save(buffer)
    return buffer.getvalue()
