"""When a satker may revise its RPD (Halaman III DIPA): on the 10th working day of February,
April, July and October, as the DJPb's rules on revising the RPD set it.

Working days are Monday to Friday less Indonesia's national holidays and the cuti bersama
(the ``holidays`` library's "public" and "government" categories for ``ID``): the KPPN and
the satkers' offices are closed on both. Islamic holidays of years the government has not
yet fixed are the library's estimates.
"""

import datetime
from dataclasses import dataclass
from functools import cache

import holidays

from plans.vocabulary import MONTH_NAMES

REVISION_MONTHS = (2, 4, 7, 10)
WORKING_DAY = 10  # the window falls on this working day of the month


@cache
def _holidays(year):
    return holidays.country_holidays("ID", years=year, categories=("public", "government"))


def is_working_day(day):
    """Monday to Friday and not a national holiday or cuti bersama."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def working_day(year, month, number):
    """The ``number``-th working day of ``month``."""
    day, count = datetime.date(year, month, 1), 0
    while True:
        if is_working_day(day):
            count += 1
            if count == number:
                return day
        day += datetime.timedelta(days=1)


@dataclass(frozen=True)
class RevisionWindow:
    """One RPD revision date."""

    date: datetime.date

    @property
    def label(self):
        return f"{self.date.day} {MONTH_NAMES[self.date.month - 1]} {self.date.year}"


def revision_windows(year):
    """The four RPD revision dates of ``year``, in order."""
    return [RevisionWindow(working_day(year, month, WORKING_DAY)) for month in REVISION_MONTHS]


def next_revision_window(today):
    """The first revision date on or after ``today`` (next year's February after October)."""
    for window in revision_windows(today.year) + revision_windows(today.year + 1):
        if window.date >= today:
            return window
    return None  # not reached: next February always comes
