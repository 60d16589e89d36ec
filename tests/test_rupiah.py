import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgets.rupiah import (
    MAX_RUPIAH,
    RupiahError,
    format_rupiah,
    format_thousands,
    parse_rupiah,
)


@pytest.mark.parametrize(
    "text",
    [
        "8378000",
        "8,378,000",
        "8.378.000",
        "Rp 8.378.000",
        "Rp 8.378.000,00",
        "Rp8.378.000",
        "rp. 8.378.000",
        "8.378.000,-",
        " 8.378.000 ",
        8378000,
        8378000.0,
    ],
)
def test_parse_accepts_the_forms_offices_write(text):
    assert parse_rupiah(text) == 8_378_000


@pytest.mark.parametrize("text", [None, "", "-", " - ", "–", "Rp -"])
def test_parse_reads_dash_and_empty_as_no_cost(text):
    assert parse_rupiah(text) is None


def test_parse_reads_a_single_comma_group_as_thousands():
    assert parse_rupiah("600,000") == 600_000


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("16.4OO.000", "bukan nilai rupiah"),
        ("1,5", "ada sen"),
        ("8.378,000", "bukan nilai rupiah"),
        ("8.378.000.00", "ribuan dan sen sekaligus"),
        ("12.34.567", "bukan nilai rupiah"),
        ("-5", "negatif"),
        ("8 378 000 x", "bukan nilai rupiah"),
        (8.5, "bukan rupiah bulat"),
        (-1, "negatif"),
        (True, "bukan nilai rupiah"),
    ],
)
def test_parse_rejects_ambiguous_or_wrong_amounts_saying_what_was_expected(text, reason):
    with pytest.raises(RupiahError) as error:
        parse_rupiah(text)
    assert reason in str(error.value)
    assert "8.378.000" in str(error.value)


def test_format_uses_the_indonesian_thousands_dot():
    assert format_rupiah(10_060_818_000) == "Rp 10.060.818.000"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(None) == "-"


@pytest.mark.parametrize(
    "value",
    [
        "Rp 1.000.000.000.001",
        "9.000.000.000.000.000.000",
        "9" * 5000,  # refused before int() (which refuses over 4,300 digits itself)
        10**12 + 1,
        1e13,
    ],
)
def test_parse_refuses_more_than_one_trillion_per_line(value):
    with pytest.raises(RupiahError) as error:
        parse_rupiah(value)
    assert "1 triliun" in str(error.value)


def test_one_trillion_itself_is_accepted():
    assert parse_rupiah("Rp 1.000.000.000.000") == MAX_RUPIAH == parse_rupiah(10**12)


amounts = st.integers(min_value=0, max_value=MAX_RUPIAH)


@given(amounts)
def test_formatted_amounts_parse_back_to_the_same_number(amount):
    assert parse_rupiah(format_rupiah(amount)) == amount
    assert parse_rupiah(format_thousands(amount)) == amount
    assert parse_rupiah(f"{amount:,}") == amount
    assert parse_rupiah(format_rupiah(amount) + ",00") == amount
    assert parse_rupiah(str(amount)) == amount
