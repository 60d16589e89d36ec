"""Read what one row says about its line: the months it schedules, its cost, akun and ket, as
offices write them - a month by a mark or by shading, the cost in one column or as ``Rp`` |
amount under one merged label, ``-`` for "none". The row reader decides which line the row
belongs to; this module only reads the cells, and names the column of every problem.
"""

from budgets.akun import parse_akun
from budgets.rupiah import NONE_MARKS, RupiahError, parse_rupiah
from plans.importers.grid import cell_text
from plans.importers.terms import LINE_DATA_KEYS
from plans.vocabulary import MARKS_EXPECTED, read_month_mark


class CostError(RupiahError):
    """An unreadable cost, with the column to name in the message (the amount's column of a
    ``Rp`` | amount pair)."""

    def __init__(self, message, column):
        super().__init__(message)
        self.column = column


class LineCells:
    """The line columns of one sheet: which of them hold something in a row, and what."""

    def __init__(self, grid, header):
        self.grid = grid
        self.header = header
        self.cost_columns = header.columns.get("biaya", [])
        self.akun_column = header.col("akun")
        self.ket_column = header.col("ket")

    def own(self, row, col):
        """The cell's value when it starts in ``row`` (a merged cell is read once, on top)."""
        if self.grid.owner(row, col)[0] != row:
            return None
        return self.grid.value(row, col)

    def filled(self, row):
        """The month, cost, akun and ket columns of ``row`` holding a value or shading; a
        cost of ``-`` is no cost."""
        grid = self.grid
        cols = list(self.header.months.values())
        for key in LINE_DATA_KEYS:
            cols += self.header.columns.get(key, [])
        return [
            col
            for col in cols
            if grid.owner(row, col)[0] == row
            and (cell_text(grid.value(row, col)) or grid.is_shaded(row, col))
            and not (col in self.cost_columns and cell_text(grid.value(row, col)) in NONE_MARKS)
        ]

    def months(self, row):
        """(months, problems): the months ``row`` schedules, and (column, message) for every
        month cell holding something that is not a schedule mark."""
        months, problems = set(), []
        for month, col in self.header.months.items():
            if self.grid.owner(row, col)[0] != row:
                continue
            value = self.grid.value(row, col)
            scheduled = read_month_mark(cell_text(value))
            if scheduled is None:
                problems.append((col, f'"{cell_text(value)}" bukan tanda jadwal; {MARKS_EXPECTED}'))
            # An empty or "0" cell is scheduled when shaded: the seeds mark months by shading.
            elif scheduled or self.grid.is_shaded(row, col):
                months.add(month)
        return months, problems

    def cost(self, row):
        """(amount, column) of the cost in ``row``: one column, or ``Rp`` | amount under one
        merged label. The amount is None when there is none (the column is then the last cost
        column, None without any); an unreadable one raises ``CostError``."""
        values = []
        for col in self.cost_columns:
            value = self.own(row, col)
            text = cell_text(value)
            if text.upper().rstrip(".") in {"RP", ""} or text in NONE_MARKS:
                continue
            values.append((col, value))
        if not values:
            return None, (self.cost_columns or [None])[-1]
        column = values[-1][0]
        if len(values) > 1:
            shown = " | ".join(cell_text(value) for _col, value in values)
            message = f'"{shown}" berisi dua nilai; yang diharapkan satu nilai rupiah'
            raise CostError(message, column)
        try:
            return parse_rupiah(values[0][1]), column
        except RupiahError as error:
            raise CostError(str(error), column) from error

    def akun(self, row):
        """The akun code written in ``row``, normalised; "" for none. Raises ``AkunError``
        (its column is ``akun_column``)."""
        if self.akun_column is None:
            return ""
        akun = cell_text(self.own(row, self.akun_column))
        if not akun or akun in NONE_MARKS:
            return ""
        return str(parse_akun(akun))

    def ket(self, row):
        """The remark written in ``row``; "" for none."""
        if self.ket_column is None:
            return ""
        ket = cell_text(self.own(row, self.ket_column))
        return "" if ket in NONE_MARKS else ket
