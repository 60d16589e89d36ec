"""A budget sheet (CSV, .xlsx or .xls) read as rows of cells, within the same bounds as the
matrix import: the file's size first, then every sheet measured before it is read
(``plans.importers.workbook``), and a CSV's rows, columns and cell lengths counted as it is
read. Used by the pagu import and the realisasi anggaran import.
"""

import csv
import io
import os
from dataclasses import dataclass, field

from django.conf import settings

from budgets.rupiah import format_thousands
from plans.importers.grid import cell_text, column_letter
from plans.importers.workbook import (
    MAX_CELLS,
    MAX_COLS,
    MAX_ROWS,
    WorkbookRefused,
    check_size,
    open_workbook,
)

MAX_CELL_CHARS = 10_000  # a CSV cell longer than any uraian is a broken quote, not data
CSV_EXPECTED = (
    "yang diharapkan berkas CSV UTF-8 (Simpan Sebagai > CSV UTF-8) dipisah titik koma atau "
    "koma, atau lembar kerja .xlsx/.xls"
)


class SheetRefused(WorkbookRefused):
    """A sheet refused before its rows are read: too large, not a spreadsheet, unreadable."""


@dataclass
class SheetRow:
    """One row that holds a value: ``number`` as Excel numbers it, ``cells`` {column: value}
    with 1-based columns (values as the file holds them: text, int, float, date)."""

    number: int
    cells: dict

    def value(self, col):
        return self.cells.get(col) if col else None

    def text(self, col):
        """The cell as one line of text ("" when empty)."""
        return cell_text(self.value(col))


@dataclass
class Sheet:
    """One sheet's rows with values, top to bottom. ``name``: the sheet's name, or the file's
    for a CSV; ``kind``: ``"csv"``, ``"xlsx"`` or ``"xls"``; ``uncached``: (row, col) of
    formulas Excel never calculated (they read as empty)."""

    name: str
    kind: str
    rows: list = field(default_factory=list)
    uncached: set = field(default_factory=set)

    def place(self, row, col=None, label=""):
        """``Sheet Pagu, baris 7, kolom jumlah (C)`` - how an error names a cell."""
        where = "Berkas" if self.kind == "csv" else "Sheet"
        text = f"{where} {self.name}, baris {row}"
        if col:
            letter = column_letter(col)
            text += f", kolom {label} ({letter})" if label else f", kolom {letter}"
        return text


def read_sheets(file, name):
    """Every sheet of ``file`` (a path, bytes or an uploaded file) named ``name`` (its
    extension tells CSV from Excel; Excel's own bytes are recognised whatever the name).
    Raises ``SheetRefused`` (a ``WorkbookRefused``) with an Indonesian message."""
    data = _read_bytes(file)
    if _is_csv(data, name):
        return [_read_csv(data, os.path.basename(str(name)) or "CSV")]
    try:
        grids = open_workbook(data)
    except WorkbookRefused as error:
        message = str(error)
        if str(name).lower().endswith((".xlsx", ".xls", ".xlsm")):
            raise SheetRefused(message) from error
        raise SheetRefused(f"{message} Atau {CSV_EXPECTED}.") from error
    kind = "xls" if data.startswith(b"\xd0\xcf\x11\xe0") else "xlsx"
    return [_from_grid(grid, kind) for grid in grids]


def read_sheet(file, name, accept=None):
    """The first sheet of ``file`` that ``accept(sheet)`` takes (default: the first with any
    value); a sheet with no rows when none does. Bounds and errors as ``read_sheets``."""
    sheets = read_sheets(file, name)
    for sheet in sheets:
        if accept(sheet) if accept else sheet.rows:
            return sheet
    return sheets[0] if sheets else Sheet(str(name), "xlsx")


def _read_bytes(file):
    """The file's bytes; a file over the limit is refused by its size, before reading it."""
    limit = settings.MAX_UPLOAD_BYTES
    try:
        if isinstance(file, bytes):
            check_size(len(file))
            return file
        if isinstance(file, (str, os.PathLike)):
            check_size(os.path.getsize(file))
            with open(file, "rb") as handle:
                data = handle.read(limit + 1)
        else:
            if getattr(file, "size", None) is not None:
                check_size(file.size)
            if hasattr(file, "seek"):
                file.seek(0)
            data = file.read(limit + 1)
        check_size(len(data))
    except WorkbookRefused as error:
        raise SheetRefused(str(error)) from error
    return data


def _is_csv(data, name):
    if data.startswith(b"\xd0\xcf\x11\xe0") or data.startswith(b"PK\x03\x04"):
        return False
    return str(name).lower().endswith((".csv", ".txt")) or not data.startswith(b"PK")


def _read_csv(data, name):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetRefused(
            f"Berkas {name} tidak dapat dibaca sebagai teks UTF-8 (bita ke-{error.start + 1}); "
            f"{CSV_EXPECTED}."
        ) from error
    if "\x00" in text:
        raise SheetRefused(f"Berkas {name} berisi karakter biner; {CSV_EXPECTED}.")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    if "\t" in first and not {";", ","} & set(first):
        delimiter = "\t"
    sheet = Sheet(name, "csv")
    cells = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        for values in reader:
            number = reader.line_num
            if len(values) > MAX_COLS:
                raise SheetRefused(
                    f"Berkas {name}, baris {number} berisi {len(values)} kolom; yang diharapkan "
                    f"paling banyak {MAX_COLS} kolom."
                )
            row = {
                col: value.strip()
                for col, value in enumerate(values, start=1)
                if value.strip() != ""
            }
            if not row:
                continue
            if number > MAX_ROWS:
                raise SheetRefused(
                    f"Berkas {name} berisi lebih dari {format_thousands(MAX_ROWS)} baris; yang "
                    "diharapkan satu lembar anggaran, yang jauh lebih kecil."
                )
            cells += len(row)
            if cells > MAX_CELLS:
                raise SheetRefused(
                    f"Berkas {name} berisi lebih dari {format_thousands(MAX_CELLS)} sel; yang "
                    "diharapkan satu lembar anggaran, yang jauh lebih kecil."
                )
            for col, value in row.items():
                if len(value) > MAX_CELL_CHARS:
                    raise SheetRefused(
                        f"Berkas {name}, baris {number}, kolom {column_letter(col)} berisi "
                        f"lebih dari {format_thousands(MAX_CELL_CHARS)} karakter; periksa tanda "
                        "petik yang tidak ditutup."
                    )
            sheet.rows.append(SheetRow(number, row))
    except csv.Error as error:
        raise SheetRefused(
            f"Berkas {name}, baris {reader.line_num} tidak dapat dibaca ({error}); {CSV_EXPECTED}."
        ) from error
    return sheet


def _from_grid(grid, kind):
    """A measured grid (``plans.importers.grid.Grid``) as rows, touching only its values."""
    sheet = Sheet(grid.name, kind, uncached=set(grid.uncached_formulas))
    for number in grid.rows_with_values():
        cells = {
            col: value
            for col in grid.columns_with_values(number)
            if (value := grid.value(number, col)) is not None and cell_text(value) != ""
        }
        if cells:
            sheet.rows.append(SheetRow(number, cells))
    return sheet
