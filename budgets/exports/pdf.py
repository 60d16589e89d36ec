"""The RPD as a landscape PDF on the plan's paper: the matrix export's fonts, restricted
fetcher, page, DRAF mark, signatory block and verification footer."""

from django.template.loader import render_to_string

from budgets.exports.common import (
    HEADINGS,
    RULE,
    UNKNOWN_NOTE,
    rpd_rows,
    source_line,
    title_lines,
)
from budgets.rpd import rpd_table
from plans.exports.common import SUPERSEDED_NOTE, approval, is_draft, signatory
from plans.exports.pdf import html_to_pdf, page_context, qr_data_uri

FONT_SIZE = 9
# Relative widths: the month's name, then the amounts (up to 16 digits with their dots).
WIDTHS = [14] + [13] * (len(HEADINGS) - 1)


def render_rpd_html(plan, site_url=None, table=None):
    """The print HTML of the RPD of ``plan``; ``site_url`` is where the verification address
    of an approved plan points (``settings.SITE_URL`` if not given)."""
    table = table or rpd_table(plan)
    rows = [(row.kind, row.label, row.texts) for row in rpd_rows(table)]
    return render_to_string(
        "budgets/rpd_pdf.html",
        {
            **page_context(title_lines(plan), plan.paper, FONT_SIZE, is_draft(plan), WIDTHS),
            "headings": HEADINGS,
            "rpd_rows": rows,
            "notes": [source_line(plan), RULE, UNKNOWN_NOTE],
            "signatory": signatory(plan),
            "approval": approval(plan, site_url),
            "superseded_note": SUPERSEDED_NOTE,
            "qr": qr_data_uri(plan, site_url),
        },
    )


def render_rpd_pdf(plan, site_url=None):
    """The PDF of the RPD of ``plan`` as bytes."""
    return html_to_pdf(render_rpd_html(plan, site_url))
