"""The printed quarterly report ("Laporan Capaian Rencana Aksi Triwulan N"): the PDF fits its
cells and embeds only the shipped fonts, says DRAF until verified and carries the code and QR
code after; the Excel file has the columns, numbers and no formulas; the downloads answer only
those who may see the report; the public verification page; ``export_laporan``."""

import os
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from monitoring import services
from monitoring.models import IndicatorMethod, LineExecution, QuarterReport
from monitoring.printing import pdf as report_pdf
from monitoring.printing.common import COLUMNS, report_table
from monitoring.printing.pdf import render_report_html, render_report_pdf
from monitoring.printing.xlsx import build_report_workbook, report_workbook_bytes
from plans import workflow
from plans.exports.pdf import STATIC_DIR, qr_code
from plans.models import SatkerRole
from tests.export_samples import large_plan
from tests.factories import RoleFactory, SatkerFactory
from tests.pdf_fit import misfits
from tests.test_export_pdf import assert_only_shipped_fonts
from tests.test_export_signed import qr_modules

SITE = "https://renaksi.example.go.id"
LONG = (
    "Koordinasi yang baik antara sekretariat dan divisi teknis penyelenggaraan serta "
    "dukungan anggaran yang tersedia tepat waktu sehingga seluruh tahapan dapat "
    "dilaksanakan sesuai jadwal yang telah ditetapkan dalam rencana aksi, meskipun "
    "pertanggungjawaban keuangan memerlukan waktu tambahan karena perubahan regulasi."
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def user(name):
    return get_user_model().objects.get(username=name)


def pages_text(content):
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def flat(pages):
    return " ".join(" ".join(text.split()) for text in pages)


@pytest.fixture
def approved(demo):
    plan = demo["KPU-PROV-GORONTALO"]
    # A zero quarter target: its capaian cannot be computed.
    plan.indikator.filter(target="1 Orang").update(target_tw1="0")
    workflow.submit(plan, user("perencana.gorontalo"))
    return workflow.approve(plan, user("sekretaris.gorontalo"), {"signatory_name": "Sekretaris"})


@pytest.fixture
def report(approved, settings):
    settings.SITE_URL = SITE
    report = services.open_report(approved.satker, 2023, 1)
    report.reopened = True  # the demo year's windows closed long ago
    report.save()
    planner = user("perencana.gorontalo")
    indicators = list(report.plan.indikator.order_by("pk"))
    falls = next(ik for ik in indicators if ik.target == "90%")
    IndicatorMethod.objects.create(uid=falls.uid, arah="turun")
    for index, indikator in enumerate(indicators[:12]):
        data = {"value_text": ["95", "1", "92,5", "100"][index % 4]}
        if index == 0:
            data |= {
                "faktor_pendukung": LONG,
                "faktor_penghambat": "Jaringan internet di kantor sering terputus.",
                "tindak_lanjut": LONG,
            }
        services.save_realisasi(report, indikator, data, planner)
    zero = report.plan.indikator.get(target="1 Orang")
    services.save_realisasi(
        report,
        zero,
        {"value_text": "1", "alasan": "Pelantikan dijadwalkan pada triwulan II."},
        planner,
    )
    line = report.plan.lines.filter(kegiatan__indikator=indicators[0]).first()
    line.months = [1, 2, 3]
    line.save()
    LineExecution.objects.create(
        report=report, line=line, month=1, status="terlaksana", anggaran=8_378_000
    )
    LineExecution.objects.create(report=report, line=line, month=2, status="sebagian")
    return QuarterReport.objects.select_related("satker", "plan__satker").get(pk=report.pk)


def verify(report):
    services.submit_report(report, user("perencana.gorontalo"))
    services.verify_report(report, user("sekretaris.gorontalo"))
    return QuarterReport.objects.select_related("satker", "plan__satker").get(pk=report.pk)


def sheet_of(report, site_url=None):
    content = report_workbook_bytes(report, site_url)
    return load_workbook(BytesIO(content)).active, content


def cells_of(sheet):
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def header_row(sheet):
    return next(row for row in sheet.iter_rows() if row[0].value == "NO")


# --- the PDF ----------------------------------------------------------------------------


def test_the_pdf_fits_its_cells_with_long_narrative_and_a_row_not_computable(report):
    table = report_table(report)
    content = render_report_pdf(report)
    labels = [column.label for column in COLUMNS]
    assert [str(misfit) for misfit in misfits(content, table.texts, labels)] == []
    text = flat(pages_text(content))
    assert "LAPORAN CAPAIAN RENCANA AKSI TRIWULAN I TAHUN 2023" in text
    assert "KOMISI PEMILIHAN UMUM PROVINSI GORONTALO" in text
    assert "RENCANA AKSI TAHUN 2023" not in text.replace("LAPORAN CAPAIAN RENCANA AKSI", "")
    for expected in ["97,44", "tidak dapat dihitung", "Target nol", "Pelantikan dijadwalkan"]:
        assert expected in text, expected
    assert "1 dari 3" in text and "Rp 8.378.000" in text
    assert "Pendukung: Koordinasi" in text and "Penghambat: Jaringan" in text


def test_the_fit_check_would_catch_an_amount_column_too_narrow(report, monkeypatch):
    original = report_pdf.fit_widths
    anggaran = [column.key for column in COLUMNS].index("anggaran")

    def narrow(needs, relative, paper):
        widths = original(needs, relative, paper)
        widths[anggaran], widths[-1] = widths[anggaran] * 0.6, widths[-1] + widths[anggaran] * 0.4
        return widths

    monkeypatch.setattr(report_pdf, "fit_widths", narrow)
    found = misfits(render_report_pdf(report), report_table(report).texts)
    assert any("crosses a cell border" in str(misfit) for misfit in found), found


def test_the_pdf_embeds_only_the_shipped_fonts_and_fetches_nothing_else(report, fetched):
    report = verify(report)
    assert_only_shipped_fonts(render_report_pdf(report))
    fonts = (STATIC_DIR / "fonts").as_uri() + "/"
    assert any(url.startswith("data:image/png;base64,") for url in fetched)
    assert all(url.startswith(("data:image/png;base64,", fonts)) for url in fetched)


def test_a_report_not_yet_verified_says_draf_on_every_page_and_has_no_code(report):
    pages = pages_text(render_report_pdf(report))
    assert all("DRAF" in text for text in pages)
    assert not any("Kode verifikasi" in text for text in pages)
    assert "data:image/png" not in render_report_html(report)
    assert "Sekretaris Komisi Pemilihan Umum" in pages[-1]  # the signatory before verification


def test_a_verified_report_prints_signatory_code_address_and_qr_and_no_draf(report):
    report = verify(report)
    url = f"{SITE}/pemantauan/verifikasi/laporan/{report.verification_code}/"
    assert url == SITE + reverse("report_verification", args=[report.verification_code])
    content = render_report_pdf(report)
    pages = pages_text(content)
    assert not any("DRAF" in text for text in pages)
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text
        assert f"Kode verifikasi {report.verification_code}" in text
        assert url in text
        assert "Laporan TW I 2023 · Diverifikasi" in text
    assert "Sekretaris" in pages[-1] and "Mengetahui," in pages[-1]
    expected = qr_code(url)
    size = expected.symbol_size(border=0)[0]
    for page in PdfReader(BytesIO(content)).pages:
        [image] = page.images
        assert qr_modules(image.image, size) == [[bool(m) for m in row] for row in expected.matrix]


def test_the_qr_code_points_at_the_site_a_view_names(report):
    report = verify(report)
    html = render_report_html(report, site_url="http://127.0.0.1:8000/")
    assert f"http://127.0.0.1:8000/pemantauan/verifikasi/laporan/{report.verification_code}/" in (
        html
    )


# --- the Excel file ---------------------------------------------------------------------


def test_the_workbook_has_the_columns_and_the_values(report):
    sheet, _content = sheet_of(report)
    header = header_row(sheet)
    assert [cell.value for cell in header] == [column.label for column in COLUMNS]
    first = {label: sheet.cell(header[0].row + 1, col).value for col, label in enumerate(
        [column.key for column in COLUMNS], start=1
    )}  # fmt: skip
    assert first["no"] == "1"
    assert first["target"] == "97,5%" and first["realisasi_tw"] == "95"
    capaian = sheet.cell(header[0].row + 1, 8)
    assert (capaian.value, capaian.number_format, capaian.data_type) == (97.44, "0.00", "n")
    assert first["capaian_kumulatif"] == 97.44
    assert first["realisasi_kumulatif"] == 95
    assert first["kegiatan"] == "1 dari 3"
    assert first["anggaran"] == 8_378_000
    assert first["faktor"].startswith("Pendukung: Koordinasi")
    texts = [str(cell.value) for cell in cells_of(sheet)]
    assert "LAPORAN CAPAIAN RENCANA AKSI TRIWULAN I TAHUN 2023" in texts
    assert any(text.startswith("tidak dapat dihitung (") for text in texts)
    assert any("Target nol" in text and "Pelantikan" in text for text in texts)
    assert sheet.oddHeader.right.text == "DRAF"


def test_the_sasaran_is_merged_over_its_indicators(report):
    sheet, _ = sheet_of(report)
    first_data = header_row(sheet)[0].row + 1
    merged = [r for r in sheet.merged_cells.ranges if r.min_col == 2 and r.min_row >= first_data]
    table = report_table(report)
    spans = [cell.rowspan for row in table.rows for cell in row if cell.column.key == "sasaran"]
    assert sorted(r.max_row - r.min_row + 1 for r in merged) == sorted(s for s in spans if s > 1)
    assert sum(spans) == len(table.rows) == report.plan.indikator.count()


def test_no_exported_cell_is_a_formula(report):
    planner = user("perencana.gorontalo")
    indikator = report.plan.indikator.order_by("pk").first()
    # The narrative is free text; the realisasi itself must be a number (never a formula).
    hostile = dict.fromkeys(["tindak_lanjut", "faktor_pendukung"], '=HYPERLINK("http://x")')
    services.save_realisasi(report, indikator, hostile, planner)
    sheet, content = sheet_of(report)
    cells = cells_of(sheet)
    assert all(cell.data_type in ("s", "n") for cell in cells)
    typed = [cell for cell in cells if str(cell.value).startswith("=")]
    assert len(typed) == 1 and all(cell.data_type == "s" for cell in typed)
    with zipfile.ZipFile(BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_an_ordinary_report_has_no_cell_starting_with_a_formula_sign(report):
    sheet, _ = sheet_of(report)
    assert not [cell for cell in cells_of(sheet) if str(cell.value).startswith(("=", "+", "@"))]


def test_a_verified_workbook_carries_the_signatory_and_the_code(report):
    report = verify(report)
    sheet, _ = sheet_of(report)
    texts = [str(cell.value) for cell in cells_of(sheet)]
    assert "Sekretaris" in texts and "Mengetahui," in texts
    url = f"{SITE}/pemantauan/verifikasi/laporan/{report.verification_code}/"
    assert any(url in text for text in texts)
    assert any(f"Kode verifikasi {report.verification_code}" in text for text in texts)
    assert sheet.oddFooter.right.text == f"Kode verifikasi {report.verification_code}"
    assert not sheet.oddHeader.right.text


# --- queries ----------------------------------------------------------------------------


def approved_report(satker, lines):
    """A verified-to-be report on a generated plan of ``lines`` lines, every indicator filled."""
    plan = large_plan(satker, lines)
    planner = RoleFactory(user__username=f"perencana-{satker.code}", satker=satker).user
    secretary = RoleFactory(
        user__username=f"sekretaris-{satker.code}", satker=satker, role=SatkerRole.Role.SEKRETARIS
    ).user
    workflow.submit(plan, planner)
    workflow.approve(plan, secretary)
    report = services.open_report(satker, plan.year, 2)
    report.reopened = True
    report.save()
    for indikator in plan.indikator.all():
        services.save_realisasi(report, indikator, {"value_text": "90"}, planner)
    return QuarterReport.objects.select_related("satker", "plan__satker").get(pk=report.pk)


def test_exports_take_the_same_queries_whatever_the_plan_size(satker):
    small = approved_report(satker, 6)
    large = approved_report(SatkerFactory(code="KPU-KAB-BESAR", name="KPU Kabupaten Besar"), 300)
    counts = []
    for report in [small, large]:
        with CaptureQueriesContext(connection) as pdf_queries:
            render_report_html(report)
        with CaptureQueriesContext(connection) as xlsx_queries:
            build_report_workbook(report)
        counts.append((len(pdf_queries), len(xlsx_queries)))
    assert counts[0] == counts[1]
    assert report_table(large).rows and len(report_table(large).rows) > 40


# --- downloads and verification ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"), [("report_pdf", "application/pdf"), ("report_xlsx", XLSX)]
)
@pytest.mark.parametrize("who", ["perencana.gorontalo", "sekretaris.gorontalo"])
def test_the_satker_downloads_the_report(client, report, name, kind, who):
    client.force_login(user(who))
    response = client.get(reverse(name, args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == kind
    extension = name.removeprefix("report_")
    assert response["Content-Disposition"] == (
        f'attachment; filename="laporan-capaian-kpu-provinsi-gorontalo-2023-tw-1.{extension}"'
    )


@pytest.mark.parametrize("name", ["report_pdf", "report_xlsx"])
def test_the_downloads_check_who_asks(client, report, name):
    url = reverse(name, args=[report.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(user("perencana.tomohon"))
    assert client.get(url).status_code == 404
    client.force_login(user("sekretaris.gorontalo"))
    assert client.post(url).status_code == 405


def test_a_read_only_leader_downloads_it_too(client, report):
    reader = RoleFactory(
        user__username="pimpinan.gorontalo",
        satker=report.satker,
        role=SatkerRole.Role.PIMPINAN,
    ).user
    client.force_login(reader)
    assert client.get(reverse("report_xlsx", args=[report.pk])).status_code == 200


def test_a_download_in_development_points_the_qr_at_the_host_browsed(client, report, settings):
    report = verify(report)
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["testserver", "192.168.1.5"]
    client.force_login(user("sekretaris.gorontalo"))
    response = client.get(reverse("report_xlsx", args=[report.pk]), HTTP_HOST="192.168.1.5:8000")
    sheet = load_workbook(BytesIO(response.content)).active
    url = f"http://192.168.1.5:8000/pemantauan/verifikasi/laporan/{report.verification_code}/"
    assert any(url in str(cell.value) for cell in cells_of(sheet))


def test_the_public_page_confirms_a_verified_code_and_says_nothing_more(client, report):
    draft_code = "ABCDEFGHJK"
    report.verification_code = draft_code  # a code on a report not verified proves nothing
    report.save()
    assert client.get(reverse("report_verification", args=[draft_code])).status_code == 404
    report = verify(report)
    response = client.get(reverse("report_verification", args=[report.verification_code.lower()]))
    page = response.content.decode()
    assert response.status_code == 200
    for expected in [
        "KPU Provinsi Gorontalo",
        "2023",
        "TW I",
        "Sekretaris",
        report.verification_code,
    ]:
        assert expected in page
    assert "97,44" not in page and "Koordinasi" not in page


# --- the command ------------------------------------------------------------------------


def export(*args):
    call_command("export_laporan", *args, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_the_command_writes_the_report(report, tmp_path, kind):
    path = tmp_path / f"laporan.{kind}"
    export("--satker", "KPU-PROV-GORONTALO", "--year", "2023", "--tw", "1", "--format", kind,
           "--output", path)  # fmt: skip
    if kind == "pdf":
        assert "LAPORAN CAPAIAN" in PdfReader(path).pages[0].extract_text()
    else:
        assert header_row(load_workbook(path).active)[2].value == "INDIKATOR"


@pytest.mark.parametrize(
    ("satker", "year", "tw", "message"),
    [
        ("KPU-TIDAK-ADA", "2023", "1", "Satker dengan kode KPU-TIDAK-ADA tidak ditemukan."),
        ("KPU-PROV-GORONTALO", "2019", "1", "Rencana aksi KPU Provinsi Gorontalo tahun 2019"),
        ("KPU-PROV-GORONTALO", "2023", "3", "Laporan capaian TW III 2023 KPU Provinsi Gorontalo"),
    ],
)
def test_the_command_says_what_is_missing(report, tmp_path, satker, year, tw, message):
    path = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match=message):
        export("--satker", satker, "--year", year, "--tw", tw, "--format", "pdf", "--output", path)
    assert not path.exists()


def run(argv):
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "export_laporan", *argv]).execute()
    return exit_info.value.code


def test_the_command_exits_1_when_something_is_missing_and_2_on_bad_usage(report, tmp_path, capsys):
    output = ["--format", "xlsx", "--output", str(tmp_path / "x.xlsx")]
    assert run(["--satker", "KPU-TIDAK-ADA", "--year", "2023", "--tw", "1", *output]) == 1
    assert "Satker dengan kode KPU-TIDAK-ADA tidak ditemukan." in capsys.readouterr().err
    assert run(["--satker", "KPU-PROV-GORONTALO", "--year", "2023", "--tw", "5", *output]) == 2
    assert run(["--satker", "KPU-PROV-GORONTALO", "--year", "2023", "--format", "doc"]) == 2


@pytest.mark.skipif(not os.environ.get("RENAKSI_SAMPLE_DIR"), reason="writes samples on demand")
def test_write_report_samples(report):
    """``RENAKSI_SAMPLE_DIR=/tmp/x pytest -k report_samples`` writes the draft and verified
    report to look at."""
    out = Path(os.environ["RENAKSI_SAMPLE_DIR"])
    (out / "laporan-draf.pdf").write_bytes(render_report_pdf(report))
    report = verify(report)
    (out / "laporan-terverifikasi.pdf").write_bytes(render_report_pdf(report))
    (out / "laporan-terverifikasi.xlsx").write_bytes(report_workbook_bytes(report))
