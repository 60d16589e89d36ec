"""Open an uploaded spreadsheet safely: size, kind, encryption and zip bombs are checked on the
raw bytes before any parser sees them, every sheet's size on its own records before any grid is
built, and every refusal says why in Indonesian.

``open_workbook(data)`` returns the sheets as grids (``plans.importers.grid``), the matrix
reader never touches openpyxl or xlrd itself.
"""

import io
import struct
import warnings
import zipfile
from xml.parsers import expat

from django.conf import settings
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter, range_boundaries
from openpyxl.xml.constants import SHEET_MAIN_NS

from plans.importers.grid import grid_from_xlrd_sheet, grid_from_xlsx_sheet

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE2 file holding these streams instead of a zip.
ENCRYPTED_STREAMS = ["EncryptedPackage", "EncryptionInfo"]
# Zip bomb limits: whole archive, one member, and the compression ratio of big members.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 250
RATIO_CHECKED_ABOVE = 2 * 1024 * 1024
# What one sheet may hold, checked on the file's own records before any grid is built: a few
# bytes can name a far cell or a merge that costs gigabytes once expanded.
MAX_ROWS = 20_000  # the 2,700-line benchmark matrix seven times over; beyond is a stray cell
MAX_COLS = 200  # a matrix has about 25 columns; column XFD (16,384) is a stray cell
MAX_CELLS = 250_000  # four 2,700-line matrices as Excel saves them (~65,000 cells each)
MAX_MERGED_CELLS = 250_000  # cells under merges: each is one entry of the grid's merge map
MAX_ELEMENTS = 1_000_000  # XML elements in a sheet part (2-3 a cell): openpyxl keeps unknown ones
EXCEL_MAX_ROW, EXCEL_MAX_COL = 1_048_576, 16_384  # where a merge of whole rows or columns ends
BIFF_FILEPASS = 0x002F
BIFF_EOF = 0x000A
BIFF_MERGEDCELLS = 0x00E5
# BIFF records of one cell (row and column first), of a run of cells (MULRK, MULBLANK), and
# BIFF2-4's own cell records, which xlrd reads only in such old files.
BIFF_CELLS = {0x0006, 0x0206, 0x0406, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}
BIFF_CELL_RUNS = {0x00BD, 0x00BE}
BIFF2_CELLS = {0x0001, 0x0002, 0x0003, 0x0004, 0x0005}

NOT_A_SPREADSHEET = (
    "Berkas ini bukan lembar kerja Excel; yang diharapkan berkas .xlsx atau .xls "
    "(misalnya hasil Simpan Sebagai dari Excel)."
)
TRIM_ADVICE = (
    "Hapus baris, kolom dan sel gabungan di luar matriks (Ctrl+End menunjukkan sel terjauh), "
    "simpan, lalu unggah lagi."
)


class WorkbookRefused(ValueError):
    """An upload refused before parsing: too large, not a spreadsheet, encrypted, a bomb, or a
    sheet past the size limits."""


def check_upload(data):
    """Return ``"xlsx"`` or ``"xls"`` for bytes that are safe to parse, else raise."""
    check_size(len(data))
    if not data:
        raise WorkbookRefused("Berkas kosong; " + NOT_A_SPREADSHEET)
    if data.startswith(OLE2_SIGNATURE):
        if any(name.encode("utf-16-le") in data for name in ENCRYPTED_STREAMS):
            raise _encrypted()
        if _xls_is_encrypted(data):
            raise _encrypted()
        return "xls"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookRefused(NOT_A_SPREADSHEET)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookRefused(NOT_A_SPREADSHEET) from error
    if "xl/workbook.xml" not in names:
        raise WorkbookRefused(NOT_A_SPREADSHEET)
    _check_zip_sizes(members)
    return "xlsx"


def check_size(size):
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        raise WorkbookRefused(
            f"Berkas terlalu besar ({_megabytes(size)}); batasnya {_megabytes(limit)}."
        )


