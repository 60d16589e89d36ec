"""Open an uploaded spreadsheet safely: size, kind, encryption and zip bombs are checked on the
raw bytes before any parser sees them, and every refusal says why in Indonesian.

``open_workbook(data)`` returns the sheets as grids (``plans.importers.grid``), the matrix
reader never touches openpyxl or xlrd itself.
"""

import io
import re
import warnings
import zipfile

from django.conf import settings

from plans.importers.grid import grids_from_openpyxl, grids_from_xlrd

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE2 file holding these streams instead of a zip.
ENCRYPTED_STREAMS = ["EncryptedPackage", "EncryptionInfo"]
# Zip bomb limits: whole archive, one member, and the compression ratio of big members.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_RATIO = 250
RATIO_CHECKED_ABOVE = 2 * 1024 * 1024
BIFF_FILEPASS = 0x002F
BIFF_EOF = 0x000A
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")

NOT_A_SPREADSHEET = (
    "Berkas ini bukan lembar kerja Excel; yang diharapkan berkas .xlsx atau .xls "
    "(misalnya hasil Simpan Sebagai dari Excel)."
)


class WorkbookRefused(ValueError):
    """An upload refused before parsing: too large, not a spreadsheet, encrypted, a bomb."""


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


def open_workbook(data):
    """Check ``data`` and read every sheet into a grid; raises WorkbookRefused."""
    kind = check_upload(data)
    if kind == "xls":
        return _open_xls(data)
    return _open_xlsx(data)


def _open_xlsx(data):
    import openpyxl

    try:
        with warnings.catch_warnings():
            # Legacy files carry extensions openpyxl does not read (data validation, slicers).
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
            uncached = _uncached_formulas(data, openpyxl)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise WorkbookRefused(f"Berkas .xlsx rusak atau tidak dapat dibaca ({error}).") from error
    return grids_from_openpyxl(book, uncached)


def _uncached_formulas(data, openpyxl):
    """Cells per sheet title holding a formula that Excel never calculated (no cached value).

    ``data_only`` shows such a cell as empty, so the formulas are read a second time, and
    only when the sheet XML holds a formula at all.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        has_formula = any(
            _FORMULA_TAG.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )
    if not has_formula:
        return {}
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    uncached = {}
    for sheet in formulas.worksheets:
        values = cached[sheet.title]
        found = set()
        for row, cached_row in zip(sheet.iter_rows(), values.iter_rows(), strict=False):
            for cell, cached_cell in zip(row, cached_row, strict=False):
                value = getattr(cell, "value", None)
                if isinstance(value, str) and value.startswith("=") and _blank(cached_cell):
                    found.add((cell.row, cell.column))
        if found:
            uncached[sheet.title] = found
    cached.close()
    formulas.close()
    return uncached


def _blank(cell):
    value = getattr(cell, "value", None)
    return value is None or value == ""


def _open_xls(data):
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except xlrd.biffh.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise _encrypted() from error
        raise WorkbookRefused(NOT_A_SPREADSHEET) from error
    except Exception as error:
        raise WorkbookRefused(f"Berkas .xls rusak atau tidak dapat dibaca ({error}).") from error
    return grids_from_xlrd(book)


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


def _encrypted():
    return WorkbookRefused(
        "Berkas dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca. Buka di Excel, "
        "hapus kata sandinya (File > Info > Protect Workbook), simpan, lalu unggah lagi."
    )


def _megabytes(size):
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
