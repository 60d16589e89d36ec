"""The body rows of the matrix as HTML for the plan page.

Built in Python rather than in a template loop: a 1,000-line plan has ~25,000 cells and the
template engine spends seconds on them, while this takes tens of milliseconds. Every value
is escaped here; the template marks the result safe.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from budgets.rupiah import format_rupiah

# Which editor a text cell opens, by column.
EDITOR_SLUG = {
    "no": "sasaran",
    "program": "sasaran",
    "sasaran_strategis": "sasaran",
    "sasaran_program": "program",
    "indikator": "indikator",
    "target": "indikator",
    "kegiatan": "kegiatan",
    "rencana_kegiatan": "baris",
    "biaya": "baris",
    "akun": "baris",
    "ket": "baris",
}


def render_rows(matrix, *, editable, edit_base, add_kegiatan_url, sasaran_totals):
    """``<tr>`` elements for every row of ``matrix``; month cells are submit buttons of the
    page's month form when ``editable``."""
    add_word = escape(_("kegiatan"))
    out = []
    for row in matrix.rows:
        line_id = f' id="baris-{row.line.pk}"' if row.line else ""
        out.append(f"<tr{line_id}>")
        for cell in row.cells:
            span = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            column, node = cell.column, cell.node
            if column.is_month:
                out.append(_month_cell(cell, span, editable))
            elif node is None:
                if column.key == "kegiatan" and editable and row.indikator:
                    url = f"{add_kegiatan_url}?parent={row.indikator.pk}"
                    out.append(f'<td{span}><a class="add" href="{url}">+ {add_word}</a></td>')
                else:
                    out.append(f"<td{span}></td>")
            elif cell.continued:
                out.append(f"<td{span}></td>")
            else:
                out.append(_text_cell(cell, span, editable, edit_base, sasaran_totals.get(node.pk)))
        out.append("</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


def month_button(line, month, on):
    """The submit button of a month cell: it asks for the opposite of the current state."""
    return mark_safe(  # noqa: S308 (numbers and an escaped label)
        f'<button type="submit" name="bulan" value="{int(line)}:{int(month)}:{0 if on else 1}" '
        f'aria-pressed="{"true" if on else "false"}" '
        f'aria-label="{escape(_("Bulan"))} {int(month)}"></button>'
    )


def _month_cell(cell, span, editable):
    if cell.node is None or cell.continued:
        return f'<td class="m"{span}></td>'
    line, month, on = cell.node.pk, cell.column.month, cell.value
    classes = "m on" if on else "m"
    if not editable:
        return f'<td class="{classes}"{span}></td>'
    return f'<td id="m-{line}-{month}" class="{classes}"{span}>{month_button(line, month, on)}</td>'


def _text_cell(cell, span, editable, edit_base, sasaran_total):
    key, node = cell.column.key, cell.node
    if key == "biaya":
        text = escape(format_rupiah(cell.value))
        attrs = f' class="num"{span}'
    else:
        text = escape(cell.value or "")
        attrs = f' id="sasaran-{node.pk}"{span}' if key == "no" else span
    if editable:
        text = f'<a class="ed" href="{edit_base}{EDITOR_SLUG[key]}/{node.pk}/">{text}</a>'
    if key == "sasaran_strategis" and sasaran_total:
        text += f'<small class="subtotal">Σ {escape(format_rupiah(sasaran_total))}</small>'
    return f"<td{attrs}>{text}</td>"
