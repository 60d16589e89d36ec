"""Rupiah amounts as offices write them, and back.

Accepted: ``8378000``, ``8.378.000``, ``8,378,000``, ``Rp 8.378.000``, ``Rp 8.378.000,00``,
``8.378.000,-`` and ``-`` or empty for "no cost". A separator followed by exactly three digits
groups thousands; one followed by one or two digits starts the (zero) sen. Anything else -
mixed grouping, non-zero sen, letters, negative amounts - is refused with a message that says
what was expected, because a silently misread cost is worse than a refused one.
"""

import re
from decimal import Decimal, InvalidOperation

NONE_MARKS = {"", "-", "–", "—", "--"}
EXPECTED = "yang diharapkan bilangan rupiah bulat, misalnya 8.378.000 atau Rp 8.378.000"
# Rp 1 triliun: far above any line of a satker's plan, far below what a sum of a whole
# plan's lines can hold (a 64-bit column), so a slipped key never breaks the totals.
MAX_RUPIAH = 10**12
TOO_LARGE = "melebihi batas Rp 1.000.000.000.000 (1 triliun) per baris"

_AMOUNT = re.compile(
    r"^(?P<whole>\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+)"
    r"(?:(?P<sep>[.,])(?P<sen>\d{1,2}|-))?$"
)
_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)


class RupiahError(ValueError):
    """A cell or field that does not hold a whole Rupiah amount."""


def parse_rupiah(value):
    """Return the amount in whole Rupiah as an int, or None for "no cost"."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise RupiahError(f'"{value}" bukan nilai rupiah; {EXPECTED}')
    if isinstance(value, int):
        return _check_range(value, value)
    if isinstance(value, (float, Decimal)):
        return _from_number(value)
    text = str(value).strip()
    if text in NONE_MARKS:
        return None
    compact = _PREFIX.sub("", text).replace(" ", "").replace("\u00a0", "")
    if compact in NONE_MARKS:
        return None
    match = _AMOUNT.match(compact)
    if not match and compact.startswith("-") and _AMOUNT.match(compact[1:]):
        raise RupiahError(f'"{text}" bernilai negatif; {EXPECTED}')
    if not match:
        raise RupiahError(f'"{text}" bukan nilai rupiah; {EXPECTED}')
    whole, sep, sen = match["whole"], match["sep"], match["sen"]
    if sep and sep in whole:
        raise RupiahError(f'"{text}" memakai "{sep}" untuk ribuan dan sen sekaligus; {EXPECTED}')
    if sen and sen != "-" and int(sen) != 0:
        raise RupiahError(f'"{text}" bukan rupiah bulat (ada sen); {EXPECTED}')
    digits = whole.replace(".", "").replace(",", "").lstrip("0")
    if len(digits) > len(str(MAX_RUPIAH)):  # before int(): a long run of digits is refused
        raise RupiahError(f'"{text[:30]}" {TOO_LARGE}')
    return _check_range(int(digits or "0"), text)


def _from_number(value):
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise RupiahError(f'"{value}" bukan nilai rupiah; {EXPECTED}') from error
    if not number.is_finite() or number != number.to_integral_value():
        raise RupiahError(f'"{value}" bukan rupiah bulat; {EXPECTED}')
    if abs(number) > MAX_RUPIAH:
        raise RupiahError(f'"{value}" {TOO_LARGE}')
    return _check_range(int(number), value)


def _check_range(amount, shown):
    if amount < 0:
        raise RupiahError(f'"{shown}" bernilai negatif; {EXPECTED}')
    if amount > MAX_RUPIAH:
        raise RupiahError(f'"{shown}" {TOO_LARGE}')
    return amount


def format_thousands(amount):
    """``8378000`` -> ``8.378.000`` (Indonesian thousands dot)."""
    return f"{amount:,}".replace(",", ".")


def format_rupiah(amount):
    """``8378000`` -> ``Rp 8.378.000``; None -> ``-`` as the printed plans show it."""
    if amount is None:
        return "-"
    return f"Rp {format_thousands(amount)}"
