"""The RPD of a plan (budgets.rpd): the spread of one line, and a small plan's Halaman III,
against figures computed by hand."""

import pytest

from budgets.rpd import UNKNOWN, jenis_of, plan_for_rpd, rpd_table, spread
from plans.models import RencanaAksi
from tests.factories import LineFactory, PlanFactory
from tests.rpd_fixtures import barang_over_three_months


@pytest.mark.parametrize(
    ("biaya", "months", "amounts", "expected"),
    [
        # equal shares, the remainder on the last scheduled month
        (1_000_000, [2, 5, 9], {}, {2: 333_333, 5: 333_333, 9: 333_334}),
        (1_000_000, [9, 2, 5], None, {2: 333_333, 5: 333_333, 9: 333_334}),  # any order
        (8_378_000, range(1, 13), {}, {**dict.fromkeys(range(1, 12), 698_166), 12: 698_174}),
        (10, [1, 2, 3, 4], {}, {1: 2, 2: 2, 3: 2, 4: 4}),
        (2, [1, 2, 3], {}, {1: 0, 2: 0, 3: 2}),  # less than a Rupiah a month
        (600_000, [7], {}, {7: 600_000}),
        (900, [3, 3, 6], {}, {3: 450, 6: 450}),  # a month counted once
        # the planner's amounts per month; an unnamed scheduled month draws nothing
        (1_000_000, [3, 7], {"3": 600_000, "7": 400_000}, {3: 600_000, 7: 400_000}),
        (1_000_000, [3, 5, 7], {"7": 1_000_000}, {3: 0, 5: 0, 7: 1_000_000}),
        (1_000_000, [3, 7], {"3": 0, "7": 1_000_000}, {3: 0, 7: 1_000_000}),
        # amounts that no longer fit (a month unscheduled, a cost changed): spread evenly
        (1_000_000, [3, 7], {"3": 600_000, "8": 400_000}, {3: 500_000, 7: 500_000}),
        (1_000_000, [3, 7], {"3": 600_000, "7": 300_000}, {3: 500_000, 7: 500_000}),
        (1_000_000, [3, 7], {"3": "600000", "7": 400_000}, {3: 500_000, 7: 500_000}),
        # no months: tanpa jadwal
        (1_000_000, [], {}, {None: 1_000_000}),
        (1_000_000, [], {"3": 1_000_000}, {None: 1_000_000}),
        # no cost: nothing drawn
        (None, [1, 2], {}, {}),
        (0, [1, 2], {}, {}),
        (None, [], {"1": 5}, {}),
    ],
)
def test_spread_of_a_line(biaya, months, amounts, expected):
    assert spread(biaya, months, amounts) == expected
    assert sum(spread(biaya, months, amounts).values()) == (biaya or 0)


@pytest.mark.parametrize(
    ("akun_belanja", "expected"),
    [
        ("511111", "51"),
        ("521211", "52"),
        ("532111", "53"),
        ("573111", "57"),
        ("", UNKNOWN),  # a code without a 6-digit akun
        ("541111", UNKNOWN),  # jenis Halaman III has no column for
        ("586111", UNKNOWN),
        (None, UNKNOWN),
    ],
)
def test_jenis_belanja_is_the_akun_first_two_digits(akun_belanja, expected):
    assert jenis_of(akun_belanja) == expected


@pytest.fixture
def small_plan(db):
    """Five lines whose Halaman III is worked out by hand in the test below."""
    plan = PlanFactory()
    kegiatan = barang_over_three_months(plan)
    LineFactory(  # 51, fixed amounts
        kegiatan=kegiatan,
        biaya=1_200_000,
        akun="3358.EBC.954.051.A.511111",
        b1=True,
        b2=True,
        month_amounts={"1": 200_000, "2": 1_000_000},
    )
    LineFactory(kegiatan=kegiatan, biaya=300_001, akun="3358.EBC.954.A", b1=False, b12=True)
    LineFactory(kegiatan=kegiatan, biaya=75_000, akun="6710.QGE.001.C.532111", b1=False)
    LineFactory(kegiatan=kegiatan, biaya=None, b1=True)  # no cost
    LineFactory(kegiatan=kegiatan, biaya=50_000, akun="541111", b1=True, b3=True)  # jenis 54
    return plan


