"""Whole numbers from query strings and posted fields, read strictly.

``str.isdigit()`` accepts ``²`` and other digits that ``int()`` refuses, and ``int()`` takes
any length; both turned a crafted URL into a 500. Here only ASCII digits within bounds count.
"""

import re

_DIGITS = re.compile(r"[0-9]{1,18}", re.ASCII)
BIGGEST_ID = 2**63 - 1


def parse_int(value, *, low=1, high=BIGGEST_ID):
    """``value`` as an int when it is plain digits between ``low`` and ``high``, else None."""
    if value is None or not _DIGITS.fullmatch(str(value).strip()):
        return None
    number = int(str(value).strip())
    return number if low <= number <= high else None
