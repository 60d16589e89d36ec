"""The RPD of many plans added up in the database (budgets.rpd_sums) gives each plan the
same Halaman III as budgets.rpd.rpd_table, which spreads line by line."""

import random

from budgets.rpd import rpd_table
from budgets.rpd_sums import rpd_sums
from tests.factories import LineFactory, PlanFactory

AKUN = [
    "3358.EBC.954.051.A.521211",
    "3358.EBC.954.051.A.511111",
    "6710.QGE.001.C.532111",
    "3358.EBC.954.A",  # no akun: belum diketahui
    "541111",  # a jenis Halaman III has no column for
]


def add_lines(plan, lines, seed):
    """``lines`` lines of random cost, akun and months, a few of them on the same
    schedule so that their remainders add up, and some with amounts per month."""
    chance = random.Random(seed)
    kegiatan = None
    for n in range(lines):
        months = sorted(chance.sample(range(1, 13), chance.choice([0, 1, 2, 3, 5, 7, 12])))
        if n % 4 == 0:
            months = [2, 6, 11]  # shared schedule: remainders 0, 1 and 2 mixed
        biaya = chance.choice([None, 0, 1, 2, 10, 999_999, chance.randint(1, 10**10)])
        amounts = {}
        if months and biaya and n % 5 == 0:
            amounts = {str(months[-1]): biaya}  # fits: all on the last month
        elif months and biaya and n % 7 == 0:
            amounts = {str(months[0]): biaya + 1}  # no longer fits: spread evenly
        flags = {f"b{month}": month in months for month in range(1, 13)}
        fields = {"biaya": biaya, "akun": chance.choice(AKUN), "month_amounts": amounts, **flags}
        if kegiatan is None:
            path = "kegiatan__indikator__sasaran_program__sasaran_strategis__plan"
            kegiatan = LineFactory(**{path: plan}, **fields).kegiatan
        else:
            LineFactory(kegiatan=kegiatan, **fields)


def test_rpd_sums_match_rpd_table_line_by_line(db):
    plans = [PlanFactory(), PlanFactory(), PlanFactory()]
    for seed, plan in enumerate(plans):
        add_lines(plan, 40, seed)
    tables = rpd_sums(plans)
    for plan in plans:
        expected = rpd_table(plan)
        assert tables[plan.pk].bulan == expected.bulan
        assert tables[plan.pk].unscheduled == expected.unscheduled
        assert tables[plan.pk].total == plan.get_total_biaya()


def test_lines_on_one_schedule_draw_what_their_shares_add_up_to(db):
    plan = PlanFactory()
    path = "kegiatan__indikator__sasaran_program__sasaran_strategis__plan"
    flags = {"b1": False, "b2": True, "b5": True, "b9": True}
    akun = "3358.EBC.954.051.A.521211"
    kegiatan = LineFactory(**{path: plan}, biaya=10, akun=akun, **flags).kegiatan  # 3 3 4
    LineFactory(kegiatan=kegiatan, biaya=11, akun=akun, **flags)  # 3 3 5
    table = rpd_sums([plan])[plan.pk]
    assert [table.bulan[month]["52"] for month in (2, 5, 9)] == [6, 6, 9]


def test_rpd_sums_take_two_queries_for_one_plan_or_many(db, django_assert_num_queries):
    plans = [PlanFactory() for _ in range(4)]
    for seed, plan in enumerate(plans):
        add_lines(plan, 8, seed)
    with django_assert_num_queries(2):
        rpd_sums(plans[:1])
    with django_assert_num_queries(2):
        rpd_sums(plans)
    with django_assert_num_queries(0):
        assert rpd_sums([]) == {}
