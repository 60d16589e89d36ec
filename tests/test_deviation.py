"""Deviasi Halaman III DIPA and serapan, against figures computed by hand."""

import datetime
from decimal import Decimal

import pytest

from budgets.calendar import is_working_day, next_revision_window, revision_windows
from budgets.deviation import (
    RPD,
    deviation,
    deviation_table,
    month_deviation,
    rounded,
    serapan,
    weights_of,
    year_average,
)

D = Decimal


@pytest.mark.parametrize(
    ("realisasi", "rpd", "expected"),
    [
        (90, 100, "10.00"),  # |90 - 100| / 100
        (110, 100, "10.00"),  # over the RPD counts the same as under it
        (100, 100, "0.00"),
        (0, 100, "100.00"),  # nothing spent of a planned month
        (1, 3, "66.67"),  # 2 / 3 = 66.666…, half up
        (250, 100, "100.00"),  # 150 % capped at 100
        (200, 100, "100.00"),  # exactly 100 stays 100
        (0, 0, "0.00"),  # nothing planned, nothing spent
        (5, 0, "100.00"),  # spent without a plan
        (9_450_000, 9_000_000, "5.00"),  # on the 5 % line
    ],
)
def test_deviation_of_a_month_and_jenis_follows_the_djpb_formula(realisasi, rpd, expected):
    assert rounded(deviation(realisasi, rpd)) == D(expected)


@pytest.mark.parametrize(
    ("rpd_row", "real_row", "weights", "expected"),
    [
        # 52: |80 - 100| / 100 = 20 % at weight 3/4; 53: |50 - 50| = 0 % at 1/4 -> 15
        ({"52": 100, "53": 50}, {"52": 80, "53": 50}, {"52": D(3) / 4, "53": D(1) / 4}, "15.00"),
        # 52 on plan (0 %), 53 planned but nothing spent (100 %) at 1/4 -> 25
        ({"52": 100, "53": 50}, {"52": 100}, {"52": D(3) / 4, "53": D(1) / 4}, "25.00"),
        # a jenis with no weight (belum diketahui: no pagu) does not count
        ({"52": 100, "belum_diketahui": 10}, {"52": 95}, {"52": D(1)}, "5.00"),
        # weights that do not add up to 1 are normalised: (2 x 10 + 1 x 40) / 3 = 20
        ({"51": 100, "52": 100}, {"51": 90, "52": 140}, {"51": D(2), "52": D(1)}, "20.00"),
        # a jenis with pagu but nothing planned nor spent this month scores 0
        ({"52": 100}, {"52": 50}, {"52": D(1) / 2, "57": D(1) / 2}, "25.00"),
    ],
)
def test_month_deviation_is_the_average_over_jenis_weighted_by_pagu_share(
    rpd_row, real_row, weights, expected
):
    assert rounded(month_deviation(rpd_row, real_row, weights)) == D(expected)


def test_month_deviation_without_weights_is_none():
    assert month_deviation({"52": 100}, {"52": 100}, {}) is None


def test_weights_are_each_jenis_share_and_leave_out_empty_ones():
    assert weights_of({"51": 0, "52": 750, "53": 250}) == {"52": D("0.75"), "53": D("0.25")}
    assert weights_of({"52": 0}) == {}


@pytest.mark.parametrize(
    ("deviations", "through", "expected"),
    [
        ({1: D(10), 2: D(20), 3: D(0)}, 3, "10.00"),
        ({1: D(10), 2: D(20), 3: D(0), 4: D(100)}, 3, "10.00"),  # months after `through` wait
        ({1: D(10), 2: None, 3: D(5)}, 3, "7.50"),  # a month without figures is left out
        ({1: D(1), 2: D(2)}, None, None),
    ],
)
def test_year_average_is_the_mean_of_the_months_so_far(deviations, through, expected):
    result = year_average(deviations, through)
    assert (rounded(result) if result is not None else None) == (D(expected) if expected else None)


@pytest.mark.parametrize(
    ("amount", "pagu", "expected"),
    [(250, 1000, "25.00"), (1, 3, "33.33"), (0, 1000, "0.00"), (1200, 1000, "120.00")],
)
def test_serapan_is_realisation_over_the_whole_pagu(amount, pagu, expected):
    assert rounded(serapan(amount, pagu)) == D(expected)


