"""The treasury's monthly realisation export (CSV, .xlsx or .xls) read into a satker-year's
``RealisasiAnggaran`` rows.

The sheet has a heading row naming the columns ``kode`` (a budget code, usually the full
path down to the 6-digit akun), ``bulan`` (1-12 or a month's name, ``Januari``, ``Jan``,
``Pebruari``…) and ``jumlah`` (whole Rupiah as offices write them: ``8.378.000``,
``Rp 8.378.000,00``, ``-`` for nothing); other columns are ignored. Rows of the same code
and month are added up (an export lists each SP2D). Every bad cell is named in Indonesian
with its row and column, and a file with any is refused whole: the satker-year's imported
rows are replaced only by a file that reads cleanly, in one transaction that locks the
satker's row, so two imports of the same satker cannot interleave. The file is read within
the bounds of ``budgets.importers.sheet``.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from budgets.akun import AkunError, parse_akun
from budgets.importers.sheet import SheetRefused, read_sheet
from budgets.models import RealisasiAnggaran
from budgets.rupiah import MAX_RUPIAH, RupiahError, format_thousands, parse_rupiah
from plans.importers.header import MONTH_BY_NAME
from plans.models import Satker
from plans.vocabulary import MONTH_NAMES

COLUMNS = {
    "kode": {"KODE", "KODE AKUN", "AKUN", "MAK"},
    "bulan": {"BULAN"},
    "jumlah": {"JUMLAH", "NILAI", "REALISASI"},
}
TOTAL_ROWS = {"JUMLAH", "TOTAL", "JUMLAH TOTAL", "GRAND TOTAL"}  # a sum row closing the table
HEADING_ROWS = 10  # the heading is looked for among the first rows with values
MONTH_EXPECTED = "yang diharapkan angka 1-12 atau nama bulan, misalnya 3 atau Maret"


@dataclass
class RealisasiImport:
    """What one file held for one satker and year: the amounts per (kode, bulan), the rows
    read, the errors that refuse it and the warnings that do not, and whether it was saved
    (``replaced``: how many earlier rows it replaced)."""

    satker: Satker
    year: int
    amounts: dict = field(default_factory=dict)  # (kode, bulan) -> Rupiah
    rows: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    saved: bool = False
    replaced: int = 0

    @property
    def total(self):
        return sum(self.amounts.values())

    def per_month(self):
        totals = Counter()
        for (_kode, month), amount in self.amounts.items():
            totals[month] += amount
        return {str(month): totals[month] for month in sorted(totals)}

    def as_dict(self):
        """What ``import_realisasi_anggaran --json`` prints."""
        return {
            "satker": self.satker.code,
            "year": self.year,
            "saved": self.saved,
            "rows": self.rows,
            "entries": len(self.amounts),
            "codes": len({kode for kode, _month in self.amounts}),
            "per_month": self.per_month(),
            "total": self.total,
            "replaced": self.replaced,
            "warnings": list(self.warnings),
            "errors": list(self.errors),
        }


def import_realisasi_anggaran(file, name, satker, year):
    """Read ``file`` (a path, bytes or an upload named ``name``) and, if it has no error,
    replace ``satker``'s imported realisation of ``year`` with it."""
    result = RealisasiImport(satker=satker, year=year)
    try:
        sheet = read_sheet(file, name, accept=lambda sheet: _heading(sheet) is not None)
    except SheetRefused as error:
        result.errors.append(str(error))
        return result
    _read(sheet, result)
    if not result.errors:
        _save(result)
    return result


def _heading(sheet):
    """(row index in ``sheet.rows``, {column key: column number}) of the heading, or None."""
    for index, row in enumerate(sheet.rows[:HEADING_ROWS]):
        found = {}
        for col in sorted(row.cells):
            text = " ".join(row.text(col).upper().replace(":", " ").split())
            for key, names in COLUMNS.items():
                if text in names and key not in found:
                    found[key] = col
        if len(found) == len(COLUMNS):
            return index, found
    return None


