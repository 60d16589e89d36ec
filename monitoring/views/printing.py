"""The printed quarterly report: PDF and Excel downloads for whoever may see the report, and
the public page a printed verification code leads to."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from monitoring.access import get_report_for_user
from monitoring.models import QuarterReport
from monitoring.printing.common import report_filename
from monitoring.printing.pdf import render_report_pdf
from monitoring.printing.xlsx import report_workbook_bytes
from plans.views.exports import XLSX_TYPE, site_url
from renaksi.logging import timed

log = logging.getLogger("renaksi.exports")


@require_GET
@login_required
def report_pdf(request, pk):
    """The report as a landscape PDF: DRAF until verified, then signed with code and QR."""
    return _download(request, pk, "pdf", render_report_pdf, "application/pdf")


@require_GET
@login_required
def report_xlsx(request, pk):
    """The report as an Excel workbook with the same rows and signatory as the PDF."""
    return _download(request, pk, "xlsx", report_workbook_bytes, XLSX_TYPE)


@require_GET
def verify_report(request, code):
    """Public: which verified report a printed code belongs to, and nothing more."""
    report = get_object_or_404(
        QuarterReport.objects.select_related("satker", "verified_by"),
        verification_code=code.upper(),
        status=QuarterReport.Status.VERIFIED,
    )
    return render(request, "monitoring/verify_report.html", {"report": report})


def _download(request, pk, extension, render_report, content_type):
    report = get_report_for_user(request.user, pk)
    user = request.user.username
    with timed(log, "report_export", user=user, report=report.pk, format=extension) as info:
        content = render_report(report, site_url(request))
        info["bytes"] = len(content)
    response = HttpResponse(content, content_type=content_type)
    filename = report_filename(report, extension)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
