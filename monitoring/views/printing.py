"""The printed quarterly report: PDF and Excel downloads for whoever may see the report, and
the public page a printed verification code leads to."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from monitoring.access import get_report_for_user
from monitoring.models import QuarterReport
from monitoring.printing.common import report_filename
from monitoring.printing.pdf import render_report_pdf
from monitoring.printing.xlsx import report_workbook_bytes
from plans.views.exports import download_views

# The report as a landscape PDF (DRAF until verified, then signed with code and QR) and as an
# Excel workbook with the same rows and signatory.
REPORT_RENDERERS = {"pdf": render_report_pdf, "xlsx": report_workbook_bytes}
report_pdf, report_xlsx = download_views(
    get_report_for_user, REPORT_RENDERERS, report_filename, "report_export", "report"
)


@require_GET
def verify_report(request, code):
    """Public: which verified report a printed code belongs to, and nothing more."""
    report = get_object_or_404(
        QuarterReport.objects.select_related("satker", "verified_by"),
        verification_code=code.upper(),
        status=QuarterReport.Status.VERIFIED,
    )
    return render(request, "monitoring/verify_report.html", {"report": report})
