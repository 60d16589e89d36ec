"""The plan's matrix as a landscape PDF, laid out like the KPU's printed Rencana Aksi.

WeasyPrint does the layout. It is the slow part of an export (about 20 s for 1,000 lines),
so the HTML is kept lean - a fixed table layout with explicit column widths, few classes - and
an approved version, which never changes, is rendered once and then served from disk.
"""

import hashlib
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from budgets.rupiah import format_rupiah
from plans.exports.common import SUPERSEDED_NOTE, approval, cell_text, is_draft, signatory
from plans.exports.measure import PAPER_MM, SIDE_MARGIN_MM, column_widths, kept_rows, too_wide
from plans.matrix import build_matrix

STATIC_DIR = Path(settings.BASE_DIR) / "static"
CENTERED = {"no", "target"}
# Relative widths where the PDF differs from the page; ``measure.column_widths`` then widens
# any column whose numbers, codes or words would not fit.
PDF_WIDTHS = {"akun": 25}
# Codes and numbers are never hyphenated; words of text are, when wider than their column.
UNHYPHENATED = {"biaya", "akun"}
# Pixels per QR module: enough for viewers that smooth images and ignore ``pixelated``.
QR_SCALE = 8


class LocalOnlyFetcher(URLFetcher):
    """Fetches ``data:`` URLs and files under ``static/`` and refuses everything else.

    A plan's text is escaped, but the renderer must not reach the network or the server's
    files even if markup slipped through. WeasyPrint 70 only accepts ``URLFetcher``
    instances, hence a subclass rather than a function.
    """

    def fetch(self, url, headers=None):
        if not is_allowed_url(url):
            raise ValueError(f"Renaksi tidak mengambil sumber luar: {url[:80]}")
        return super().fetch(url, headers)


def is_allowed_url(url):
    """``data:`` URLs and ``file://`` paths inside ``static/`` (after resolving ``..`` and
    symlinks); nothing else."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "data":
        return True
    if scheme != "file":
        return False
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return False
    # Decode first: urllib opens %2e%2e as "..", so the check must see what it will open.
    path = Path(url2pathname(parts.path)).resolve()
    return path.is_relative_to(STATIC_DIR.resolve())


def render_html(plan, matrix=None, site_url=None):
    """The print HTML of ``plan``: title, the two header rows, the merged rows, the total and
    the signatory block kept with the last rows of the table. Column widths, hyphenation and
    the rows a merged cell keeps together come from ``measure``. ``site_url`` is where the
    verification address points (``settings.SITE_URL`` if not given)."""
    matrix = matrix or build_matrix(plan)
    # The full layout has 22 columns: 7 pt keeps it readable on one page width.
    size = 7 if len(matrix.columns) > 20 else 8
    relative = [_width(column) for column in matrix.columns]
    widths = column_widths(matrix, relative, plan.paper, size)
    position = {id(column): index for index, column in enumerate(matrix.columns)}
    kept = kept_rows(matrix, widths, size)
    rows = [
        (
            index in kept,
            [_cell(cell, widths[position[id(cell.column)]], size) for cell in row.cells],
        )
        for index, row in enumerate(matrix.rows)
    ]
    total = None
    if matrix.shows_costs:
        before = matrix.cost_column_index
        total = {
            "before": before,
            "text": format_rupiah(matrix.total_biaya),
            "after": len(matrix.columns) - before - 1,
        }
    return render_to_string(
        "exports/matrix.html",
        {
            **page_context(plan.title_lines, plan.paper, size, is_draft(plan), widths),
            "header": matrix.header,
            "column_numbers": matrix.column_numbers if plan.show_column_numbers else [],
            "rows": rows,
            "total": total,
            "signatory": signatory(plan),
            "approval": approval(plan, site_url),
            "superseded_note": SUPERSEDED_NOTE,
            "qr": qr_data_uri(plan, site_url),
        },
    )


def page_context(title_lines, paper, font_size, draft, widths):
    """What a printed table's template takes about its page: title, paper size and margins,
    font size, DRAF mark and the column widths (as percentages of the table)."""
    return {
        "title_lines": title_lines,
        "page_size": "{}mm {}mm".format(*PAPER_MM.get(paper, PAPER_MM["A4"])),
        "side_margin": SIDE_MARGIN_MM,
        "font_size": font_size,
        "draft": draft,
        "widths": [f"{100 * width / sum(widths):.3f}" for width in widths],
    }


def qr_data_uri(plan, site_url=None):
    """The verification address of an approved version as a PNG QR code in a ``data:`` URI
    (the only kind of image the renderer fetches); empty while there is no code."""
    info = approval(plan, site_url)
    if not info or not info["url"]:
        return ""
    return qr_png_uri(info["url"])


def qr_png_uri(url):
    """The QR code of ``url`` as a PNG ``data:`` URI, as every printed footer embeds it."""
    return qr_code(url).png_data_uri(scale=QR_SCALE, border=0)


def qr_code(url):
    """The QR code the footer prints for ``url``: medium error correction survives a worn
    or stamped paper copy."""
    return segno.make(url, error="m", micro=False)


def _width(column):
    return PDF_WIDTHS.get(column.key, column.width)


def _cell(cell, width, size):
    """(attributes, text) of one ``<td>``: only the rowspan and the one class it needs; words
    too wide for the column's ``width`` at ``size`` points are marked for hyphenation."""
    key = cell.column.key
    css = ""
    if cell.column.is_month:
        css = "m" if cell.value and not cell.continued else ""
    elif key == "biaya":
        css = "r"
    elif key in CENTERED:
        css = "c"
    if cell.rowspan > 1:
        attrs = format_html(' rowspan="{}"', cell.rowspan)
        if css:
            attrs = format_html('{} class="{}"', attrs, css)
    else:
        attrs = mark_safe(f' class="{css}"') if css else ""  # noqa: S308 (fixed class names)
    text = cell_text(cell)
    if key in UNHYPHENATED:
        return attrs, text
    return attrs, hyphenated(text, width, size)


