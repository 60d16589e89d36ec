"""One sheet as the matrix reader sees it, whatever the file format: values, shaded cells and
merged ranges, addressed by Excel's own 1-based row and column numbers.

openpyxl (.xlsx) and xlrd (.xls) disagree on almost everything - indices, colours, merges -
so both are turned into the same small structure once, and everything after reads only it.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from openpyxl.utils import get_column_letter

# Colours that mean "no shading": white, and the system colours Excel writes for "automatic".
WHITE_RGB = {"FFFFFF"}
NO_COLOUR_RGB = {"00000000"}
SYSTEM_INDEXES = {64, 65, 0x7FFF}
WHITE_INDEXES = {1, 9}


@dataclass
class Grid:
    """A sheet: ``values`` and ``shaded`` by (row, column), merges by their top-left cell."""

    name: str
    values: dict = field(default_factory=dict)
    shaded: set = field(default_factory=set)
    # top-left (row, col) -> (last row, last col), and every covered cell -> its top-left.
    merges: dict = field(default_factory=dict)
    owners: dict = field(default_factory=dict)
    uncached_formulas: set = field(default_factory=set)
    max_row: int = 0
    max_col: int = 0
    paper_size: int | None = None
    _texts: dict = field(default_factory=dict, repr=False)

    def value(self, row, col):
        return self.values.get((row, col))

    def text(self, row, col):
        """The cell as one line of text: ``1`` for 1.0, spaces and line breaks collapsed."""
        try:
            return self._texts[(row, col)]
        except KeyError:
            if (row, col) not in self.values:
                return ""  # not kept: asking about empty cells must not cost memory
            text = self._texts[(row, col)] = cell_text(self.values[(row, col)])
            return text

    def columns_with_values(self, row):
        """The columns of ``row`` that hold a value, left to right."""
        return self._columns_by_row.get(row, ())

    def rows_with_values(self, first=1):
        """The rows from ``first`` on that hold a value, top to bottom."""
        return sorted(row for row in self._columns_by_row if row >= first)

    def rows_with_content(self, first=1):
        """The rows from ``first`` on that hold a value or a shaded cell, top to bottom: the
        reader walks these, never every row times every column."""
        rows = {row for row, _col in self.values} | {row for row, _col in self.shaded}
        return sorted(row for row in rows if row >= first)

    @cached_property
    def _columns_by_row(self):
        columns = {}
        for row, col in sorted(self.values):
            columns.setdefault(row, []).append(col)
        return columns

    def is_shaded(self, row, col):
        return (row, col) in self.shaded

    def owner(self, row, col):
        """The top-left cell of the merge holding (row, col), or the cell itself."""
        return self.owners.get((row, col), (row, col))

    def merge_end(self, row, col):
        """(last row, last col) of the merge starting at (row, col), or the cell itself."""
        return self.merges.get((row, col), (row, col))

    def add_merge(self, first_row, first_col, last_row, last_col):
        if (first_row, first_col) == (last_row, last_col):
            return
        owner = (first_row, first_col)
        self.merges[owner] = (last_row, last_col)
        for row in range(first_row, last_row + 1):
            for col in range(first_col, last_col + 1):
                self.owners[(row, col)] = owner

    def row_is_empty(self, row, columns):
        return not any((row, col) in self.values or (row, col) in self.shaded for col in columns)


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    return " ".join(str(value).split())


def cell_name(row, col):
    return f"{get_column_letter(col)}{row}"


def column_letter(col):
    return get_column_letter(col)


# openpyxl -------------------------------------------------------------------------------------


def grid_from_xlsx_sheet(book, archive, path, shared_strings, scan):
    """The worksheet part at ``path`` as a grid, read row by row with openpyxl's own cell
    parser (values, dates, shared strings as ``load_workbook(data_only=True)`` gives them);
    ``scan`` (``workbook.XlsxSheetScan``) has measured it and holds its merges."""
    from openpyxl.worksheet._reader import WorkSheetParser

    grid = Grid(
        name=scan.name, uncached_formulas=set(scan.uncached_formulas), paper_size=scan.paper_size
    )
    for merge in scan.merges:
        grid.add_merge(*merge)
    styles, fills = book._cell_styles, book._fills
    shading_by_fill = {}
    with archive.open(path) as source:
        parser = WorkSheetParser(
            source,
            shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for _row, cells in parser.parse():
            for cell in cells:
                row, col = cell["row"], cell["column"]
                if grid.owners.get((row, col), (row, col)) != (row, col):
                    continue  # Excel shows a merge's first cell only; openpyxl empties the rest
                value = cell["value"]
                if value is not None and value != "":
                    grid.values[(row, col)] = value
                fill_id = styles[cell["style_id"]].fillId if cell["style_id"] else 0
                if fill_id:
                    shaded = shading_by_fill.get(fill_id)
                    if shaded is None:
                        shaded = shading_by_fill[fill_id] = _openpyxl_fill_is_shading(
                            fills[fill_id]
                        )
                    if shaded:
                        grid.shaded.add((row, col))
                if value is not None or fill_id:
                    grid.max_row = max(grid.max_row, row)
                    grid.max_col = max(grid.max_col, col)
    for _first_row, _first_col, last_row, last_col in scan.merges:
        grid.max_row = max(grid.max_row, last_row)
        grid.max_col = max(grid.max_col, last_col)
    for row, col in grid.uncached_formulas:
        grid.max_row = max(grid.max_row, row)
        grid.max_col = max(grid.max_col, col)
    return grid


def _openpyxl_fill_is_shading(fill):
    pattern = getattr(fill, "fill_type", None) or getattr(fill, "patternType", None)
    if pattern in (None, "none"):
        # Gradient fills have no pattern type but are coloured on purpose.
        return fill.__class__.__name__ == "GradientFill"
    colour = fill.fgColor if pattern == "solid" else (fill.fgColor or fill.bgColor)
    return _openpyxl_colour_is_shading(colour)


def _openpyxl_colour_is_shading(colour):
    if colour is None:
        return False
    kind = colour.type
    if kind == "rgb":
        rgb = str(colour.rgb or "").upper()
        return rgb not in NO_COLOUR_RGB and rgb[-6:] not in WHITE_RGB
    if kind == "indexed":
        return colour.indexed not in SYSTEM_INDEXES | WHITE_INDEXES
    if kind == "theme":
        # Theme colour 0 is "Background 1" (white) unless tinted darker.
        return not (colour.theme == 0 and not colour.tint)
    return False  # "auto"


# xlrd -----------------------------------------------------------------------------------------


def grid_from_xlrd_sheet(book, sheet):
    """An xlrd sheet as a grid; ``workbook.check_xls_sheet`` has measured it."""
    import xlrd

    grid = Grid(name=sheet.name, max_row=sheet.nrows, max_col=sheet.ncols)
    shading_by_xf = {}
    for r in range(sheet.nrows):
        for c in range(sheet.row_len(r)):
            cell = sheet.cell(r, c)
            value = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                value = None
            if value is not None and value != "":
                grid.values[(r + 1, c + 1)] = value
            shaded = shading_by_xf.get(cell.xf_index)
            if shaded is None:
                shaded = shading_by_xf[cell.xf_index] = _xlrd_xf_is_shading(book, cell.xf_index)
            if shaded:
                grid.shaded.add((r + 1, c + 1))
    for first_row, end_row, first_col, end_col in sheet.merged_cells:
        grid.add_merge(first_row + 1, first_col + 1, end_row, end_col)
    return grid


def _xlrd_xf_is_shading(book, xf_index):
    if xf_index is None or xf_index >= len(book.xf_list):
        return False
    background = book.xf_list[xf_index].background
    if not background.fill_pattern:
        return False
    index = background.pattern_colour_index
    if index in SYSTEM_INDEXES:
        return False
    rgb = book.colour_map.get(index)
    return rgb is not None and tuple(rgb) != (255, 255, 255)
