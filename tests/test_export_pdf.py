"""The PDF export: what a reader of the printout sees, read back with pypdf and checked by
qpdf, and the renderer's refusal to fetch anything from outside."""

import datetime
import shutil
import subprocess
from io import BytesIO

import pytest
from django.utils import timezone
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from plans.exports import pdf as pdf_export
from plans.exports.common import format_tanggal, place_and_date
from plans.exports.pdf import (
    LocalOnlyFetcher,
    is_allowed_url,
    render_html,
    render_pdf,
    render_pdf_cached,
)
from tests.export_samples import large_plan
from tests.factories import LineFactory

A4 = (841.89, 595.28)
F4 = (935.43, 609.45)


def pages_text(content):
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def page_size(content):
    box = PdfReader(BytesIO(content)).pages[0].mediabox
    return (round(float(box.width), 2), round(float(box.height), 2))


@pytest.fixture
def gorontalo_pdf(demo):
    return render_pdf(demo["KPU-PROV-GORONTALO"])


def test_gorontalo_prints_title_header_lines_and_total_on_f4(gorontalo_pdf):
    pages = pages_text(gorontalo_pdf)
    assert len(pages) == 4
    assert "RENCANA AKSI TAHUN 2023" in pages[0]
    assert "KOMISI PEMILIHAN UMUM PROVINSI GORONTALO" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert "INDIKATOR KINERJA" in text
        assert "PERKIRAAN BIAYA" in text
        assert f"Halaman {number} dari 4" in text
    everything = " ".join(" ".join(pages).split())
    assert "Sosialisasi dan Penyuluhan Hukum" in everything
    assert "Rp 8.378.000" in everything
    assert "JUMLAH" in pages[-1]
    assert "10.060.818.000" in pages[-1]
    assert "Gorontalo," in pages[-1]
    assert page_size(gorontalo_pdf) == pytest.approx(F4, abs=0.5)


def test_tomohon_prints_its_compact_layout_and_signatory_on_a4(demo):
    content = render_pdf(demo["KPU-KOTA-TOMOHON"])
    pages = pages_text(content)
    assert "SEKRETARIAT KPU KOTA TOMOHON" in pages[0]
    for text in pages:
        assert "Rencana Pelaksanaan" in text
        assert "B 12" in text
    assert "JUMLAH" not in "".join(pages)
    assert "Mengetahui," in pages[-1]
    assert "Stella S. Sompe" in pages[-1]
    assert "NIP" not in pages[-1]
    assert page_size(content) == pytest.approx(A4, abs=0.5)


def test_draft_is_marked_on_every_page_and_approved_is_not(demo):
    plan = demo["KPU-PROV-GORONTALO"]
    assert all("DRAF" in text for text in pages_text(render_pdf(plan)))
    plan.status = "approved"
    assert not any("DRAF" in text for text in pages_text(render_pdf(plan)))


def test_signatory_prints_date_in_indonesian_and_nip(plan):
    plan.signatory_place = "Gorontalo"
    plan.signatory_date = datetime.date(2024, 1, 2)
    plan.signatory_name = "Nama Sekretaris"
    plan.signatory_nip = "197001012000031001"
    text = pages_text(render_pdf(plan))[-1]
    assert "Gorontalo, 2 Januari 2024" in text
    assert "NIP. 197001012000031001" in text


def test_indonesian_dates():
    assert format_tanggal(datetime.date(2023, 8, 17)) == "17 Agustus 2023"
    assert format_tanggal(datetime.date(2024, 12, 31)) == "31 Desember 2024"


def test_place_and_date_leave_out_what_is_unknown(plan):
    assert place_and_date(plan) == ""
    plan.signatory_date = datetime.date(2024, 5, 1)
    assert place_and_date(plan) == "1 Mei 2024"
    plan.signatory_place = "Tomohon"
    assert place_and_date(plan) == "Tomohon, 1 Mei 2024"


