"""The RPD as an Excel workbook in the matrix workbook's styles: amounts as numbers (sums
keep working), the twelve months, tanpa jadwal and the total, the notes, the signatory,
and no cell that Excel could run as a formula."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from budgets.exports.common import (
    HEADINGS,
    RULE,
    UNKNOWN_NOTE,
    rpd_rows,
    source_line,
    title_lines,
)
from budgets.rpd import rpd_table
from plans.exports.common import approval, is_draft, signatory
from plans.exports.xlsx import (
    FONT,
    LINE_HEIGHT,
    STYLES,
    merge,
    page_setup,
    set_text,
    wrapped_lines,
    write_signatory,
    write_title,
)

# Thousands dots as the workbook's locale shows them; a zero prints as "-".
AMOUNT_FORMAT = '#,##0;-#,##0;"-"'
WIDTHS = [16] + [17] * (len(HEADINGS) - 1)
ROW_STYLES = {"month": "renaksi-cost", "unscheduled": "renaksi-cost", "total": "renaksi-total-cost"}


def build_rpd_workbook(plan, site_url=None, table=None):
    """The workbook of the RPD of ``plan``: title, header, one row per month, tanpa jadwal,
    the total, the notes and the plan's signatory."""
    table = table or rpd_table(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"RPD {plan.year}"
    for style in STYLES:
        workbook.add_named_style(style)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    header = write_title(sheet, title_lines(plan), len(WIDTHS))
    for col, label in enumerate(HEADINGS, start=1):
        cell = sheet.cell(header, col)
        set_text(cell, label)
        cell.style = "renaksi-head"
    tallest = max(
        wrapped_lines(label, width) for label, width in zip(HEADINGS, WIDTHS, strict=True)
    )
    sheet.row_dimensions[header].height = tallest * LINE_HEIGHT + 4
    row = header + 1
    for printed in rpd_rows(table):
        label = sheet.cell(row, 1)
        set_text(label, printed.label)
        label.style = "renaksi-total" if printed.kind == "total" else "renaksi-text"
        for col, amount in enumerate(printed.cells, start=2):
            cell = sheet.cell(row, col)
            cell.style = ROW_STYLES[printed.kind]
            if amount is not None:
                cell.value = amount
                cell.number_format = AMOUNT_FORMAT
        row += 1
    row = _write_notes(sheet, [source_line(plan), RULE, UNKNOWN_NOTE], row + 1)
    info = approval(plan, site_url)
    write_signatory(sheet, signatory(plan), info, row, WIDTHS)

    sheet.freeze_panes = sheet.cell(header + 1, 2)
    sheet.print_title_rows = f"{header}:{header}"
    page_setup(sheet, plan.paper, is_draft(plan), info)
    return workbook


def rpd_workbook_bytes(plan, site_url=None):
    """The ``.xlsx`` file of the RPD of ``plan`` as bytes, for the download view."""
    buffer = BytesIO()
    build_rpd_workbook(plan, site_url).save(buffer)
    return buffer.getvalue()


def _write_notes(sheet, notes, row):
    """Each note across the table's width, wrapped, in rows tall enough for it."""
    for text in notes:
        cell = sheet.cell(row, 1)
        set_text(cell, text)
        cell.font = Font(name=FONT, size=8)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        merge(sheet, row, 1, row, len(WIDTHS))
        sheet.row_dimensions[row].height = wrapped_lines(text, sum(WIDTHS)) * LINE_HEIGHT + 2
        row += 1
    return row
