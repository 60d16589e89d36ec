"""Find a matrix's header in a sheet: the row of column names, the month columns below or
beside them, and the labels as the office wrote them.

Offices write ``NO`` or ``No``, ``INDIKATOR KINERJA`` or ``Indikator kinerja``, months as
``1``, ``B 1``, ``B1``, ``Jan`` or ``Januari``, often under a merged ``RENCANA PELAKSANAAN
KEGIATAN`` label, and the cost as one column or as ``Rp`` + amount under one merged label.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from plans import layouts
from plans.models import IndikatorKinerja
from plans.vocabulary import MONTH_ALIASES

HEADER_SEARCH_ROWS = 60

COLUMN_NAMES = {
    "no": ["NO", "NOMOR", "NO URUT"],
    "program": ["PROGRAM"],
    "sasaran_strategis": ["SASARAN STRATEGIS", "SASARAN STRATEGIK"],
    "sasaran_program": ["SASARAN PROGRAM"],
    "indikator": ["INDIKATOR KINERJA", "INDIKATOR", "INDIKATOR KINERJA UTAMA"],
    "target": ["TARGET", "TARGET KINERJA"],
    "kegiatan": ["KEGIATAN"],
    "rencana_kegiatan": ["RENCANA KEGIATAN", "RINCIAN KEGIATAN", "URAIAN KEGIATAN"],
    "bulan": [
        "RENCANA PELAKSANAAN KEGIATAN",
        "RENCANA PELAKSANAAN",
        "JADWAL PELAKSANAAN",
        "WAKTU PELAKSANAAN",
        "JADWAL",
        "BULAN",
    ],
    "biaya": ["PERKIRAAN BIAYA", "BIAYA", "ANGGARAN", "PAGU", "PAGU ANGGARAN"],
    "akun": ["AKUN", "KODE AKUN", "MAK", "KODE MAK"],
    "ket": ["KET", "KETERANGAN"],
    "target_tw1": ["TW I", "TARGET TW I", "TRIWULAN I"],
    "target_tw2": ["TW II", "TARGET TW II", "TRIWULAN II"],
    "target_tw3": ["TW III", "TARGET TW III", "TRIWULAN III"],
    "target_tw4": ["TW IV", "TARGET TW IV", "TRIWULAN IV"],
}
KEY_BY_NAME = {name: key for key, names in COLUMN_NAMES.items() for name in names}
TW_KEYS = IndikatorKinerja.TW_FIELDS

MONTH_BY_NAME = {name: month for month, names in MONTH_ALIASES.items() for name in names}
# ASCII digits only: str.isdigit() and \d also accept ² or other scripts' digits.
_B_MONTH = re.compile(r"^B\s*([0-9]{1,2})$")
_MONTH_NUMBER = re.compile(r"[0-9]{1,2}")
_PUNCTUATION = re.compile(r"[.:]")
_BRACKETED = re.compile(r"\s*\(.*?\)\s*")


def header_name(text):
    """``"  Indikator\\nkinerja "`` -> ``INDIKATOR KINERJA``; ``Perkiraan Biaya (Rp)`` ->
    ``PERKIRAAN BIAYA``."""
    text = _BRACKETED.sub(" ", str(text)).upper()
    return " ".join(_PUNCTUATION.sub(" ", text).split())


@lru_cache(maxsize=4096)
def column_key(text):
    return KEY_BY_NAME.get(header_name(text)) if text else None


@lru_cache(maxsize=4096)
def month_of(text):
    """(month, style) of a month heading: ``B 5`` -> (5, "b"); ``5``, ``Mei`` -> (5, "angka")."""
    name = header_name(text)
    match = _B_MONTH.match(name)
    if match and 1 <= int(match[1]) <= 12:
        return int(match[1]), "b"
    if _MONTH_NUMBER.fullmatch(name) and 1 <= int(name) <= 12:
        return int(name), "angka"
    if name in MONTH_BY_NAME:
        return MONTH_BY_NAME[name], "angka"
    return None


@dataclass
class Header:
    """Where the matrix's columns are. ``columns`` maps a key to its sheet columns (two for a
    split ``Rp`` | amount cost), ``months`` maps 1-12 to a column."""

    row: int
    last_row: int
    columns: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    months: dict = field(default_factory=dict)
    month_labels: dict = field(default_factory=dict)
    month_style: str = "angka"
    month_row: int = 0
    unknown: list = field(default_factory=list)

    def col(self, key):
        return self.columns[key][0] if key in self.columns else None

    @property
    def table_columns(self):
        cols = {col for cols in self.columns.values() for col in cols}
        return sorted(cols | set(self.months.values()))

    @property
    def layout(self):
        """The plan's column keys in the sheet's order, ``bulan`` where the months are."""
        first = {key: cols[0] for key, cols in self.columns.items() if key in layouts.COLUMN_LABELS}
        if self.months:
            first["bulan"] = min(self.months.values())
        return sorted(first, key=first.get)

    def is_repeated_at(self, grid, row):
        """Whether ``row`` repeats this header at a page break: three column names in their
        own columns, or the month headings over the months."""
        text = grid.text
        named = sum(
            1 for key, cols in self.columns.items() if column_key(text(row, cols[0])) == key
        )
        if named >= 3:
            return True
        if month_of(text(row, self.months[1])) is None:
            return False
        matching = sum(
            1
            for month, col in self.months.items()
            if (found := month_of(text(row, col))) and found[0] == month
        )
        return matching >= 10

    def column_labels(self):
        """Labels written differently from the defaults, so the export prints them as before."""
        return {
            key: label
            for key, label in self.labels.items()
            if key in layouts.COLUMN_LABELS and key in self.layout
            if label != layouts.COLUMN_LABELS[key]
        }


def find_header(grid):
    """The first row naming at least three columns, including the indicator; None if none."""
    for row in range(1, min(grid.max_row, HEADER_SEARCH_ROWS) + 1):
        keys = names_in_row(grid, row)
        if len(keys) >= 3 and "indikator" in keys:
            return _read_header(grid, row)
    return None


def names_in_row(grid, row):
    """The column keys named by the cells that start in ``row``."""
    keys = set()
    for col in range(1, grid.max_col + 1):
        if grid.owner(row, col) == (row, col):
            key = column_key(grid.text(row, col))
            if key:
                keys.add(key)
    return keys


def _read_header(grid, row):
    header = Header(row=row, last_row=row)
    group_label = None
    for col in range(1, grid.max_col + 1):
        owner_row, owner_col = grid.owner(row, col)
        if owner_row != row:
            continue
        text = grid.text(owner_row, owner_col)
        key = column_key(text)
        header.last_row = max(header.last_row, grid.merge_end(owner_row, owner_col)[0])
        if key == "bulan":
            group_label = text
            continue
        if key and key not in header.columns:
            header.labels[key] = text
        if key:
            header.columns.setdefault(key, [])
            if col not in header.columns[key]:
                header.columns[key].append(col)
    _find_months(grid, header)
    if group_label is not None:
        header.labels["bulan"] = group_label
    header.last_row = max(header.last_row, header.month_row)
    for col in range(1, grid.max_col + 1):
        owner = grid.owner(row, col)
        text = grid.text(*owner)
        if (
            owner[0] == row
            and text
            and col not in header.table_columns
            and column_key(text) != "bulan"
            and not month_of(text)
        ):
            header.unknown.append((col, text))
    return header


def _find_months(grid, header):
    """Months are in the header row itself or in the row(s) below a group label."""
    taken = {col for cols in header.columns.values() for col in cols}
    for month_row in range(header.row, header.row + 3):
        found, styles, labels = {}, set(), {}
        for col in range(1, grid.max_col + 1):
            if col in taken or grid.owner(month_row, col) != (month_row, col):
                continue
            month = month_of(grid.text(month_row, col))
            if month and month[0] not in found:
                found[month[0]] = col
                styles.add(month[1])
                labels[col] = grid.text(month_row, col)
        if len(found) == 12:
            header.months = found
            header.month_labels = labels
            header.month_style = "b" if styles == {"b"} else "angka"
            header.month_row = month_row
            return
