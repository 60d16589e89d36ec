"""The realisasi sheet as Renaksi writes it: its columns (one description, which the upload
reads back by their labels), and the template of a report, pre-filled from
``monitoring.summary.summarize``: the indicators in plan order with sasaran, satuan and
targets, and what is already entered. The key column (hidden) carries each indicator's
``uid``; the editable columns are unlocked and yellow, the rest locked; every text is stored
as text, so nothing the plan holds runs as a formula when the office opens the file.
"""

from dataclasses import dataclass
from io import BytesIO

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from monitoring.models import Realisasi
from monitoring.printing.common import TableColumn
from monitoring.services import REALISASI_FIELDS
from monitoring.summary import summarize
from plans.exports.xlsx import LINE_HEIGHT, set_text, wrapped_lines

FILE_KEY = "renaksi-realisasi"  # cell A1: "renaksi-realisasi KPU-PROV-GORONTALO 2023 TW1"
HEADER_ROW = 5
VALUE_LIMIT = Realisasi._meta.get_field("value_text").max_length
TEXT_LIMIT = 2000  # characters of alasan and narrative, as the workflow's reason fields
EDITABLE_FILL = "FFF2CC"
HEADER_FILL = "D9D9D9"
INSTRUCTIONS = (
    "Isi kolom berlatar kuning. Realisasi TW ditulis sebagai angka (misalnya 95 atau 97,5; "
    "boleh diikuti satuan indikator), kosongkan bila belum ada; 0 berarti nol. Jangan mengubah "
    "kolom Kunci yang tersembunyi; urutan baris boleh diubah. Unggah kembali di Renaksi."
)


@dataclass(frozen=True)
class SheetColumn(TableColumn):
    """A column of the sheet: ``key`` is a ``Realisasi`` field when ``editable``."""

    editable: bool = False


EDITABLE_LABELS = {
    "value_text": "Realisasi TW",
    "alasan": "Alasan (bila capaian tidak dapat dihitung)",
    "faktor_pendukung": "Faktor pendukung",
    "faktor_penghambat": "Faktor penghambat",
    "tindak_lanjut": "Tindak lanjut",
}
COLUMNS = [
    SheetColumn("uid", "Kunci", 6),
    SheetColumn("no", "No", 5),
    SheetColumn("sasaran", "Sasaran", 30),
    SheetColumn("indikator", "Indikator", 40),
    SheetColumn("satuan", "Satuan", 10),
    SheetColumn("target", "Target tahunan", 12),
    SheetColumn("target_tw", "Target TW", 12),
    *(
        SheetColumn(name, EDITABLE_LABELS[name], 14 if name == "value_text" else 32, True)
        for name in REALISASI_FIELDS
    ),
]
LABELS = {column.key: column.label for column in COLUMNS}


def file_key(report):
    return f"{FILE_KEY} {report.satker.code} {report.year} TW{report.tw}"


def clean_text(text):
    """Line ends as ``\\n``, no surrounding space: how texts are compared and stored (a
    browser posts CRLF, a workbook holds LF)."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def template_filename(report):
    return f"realisasi-{slugify(report.satker.name)}-{report.year}-tw{report.tw}.xlsx"


# the template -------------------------------------------------------------------------------

_thin = Side(style="thin", color="000000")
_border = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_font = Font(name="Arial", size=9)
_wrap = Alignment(vertical="top", wrap_text=True)


def build_template(report):
    """The realisasi sheet of ``report``: one row per indicator in plan order, the editable
    columns unlocked and yellow, every text stored as text (never a formula)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Realisasi {report.quarter_name} {report.year}"
    set_text(sheet["A1"], file_key(report))
    set_text(sheet["B1"], f"REALISASI RENCANA AKSI TRIWULAN {_roman(report)} TAHUN {report.year}")
    set_text(sheet["B2"], report.satker.name.upper())
    set_text(sheet["B3"], INSTRUCTIONS)
    sheet["B1"].font = Font(name="Arial", size=12, bold=True)
    sheet["B3"].alignment = _wrap
    for row in (1, 2, 3):
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(COLUMNS))
    sheet.row_dimensions[3].height = 3 * LINE_HEIGHT + 4
    for col, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = column.width
        cell = sheet.cell(HEADER_ROW, col)
        set_text(cell, column.label)
        cell.font = Font(name="Arial", size=9, bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.border, cell.alignment = _border, Alignment(wrap_text=True, vertical="center")
    sheet.column_dimensions["A"].hidden = True
    rows = summarize(report)
    for number, row in enumerate(rows, start=1):
        _write_row(sheet, HEADER_ROW + number, number, row)
    _limit_lengths(sheet, len(rows))
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 5)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Protected without a password: against slips, not people; columns may still be resized.
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = protection.formatRows = protection.sort = False
    protection.autoFilter = False
    return workbook


def template_bytes(report):
    buffer = BytesIO()
    build_template(report).save(buffer)
    return buffer.getvalue()


def _write_row(sheet, sheet_row, number, row):
    stored = row.realisasi
    values = {
        "uid": str(row.indikator.uid),
        "sasaran": row.sasaran.text if row.sasaran else "",
        "indikator": row.indikator.text,
        "satuan": row.satuan,
        "target": row.target,
        "target_tw": row.target_tw,
        **{name: clean_text(getattr(stored, name, "")) for name in REALISASI_FIELDS},
    }
    lines = max(
        wrapped_lines(values[column.key], column.width)
        for column in COLUMNS
        if column.key not in ("uid", "no")  # the key column is hidden
    )
    sheet.row_dimensions[sheet_row].height = lines * LINE_HEIGHT + 3
    for col, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(sheet_row, col)
        if column.key == "no":
            cell.value = number
        else:
            set_text(cell, values[column.key])
        cell.font, cell.border, cell.alignment = _font, _border, _wrap
        if column.editable:
            cell.fill = PatternFill("solid", fgColor=EDITABLE_FILL)
            cell.protection = Protection(locked=False)
            cell.number_format = "@"  # typed 95% stays "95%", not the number 0.95


def _limit_lengths(sheet, count):
    """Excel warns as the planner types past the limits the upload enforces."""
    if not count:
        return
    last = HEADER_ROW + count
    for col, column in enumerate(COLUMNS, start=1):
        if not column.editable:
            continue
        limit = VALUE_LIMIT if column.key == "value_text" else TEXT_LIMIT
        rule = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(limit),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Terlalu panjang",
            error=f"Paling banyak {limit} karakter.",
        )
        letter = get_column_letter(col)
        rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
        sheet.add_data_validation(rule)


def _roman(report):
    return report.quarter_name.split()[-1]