def _check_zip_sizes(members):
    if len(members) > MAX_MEMBERS:
        raise WorkbookRefused(
            f"Berkas berisi {len(members)} bagian; lembar kerja yang wajar berisi jauh lebih "
            "sedikit. Berkas ditolak demi keamanan."
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_RATIO:
            raise WorkbookRefused(
                f'Bagian "{member.filename}" mengembang {ratio:,.0f} kali saat dibuka '
                f"({_megabytes(member.file_size)}); berkas seperti ini (zip bomb) ditolak "
                "demi keamanan."
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookRefused(
            f"Isi berkas setelah dibuka {_megabytes(total)}, melebihi batas "
            f"{_megabytes(MAX_UNCOMPRESSED_BYTES)}; berkas ditolak demi keamanan."
        )


def open_workbook(data):
    """Check ``data`` and read every sheet into a grid; raises WorkbookRefused."""
    kind = check_upload(data)
    if kind == "xls":
        return _open_xls(data)
    return _open_xlsx(data)


class SheetSize:
    """A sheet's cells and merges, counted as its records are read and refused past the
    limits; ``merges`` keeps the ranges (1-based, inclusive) for the grid."""

    def __init__(self, name):
        self.name = name
        self.cells = 0
        self.merged_cells = 0
        self.merges = []

    def add_cells(self, row, col, count=1):
        """``count`` cells written in ``row``, the last of them in column ``col``."""
        self.cells += count
        if row > MAX_ROWS or col > MAX_COLS:
            raise WorkbookRefused(
                f'Sheet "{self.name}" memakai sel sampai {_cell(row, col)}; yang diharapkan '
                f"matriks dalam {_number(MAX_ROWS)} baris dan {MAX_COLS} kolom pertama "
                f"(sampai sel {_cell(MAX_ROWS, MAX_COLS)}). {TRIM_ADVICE}"
            )
        if self.cells > MAX_CELLS:
            raise WorkbookRefused(
                f'Sheet "{self.name}" berisi lebih dari {_number(MAX_CELLS)} sel; yang '
                "diharapkan satu matriks rencana aksi, yang jauh lebih kecil. " + TRIM_ADVICE
            )

    def add_merge(self, first_row, first_col, last_row, last_col):
        merged = f"{_cell(first_row, first_col)}:{_cell(last_row, last_col)}"
        if max(first_row, last_row) > MAX_ROWS or max(first_col, last_col) > MAX_COLS:
            raise WorkbookRefused(
                f'Sheet "{self.name}" berisi sel gabungan {merged} yang melewati sel '
                f"{_cell(MAX_ROWS, MAX_COLS)}; yang diharapkan sel gabungan di dalam matriks "
                f"({_number(MAX_ROWS)} baris dan {MAX_COLS} kolom pertama). {TRIM_ADVICE}"
            )
        rows, cols = last_row - first_row + 1, last_col - first_col + 1
        self.merged_cells += max(rows, 0) * max(cols, 0)
        if self.merged_cells > MAX_MERGED_CELLS:
            raise WorkbookRefused(
                f'Sheet "{self.name}" berisi sel gabungan yang bersama-sama mencakup lebih dari '
                f"{_number(MAX_MERGED_CELLS)} sel; yang diharapkan sel gabungan sebesar judul, "
                f"sasaran atau kegiatan di dalam matriks. {TRIM_ADVICE}"
            )
        self.merges.append((first_row, first_col, last_row, last_col))


# .xlsx ----------------------------------------------------------------------------------------


def _open_xlsx(data):
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        with warnings.catch_warnings():
            # Legacy files carry extensions openpyxl does not read (data validation, slicers).
            warnings.simplefilter("ignore")
            # openpyxl's own reader, step by step, so that every sheet is measured before
            # openpyxl parses any of it (its normal load expands merges cell by cell).
            reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
            try:
                reader.read_manifest()
                reader.read_workbook()
                sheets = [
                    (sheet.name, rel.target)
                    for sheet, rel in reader.parser.find_sheets()
                    if rel.target in reader.valid_files and "chartsheet" not in rel.Type
                ]
                scans = [scan_xlsx_sheet(reader.archive, path, name) for name, path in sheets]
                reader.read_strings()
                apply_stylesheet(reader.archive, reader.wb)
                return [
                    grid_from_xlsx_sheet(
                        reader.wb, reader.archive, path, reader.shared_strings, scan
                    )
                    for (_name, path), scan in zip(sheets, scans, strict=True)
                ]
            finally:
                reader.archive.close()
    except WorkbookRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise WorkbookRefused(f"Berkas .xlsx rusak atau tidak dapat dibaca ({error}).") from error


def scan_xlsx_sheet(archive, path, name):
    """Read the worksheet part at ``path`` with expat, in chunks and without building a tree;
    raises WorkbookRefused as soon as the sheet passes a limit."""
    scan = XlsxSheetScan(name)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.StartDoctypeDeclHandler = _no_doctype
    with archive.open(path) as stream:
        while chunk := stream.read(64 * 1024):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return scan


class XlsxSheetScan:
    """A worksheet part as openpyxl will read it - rows numbered by ``r`` or counted, every
    child of a row a cell - measured in ``size``, with its merges, paper size and the formulas
    Excel never calculated (no cached value: ``data_only`` would show them as empty)."""

    ROW, CELL_FORMULA, CELL_VALUE = (f"{SHEET_MAIN_NS} {tag}" for tag in ("row", "f", "v"))
    MERGE, PAGE_SETUP = f"{SHEET_MAIN_NS} mergeCell", f"{SHEET_MAIN_NS} pageSetup"

    def __init__(self, name):
        self.size = SheetSize(name)
        self.uncached_formulas = set()
        self.paper_size = None
        self._depth = self._elements = 0
        self._row_depth = None
        self._row = self._col = 0
        self._cell = None  # (row, col) of the open cell
        self._formula = self._inline = self._in_value = False
        self._value = None

    @property
    def name(self):
        return self.size.name

    @property
    def merges(self):
        return self.size.merges

    def start(self, tag, attrs):
        self._depth += 1
        self._elements += 1
        if self._elements > MAX_ELEMENTS:
            raise WorkbookRefused(
                f'Sheet "{self.name}" berisi lebih dari {_number(MAX_ELEMENTS)} unsur XML; yang '
                f"diharapkan satu matriks rencana aksi, yang jauh lebih sederhana. {TRIM_ADVICE}"
            )
        inside_row = self._row_depth is not None
        if inside_row and self._depth == self._row_depth + 1:
            self._start_cell(attrs)
        elif self._cell and self._depth == self._row_depth + 2:
            if tag == self.CELL_FORMULA:
                self._formula = True
            elif tag == self.CELL_VALUE and self._value is None:
                self._value, self._in_value = [], True
        elif tag == self.ROW:
            if inside_row:
                raise ValueError("a row inside a row")
            self._row_depth, self._col = self._depth, 0
            self._row = _row_number(attrs["r"]) if "r" in attrs else self._row + 1
        elif tag == self.MERGE:
            min_col, min_row, max_col, max_row = range_boundaries(attrs.get("ref", ""))
            if (min_row or 0) > (max_row or 0) or (min_col or 0) > (max_col or 0):
                raise ValueError(f"{attrs['ref']} is not a valid range")
            self.size.add_merge(
                min_row or 1, min_col or 1, max_row or EXCEL_MAX_ROW, max_col or EXCEL_MAX_COL
            )
        elif tag == self.PAGE_SETUP:
            paper = attrs.get("paperSize", "")
            self.paper_size = int(paper) if paper.isascii() and paper.isdigit() else None

    def _start_cell(self, attrs):
        if coordinate := attrs.get("r"):
            row, self._col = coordinate_to_tuple(coordinate)
        else:
            row, self._col = self._row, self._col + 1
        self.size.add_cells(row, self._col)
        self._cell = (row, self._col)
        self._formula, self._value, self._in_value = False, None, False
        self._inline = attrs.get("t") == "inlineStr"

    def text(self, text):
        if self._in_value:
            self._value.append(text)

    def end(self, _tag):
        if self._cell and self._depth == self._row_depth + 2:
            self._in_value = False
        elif self._cell and self._depth == self._row_depth + 1:
            if self._formula and not self._inline and not "".join(self._value or []):
                self.uncached_formulas.add(self._cell)
            self._cell = None
        elif self._depth == self._row_depth:
            self._row_depth = None
        self._depth -= 1


def _row_number(text):
    """A row's ``r`` as openpyxl reads it: ``7`` or ``7.0``."""
    number = float(text)
    if not number.is_integer():
        raise ValueError(f"{text} is not a valid row number")
    return int(number)


def _no_doctype(*_args):
    # A worksheet part never declares a DTD; one that does is after entity expansion.
    raise WorkbookRefused("Berkas .xlsx rusak atau tidak dapat dibaca (DOCTYPE di dalam sheet).")


# .xls -----------------------------------------------------------------------------------------


def _open_xls(data):
    import xlrd

    try:
        # on_demand: the workbook globals now, each sheet only once its records are measured.
        # ragged_rows: a row is stored as long as its last cell, not as the widest row.
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, ragged_rows=True
        )
    except xlrd.biffh.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise _encrypted() from error
        raise WorkbookRefused(NOT_A_SPREADSHEET) from error
    except Exception as error:
        raise WorkbookRefused(f"Berkas .xls rusak atau tidak dapat dibaca ({error}).") from error
    try:
        grids = []
        for index in range(book.nsheets):
            check_xls_sheet(book, index)
            grids.append(grid_from_xlrd_sheet(book, book.sheet_by_index(index)))
            book.unload_sheet(index)
        return grids
    except WorkbookRefused:
        raise
    except Exception as error:
        raise WorkbookRefused(f"Berkas .xls rusak atau tidak dapat dibaca ({error}).") from error
    finally:
        book.release_resources()


def check_xls_sheet(book, index):
    """Walk sheet ``index``'s BIFF records as xlrd will (from its BOF to the first EOF) and
    raise WorkbookRefused past the limits, before xlrd stores a cell. Cells count as xlrd keeps
    them: each row as long as its last cell."""
    size = SheetSize(book.sheet_names()[index])
    mem, position = book.mem, book._sh_abs_posn[index]
    cell_codes = BIFF_CELLS | (BIFF2_CELLS if book.biff_version <= 45 else set())
    row_lengths = {}
    while position + 4 <= len(mem):
        code, length = struct.unpack_from("<HH", mem, position)
        body = mem[position + 4 : position + 4 + length]
        position += 4 + length
        if code == BIFF_EOF:
            break
        if code == BIFF_MERGEDCELLS and len(body) >= 2:
            (count,) = struct.unpack_from("<H", body)
            for i in range(min(count, (len(body) - 2) // 8)):
                first_row, last_row, first_col, last_col = struct.unpack_from(
                    "<HHHH", body, 2 + 8 * i
                )
                size.add_merge(first_row + 1, first_col + 1, last_row + 1, last_col + 1)
            continue
        if code in cell_codes and len(body) >= 4:
            row, last_col = struct.unpack_from("<HH", body)
        elif code in BIFF_CELL_RUNS and len(body) >= 6:
            (row,) = struct.unpack_from("<H", body)
            (last_col,) = struct.unpack_from("<H", body, len(body) - 2)
        else:
            continue
        length_before = row_lengths.get(row, 0)
        if last_col + 1 > length_before:
            row_lengths[row] = last_col + 1
            size.add_cells(row + 1, last_col + 1, last_col + 1 - length_before)
    return size


def _xls_is_encrypted(data):
    """True when the BIFF workbook stream starts with a FILEPASS record (a password)."""
    from xlrd import compdoc

    try:
        doc = compdoc.CompDoc(data, logfile=io.StringIO())
        for name in ("Workbook", "Book"):
            stream, base, size = doc.locate_named_stream(name)
            if stream is not None:
                break
        else:
            return False
    except Exception:  # a damaged file is reported by the parser later
        return False
    position, end = base, base + size
    while position + 4 <= end:
        code = int.from_bytes(stream[position : position + 2], "little")
        length = int.from_bytes(stream[position + 2 : position + 4], "little")
        if code == BIFF_FILEPASS:
            return True
        if code == BIFF_EOF:
            return False
        position += 4 + length
    return False


# messages -------------------------------------------------------------------------------------


def _encrypted():
    return WorkbookRefused(
        "Berkas dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca. Buka di Excel, "
        "hapus kata sandinya (File > Info > Protect Workbook), simpan, lalu unggah lagi."
    )


def _cell(row, col):
    """``XFD1048576``; a column past Excel's last as its number."""
    letters = get_column_letter(col) if 1 <= col <= 18_278 else f"[kolom {col}]"
    return f"{letters}{row}"


def _number(value):
    return f"{value:,}".replace(",", ".")


def _megabytes(size):
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
