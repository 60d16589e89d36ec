"""The quarter page of a satker's plan and its report's workflow: the page (``page``), each
piece saved on its own (``pieces``) and the workflow buttons (``workflow``)."""

from monitoring.views.reports.page import band_styles, report_detail, report_open
from monitoring.views.reports.pieces import (
    report_execution,
    report_method,
    report_realisasi,
    report_tanggapan,
)
from monitoring.views.reports.workflow import (
    report_reopen,
    report_return,
    report_submit,
    report_verify,
)

__all__ = [
    "band_styles",
    "report_detail",
    "report_execution",
    "report_method",
    "report_open",
    "report_realisasi",
    "report_reopen",
    "report_return",
    "report_submit",
    "report_tanggapan",
    "report_verify",
]
