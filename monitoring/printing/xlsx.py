"""The quarterly report as an Excel workbook in the matrix workbook's styles: capaian and
amounts as numbers (sums and charts keep working), the sasaran merged over its indicators,
the signatory, and no cell that Excel could run as a formula."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from monitoring.printing.common import (
    COLUMNS,
    PERCENT_KEYS,
    column_needs,
    is_draft,
    report_table,
    signatory_block,
    verification,
)
from plans.exports.measure import WORD_GROWTH
from plans.exports.xlsx import (
    FONT,
    FONT_SIZE,
    LINE_HEIGHT,
    MIN_WIDTH,
    STYLES,
    WIDTH_SCALE,
    fit_row_heights,
    merge,
    page_setup,
    set_text,
    wrapped_lines,
    write_signatory,
    write_title,
)

PERCENT_FORMAT = "0.00"
# Excel's width unit is the "0" of the workbook's default font (Calibri 11: 7 px at 96 dpi),
# about 5.25 pt; a column is a unit wider than its text for the cell's margins.
POINTS_PER_WIDTH = 5.25


def build_report_workbook(report, site_url=None):
    """The workbook of ``report``: title, header, one row per indicator, the notes, the
    signatory; ``site_url`` is where its verification address points."""
    table = report_table(report)
    info = verification(report, site_url)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Capaian {report.quarter_name} {report.year}"
    for style in STYLES:
        workbook.add_named_style(style)
    widths = _widths(table)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = round(width, 1)

    header = write_title(sheet, table.title_lines, len(COLUMNS))
    for col, column in enumerate(COLUMNS, start=1):
        set_text(sheet.cell(header, col), column.label)
        sheet.cell(header, col).style = "renaksi-head"
    tallest = max(wrapped_lines(c.label, width) for c, width in zip(COLUMNS, widths, strict=True))
    sheet.row_dimensions[header].height = tallest * LINE_HEIGHT + 4
    row = _write_rows(sheet, table.rows, header + 1, widths)
    row = _write_notes(sheet, table.notes, row + 1)
    write_signatory(sheet, signatory_block(report), info, row, widths)

    sheet.freeze_panes = sheet.cell(header + 1, 1)
    sheet.print_title_rows = f"{header}:{header}"
    page_setup(sheet, table.paper, is_draft(report), info)
    return workbook


def report_workbook_bytes(report, site_url=None):
    """The ``.xlsx`` file of ``report`` as bytes, for responses and the export command."""
    buffer = BytesIO()
    build_report_workbook(report, site_url).save(buffer)
    return buffer.getvalue()


def _widths(table):
    """Excel widths: each column's share, widened for its header words and figures (in
    Arial, whose metrics the shipped Liberation Sans measures) and, up to half again its
    share, for its longest word."""
    widths = []
    for column, (hard, word) in zip(COLUMNS, column_needs(table, FONT_SIZE), strict=True):
        share = max(MIN_WIDTH, column.width * WIDTH_SCALE)
        hard, word = hard / POINTS_PER_WIDTH + 1, word / POINTS_PER_WIDTH + 1
        widths.append(max(share, hard, min(word, share * WORD_GROWTH)))
    return widths


def _write_rows(sheet, rows, first_row, widths):
    numbers = {column.key: index for index, column in enumerate(COLUMNS, start=1)}
    heights, spanning = [1] * len(rows), []
    for offset, cells in enumerate(rows):
        for cell in cells:
            col = numbers[cell.column.key]
            target = sheet.cell(first_row + offset, col)
            _write_cell(target, cell)
            lines = wrapped_lines(cell.text, widths[col - 1])
            if cell.rowspan > 1:
                merge(sheet, first_row + offset, col, first_row + offset + cell.rowspan - 1, col)
                spanning.append((offset, cell.rowspan, lines))
            else:
                heights[offset] = max(heights[offset], lines)
    fit_row_heights(sheet, first_row, heights, spanning)
    return first_row + len(rows)


def _write_cell(target, cell):
    key = cell.column.key
    if key == "anggaran":
        target.style = "renaksi-cost"
    else:
        target.style = "renaksi-center" if cell.column.centered else "renaksi-text"
    if cell.number is None:
        set_text(target, cell.text)
        return
    target.value = cell.number
    if key in PERCENT_KEYS:
        target.number_format = PERCENT_FORMAT


def _write_notes(sheet, notes, row):
    """``Catatan:`` and the numbered notes, each across the table's width."""
    if not notes:
        return row
    for text in ["Catatan:", *notes]:
        cell = sheet.cell(row, 1)
        set_text(cell, text)
        cell.font = Font(name=FONT, size=FONT_SIZE)
        cell.alignment = Alignment(vertical="top")
        row += 1
    return row
