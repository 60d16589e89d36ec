"""The plan's matrix as an Excel workbook that prints like the KPU's Rencana Aksi.

Offices keep editing and re-printing these files, so the sheet is a real table: merged cells
where the matrix merges, costs as numbers with a Rupiah format (sums keep working), print
setup for one page width in landscape, and no cell that Excel could run as a formula.
"""

import math
from copy import copy
from io import BytesIO
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from plans.exports.common import (
    SUPERSEDED_NOTE,
    approval,
    approval_line,
    cell_text,
    is_draft,
    signatory,
)
from plans.matrix import build_matrix

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
FONT_SIZE = 9
LINE_HEIGHT = 12  # points per wrapped line at 9 pt
WIDTH_SCALE = 0.6  # matrix relative widths -> Excel character widths
MIN_WIDTH = 4
RUPIAH_FORMAT = '"Rp "#,##0'
MONTH_FILL = "92D050"
HEADER_FILL = "D9D9D9"
PAPER_SIZES = {"A4": 9, "F4": 14}  # 14 is Folio, 8.5 × 13 in = 216 × 330 mm
SIGNATORY_WIDTH = 36  # characters the signatory block needs on the right

_thin = Side(style="thin", color="000000")
_border = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_font = Font(name=FONT, size=FONT_SIZE)
_bold = Font(name=FONT, size=FONT_SIZE, bold=True)
_top_left = Alignment(vertical="top", wrap_text=True)
_top_center = Alignment(horizontal="center", vertical="top", wrap_text=True)
_centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
_boxed = {"font": _font, "border": _border}  # a body cell: the font and the thin border
_boxed_bold = {"font": _bold, "border": _border}
_style_arrays = WeakKeyDictionary()  # workbook -> {named style: its style ids} (``styled``)


def _style(name, **attributes):
    return NamedStyle(name=f"renaksi-{name}", **attributes)


STYLES = [
    _style("text", **_boxed, alignment=_top_left),
    _style("center", **_boxed, alignment=_top_center),
    _style(
        "cost",
        **_boxed,
        alignment=Alignment(horizontal="right", vertical="top"),
        number_format=RUPIAH_FORMAT,
    ),
    _style("month", **_boxed, alignment=_top_center),
    _style(
        "month-on",
        **_boxed,
        alignment=_top_center,
        fill=PatternFill("solid", fgColor=MONTH_FILL),
    ),
    _style(
        "head",
        **_boxed_bold,
        alignment=_centered,
        fill=PatternFill("solid", fgColor=HEADER_FILL),
    ),
    _style("total", **_boxed_bold, alignment=_centered),
    _style(
        "total-cost",
        **_boxed_bold,
        alignment=Alignment(horizontal="right", vertical="center"),
        number_format=RUPIAH_FORMAT,
    ),
    _style("title", font=Font(name=FONT, size=12, bold=True), alignment=_centered),
    _style("sign", font=_font, alignment=Alignment(horizontal="center")),
    _style(
        "sign-note",
        font=Font(name=FONT, size=7, color="595959"),
        alignment=Alignment(horizontal="center"),
    ),
    _style(
        "sign-superseded",
        font=Font(name=FONT, size=FONT_SIZE, bold=True, color="C00000"),
        alignment=Alignment(horizontal="center"),
    ),
    _style(
        "sign-name",
        font=Font(name=FONT, size=FONT_SIZE, bold=True, underline="single"),
        alignment=Alignment(horizontal="center"),
    ),
]
CENTERED_KEYS = {"no", "target"}