def _read(sheet, result):
    heading = _heading(sheet)
    if heading is None:
        result.errors.append(
            f"{_where(sheet)}: baris judul kolom tidak ditemukan; yang "
            "diharapkan satu baris dengan kolom kode, bulan dan jumlah (di antara "
            f"{HEADING_ROWS} baris pertama yang berisi)."
        )
        return
    index, columns = heading
    for row in sheet.rows[index + 1 :]:
        if not any(row.text(col) for col in columns.values()):
            continue  # a note beside the table, not a row of it
        if row.text(columns["kode"]).upper() in TOTAL_ROWS:
            result.warnings.append(f"{sheet.place(row.number)}: baris jumlah dilewati.")
            continue
        result.rows += 1
        place = {key: sheet.place(row.number, col, key) for key, col in columns.items()}
        for col in columns.values():
            if (row.number, col) in sheet.uncached:
                result.errors.append(
                    f"{sheet.place(row.number, col)}: rumus yang belum pernah dihitung Excel; "
                    "buka berkas di Excel, simpan, lalu impor lagi."
                )
        kode = _kode(row.text(columns["kode"]), place["kode"], result)
        month = _month(row.value(columns["bulan"]), place["bulan"], result)
        amount = _amount(row.value(columns["jumlah"]), place["jumlah"], result)
        if kode is None or month is None or amount is None:
            continue
        key = (kode, month)
        total = result.amounts.get(key, 0) + amount
        if total > MAX_RUPIAH:
            result.errors.append(
                f"{place['jumlah']}: jumlah kode {kode} bulan {MONTH_NAMES[month - 1]} "
                f"menjadi {format_thousands(total)}, melebihi batas Rp 1 triliun."
            )
            continue
        result.amounts[key] = total
    if not result.rows and not result.errors:
        result.errors.append(f"{_where(sheet)}: tidak ada baris realisasi di bawah judul kolom.")


def _where(sheet):
    return f"{'Berkas' if sheet.kind == 'csv' else 'Sheet'} {sheet.name}"


def _kode(text, place, result):
    if not text:
        result.errors.append(f"{place}: kode kosong; yang diharapkan kode akun.")
        return None
    try:
        code = parse_akun(text)
    except AkunError as error:
        result.errors.append(f"{place}: {error}")
        return None
    if not code.akun:
        warning = f"Kode {code} tanpa akun 6 angka: dihitung sebagai jenis belanja belum diketahui."
        if warning not in result.warnings:
            result.warnings.append(warning)
    return str(code)


def _month(value, place, result):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        if value.year == result.year:
            return value.month
        result.errors.append(
            f"{place}: tanggal {value:%d-%m-%Y} bukan tahun {result.year}; {MONTH_EXPECTED}."
        )
        return None
    text = str(value if value is not None else "").strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    month = int(text) if text.isdigit() and len(text) <= 2 else MONTH_BY_NAME.get(text.upper())
    if month is None or not 1 <= month <= 12:
        shown = text[:30] if text else "kosong"
        result.errors.append(f'{place}: "{shown}" bukan bulan; {MONTH_EXPECTED}.')
        return None
    return month


def _amount(value, place, result):
    if value is None or str(value).strip() == "":
        result.errors.append(
            f"{place}: jumlah kosong; yang diharapkan bilangan rupiah bulat (0 atau - bila "
            "tidak ada realisasi)."
        )
        return None
    try:
        amount = parse_rupiah(value)
    except RupiahError as error:
        result.errors.append(f"{place}: {error}")
        return None
    return amount or 0


def _save(result):
    """Replace the satker-year's imported rows with ``result``'s, under the satker's lock."""
    with transaction.atomic():
        Satker.objects.select_for_update().filter(pk=result.satker.pk).first()
        existing = RealisasiAnggaran.objects.filter(satker=result.satker, year=result.year)
        result.replaced, _ = existing.delete()
        RealisasiAnggaran.objects.bulk_create(
            RealisasiAnggaran(
                satker=result.satker, year=result.year, kode=kode, bulan=month, jumlah=amount
            ).prepare()
            for (kode, month), amount in sorted(result.amounts.items())
        )
    result.saved = True
