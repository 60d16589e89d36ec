"""The printed matrix of a plan: its columns, header rows, body rows and merged cells.

The PDF, the Excel file and the plan page all draw from ``build_matrix(plan)``, so they
cannot disagree on what spans which rows. The plan tree is read with one query per level
(``load_tree``), whatever the plan's size.

Rows: each indicator gets one row per line that covers it - first the lines that reach down
from earlier indicators (``indikator_span`` > 1), then its own lines in kegiatan and line
order - or a single row when it has none. A cell merges down over consecutive rows that
belong to the same node: the sasaran for its columns, the indicator for indicator and
target, the kegiatan, and the line for its text, months, cost, akun and remarks.
"""

from dataclasses import dataclass, field

from plans import layouts
from plans.models import (
    IndikatorKinerja,
    Kegiatan,
    RencanaKegiatan,
    SasaranProgram,
    SasaranStrategis,
)

# Relative widths; exporters scale them to the page.
WIDTHS = {
    "no": 7,
    "program": 24,
    "sasaran_strategis": 34,
    "sasaran_program": 34,
    "indikator": 44,
    "target": 15,
    "kegiatan": 30,
    "rencana_kegiatan": 34,
    "month": 5.2,
    "biaya": 25,
    "akun": 22,
    "ket": 14,
}
LINE_KEYS = {"rencana_kegiatan", "biaya", "akun", "ket"}


@dataclass
class Column:
    """One printed column: ``key`` is a layout key or ``b1``...``b12`` for a month."""

    key: str
    label: str
    width: float
    month: int | None = None

    @property
    def is_month(self):
        return self.month is not None


@dataclass
class Cell:
    """A cell that starts in its row and spans ``rowspan`` rows.

    ``value`` is text for text columns, a bool for a month, an int or None for the cost.
    ``node`` is the model instance the cell shows (for edit links); ``continued`` marks a
    line cell repeated after a break in a malformed span, printed blank so a cost never
    shows twice.
    """

    column: Column
    value: object
    node: object = None
    rowspan: int = 1
    continued: bool = False


@dataclass
class Row:
    indikator: IndikatorKinerja | None
    line: RencanaKegiatan | None
    cells: list = field(default_factory=list)


@dataclass
class Header:
    """The two header rows: labels (months grouped under one label) and month names."""

    top: list  # (label, colspan, rowspan)
    months: list  # labels of the month columns, empty when the layout has none


@dataclass
class Matrix:
    plan: object
    columns: list
    header: Header
    rows: list
    total_biaya: int | None
    sasaran_strategis: list

    @property
    def shows_costs(self):
        return any(column.key == "biaya" for column in self.columns)

    @property
    def column_numbers(self):
        return list(range(1, len(self.columns) + 1))

    @property
    def cost_column_index(self):
        return next(i for i, column in enumerate(self.columns) if column.key == "biaya")


@dataclass
class Tree:
    """A plan's nodes, each level read once and linked in Python."""

    sasaran_strategis: list
    programs: dict
    indikator: dict
    kegiatan: dict
    lines: dict


def load_tree(plan):
    """Read the whole tree of ``plan`` in five queries, in print order."""
    programs, indikator, kegiatan, lines = {}, {}, {}, {}
    sasaran = list(SasaranStrategis.objects.filter(plan=plan))
    for node in SasaranProgram.objects.filter(plan=plan):
        programs.setdefault(node.sasaran_strategis_id, []).append(node)
    for node in IndikatorKinerja.objects.filter(plan=plan):
        indikator.setdefault(node.sasaran_program_id, []).append(node)
    kegiatan_by_id = {}
    for node in Kegiatan.objects.filter(plan=plan):
        kegiatan.setdefault(node.indikator_id, []).append(node)
        kegiatan_by_id[node.pk] = node
    for node in RencanaKegiatan.objects.filter(plan=plan):
        node.kegiatan = kegiatan_by_id[node.kegiatan_id]
        lines.setdefault(node.kegiatan_id, []).append(node)
    return Tree(sasaran, programs, indikator, kegiatan, lines)


