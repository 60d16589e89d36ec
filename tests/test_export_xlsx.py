"""The Excel export: merges, fills, numeric costs, print setup and no formulas, read back with
openpyxl and opened by LibreOffice as an independent reader."""

import shutil
import subprocess
import zipfile
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from plans.exports.xlsx import RUPIAH_FORMAT, build_workbook, workbook_bytes
from plans.models import RencanaKegiatan
from tests.export_samples import large_plan
from tests.factories import LineFactory, broken_span

GREEN = "0092D050"


def reopen(plan):
    return load_workbook(BytesIO(workbook_bytes(plan))).active


def find(sheet, value):
    """The first cell holding ``value``."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in the sheet")


def merged_height(sheet, cell):
    for merged in sheet.merged_cells.ranges:
        if cell.coordinate in merged:
            return merged.max_row - merged.min_row + 1
    return 1


def column_of(sheet, label):
    return find(sheet, label).column


def test_gorontalo_merges_follow_the_matrix(demo):
    sheet = reopen(demo["KPU-PROV-GORONTALO"])
    assert merged_height(sheet, find(sheet, "1.")) == 8
    assert merged_height(sheet, find(sheet, "7.")) == 26
    hukum = find(sheet, "Sosialisasi dan Penyuluhan Hukum")
    assert merged_height(sheet, hukum) == 2
    cost = sheet.cell(hukum.row, column_of(sheet, "PERKIRAAN BIAYA"))
    assert cost.value == 30_760_000
    assert merged_height(sheet, cost) == 2
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert values.count(30_760_000) == 1


def test_title_and_header_rows_are_merged_across_the_table(demo):
    sheet = reopen(demo["KPU-PROV-GORONTALO"])
    assert [sheet.cell(row, 1).value for row in (1, 2, 3)] == [
        "RENCANA AKSI TAHUN 2023",
        "SEKRETARIS",
        "KOMISI PEMILIHAN UMUM PROVINSI GORONTALO",
    ]
    assert "A1:V1" in sheet.merged_cells
    months = find(sheet, "RENCANA PELAKSANAAN KEGIATAN")
    assert f"{months.coordinate}:S{months.row}" in sheet.merged_cells
    assert merged_height(sheet, find(sheet, "NO")) == 2
    assert [sheet.cell(months.row + 1, months.column + i).value for i in range(12)] == list(
        range(1, 13)
    )
    assert find(sheet, "NO").font.b
    assert find(sheet, "NO").fill.fgColor.rgb == "00D9D9D9"


def test_scheduled_months_are_filled_green(demo):
    plan = demo["KPU-PROV-GORONTALO"]
    sheet = reopen(plan)
    first_month = column_of(sheet, "RENCANA PELAKSANAAN KEGIATAN")
    for text in ["ATK Administrasi Kepegawaian", "Monitoring Disiplin Pegawai"]:
        line = RencanaKegiatan.objects.get(plan=plan, text=text)
        row = find(sheet, text).row
        filled = [
            month
            for month in range(1, 13)
            if sheet.cell(row, first_month + month - 1).fill.fgColor.rgb == GREEN
        ]
        assert filled == line.months
        assert filled


def test_costs_are_numbers_in_rupiah_format_and_the_total_is_summed(demo):
    sheet = reopen(demo["KPU-PROV-GORONTALO"])
    biaya = column_of(sheet, "PERKIRAAN BIAYA")
    cost = sheet.cell(find(sheet, "ATK Administrasi Kepegawaian").row, biaya)
    assert cost.value == 8_378_000
    assert cost.data_type == "n"
    assert cost.number_format == RUPIAH_FORMAT
    total_row = find(sheet, "JUMLAH").row
    total = sheet.cell(total_row, biaya)
    assert total.value == 10_060_818_000
    assert total.number_format == RUPIAH_FORMAT
    no_cost = sheet.cell(find(sheet, "Pengelolaan SIMPEG dan MYSAPK").row, biaya)
    assert no_cost.value == "-"


def test_signatory_block_sits_below_the_table_on_the_right(demo):
    sheet = reopen(demo["KPU-KOTA-TOMOHON"])
    name = find(sheet, "Stella S. Sompe")
    assert name.font.b
    assert name.font.u == "single"
    acknowledge = find(sheet, "Mengetahui,")
    assert acknowledge.column > 6
    assert acknowledge.row > find(sheet, "Penyelenggaraan SPIP").row
    title = find(sheet, "Sekretaris Komisi Pemilihan Umum")
    assert sheet.cell(title.row + 1, title.column).value == "Kota Tomohon"
    assert not [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("NIP")]


def test_signatory_prints_place_date_and_nip_when_present(plan):
    import datetime

    plan.signatory_place = "Gorontalo"
    plan.signatory_date = datetime.date(2024, 1, 2)
    plan.signatory_name = "Nama Sekretaris"
    plan.signatory_nip = "197001012000031001"
    plan.save()
    sheet = reopen(plan)
    find(sheet, "Gorontalo, 2 Januari 2024")
    find(sheet, "NIP. 197001012000031001")


def test_print_setup_is_landscape_one_page_wide_with_repeated_header(demo):
    gorontalo = build_workbook(demo["KPU-PROV-GORONTALO"]).active
    assert gorontalo.page_setup.orientation == "landscape"
    assert gorontalo.page_setup.paperSize == 14
    assert gorontalo.page_setup.fitToWidth == 1
    assert gorontalo.page_setup.fitToHeight == 0
    assert gorontalo.sheet_properties.pageSetUpPr.fitToPage
    assert gorontalo.print_title_rows == "$5:$6"
    assert gorontalo.freeze_panes == "A7"
    tomohon = build_workbook(demo["KPU-KOTA-TOMOHON"]).active
    assert tomohon.page_setup.paperSize == 9
    assert tomohon.print_title_rows == "$7:$9"  # labels, months and the column numbers
    assert [tomohon.cell(9, col).value for col in (1, 17)] == [1, 17]


def test_rows_are_tall_enough_for_their_wrapped_text(demo):
    sheet = reopen(demo["KPU-PROV-GORONTALO"])
    long = find(
        sheet,
        "Sosialisasi Tatap Muka daerah partisipasi rendah, daerah potensi "
        "pelanggaran tinggi, dan daerah rawan konflik",
    )
    assert sheet.row_dimensions[long.row].height >= 4 * 12
    short = find(sheet, "Media Massa")
    assert sheet.row_dimensions[short.row].height < sheet.row_dimensions[long.row].height


def test_draft_is_marked_in_the_page_header_and_approved_is_not(plan):
    assert build_workbook(plan).active.oddHeader.right.text == "DRAF"
    plan.status = "approved"
    assert not build_workbook(plan).active.oddHeader.right.text


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2+3", "\t=1+1", "\r=1"]
)
def test_formula_looking_text_is_stored_as_text(plan, text):
    line = LineFactory(
        kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan, text=text, ket=text
    )
    line.kegiatan.text = text
    line.kegiatan.save()
    content = workbook_bytes(plan)
    sheet = load_workbook(BytesIO(content)).active
    # lxml writes a carriage return as a character reference, so it reads back as written
    cells = [c for row in sheet.iter_rows() for c in row if c.value == text]
    assert len(cells) == 3
    assert all(cell.data_type == "s" and isinstance(cell.value, str) for cell in cells)
    with zipfile.ZipFile(BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_control_characters_do_not_break_the_export(plan):
    LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan, text="a\x0bb")
    find(reopen(plan), "ab")


def test_export_reads_the_plan_in_the_same_queries_whatever_its_size(
    demo, satker, django_assert_num_queries
):
    big = large_plan(satker, 400)
    for plan in [demo["KPU-KOTA-TOMOHON"], demo["KPU-PROV-GORONTALO"], big]:
        with django_assert_num_queries(5):
            workbook_bytes(plan)


def test_a_broken_span_never_shows_a_cost_twice(plan):
    assert broken_span(plan)
    values = [c.value for row in reopen(plan).iter_rows() for c in row]
    assert values.count(1_000) == 1


@pytest.mark.slow
def test_libreoffice_opens_the_exports_and_prints_them_landscape(demo, tmp_path):
    files = []
    for code, plan in demo.items():
        path = tmp_path / f"{code}.xlsx"
        path.write_bytes(workbook_bytes(plan))
        files.append(path)
    subprocess.run(
        [
            shutil.which("soffice"),
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, files),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    for code, title in [
        ("KPU-PROV-GORONTALO", "KOMISI PEMILIHAN UMUM PROVINSI GORONTALO"),
        ("KPU-KOTA-TOMOHON", "SEKRETARIAT KPU KOTA TOMOHON"),
    ]:
        reader = PdfReader(tmp_path / f"{code}.pdf")
        assert title in reader.pages[0].extract_text()
        for page in reader.pages:
            assert page.mediabox.width > page.mediabox.height
    text = "".join(
        page.extract_text() for page in PdfReader(tmp_path / "KPU-KOTA-TOMOHON.pdf").pages
    )
    assert "Stella S. Sompe" in text
