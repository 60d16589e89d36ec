"""Legacy spreadsheet import: ``workbook`` opens and guards the file, ``grid`` gives every
format one cell model, ``header`` and ``matrix`` read the matrix, ``service`` saves it."""

from plans.importers.service import ImportResult, import_workbook

__all__ = ["ImportResult", "import_workbook"]
