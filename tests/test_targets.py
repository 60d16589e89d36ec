from decimal import Decimal

import pytest

from plans.targets import parse_target


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("97,5%", Decimal("97.5"), "%"),
        ("100%", Decimal("100"), "%"),
        ("4,92%", Decimal("4.92"), "%"),
        ("1 Rancangan", Decimal("1"), "Rancangan"),
        ("7 Satker", Decimal("7"), "Satker"),
        ("2 Draft", Decimal("2"), "Draft"),
        ("1.000 Dokumen", Decimal("1000"), "Dokumen"),
    ],
)
def test_numeric_targets_give_value_and_unit(text, value, unit):
    assert parse_target(text) == (value, unit)


@pytest.mark.parametrize("text", ["Provinsi dan 6 Satker Kabupaten/Kota", "", "-", "Sesuai jadwal"])
def test_other_targets_have_no_figure(text):
    assert parse_target(text) == (None, "")