def test_small_plan_rpd_is_computed_by_hand(small_plan, django_assert_num_queries):
    with django_assert_num_queries(1):
        table = rpd_table(small_plan)
    zero = {"51": 0, "52": 0, "53": 0, "57": 0, "belum_diketahui": 0, "total": 0}
    expected = {str(month): dict(zero) for month in range(1, 13)}
    expected["1"] |= {"51": 200_000, "belum_diketahui": 25_000, "total": 225_000}
    expected["2"] |= {"51": 1_000_000, "52": 333_333, "total": 1_333_333}
    expected["3"] |= {"belum_diketahui": 25_000, "total": 25_000}
    expected["5"] |= {"52": 333_333, "total": 333_333}
    expected["9"] |= {"52": 333_334, "total": 333_334}
    expected["12"] |= {"belum_diketahui": 300_001, "total": 300_001}
    assert table.as_json() == {"bulan": expected, "tanpa_jadwal": 75_000, "total": 2_625_001}
    assert table.unscheduled["53"] == 75_000
    assert table.cumulative[1] == 225_000
    assert table.cumulative[2] == 1_558_333
    assert table.cumulative[12] == 2_625_001 - 75_000
    assert table.columns_total == {
        "51": 1_200_000,
        "52": 1_000_000,
        "53": 75_000,
        "57": 0,
        "belum_diketahui": 350_001,
        "total": 2_625_001,
    }
    assert (table.lines, table.fixed, table.mismatched) == (5, 1, 0)


def test_rpd_total_equals_the_plan_total(small_plan):
    assert rpd_table(small_plan).total == small_plan.get_total_biaya()


def test_rpd_of_a_plan_without_costs_is_all_zero(plan):
    table = rpd_table(plan)
    assert table.total == 0 and table.tanpa_jadwal == 0
    assert all(row["total"] == 0 for row in table.as_json()["bulan"].values())


def test_rpd_counts_amounts_that_no_longer_fit_and_spreads_them_evenly(plan):
    line = LineFactory(
        kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan,
        biaya=1_000,
        b1=False,
        b2=True,
        b3=True,
        month_amounts={"1": 1_000},  # January since unscheduled, bypassing the editor
    )
    table = rpd_table(plan)
    assert (table.fixed, table.mismatched) == (0, 1)
    assert [table.bulan[month]["total"] for month in (1, 2, 3)] == [0, 500, 500]
    assert line.months == [2, 3]


def test_rpd_json_has_exactly_the_command_shape(small_plan):
    data = rpd_table(small_plan).as_json()
    assert list(data) == ["bulan", "tanpa_jadwal", "total"]
    assert list(data["bulan"]) == [str(month) for month in range(1, 13)]
    for row in data["bulan"].values():
        assert list(row) == ["51", "52", "53", "57", "belum_diketahui", "total"]
        assert all(type(amount) is int for amount in row.values())
        assert row["total"] == sum(amount for key, amount in row.items() if key != "total")


def test_rpd_uses_the_approved_version_while_a_revision_is_drafted(plan):
    assert plan_for_rpd(plan.satker, plan.year) == plan
    plan.status = RencanaAksi.Status.APPROVED
    plan.save()
    plan.is_latest = False
    plan.save()
    revision = PlanFactory(satker=plan.satker, year=plan.year, version=2, revision_of=plan)
    assert plan_for_rpd(plan.satker, plan.year) == plan
    revision.status = RencanaAksi.Status.APPROVED
    revision.save()
    plan.status = RencanaAksi.Status.SUPERSEDED
    plan.save()
    assert plan_for_rpd(plan.satker, plan.year) == revision
    assert plan_for_rpd(plan.satker, plan.year + 1) is None