def test_signatory_never_stands_alone_on_the_last_page(satker):
    # Around 34-39 lines, the table fills page 2 exactly and the signatory would spill alone.
    for lines in range(28, 42, 3):
        plan = large_plan(satker, lines, year=2000 + lines)
        last = pages_text(render_pdf(plan))[-1]
        assert "JUMLAH" in last, lines
        assert "INDIKATOR KINERJA" in last, lines
        assert "Nama Sekretaris" in last, lines


SHIPPED_FONTS = {
    "Renaksi": "LiberationSans-Regular.ttf",
    "Renaksi-Bold": "LiberationSans-Bold.ttf",
}


SHIPPED_FONT_URLS = [
    (pdf_export.STATIC_DIR / "fonts" / name).as_uri() for name in SHIPPED_FONTS.values()
]


def embedded_fonts(content):
    """(name without its subset tag, font program as a fontTools font) of every font the
    PDF uses, on its pages and in the forms they draw."""
    fonts, seen = [], set()

    def walk(resources):
        resources = resources.get_object() if resources else {}
        for font in resources.get("/Font", {}).values():
            if font.idnum in seen:
                continue
            seen.add(font.idnum)
            font = font.get_object()
            for part in font.get("/DescendantFonts", [font]):
                descriptor = part.get_object()["/FontDescriptor"].get_object()
                program = next(
                    (
                        descriptor[key]
                        for key in ("/FontFile", "/FontFile2", "/FontFile3")
                        if key in descriptor
                    ),
                    None,
                )
                data = program.get_object().get_data() if program else None
                name = str(font["/BaseFont"]).split("+", 1)[-1]
                fonts.append((name, TTFont(BytesIO(data)) if data else None))
        for xobject in resources.get("/XObject", {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in PdfReader(BytesIO(content)).pages:
        walk(page.get("/Resources"))
    return fonts


def assert_only_shipped_fonts(content):
    fonts = embedded_fonts(content)
    assert fonts
    for name, program in fonts:
        assert name in SHIPPED_FONTS, name
        assert program is not None, f"{name} is not embedded"
        shipped = TTFont(pdf_export.STATIC_DIR / "fonts" / SHIPPED_FONTS[name])
        for name_id in (4, 5):  # full name, version
            assert program["name"].getDebugName(name_id) == shipped["name"].getDebugName(name_id)


def test_both_demo_pdfs_embed_only_the_shipped_liberation_sans(demo):
    for plan in demo.values():
        assert_only_shipped_fonts(render_pdf(plan))


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed")
def test_pdffonts_sees_only_the_shipped_fonts_embedded(gorontalo_pdf, tmp_path):
    path = tmp_path / "gorontalo.pdf"
    path.write_bytes(gorontalo_pdf)
    command = [shutil.which("pdffonts"), str(path)]
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in lines.splitlines()[2:]]
    assert {row[0].split("+", 1)[1] for row in rows} == set(SHIPPED_FONTS)
    assert all(row[-5] == "yes" for row in rows)  # the "emb" column


def test_signs_and_dashes_come_from_the_shipped_font_too(plan):
    line = LineFactory(
        kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan,
        text="Target √ tercapai – tepat waktu · “lengkap” … 2×, ±5%, ≤ 10 — selesai",
        ket="√ · –",
    )
    line.kegiatan.indikator.target = "≥ 95% √"
    line.kegiatan.indikator.save()
    plan.status, plan.approved_at = "approved", timezone.now()
    plan.verification_code = "ABCD234567"
    content = render_pdf(plan)
    text = "".join(pages_text(content))
    assert "√" in text
    assert "–" in text
    assert "·" in text  # also in the approval footer
    assert_only_shipped_fonts(content)


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf is not installed")
def test_qpdf_finds_the_files_well_formed(demo, tmp_path):
    for code, plan in demo.items():
        path = tmp_path / f"{code}.pdf"
        path.write_bytes(render_pdf(plan))
        command = [shutil.which("qpdf"), "--check", str(path)]
        subprocess.run(command, check=True, capture_output=True, timeout=60)


def test_export_reads_the_plan_in_the_same_queries_whatever_its_size(
    demo, satker, django_assert_num_queries
):
    big = large_plan(satker, 150)
    for plan in [demo["KPU-KOTA-TOMOHON"], big]:
        with django_assert_num_queries(5):
            render_pdf(plan)


def test_urls_outside_data_and_static_are_refused(settings):
    static = settings.BASE_DIR / "static"
    assert is_allowed_url("data:image/png;base64,iVBORw0KGgo=")
    assert is_allowed_url(f"file://{static}/css/renaksi.css")
    assert not is_allowed_url("http://example.com/logo.png")
    assert not is_allowed_url("https://example.com/logo.png")
    assert not is_allowed_url("ftp://example.com/x")
    assert not is_allowed_url("file:///etc/passwd")
    assert not is_allowed_url(f"file://{static}/../renaksi/settings.py")
    assert not is_allowed_url(f"file://{static}/%2e%2e/renaksi/settings.py")
    assert not is_allowed_url(f"file://example.com{static}/css/renaksi.css")
    with pytest.raises(ValueError, match="tidak mengambil"):
        LocalOnlyFetcher().fetch("http://127.0.0.1:9/")
    with pytest.raises(ValueError, match="tidak mengambil"):
        LocalOnlyFetcher().fetch("file:///etc/passwd")


def test_markup_in_plan_text_is_printed_not_fetched(plan, fetched):
    markup = '<img src="http://example.invalid/x.png"><img src="file:///etc/passwd">'
    LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan, text=markup)
    html = render_html(plan)
    assert "&lt;img" in html
    assert '<img src="http' not in html
    text = "".join("".join(pages_text(render_pdf(plan))).split())
    assert '<imgsrc="http://example.invalid/x.png">' in text
    assert "3358.EBC.954.A" in pages_text(render_pdf(plan))[0]
    assert set(fetched) == set(SHIPPED_FONT_URLS)


