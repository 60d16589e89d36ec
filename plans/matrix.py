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

from plans import vocabulary
from plans.models import TREE, IndikatorKinerja, RencanaKegiatan, level_below

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
LINE_KEYS = set(TREE[-1].columns)
# Printed column key -> the tree level whose node fills it, and the attribute it prints.
OWNERS = {key: level for level in TREE[:-1] for key in level.columns}
ATTRIBUTES = {key: attr for level in TREE for key, attr in level.columns.items()}
CHILD_MODEL = {level.model: level_below(level).model for level in TREE[:-1]}


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


class Tree:
    """A plan's nodes, each level read once and linked in Python: ``roots`` are its
    sasaran strategis, ``children(node)`` the nodes below one, in print order."""

    def __init__(self, roots, below):
        self.roots = roots
        self._below = below  # child level's model -> {parent pk: [nodes]}

    def children(self, node):
        return self._below[CHILD_MODEL[type(node)]].get(node.pk, [])

    def nodes(self, level):
        """Every node of ``level`` (a tree level), in print order."""
        nodes = list(self.roots)
        for _ in TREE[1 : TREE.index(level) + 1]:
            nodes = [child for node in nodes for child in self.children(node)]
        return nodes


def load_tree(plan):
    """Read the whole tree of ``plan`` in five queries, in print order."""
    roots = list(TREE[0].model.objects.filter(plan=plan))
    below, parents = {}, {node.pk: node for node in roots}
    for level in TREE[1:]:
        groups, loaded = {}, {}
        link = level.model._meta.get_field(level.parent_field).set_cached_value
        for node in level.model.objects.filter(plan=plan):
            parent_id = getattr(node, f"{level.parent_field}_id")
            # Link the parent already read, so node.kegiatan costs no query.
            link(node, parents[parent_id])
            groups.setdefault(parent_id, []).append(node)
            loaded[node.pk] = node
        below[level.model], parents = groups, loaded
    return Tree(roots, below)


def build_columns(plan):
    columns = []
    for key in plan.columns:
        if key == "bulan":
            columns += [
                Column(f"b{month}", plan.month_label(month), WIDTHS["month"], month)
                for month in vocabulary.MONTHS
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
    months = [plan.month_label(month) for month in vocabulary.MONTHS] if has_months else []
    return Header(top, months)


def build_matrix(plan, tree=None):
    """The matrix of ``plan`` as columns, header and rows with their merges."""
    tree = tree or load_tree(plan)
    columns = build_columns(plan)
    rows = []
    for sasaran in tree.roots:
        for program in tree.children(sasaran):
            rows += _program_rows(sasaran, program, tree)
        if not tree.children(sasaran):
            rows.append(_row(sasaran, None, None, None, None))
    _merge(rows, columns)
    costs = [line.biaya for line in tree.nodes(TREE[-1]) if line.biaya is not None]
    total = sum(costs) if costs else None
    return Matrix(plan, columns, build_header(plan), rows, total, tree.roots)


def _program_rows(sasaran, program, tree):
    indicators = tree.children(program)
    if not indicators:
        return [_row(sasaran, program, None, None, None)]
    reaching = {index: [] for index in range(len(indicators))}
    rows = []
    for index, indikator in enumerate(indicators):
        own = []  # (kegiatan, line); a kegiatan without lines still gets its row
        for kegiatan in tree.children(indikator):
            lines = tree.children(kegiatan)
            own += [(kegiatan, line) for line in lines] or [(kegiatan, None)]
        for _kegiatan, line in own:
            last = min(index + line.indikator_span, len(indicators)) if line else index
            for later in range(index + 1, last):
                reaching[later].append((line.kegiatan, line))
        entries = reaching[index] + own or [(None, None)]
        rows += [_row(sasaran, program, indikator, kegiatan, line) for kegiatan, line in entries]
    return rows


def _row(*path):
    """A row for the nodes ``(sasaran, program, indikator, kegiatan, line)``, any of them
    None; each printed column above the line belongs to the node of its level."""
    row = Row(path[2], path[4])
    row.owners = {key: path[TREE.index(level)] for key, level in OWNERS.items()}
    return row


def _value(column, owner):
    if owner is None:
        return None
    if column.is_month:
        return getattr(owner, column.key)  # b1 ... b12, read directly: 12,000 cells at 1,000 lines
    return getattr(owner, ATTRIBUTES[column.key])


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