def test_serapan_without_pagu_is_none():
    assert serapan(100, 0) is None


def test_table_weighs_by_pagu_and_accumulates_serapan():
    # pagu: 52 Rp 3.000, 53 Rp 1.000 -> weights 75 % and 25 %
    rpd = {1: {"52": 100, "53": 0}, 2: {"52": 100, "53": 400}, 3: {"52": 100}}
    real = {1: {"52": 90}, 2: {"52": 100, "53": 200}}
    table = deviation_table(rpd, real, {"52": 3000, "53": 1000, "51": 0})
    assert (table.basis, table.through, table.pagu_total) == ("pagu", 2, 4000)
    jan, feb, mar = table.months[:3]
    # January: 52 10 % x 0.75 + 53 (nothing planned, nothing spent) 0 % x 0.25 = 7.5
    assert rounded(jan.deviation) == D("7.50")
    # February: 52 0 % x 0.75 + 53 |200 - 400| / 400 = 50 % x 0.25 = 12.5
    assert rounded(feb.deviation) == D("12.50")
    # March has no realisation yet: it is after the last month with data
    assert (mar.deviation, mar.counted, mar.serapan) == (None, False, None)
    assert rounded(table.average) == D("10.00")  # (7.5 + 12.5) / 2
    assert (jan.serapan, rounded(feb.serapan)) == (D("2.25"), D("7.50"))  # 90 and 300 of 4000
    assert rounded(feb.serapan_cumulative) == D("9.75")  # 390 / 4000
    assert (feb.rpd_cumulative, feb.real_cumulative) == (600, 390)
    assert table.as_json()["deviasi_rata_rata"] == "10.00"
    assert table.as_json()["bulan"]["2"]["deviasi_jenis"] == {"52": "0.00", "53": "50.00"}


def test_table_without_pagu_weighs_by_the_share_of_the_rpd_and_says_so():
    # RPD of the year: 52 Rp 300, 53 Rp 100 -> 75 % and 25 %
    rpd = {1: {"52": 300, "53": 100}}
    table = deviation_table(rpd, {1: {"52": 270, "53": 100}}, {})
    assert table.basis == RPD
    assert rounded(table.months[0].deviation) == D("7.50")  # 10 % x 0.75
    assert table.months[0].serapan is None


def test_table_without_realisation_has_no_average():
    table = deviation_table({1: {"52": 100}}, {}, {"52": 100})
    assert (table.through, table.average) == (None, None)
    assert all(row.deviation is None for row in table.months)


# --- RPD revision windows: 10th working day of February, April, July and October ---------
# 2023: Good Friday 7 April moves April's to Monday the 17th; the other months have no
# holiday before their 10th working day. 2026: Good Friday 3 April moves April's to the
# 15th; Imlek (16-17 February) comes after February's 10th working day, the 13th.


@pytest.mark.parametrize(
    ("year", "dates"),
    [
        (2023, ["2023-02-14", "2023-04-17", "2023-07-14", "2023-10-13"]),
        (2026, ["2026-02-13", "2026-04-15", "2026-07-14", "2026-10-14"]),
    ],
)
def test_revision_windows_fall_on_the_tenth_working_day(year, dates):
    assert [window.date.isoformat() for window in revision_windows(year)] == dates


def test_working_days_skip_weekends_holidays_and_cuti_bersama():
    assert not is_working_day(datetime.date(2023, 4, 7))  # Good Friday
    assert not is_working_day(datetime.date(2023, 4, 19))  # cuti bersama Idul Fitri
    assert not is_working_day(datetime.date(2023, 4, 8))  # a Saturday
    assert is_working_day(datetime.date(2023, 4, 17))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2023-01-05", "2023-02-14"),
        ("2023-02-14", "2023-02-14"),  # the day itself is still open
        ("2023-02-15", "2023-04-17"),
        ("2023-10-14", "2024-02-19"),  # after October: next year's February
    ],
)
def test_next_revision_window_is_the_first_on_or_after_today(today, expected):
    window = next_revision_window(datetime.date.fromisoformat(today))
    assert window.date.isoformat() == expected
    assert window.label.endswith(expected[:4])
