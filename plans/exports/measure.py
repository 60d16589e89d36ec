"""The printed matrix measured with the font the PDF embeds, before WeasyPrint lays it out.

- Column widths: the plan's relative widths scaled to the paper; a column too narrow for what
  must not break in it - a header word, a month label, a column number, an amount, an akun
  code, a number, or a word up to half again the column's share - is widened and the others
  give way. A word still wider than its column is hyphenated (``too_wide``).
- Rows kept together: WeasyPrint does not split a merged cell's text over two pages, so the
  rows a merged cell needs to hold its text must stay on one page (``kept_rows``).

The matrix is measured by ``column_widths`` and ``kept_rows``; any other printed table (the
quarterly report) by the same pieces they use: ``Needs``, ``fit_widths`` and ``rows_kept``.

Widths ignore kerning, which only narrows text, so a text measured to fit does fit.
"""

import math
from functools import cache
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont

from budgets.rupiah import format_rupiah
from plans.exports.common import cell_text

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
FONT_FILES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
# Paper (width, height) in mm, landscape, and the left and right page margin.
PAPER_MM = {"A4": (297, 210), "F4": (330, 215)}
SIDE_MARGIN_MM = 8
POINTS_PER_MM = 72 / 25.4
# As templates/exports/matrix.html sets them, in points: a cell's padding plus the collapsed
# 0.5 pt border across and down, the month labels' padding across, the line height.
CELL_EXTRA = 2 * 1.5 + 0.5
CELL_EXTRA_DOWN = 2 * 1 + 0.5
MONTH_LABEL_EXTRA = 2 * 1 + 0.5
LINE_HEIGHT = 1.2
# Points a column gets beyond its widest text: the renderer rounds, and a text that fits
# exactly may still wrap.
ROUNDING = 0.5
# A number or code may take up to this share of the table; a longer one breaks anywhere.
MAX_SHARE = 0.25
# A plain word may widen its column to this many times its share before it is hyphenated.
WORD_GROWTH = 1.5


@cache
def _advances(bold):
    """Advance widths (in em) of the shipped Liberation Sans by code point, and the width
    of the glyph drawn for a missing character."""
    font = TTFont(FONT_DIR / FONT_FILES[bold], lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] / per_em for code, name in font.getBestCmap().items()}
    return widths, metrics[".notdef"][0] / per_em


def text_width(text, size, bold=False):
    """Width in points of ``text`` set at ``size`` points."""
    widths, missing = _advances(bold)
    return size * sum(widths.get(ord(char), missing) for char in text)


def table_width(paper):
    """Width in points of the matrix on ``paper``: the page less its side margins."""
    width = PAPER_MM.get(paper, PAPER_MM["A4"])[0]
    return (width - 2 * SIDE_MARGIN_MM) * POINTS_PER_MM


def too_wide(word, width, size):
    """Whether ``word`` at ``size`` points is wider than a cell of a column ``width`` points
    wide has room for on one line (hyphenated then, as it cannot fit whole)."""
    return text_width(word, size) + CELL_EXTRA > width


def column_widths(matrix, relative, paper, size):
    """Widths in points of the matrix's columns at font ``size``: ``relative`` scaled to the
    table, each column at least as wide as its widest unbreakable text."""
    return fit_widths(_needs(matrix, size), relative, paper)


def fit_widths(needs, relative, paper):
    """Widths in points of a table's columns on ``paper``: ``relative`` scaled to the table,
    each column at least as wide as its ``needs`` (``Needs.pairs()``) allow. Any printed
    table measured with ``Needs`` (the matrix, the quarterly report) is laid out here."""
    table = table_width(paper)
    share = [table * width / sum(relative) for width in relative]
    needs = [
        max(min(hard, table * MAX_SHARE), min(word, share[index] * WORD_GROWTH))
        for index, (hard, word) in enumerate(needs)
    ]
    if sum(needs) >= table:
        return [table * need / sum(needs) for need in needs]
    # Widen the columns that need it; the others share what is left by their relative width.
    # Each round fixes at least one column, and the last free one always fits.
    fixed = {}
    while True:
        free = [index for index in range(len(relative)) if index not in fixed]
        scale = (table - sum(fixed.values())) / sum(relative[index] for index in free)
        grown = {index: needs[index] for index in free if needs[index] > relative[index] * scale}
        if not grown:
            return [fixed.get(index, relative[index] * scale) for index in range(len(relative))]
        fixed.update(grown)