def build_columns(plan):
    columns = []
    for key in plan.columns:
        if key == "bulan":
            columns += [
                Column(f"b{month}", plan.month_label(month), WIDTHS["month"], month)
                for month in layouts.MONTHS
            ]
        else:
            columns.append(Column(key, plan.column_label(key), WIDTHS[key]))
    return columns


def build_header(plan):
    top = []
    has_months = "bulan" in plan.columns
    for key in plan.columns:
        if key == "bulan":
            top.append((plan.column_label(key), 12, 1))
        else:
            top.append((plan.column_label(key), 1, 2 if has_months else 1))
    months = [plan.month_label(month) for month in layouts.MONTHS] if has_months else []
    return Header(top, months)


def build_matrix(plan, tree=None):
    """The matrix of ``plan`` as columns, header and rows with their merges."""
    tree = tree or load_tree(plan)
    columns = build_columns(plan)
    rows = []
    for sasaran in tree.sasaran_strategis:
        for program in tree.programs.get(sasaran.pk, []):
            rows += _program_rows(sasaran, program, tree)
        if not tree.programs.get(sasaran.pk):
            rows.append(_row(sasaran, None, None, None, None))
    _merge(rows, columns)
    costs = [
        line.biaya for lines in tree.lines.values() for line in lines if line.biaya is not None
    ]
    total = sum(costs) if costs else None
    return Matrix(plan, columns, build_header(plan), rows, total, tree.sasaran_strategis)


def _program_rows(sasaran, program, tree):
    indicators = tree.indikator.get(program.pk, [])
    if not indicators:
        return [_row(sasaran, program, None, None, None)]
    reaching = {index: [] for index in range(len(indicators))}
    rows = []
    for index, indikator in enumerate(indicators):
        own = []  # (kegiatan, line); a kegiatan without lines still gets its row
        for kegiatan in tree.kegiatan.get(indikator.pk, []):
            lines = tree.lines.get(kegiatan.pk, [])
            own += [(kegiatan, line) for line in lines] or [(kegiatan, None)]
        for _kegiatan, line in own:
            last = min(index + line.indikator_span, len(indicators)) if line else index
            for later in range(index + 1, last):
                reaching[later].append((line.kegiatan, line))
        entries = reaching[index] + own or [(None, None)]
        rows += [_row(sasaran, program, indikator, kegiatan, line) for kegiatan, line in entries]
    return rows


def _row(sasaran, program, indikator, kegiatan, line):
    row = Row(indikator, line)
    row.owners = {
        "no": sasaran,
        "program": sasaran,
        "sasaran_strategis": sasaran,
        "sasaran_program": program,
        "indikator": indikator,
        "target": indikator,
        "kegiatan": kegiatan,
    }
    return row


def _value(column, owner):
    key = column.key
    if owner is None:
        return None
    if column.is_month:
        return column.month in owner.months
    return {
        "no": lambda: owner.number,
        "program": lambda: owner.program,
        "sasaran_strategis": lambda: owner.text,
        "sasaran_program": lambda: owner.text,
        "indikator": lambda: owner.text,
        "target": lambda: owner.target,
        "kegiatan": lambda: owner.text,
        "rencana_kegiatan": lambda: owner.text,
        "biaya": lambda: owner.biaya,
        "akun": lambda: owner.akun,
        "ket": lambda: owner.ket,
    }[key]()


def _merge(rows, columns):
    """Give each row the cells that start in it, merging runs of the same owner."""
    for column in columns:
        is_line_column = column.is_month or column.key in LINE_KEYS
        seen = set()
        open_cell, open_owner = None, None
        for row in rows:
            owner = row.line if is_line_column else row.owners[column.key]
            if owner is not None and owner is open_owner:
                open_cell.rowspan += 1
                continue
            continued = is_line_column and owner is not None and id(owner) in seen
            value = None if continued else _value(column, owner)
            open_cell = Cell(column, value, owner, 1, continued)
            open_owner = owner
            if owner is not None:
                seen.add(id(owner))
            row.cells.append(open_cell)
