"""Legacy spreadsheet import: ``workbook`` opens and guards the file, ``grid`` gives every
format one cell model, ``header`` finds the columns, ``matrix`` reads a sheet with ``rows``
(the tree, with ``line_cells``), ``signatory`` and ``terms`` (the sheet's words), ``service``
saves it."""

from plans.importers.service import ImportResult, import_workbook

__all__ = ["ImportResult", "import_workbook"]
