"""Downloads of a plan's printable matrix: the PDF to sign and the Excel to keep working in."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from plans.access import get_plan_for_user
from plans.exports.common import export_filename
from plans.exports.pdf import render_pdf_cached
from plans.exports.xlsx import workbook_bytes
from renaksi.logging import timed

log = logging.getLogger("renaksi.exports")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def plan_pdf(request, pk):
    """The plan as a landscape PDF; an approved version comes from the stored rendering."""
    return _download(request, pk, "pdf", render_pdf_cached, "application/pdf")


@require_GET
@login_required
def plan_xlsx(request, pk):
    """The plan as an Excel workbook with the same rows, merges and signatory as the PDF."""
    return _download(request, pk, "xlsx", workbook_bytes, XLSX_TYPE)


def _download(request, pk, extension, render, content_type):
    plan = get_plan_for_user(request.user, pk)
    user = request.user.username
    with timed(log, "export", user=user, plan=plan.pk, format=extension) as info:
        content = render(plan, site_url(request))
        info["bytes"] = len(content)
    return _attachment(content, content_type, export_filename(plan, extension))


def site_url(request):
    """Where a download's verification address points: ``settings.SITE_URL``, except in
    development, where it is the host the developer is browsing (``127.0.0.1:8000``, a LAN
    address), so a printed QR code leads somewhere real."""
    return request.build_absolute_uri("/") if settings.DEBUG else settings.SITE_URL


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
