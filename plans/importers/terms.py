"""The words of a legacy matrix sheet and what they mean to the reader: the labels of total
rows, the columns that hold the tree, Excel's paper sizes, the lengths the plan keeps, and the
lines of the signatory block (``Gorontalo, 2 Januari 2023``, ``Mengetahui,``, ``NIP. ...``).

Month names come from ``plans.vocabulary``, as they do for every other reader of months.
"""

import datetime
import re

from plans.layouts import COLUMN_LABELS
from plans.vocabulary import MONTH_ALIASES, MONTH_NAMES

TOTAL_LABELS = {
    "JUMLAH",
    "TOTAL",
    "JUMLAH TOTAL",
    "TOTAL BIAYA",
    "JUMLAH BIAYA",
    "GRAND TOTAL",
    "TOTAL KESELURUHAN",
    "JUMLAH KESELURUHAN",
}
# What a line's row holds besides its text and months; every other column but the months
# belongs to the tree above the line.
LINE_DATA_KEYS = ("biaya", "akun", "ket")
HIERARCHY_KEYS = [key for key in COLUMN_LABELS if key != "bulan" and key not in LINE_DATA_KEYS]
PAPER_SIZES = {9: "A4", 14: "F4"}  # Excel's paperSize codes: 9 A4, 14 Folio 8.5 x 13 in.
MAX_LENGTHS = {"number": 10, "target": 200}


def _old_spelling(name):
    """``FEBRUARI`` -> ``PEBRUARI``, ``NOVEMBER`` -> ``NOPEMBER``: the spelling before 1972
    that older offices still date their plans with."""
    return name.replace("F", "P").replace("V", "P")


# A date is written with the month in full: its name, or the name's old spelling where the
# vocabulary knows one (abbreviations and English names head month columns, not dates).
INDONESIAN_MONTHS = {
    alias: month
    for month, name in enumerate(MONTH_NAMES, start=1)
    for alias in MONTH_ALIASES[month]
    if alias in {name.upper(), _old_spelling(name.upper())}
}

_DATE_LINE = re.compile(r"^(?P<place>[A-Za-z][A-Za-z .'-]*?)\s*,\s*(?P<date>.*)$")
_DATE = re.compile(r"^(?P<day>[0-9]{1,2})\s+(?P<month>[A-Za-z]+)\s+(?P<year>[0-9]{4})$")
# ASCII digits only: str.isdigit() also accepts ² and other scripts' digits.
ASCII_NUMBER = re.compile(r"[0-9]+")
NIP = re.compile(r"^NIP\b[\s.:]*(?P<nip>.*)$", re.IGNORECASE)
ACKNOWLEDGE = re.compile(r"^(MENGETAHUI|MENYETUJUI|DISETUJUI)\b", re.IGNORECASE)


def is_total_label(text):
    """``Jumlah :``, ``GRAND  TOTAL`` and the like: the label of a total row."""
    return " ".join(text.upper().replace(":", " ").split()) in TOTAL_LABELS


def date_line(text):
    """(place, date or None) for ``Gorontalo, 2 Januari 2023``, ``Gorontalo,`` (the date left
    to be written by hand) or ``2 Januari 2023``; None for any other text."""
    date = parse_date(text)
    if date:
        return "", date
    match = _DATE_LINE.match(text)
    if not match or ACKNOWLEDGE.match(text):
        return None
    place, rest = match["place"].strip(), match["date"].strip()
    date = parse_date(rest)
    if date or not rest or re.fullmatch(r"[\w .]*[0-9]{4}", rest):
        return place, date
    return None


def parse_date(text):
    """``2 Januari 2023`` -> date(2023, 1, 2); None when it is not a date written that way."""
    match = _DATE.match(text.strip())
    month = INDONESIAN_MONTHS.get(match["month"].upper()) if match else None
    if not month:
        return None
    try:
        return datetime.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None
