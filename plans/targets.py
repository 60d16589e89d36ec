"""Indicator targets as written (``97,5%``, ``1 Rancangan``, ``7 Satker``) and their figures."""

import re
from decimal import Decimal

_TARGET = re.compile(
    r"^(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*(?P<unit>%|[^\W\d][\w /().-]*)?$"
)


def parse_target(text):
    """Return (value, unit) when the target is a number with an optional unit, else (None, "").

    The text itself is always kept as written; the figure only serves monitoring later.
    ``Provinsi dan 6 Satker Kabupaten/Kota`` does not parse and is not an error.
    """
    match = _TARGET.match((text or "").strip())
    if not match:
        return None, ""
    number = match["number"]
    if "," in number or re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        number = number.replace(".", "").replace(",", ".")
    return Decimal(number), (match["unit"] or "").strip()
