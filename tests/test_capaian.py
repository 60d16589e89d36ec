"""Capaian by PermenPAN-RB 8/2021, each rule a row with figures computed by hand."""

from decimal import Decimal as D

import pytest

from monitoring.capaian import (
    JUMLAH,
    NAIK,
    RASIO,
    RATA_RATA,
    SELISIH,
    TERAKHIR,
    TURUN,
    Target,
    capaian,
    cumulative,
    read_number,
    read_target,
    realisasi_problem,
)


@pytest.mark.parametrize(
    ("target", "realisasi", "arah", "rumus", "expected"),
    [
        ("97,5%", "95", NAIK, SELISIH, D("97.44")),  # 95 / 97,5 = 0,974358…
        ("100%", "100", NAIK, SELISIH, D("100.00")),
        ("1 Rancangan", "2", NAIK, SELISIH, D("200.00")),
        ("3", "1", NAIK, SELISIH, D("33.33")),  # 33,333… down
        ("3", "2", NAIK, SELISIH, D("66.67")),  # 66,666… up
        ("8", "1", NAIK, SELISIH, D("12.50")),  # 12,5 exactly
        ("200", "1", NAIK, SELISIH, D("0.50")),  # 0,5 exactly: half up stays
        ("400", "1", NAIK, SELISIH, D("0.25")),
        ("800", "1", NAIK, SELISIH, D("0.13")),  # 0,125 -> half up to 0,13
        ("10%", "12", TURUN, SELISIH, D("80.00")),  # (20 - 12) / 10
        ("10%", "8", TURUN, SELISIH, D("120.00")),  # (20 - 8) / 10
        ("10%", "25", TURUN, SELISIH, D("0.00")),  # (20 - 25) / 10 = -50: not below 0
        ("10%", "12", TURUN, RASIO, D("83.33")),  # 10 / 12
        ("10%", "8", TURUN, RASIO, D("125.00")),  # 10 / 8
        ("80–90%", "85", NAIK, SELISIH, D("100.00")),  # inside the range
        ("80-90%", "80", NAIK, SELISIH, D("100.00")),  # on a bound
        ("80 - 90 %", "99", NAIK, SELISIH, D("110.00")),  # 99 / 90
        ("80–90%", "60", NAIK, SELISIH, D("75.00")),  # 60 / 80
        ("80–90%", "95", TURUN, SELISIH, D("94.44")),  # above: (180 - 95) / 90
        ("1.250 Dokumen", "1.000", NAIK, SELISIH, D("80.00")),  # thousands dot
    ],
)
def test_capaian_of_one_quarter(target, realisasi, arah, rumus, expected):
    result = capaian(read_target(target), read_number(realisasi), arah, rumus)
    assert (result.value, result.reason) == (expected, "")


@pytest.mark.parametrize(
    ("target", "realisasi", "arah", "rumus", "reason"),
    [
        ("97,5%", None, NAIK, SELISIH, "Realisasi belum diisi."),
        ("97,5%", "", NAIK, SELISIH, "Realisasi belum diisi."),
        ("0", "5", NAIK, SELISIH, "Target nol: capaian tidak dapat dihitung."),
        ("0%", "0", TURUN, SELISIH, "Target nol: capaian tidak dapat dihitung."),
        ("Provinsi dan 6 Satker", "7", NAIK, SELISIH, "Target bukan angka"),
        ("10%", "0", TURUN, RASIO, "Realisasi nol pada rumus T/R"),
    ],
)
def test_capaian_that_cannot_be_computed_says_why(target, realisasi, arah, rumus, reason):
    result = capaian(read_target(target), read_number(realisasi), arah, rumus)
    assert result.value is None
    assert result.reason.startswith(reason)


def test_an_empty_realisasi_is_not_zero():
    assert read_number("") is None and read_number("0") == D("0")
    assert capaian(read_target("10%"), read_number("0"), TURUN, SELISIH).value == D("200.00")


def quarters(*rows):
    """``(target, realisasi)`` per quarter from TW I."""
    return {tw: (read_target(t), read_number(r)) for tw, (t, r) in enumerate(rows, start=1)}


@pytest.mark.parametrize(
    ("rows", "upto", "metode", "expected"),
    [
        # jumlah: ΣR / ΣT over the filled quarters: (2 + 3) / (3 + 3) = 83,33
        ((("3", "2"), ("3", "3"), ("3", None), ("3", None)), 2, JUMLAH, D("83.33")),
        # up to TW III with TW III empty: the same two quarters
        ((("3", "2"), ("3", "3"), ("3", None), ("3", None)), 3, JUMLAH, D("83.33")),
        # terakhir: TW II alone, 3 / 3
        ((("3", "2"), ("3", "3"), ("3", None), ("3", None)), 3, TERAKHIR, D("100.00")),
        # rata-rata: mean R 92,5 against mean T 97,5 = 94,87
        ((("97,5%", "90"), ("97,5%", "95")), 2, RATA_RATA, D("94.87")),
        # a ratio indicator is never added up as percentages: 90+95 over 97,5+97,5
        ((("97,5%", "90"), ("97,5%", "95")), 2, JUMLAH, D("94.87")),
        # terakhir with a range target keeps the range
        ((("80–90%", "70"), ("80–90%", "85")), 2, TERAKHIR, D("100.00")),
    ],
)
def test_cumulative_capaian_by_method(rows, upto, metode, expected):
    assert cumulative(quarters(*rows), upto, metode).value == expected


def test_cumulative_lower_is_better_uses_the_summed_figures():
    # Σ target 20, Σ realisasi 24: (40 - 24) / 20 = 80
    rows = quarters(("10%", "12"), ("10%", "12"))
    assert cumulative(rows, 2, JUMLAH, TURUN, SELISIH).value == D("80.00")


@pytest.mark.parametrize(
    ("rows", "metode", "reason"),
    [
        ((("3", None), ("3", None)), JUMLAH, "Belum ada realisasi"),
        ((("80–90%", "85"), ("80–90%", "85")), JUMLAH, "Target triwulan bukan angka tunggal"),
        ((("Dokumen", "1"),), RATA_RATA, "Target triwulan bukan angka tunggal"),
    ],
)
def test_cumulative_capaian_that_cannot_be_computed(rows, metode, reason):
    result = cumulative(quarters(*rows), 2, metode)
    assert result.value is None and result.reason.startswith(reason)


def test_a_range_target_is_read_with_its_unit():
    assert read_target("80–90%") == Target(D("80"), D("90"), "%")
    assert read_target("97,5%") == Target(D("97.5"), None, "%")
    assert read_target("-").value is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("95", ""),
        ("97,5", ""),
        ("2 Rancangan", ""),
        ("", ""),
        ("9x", "bukan angka"),
        ("banyak", "bukan angka"),
        ("1" * 20, "terlalu besar"),
    ],
)
def test_a_realisasi_is_a_number_with_at_most_the_indicators_unit(text, problem):
    found = realisasi_problem(text, "1 Rancangan", "2 Rancangan")
    assert (found == "") if not problem else (problem in found)