def hyphenated(text, width, size):
    """``text``, escaped, with each word of letters wider than the column in a ``<span
    class="h">`` that hyphenates; a word that fits is never broken."""
    parts = [(part, _hyphenates(part, width, size)) for part in re.split(r"(\s+)", text)]
    if not any(wide for _part, wide in parts):
        return text
    return mark_safe(  # noqa: S308 (every part is escaped)
        "".join(
            format_html('<span class="h">{}</span>', part) if wide else conditional_escape(part)
            for part, wide in parts
        )
    )


def _hyphenates(part, width, size):
    """Whether ``part`` is a word of letters too wide for its column. Numbers and codes are
    never hyphenated: one too wide breaks anywhere, as the last resort."""
    return (
        bool(part.strip())
        and not any(char.isdigit() for char in part)
        and too_wide(part, width, size)
    )


def render_pdf(plan, site_url=None):
    """The PDF of ``plan`` as bytes, rendered now; ``site_url`` as for ``render_html``."""
    return html_to_pdf(render_html(plan, site_url=site_url))


def html_to_pdf(html):
    """Print HTML as PDF bytes: fonts and images from ``static/`` only (``LocalOnlyFetcher``).
    Every printed document goes through here."""
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=LocalOnlyFetcher())
    return document.write_pdf()


def cache_path(plan, site_url=None):
    """Where the PDF of an approved version is kept: the key changes with anything that
    changes the printout (version, status, approval time, verification code and the site
    address in its QR code), so a stale file is never served."""
    stamp = plan.approved_at.strftime("%Y%m%dT%H%M%S%f") if plan.approved_at else "none"
    site = hashlib.sha256((site_url or settings.SITE_URL).encode()).hexdigest()[:8]
    code = plan.verification_code or "nocode"
    name = f"plan-{plan.pk}-v{plan.version}-{plan.status}-{stamp}-{code}-{site}.pdf"
    return Path(settings.MEDIA_ROOT) / "exports" / name


def render_pdf_cached(plan, site_url=None):
    """The PDF of ``plan``, from disk when an approved (or superseded) version was already
    rendered for the same ``site_url``; drafts change all the time and are always rendered
    afresh."""
    if is_draft(plan):
        return render_pdf(plan, site_url)
    path = cache_path(plan, site_url)
    if path.exists():
        return path.read_bytes()
    pdf = render_pdf(plan, site_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a concurrent download never reads half a file.
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
        handle.write(pdf)
    os.replace(handle.name, path)
    return pdf