def test_the_fetcher_keeps_real_markup_from_reaching_out(fetched):
    from weasyprint import HTML

    html = '<img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd"><p>ok</p>'
    content = HTML(string=html, url_fetcher=LocalOnlyFetcher()).write_pdf()
    assert "ok" in pages_text(content)[0]
    assert fetched == ["http://127.0.0.1:9/x.png", "file:///etc/passwd"]


def test_an_approved_version_is_rendered_once_and_served_from_disk(
    plan, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    plan.status = "approved"
    plan.approved_at = timezone.now()
    first = render_pdf_cached(plan)
    monkeypatch.setattr(
        pdf_export, "render_pdf", lambda plan, site_url=None: pytest.fail("rendered twice")
    )
    assert render_pdf_cached(plan) == first
    assert list((tmp_path / "exports").glob(f"plan-{plan.pk}-v1-approved-*.pdf"))


def test_a_draft_is_rendered_every_time(plan, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    calls = []
    monkeypatch.setattr(
        pdf_export, "render_pdf", lambda plan, site_url=None: calls.append(plan) or b"%PDF"
    )
    render_pdf_cached(plan)
    render_pdf_cached(plan)
    assert len(calls) == 2
    assert not (tmp_path / "exports").exists()


def test_a_new_approval_renders_again(plan, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    calls = []
    monkeypatch.setattr(
        pdf_export, "render_pdf", lambda plan, site_url=None: calls.append(plan) or b"%PDF"
    )
    plan.status = "approved"
    plan.approved_at = timezone.now()
    render_pdf_cached(plan)
    plan.status = "superseded"
    render_pdf_cached(plan)
    plan.approved_at += datetime.timedelta(days=1)
    render_pdf_cached(plan)
    render_pdf_cached(plan)
    assert len(calls) == 3