def build_workbook(plan, matrix=None, site_url=None):
    """The workbook of ``plan``: title, header, the merged matrix, total and signatory;
    ``site_url`` is where its verification address points (``settings.SITE_URL`` if not
    given)."""
    matrix = matrix or build_matrix(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Renaksi {plan.year}"[:31]
    for style in STYLES:
        workbook.add_named_style(style)
    widths = [max(MIN_WIDTH, column.width * WIDTH_SCALE) for column in matrix.columns]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = round(width, 1)
    last_col = len(widths)

    row = write_title(sheet, plan.title_lines, last_col)
    header_top = row
    row = _write_header(sheet, matrix, plan.show_column_numbers, row, widths)
    first_data = row
    row = _write_rows(sheet, matrix, row, widths)
    if matrix.shows_costs:
        row = _write_total(sheet, matrix, row)
    write_signatory(sheet, signatory(plan), approval(plan, site_url), row + 1, widths)

    sheet.freeze_panes = sheet.cell(first_data, 1)
    sheet.print_title_rows = f"{header_top}:{first_data - 1}"
    _page_setup(sheet, plan)
    return workbook


def workbook_bytes(plan, site_url=None):
    """The ``.xlsx`` file of ``plan`` as bytes, for responses and the export command."""
    buffer = BytesIO()
    build_workbook(plan, site_url=site_url).save(buffer)
    return buffer.getvalue()


def set_text(cell, text):
    """Store ``text`` as a string cell whatever it starts with: ``=HYPERLINK(...)`` typed in a
    plan must print as typed, never run when a colleague opens the file. Characters XML cannot
    hold (other control characters) are dropped instead of failing the export."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"


def merge(sheet, first_row, first_col, last_row, last_col):
    """Merge a block, giving the cells it covers the style of its first cell.

    ``Worksheet.merge_cells`` checks each new range against every earlier one and rebuilds
    the borders cell by cell: quadratic, several seconds for a 1,000-line plan; even a bare
    ``MergedCellRange`` re-reads the borders of its corners. The matrix's merges never
    overlap and the covered cells take the first cell's style (borders included, which is
    also how Excel itself saves merged cells), so the range is registered as a plain range:
    the file holds the same ``<mergeCell ref=…>``.
    """
    first = sheet.cell(first_row, first_col)
    for row in range(first_row, last_row + 1):
        for col in range(first_col, last_col + 1):
            if (row, col) != (first_row, first_col):
                sheet.cell(row, col)._style = copy(first._style)
    sheet.merged_cells.ranges.add(
        CellRange(min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row)
    )


def styled(cell, name):
    """Give ``cell`` the named style ``name``. The first cell of a workbook with that style
    goes through openpyxl, which registers the style; the others copy its style ids, the
    same result without hashing every style object again (a third of a large export)."""
    arrays = _style_arrays.setdefault(cell.parent.parent, {})
    array = arrays.get(name)
    if array is None:
        cell.style = name
        arrays[name] = copy(cell._style)
    else:
        cell._style = copy(array)


def write_title(sheet, lines, last_col):
    """The title ``lines``, each centred across the table's ``last_col`` columns; returns the
    row where the table starts."""
    for row, line in enumerate(lines, start=1):
        cell = sheet.cell(row, 1)
        set_text(cell, line)
        cell.style = "renaksi-title"
        merge(sheet, row, 1, row, last_col)
        sheet.row_dimensions[row].height = 16
    return len(lines) + 2  # one blank row between title and table


def _write_header(sheet, matrix, show_numbers, row, widths):
    header_rows = 2 if matrix.header.months else 1
    col = 1
    for label, colspan, rowspan in matrix.header.top:
        _header_cell(sheet, row, col, label)
        if colspan > 1 or rowspan > 1:
            merge(sheet, row, col, row + rowspan - 1, col + colspan - 1)
        col += colspan
    month_cols = [i for i, column in enumerate(matrix.columns, start=1) if column.is_month]
    for col, label in zip(month_cols, matrix.header.months, strict=True):
        _header_cell(sheet, row + 1, col, label)
    tallest = max(
        wrapped_lines(label, sum(widths[col - 1 : col - 1 + colspan]))
        for label, colspan, _ in matrix.header.top
    )
    sheet.row_dimensions[row].height = tallest * LINE_HEIGHT / header_rows + 4
    row += header_rows
    if show_numbers:
        for col in matrix.column_numbers:
            _header_cell(sheet, row, col, col)
        row += 1
    return row


def _header_cell(sheet, row, col, value):
    cell = sheet.cell(row, col)
    if isinstance(value, str) and value.isdigit():
        value = int(value)  # month "5" as a number: no "number stored as text" flags
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value
    cell.style = "renaksi-head"


def _write_rows(sheet, matrix, first_row, widths):
    """One sheet row per matrix row; merged cells where the matrix merges, and row heights
    that show every wrapped line (``fit_row_heights``)."""
    numbers = {column.key: index for index, column in enumerate(matrix.columns, start=1)}
    heights = [1] * len(matrix.rows)
    spanning = []
    for offset, matrix_row in enumerate(matrix.rows):
        row = first_row + offset
        for cell in matrix_row.cells:
            col = numbers[cell.column.key]
            target = sheet.cell(row, col)
            lines = _write_cell(target, cell, widths[col - 1])
            if cell.rowspan > 1:
                merge(sheet, row, col, row + cell.rowspan - 1, col)
                spanning.append((offset, cell.rowspan, lines))
            else:
                heights[offset] = max(heights[offset], lines)
    fit_row_heights(sheet, first_row, heights, spanning)
    return first_row + len(matrix.rows)


def fit_row_heights(sheet, first_row, heights, spanning):
    """Heights of the rows from ``first_row`` that show every wrapped line: ``heights`` gives
    the lines of each row's one-row cells, ``spanning`` ``(offset, rowspan, lines)`` those of
    its merged cells, whose missing lines the rows they cover share (Excel does not grow
    rows for merged cells by itself)."""
    heights = [float(lines) for lines in heights]
    for offset, rowspan, lines in spanning:
        covered = heights[offset : offset + rowspan]
        missing = lines - sum(covered)
        if missing > 0:
            for index in range(offset, offset + rowspan):
                heights[index] += missing / rowspan
    for offset, lines in enumerate(heights):
        sheet.row_dimensions[first_row + offset].height = math.ceil(lines * LINE_HEIGHT + 3)


def _write_cell(target, cell, width):
    """Write one matrix cell; returns the number of lines its text needs."""
    key = cell.column.key
    if cell.column.is_month:
        styled(target, "renaksi-month-on" if cell.value and not cell.continued else "renaksi-month")
        return 1
    if key == "biaya":
        styled(target, "renaksi-cost")
        if cell.node is not None and not cell.continued:
            if cell.value is None:
                set_text(target, "-")
            else:
                target.value = cell.value
        return 1
    styled(target, "renaksi-center" if key in CENTERED_KEYS else "renaksi-text")
    text = cell_text(cell)
    if text:
        set_text(target, text)
    return wrapped_lines(text, width)


def wrapped_lines(text, width):
    """Wrapped lines ``text`` needs in a column ``width`` characters wide (9 pt Arial fits
    about 1.1 characters per width unit, less a character for the cell's padding)."""
    per_line = max(1.0, (width - 1) * 1.1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def _write_total(sheet, matrix, row):
    before = matrix.cost_column_index
    last_col = len(matrix.columns)
    label = sheet.cell(row, 1)
    set_text(label, "JUMLAH")
    for col in range(1, last_col + 1):
        sheet.cell(row, col).style = "renaksi-total"
    if before > 1:
        merge(sheet, row, 1, row, before)
    total = sheet.cell(row, before + 1)
    total.style = "renaksi-total-cost"
    if matrix.total_biaya is None:
        set_text(total, "-")
    else:
        total.value = matrix.total_biaya
    if before + 2 <= last_col:
        merge(sheet, row, before + 2, row, last_col)
    sheet.row_dimensions[row].height = LINE_HEIGHT + 4
    return row + 1


def write_signatory(sheet, block, info, row, widths):
    """The signatory block under the table on the right, each line merged across the last
    columns that together are wide enough for it; under an approved version's signatory, a
    small note of its version, approval date, verification code and address."""
    first_col = len(widths)
    while first_col > 1 and sum(widths[first_col - 1 :]) < SIGNATORY_WIDTH:
        first_col -= 1
    lines = [("renaksi-sign", block["place_date"]), ("renaksi-sign", block["acknowledge"])]
    lines += [("renaksi-sign", line) for line in block["title_lines"]]
    lines = [(style, text) for style, text in lines if text]
    lines += [("renaksi-sign", "")] * 3  # room to sign
    lines.append(("renaksi-sign-name", block["name"] or " " * 30))
    if block["nip"]:
        lines.append(("renaksi-sign", block["nip"]))
    if info:
        lines.append(("renaksi-sign", ""))
        lines.append(("renaksi-sign-note", approval_line(info)))
        if info["url"]:
            lines.append(("renaksi-sign-note", f"Periksa keaslian: {info['url']}"))
        if info["superseded"]:
            lines.append(("renaksi-sign-superseded", SUPERSEDED_NOTE))
    row += 1
    for style, text in lines:
        cell = sheet.cell(row, first_col)
        if text:
            set_text(cell, text)
        cell.style = style
        if first_col < len(widths):
            merge(sheet, row, first_col, row, len(widths))
        row += 1


def _page_setup(sheet, plan):
    page_setup(sheet, plan.paper, is_draft(plan), approval(plan))


def page_setup(sheet, paper, draft, info):
    """Landscape on ``paper``, one page wide, page numbers; a ``draft`` says DRAF in the page
    header, a signed document (``info`` as ``common.approval`` gives it) its line and code in
    the footer."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = PAPER_SIZES.get(paper, PAPER_SIZES["A4"])
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.3
    sheet.oddFooter.center.text = "Halaman &P dari &N"
    if draft:
        sheet.oddHeader.right.text = "DRAF"
        return
    # "&" starts a header/footer code in Excel: a literal one is written "&&".
    sheet.oddFooter.left.text = approval_line(info | {"code": ""}).replace("&", "&&")
    if info["code"]:
        sheet.oddFooter.right.text = f"Kode verifikasi {info['code']}"
    if info["superseded"]:
        sheet.oddHeader.right.text = "DIGANTIKAN"
        sheet.oddHeader.right.color = "C00000"
