"""The quarterly report as a landscape PDF on the plan's paper, laid out like its matrix:
the same fonts, fetcher, column measuring, hyphenation, signatory block and footer."""

from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from monitoring.printing.common import (
    COLUMNS,
    UNBROKEN,
    column_needs,
    is_draft,
    report_table,
    signatory_block,
    verification,
)
from plans.exports.measure import fit_widths, rows_kept
from plans.exports.pdf import html_to_pdf, hyphenated, page_context, qr_png_uri

FONT_SIZE = 8  # as the matrix prints a layout of up to 20 columns


def render_report_html(report, site_url=None):
    """The print HTML of ``report``; ``site_url`` is where the verification address and QR
    code point (``settings.SITE_URL`` if not given)."""
    table = report_table(report)
    position = {column.key: index for index, column in enumerate(COLUMNS)}
    relative = [column.width for column in COLUMNS]
    widths = fit_widths(column_needs(table, FONT_SIZE), relative, table.paper)
    spans = [
        [(position[cell.column.key], cell.text, cell.rowspan) for cell in row] for row in table.rows
    ]
    kept = rows_kept(spans, widths, FONT_SIZE)
    rows = [
        (index in kept, [_cell(cell, widths[position[cell.column.key]]) for cell in row])
        for index, row in enumerate(table.rows)
    ]
    info = verification(report, site_url)
    return render_to_string(
        "exports/report.html",
        {
            **page_context(table.title_lines, table.paper, FONT_SIZE, is_draft(report), widths),
            "labels": [column.label for column in COLUMNS],
            "rows": rows,
            "notes": table.notes,
            "signatory": signatory_block(report),
            "approval": info,
            "qr": qr_png_uri(info["url"]) if info and info["url"] else "",
        },
    )


def render_report_pdf(report, site_url=None):
    """The PDF of ``report`` as bytes; ``site_url`` as for ``render_report_html``."""
    return html_to_pdf(render_report_html(report, site_url))


def _cell(cell, width):
    """(attributes, content) of one ``<td>``: its rowspan and class, the text hyphenated
    where a word is wider than the column, each line of a narrative on its own line."""
    css = "r" if cell.column.key in UNBROKEN else "c" if cell.column.centered else ""
    attrs = format_html(' rowspan="{}"', cell.rowspan) if cell.rowspan > 1 else ""
    if css:
        attrs = format_html('{} class="{}"', attrs, css)
    if cell.column.key in UNBROKEN:
        return attrs, cell.text
    lines = cell.text.split("\n")
    if len(lines) == 1:
        return attrs, hyphenated(cell.text, width, FONT_SIZE)
    return attrs, format_html_join(
        mark_safe("<br>"), "{}", ((hyphenated(line, width, FONT_SIZE),) for line in lines)
    )
