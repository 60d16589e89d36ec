"""How KPU offices write months and schedule marks: one list of each for the whole app.

Pages, printouts, the importers and the flat exchange file all read and write months
through this module, so a mark one of them accepts is accepted by all.
"""

MONTHS = range(1, 13)
MONTH_NAMES = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
# Every way a month is headed in legacy workbooks, upper-cased: abbreviations, the old
# spellings (Pebruari, Nopember) and English.
MONTH_ALIASES = {
    1: ["JAN", "JANUARI", "JANUARY"],
    2: ["FEB", "PEB", "FEBRUARI", "PEBRUARI", "FEBRUARY"],
    3: ["MAR", "MARET", "MARCH"],
    4: ["APR", "APRIL"],
    5: ["MEI", "MAY"],
    6: ["JUN", "JUNI", "JUNE"],
    7: ["JUL", "JULI", "JULY"],
    8: ["AGU", "AGT", "AGS", "AGUS", "AGUSTUS", "AUG", "AUGUST"],
    9: ["SEP", "SEPT", "SEPTEMBER"],
    10: ["OKT", "OKTOBER", "OCT", "OCTOBER"],
    11: ["NOV", "NOP", "NOVEMBER", "NOPEMBER"],
    12: ["DES", "DESEMBER", "DEC", "DECEMBER"],
}
# The line's month columns: b1 ... b12.
MONTH_FIELDS = [f"b{month}" for month in MONTHS]

# A scheduled month as offices mark it (upper-cased); shading counts too, where there is any.
MONTH_MARKS = {"V", "√", "✓", "✔", "X", "1", "*"}
UNSCHEDULED_MARKS = {"", "0", "-"}
MARKS_EXPECTED = (
    "yang diharapkan sel diarsir atau tanda v, √, ✓, x, 1 atau * (kosong: tidak dijadwalkan)"
)


def month_label(style, month):
    """``B 5`` or ``5``, as the plan's office heads its month columns."""
    return f"B {month}" if style == "b" else str(month)


def month_field(month):
    return MONTH_FIELDS[month - 1]


def read_month_mark(value):
    """True for a schedule mark, False for an empty or unscheduled cell, None for anything
    else (the caller says what was expected: ``MARKS_EXPECTED``)."""
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().upper()
    if text.endswith(".0") and text[:-2] in {"0", "1"}:  # a number cell read as a float
        text = text[:-2]
    if text in MONTH_MARKS:
        return True
    if text in UNSCHEDULED_MARKS:
        return False
    return None
