"""Monitoring pages under /pemantauan/. Each block belongs to one part of the app."""

from django.urls import path

from monitoring.views import printing

urlpatterns = [
    # reports: the quarter view, filling, workflow (monitoring/views/reports.py)
    # evidence: upload, download, replace (monitoring/views/evidence.py)
    # printing: the signed quarterly report as PDF and Excel (monitoring/views/printing.py)
    path("laporan/<int:pk>/unduh.pdf", printing.report_pdf, name="report_pdf"),
    path("laporan/<int:pk>/unduh.xlsx", printing.report_xlsx, name="report_xlsx"),
    path("verifikasi/laporan/<str:code>/", printing.verify_report, name="report_verification"),
    # offline: the realisasi workbook template and its upload (monitoring/views/offline.py)
]
