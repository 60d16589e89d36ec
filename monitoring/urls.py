"""Monitoring pages under /pemantauan/. Each block belongs to one part of the app."""

from django.urls import path  # noqa: F401 (used by the blocks below as they fill in)

urlpatterns = [
    # reports: the quarter view, filling, workflow (monitoring/views/reports.py)
    # evidence: upload, download, replace (monitoring/views/evidence.py)
    # printing: the signed quarterly report as PDF and Excel (monitoring/views/printing.py)
    # offline: the realisasi workbook template and its upload (monitoring/views/offline.py)
]
