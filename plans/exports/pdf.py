"""The plan's matrix as a landscape PDF, laid out like the KPU's printed Rencana Aksi.

WeasyPrint does the layout. It is the slow part of an export (about 20 s for 1,000 lines),
so the HTML is kept lean - a fixed table layout with explicit column widths, few classes - and
an approved version, which never changes, is rendered once and then served from disk.
"""

import hashlib
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from budgets.rupiah import format_rupiah
from plans.exports.common import SUPERSEDED_NOTE, approval, cell_text, is_draft, signatory
from plans.matrix import build_matrix

PAGE_SIZES = {"A4": "A4 landscape", "F4": "330mm 215mm"}
STATIC_DIR = Path(settings.BASE_DIR) / "static"
CENTERED = {"no", "target"}
# An akun code (``3358.EBC.954.A``) should not wrap at 7 pt on A4.
PDF_WIDTHS = {"akun": 25}
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


def render_html(plan, matrix=None):
    """The print HTML of ``plan``: title, the two header rows, the merged rows, the total and
    the signatory block kept with the last rows of the table."""
    matrix = matrix or build_matrix(plan)
    relative = [_width(column) for column in matrix.columns]
    widths = [f"{100 * width / sum(relative):.3f}" for width in relative]
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
            "title_lines": plan.title_lines,
            "page_size": PAGE_SIZES.get(plan.paper, PAGE_SIZES["A4"]),
            # The full layout has 22 columns: 7 pt keeps it readable on one page width.
            "font_size": 7 if len(matrix.columns) > 20 else 8,
            "draft": is_draft(plan),
            "widths": widths,
            "header": matrix.header,
            "column_numbers": matrix.column_numbers if plan.show_column_numbers else [],
            "rows": [[_cell(cell) for cell in row.cells] for row in matrix.rows],
            "total": total,
            "signatory": signatory(plan),
            "approval": approval(plan),
            "superseded_note": SUPERSEDED_NOTE,
            "qr": qr_data_uri(plan),
        },
    )


def qr_data_uri(plan):
    """The verification address of an approved version as a PNG QR code in a ``data:`` URI
    (the only kind of image the renderer fetches); empty while there is no code."""
    info = approval(plan)
    if not info or not info["url"]:
        return ""
    return qr_code(info["url"]).png_data_uri(scale=QR_SCALE, border=0)


def qr_code(url):
    """The QR code the footer prints for ``url``: medium error correction survives a worn
    or stamped paper copy."""
    return segno.make(url, error="m", micro=False)


def _width(column):
    return PDF_WIDTHS.get(column.key, column.width)


def _cell(cell):
    """(attributes, text) of one ``<td>``: only the rowspan and the one class it needs."""
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
    return attrs, cell_text(cell)


def render_pdf(plan):
    """The PDF of ``plan`` as bytes, rendered now."""
    html = HTML(
        string=render_html(plan), base_url=STATIC_DIR.as_uri() + "/", url_fetcher=LocalOnlyFetcher()
    )
    return html.write_pdf()


def cache_path(plan):
    """Where the PDF of an approved version is kept: the key changes with anything that
    changes the printout (version, status, approval time, verification code and the site
    address in its QR code), so a stale file is never served."""
    stamp = plan.approved_at.strftime("%Y%m%dT%H%M%S%f") if plan.approved_at else "none"
    site = hashlib.sha256(settings.SITE_URL.encode()).hexdigest()[:8]
    code = plan.verification_code or "nocode"
    name = f"plan-{plan.pk}-v{plan.version}-{plan.status}-{stamp}-{code}-{site}.pdf"
    return Path(settings.MEDIA_ROOT) / "exports" / name


def render_pdf_cached(plan):
    """The PDF of ``plan``, from disk when an approved (or superseded) version was already
    rendered; drafts change all the time and are always rendered afresh."""
    if is_draft(plan):
        return render_pdf(plan)
    path = cache_path(plan)
    if path.exists():
        return path.read_bytes()
    pdf = render_pdf(plan)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a concurrent download never reads half a file.
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
        handle.write(pdf)
    os.replace(handle.name, path)
    return pdf