class Needs:
    """What each column of a printed table needs, in points at font ``size``: the widest
    text that must not break at all (``hard``) and the widest plain word (``word``), each
    with its cell's padding and border."""

    def __init__(self, count, size):
        self.size = size
        self.hard = [0.0] * count
        self.word = [0.0] * count

    def unbreakable(self, index, text, extra=CELL_EXTRA, bold=True):
        """``text`` must fit column ``index`` on one line (a header word, an amount)."""
        width = text_width(text, self.size, bold) + extra + ROUNDING
        self.hard[index] = max(self.hard[index], width)

    def label(self, index, label):
        """A header label of one column: none of its words may break."""
        for part in label.split():
            self.unbreakable(index, part)

    def text(self, index, text, codes=False):
        """A body cell's text: numbers (and every word, with ``codes``) must not break, plain
        words should not."""
        for part in text.split():
            if codes or any(char.isdigit() for char in part):
                self.unbreakable(index, part, bold=False)
            else:
                width = text_width(part, self.size) + CELL_EXTRA + ROUNDING
                self.word[index] = max(self.word[index], width)

    def pairs(self):
        """(hard, word) per column, as ``fit_widths`` takes them."""
        return list(zip(self.hard, self.word, strict=True))


def _needs(matrix, size):
    """(hard, word) per column of the matrix in points."""
    needs = Needs(len(matrix.columns), size)
    index = 0
    for label, colspan, _rowspan in matrix.header.top:
        if colspan == 1:
            needs.label(index, label)
        index += colspan
    months = iter(matrix.header.months)
    for index, column in enumerate(matrix.columns):
        if matrix.plan.show_column_numbers:
            needs.unbreakable(index, str(index + 1))
        if column.is_month:
            needs.unbreakable(index, next(months), MONTH_LABEL_EXTRA)
    position = _positions(matrix)
    for row in matrix.rows:
        for cell in row.cells:
            index = position[id(cell.column)]
            if cell.column.key == "biaya":
                needs.unbreakable(index, cell_text(cell), bold=False)
            else:
                needs.text(index, cell_text(cell), codes=cell.column.key == "akun")
    if matrix.shows_costs:
        needs.unbreakable(matrix.cost_column_index, format_rupiah(matrix.total_biaya))
    # The twelve months print alike: as wide as the widest of them.
    months = [index for index, column in enumerate(matrix.columns) if column.is_month]
    for index in months:
        needs.hard[index] = max(needs.hard[month] for month in months)
    return needs.pairs()


def kept_rows(matrix, widths, size):
    """Indexes of the matrix rows that must not start a page (``rows_kept``)."""
    position = _positions(matrix)
    rows = [
        [(position[id(cell.column)], cell_text(cell), cell.rowspan) for cell in row.cells]
        for row in matrix.rows
    ]
    return rows_kept(rows, widths, size)


def rows_kept(rows, widths, size):
    """Indexes of the ``rows`` - each a list of ``(column index, text, rowspan)`` of the
    cells that start in it - that must not start a page: every row a merged cell needs,
    after its first, to hold the cell's text. Heights are estimated by wrapping at spaces
    only, so they come out too tall rather than too short and keep too many rows rather
    than too few."""
    line = size * LINE_HEIGHT
    heights = []  # each row at least as tall as its one-row cells
    for row in rows:
        cells = [(index, text) for index, text, rowspan in row if rowspan == 1]
        heights.append(
            max(_height(text, widths[index], size) for index, text in cells)
            if cells
            else line + CELL_EXTRA_DOWN
        )
    kept = set()
    for start, row in enumerate(rows):
        for index, text, rowspan in row:
            if rowspan == 1:
                continue
            height = _height(text, widths[index], size)
            end = start + 1
            while end < start + rowspan and sum(heights[start:end]) < height:
                kept.add(end)
                end += 1
    return kept


def _height(text, width, size):
    """Estimated height in points of ``text`` wrapped in a column ``width`` wide."""
    room = max(width - CELL_EXTRA, 1)
    space = text_width(" ", size)
    lines, used = 1, 0.0
    for word in text.split():
        word_width = text_width(word, size)
        if used and used + space + word_width > room:
            lines, used = lines + 1, 0.0
        if used:
            used += space + word_width
        elif word_width > room:
            # Broken over several lines by hyphenation.
            lines += math.ceil(word_width / room) - 1
            used = word_width % room
        else:
            used = word_width
    return lines * size * LINE_HEIGHT + CELL_EXTRA_DOWN


def _positions(matrix):
    return {id(column): index for index, column in enumerate(matrix.columns)}
