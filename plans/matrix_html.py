"""The body rows of the matrix as HTML for the plan page.

Built in Python rather than in a template loop: a 1,000-line plan has ~25,000 cells and the
template engine spends seconds on them, while this takes tens of milliseconds. Every value
is escaped here; the template marks the result safe.

For a planner each text cell opens its node's editor, an empty one says so, and each node
offers to add what goes below it (``+ Indikator kinerja`` in the sasaran program's cell), in
the cell where the new item will appear.

The page stays light at 1,000 lines (~25,000 cells): a line's editor is one link, in its first
text cell (its other cells open it by a click, see static/js/renaksi.js), and a month cell is
a bare ``<td>`` (``class="on"`` when scheduled). The line's row says where its months start
(``data-m``: the index of its January cell), so one delegated handler and one roving
``<button>`` serve every month cell, by mouse, keyboard and screen reader.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from budgets.rupiah import format_rupiah
from plans.layouts import TEXT_COLUMNS
from plans.models import LEVELS, TREE

# Which editor a text cell opens, by column: the tree level that prints it.
EDITOR_SLUG = {key: level.slug for level in TREE for key in level.columns}
# Cells that carry an anchor, so a check or a link can point at the row.
ANCHORED = {"no": "sasaran", "indikator": "indikator", "kegiatan": "kegiatan"}
# Columns whose emptiness is a gap to fill (an empty akun or note is ordinary).
EXPECTED_TEXT = set(TEXT_COLUMNS)


def add_links(columns):
    """``{column key: (child slug, owner key)}``: in which column a node offers to add its
    children, and whose child the new item is (the owner of that row's column)."""
    shown = set(columns)
    links = {"indikator": ("kegiatan", "indikator")}
    if "sasaran_program" in shown:
        links["sasaran_strategis"] = ("program", "sasaran_strategis")
        links["sasaran_program"] = ("indikator", "sasaran_program")
    else:  # one blank programme per sasaran: indicators are added from the sasaran's cell
        links["sasaran_strategis"] = ("indikator", "sasaran_program")
    if "rencana_kegiatan" in shown:
        links["kegiatan"] = ("baris", "kegiatan")
    return links


class RowWriter:
    """Writes the rows of one matrix for one reader."""

    def __init__(self, matrix, *, editable, edit_base, add_base, sasaran_totals, saved=None):
        self.editable, self.edit_base, self.add_base = editable, edit_base, add_base
        self.totals = sasaran_totals
        self.saved = saved  # (model, pk) of the node just saved: its cells are marked
        self.links = add_links([column.key for column in matrix.columns]) if editable else {}
        self.blank = f'<span class="blank">{escape(_("kosong, klik untuk mengisi"))}</span>'

    def rows(self, matrix):
        out = []
        for row in matrix.rows:
            cells, first_month, line_linked = [], None, False
            for index, cell in enumerate(row.cells):
                span = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
                if cell.column.is_month:
                    if first_month is None and cell.node is not None and not cell.continued:
                        first_month = index
                    cells.append(_month_cell(cell, span))
                elif cell.node is None:
                    cells.append(self._empty_cell(cell, span, row))
                elif cell.continued:
                    cells.append(f"<td{span}></td>")
                else:
                    # A line's other cells open the same editor as its first: one link each.
                    is_line = cell.node is row.line
                    link = not (is_line and line_linked)
                    cells.append(self._text_cell(cell, span, row, link=link))
                    line_linked = line_linked or is_line
            attrs = ""
            if row.line:
                attrs = f' id="baris-{row.line.pk}"'
                if self._is_saved(row.line):
                    attrs += ' class="saved"'
                if self.editable and first_month is not None:
                    attrs += f' data-m="{first_month}"'
            out.append(f"<tr{attrs}>{''.join(cells)}</tr>\n")
        return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)

    def _empty_cell(self, cell, span, row):
        if cell.column.key == "kegiatan" and self.editable and row.indikator:
            return f"<td{span}>{self._add_link('kegiatan', row.indikator)}</td>"
        return f"<td{span}></td>"

    def _text_cell(self, cell, span, row, link=True):
        key, node = cell.column.key, cell.node
        classes = ["num"] if key == "biaya" else []
        if self._is_saved(node):
            classes.append("saved")
        text = escape(format_rupiah(cell.value) if key == "biaya" else cell.value or "")
        attrs = f' id="{ANCHORED[key]}-{node.pk}"' if key in ANCHORED else ""
        if classes:
            attrs += f' class="{" ".join(classes)}"'
        if self.editable:
            if not text and key in EXPECTED_TEXT:
                text = self.blank
            if link:
                url = f"{self.edit_base}{EDITOR_SLUG[key]}/{node.pk}/"
                text = f'<a class="ed" href="{url}">{text}</a>'
            if key in self.links:
                child, owner = self.links[key]
                text += self._add_link(child, row.owners.get(owner) or row.line)
        total = self.totals.get(node.pk) if key == "sasaran_strategis" else None
        if total:
            text += f'<small class="subtotal">Σ {escape(format_rupiah(total))}</small>'
        return f"<td{attrs}{span}>{text}</td>"

    def _add_link(self, slug, parent):
        if parent is None:
            return ""
        label = escape(LEVELS[slug].model._meta.verbose_name.capitalize())
        return f'<a class="add" href="{self.add_base}{slug}/?parent={parent.pk}">+ {label}</a>'

    def _is_saved(self, node):
        return self.saved is not None and (type(node), node.pk) == self.saved


def _month_cell(cell, span):
    if cell.value and not cell.continued:
        return f'<td class="on"{span}></td>'
    return f"<td{span}></td>"
