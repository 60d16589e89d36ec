"""Monitoring pages under /pemantauan/. Each block belongs to one part of the app."""

from django.urls import path

from monitoring.views import evidence, printing

urlpatterns = [
    # reports: the quarter view, filling, workflow (monitoring/views/reports.py)
    # evidence: upload, download, replace (monitoring/views/evidence.py)
    path("laporan/<int:pk>/bukti/", evidence.evidence_upload, name="evidence_upload"),
    path("bukti/<int:pk>/", evidence.evidence_download, name="evidence_download"),
    path("bukti/<int:pk>/ganti/", evidence.evidence_replace, name="evidence_replace"),
    path("bukti/<int:pk>/hapus/", evidence.evidence_delete, name="evidence_delete"),
    # printing: the signed quarterly report as PDF and Excel (monitoring/views/printing.py)
    path("laporan/<int:pk>/unduh.pdf", printing.report_pdf, name="report_pdf"),
    path("laporan/<int:pk>/unduh.xlsx", printing.report_xlsx, name="report_xlsx"),
    path("verifikasi/laporan/<str:code>/", printing.verify_report, name="report_verification"),
    # offline: the realisasi workbook template and its upload (monitoring/views/offline.py)
]
