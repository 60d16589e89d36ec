"""Monitoring pages under /pemantauan/. Each block belongs to one part of the app."""

from django.urls import path

from monitoring.views import evidence, offline, printing, province, reports

urlpatterns = [
    # reports: the quarter view, filling, workflow (monitoring/views/reports.py)
    path("rencana/<int:plan>/", reports.report_open, name="report_open"),
    path("laporan/<int:pk>/", reports.report_detail, name="report_detail"),
    path(
        "laporan/<int:pk>/indikator/<int:indikator>/",
        reports.report_realisasi,
        name="report_realisasi",
    ),
    path(
        "laporan/<int:pk>/indikator/<int:indikator>/cara-hitung/",
        reports.report_method,
        name="report_method",
    ),
    path(
        "laporan/<int:pk>/indikator/<int:indikator>/tanggapan/",
        reports.report_tanggapan,
        name="report_tanggapan",
    ),
    path("laporan/<int:pk>/baris/<int:baris>/", reports.report_execution, name="report_execution"),
    path("laporan/<int:pk>/ajukan/", reports.report_submit, name="report_submit"),
    path("laporan/<int:pk>/kembalikan/", reports.report_return, name="report_return"),
    path("laporan/<int:pk>/verifikasi/", reports.report_verify, name="report_verify"),
    path("laporan/<int:pk>/buka-kembali/", reports.report_reopen, name="report_reopen"),
    path("pita-capaian.css", reports.band_styles, name="capaian_bands_css"),
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
    path("laporan/<int:pk>/luring/templat.xlsx", offline.offline_template, name="offline_template"),
    path("laporan/<int:pk>/luring/", offline.offline_upload, name="offline_upload"),
    path("laporan/<int:pk>/luring/<str:token>/", offline.offline_preview, name="offline_preview"),
    # province: capaian per satker per quarter for /provinsi/ (monitoring/views/province.py)
    path("provinsi/capaian/", province.province_capaian, name="province_capaian"),
]
