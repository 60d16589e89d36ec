"""The quarter's realisasi as an Excel sheet, for offices that work offline.

``template.build_template(report)`` writes the report's indicators in plan order with their
targets and what is already entered; the planner fills the yellow columns and uploads the
file. ``upload.import_realisasi(file, report, by)`` reads it with the matrix import's guards,
matches every row on its indicator's ``uid``, names each bad cell by sheet, row and column,
and saves every changed row in one transaction under the report's lock - or nothing at all.
"""

from monitoring.offline.template import (
    COLUMNS,
    HEADER_ROW,
    LABELS,
    build_template,
    template_bytes,
    template_filename,
)
from monitoring.offline.upload import (
    RealisasiUpload,
    SheetRow,
    import_realisasi,
    report_is_editable,
)

__all__ = [
    "COLUMNS",
    "HEADER_ROW",
    "LABELS",
    "RealisasiUpload",
    "SheetRow",
    "build_template",
    "import_realisasi",
    "report_is_editable",
    "template_bytes",
    "template_filename",
]
