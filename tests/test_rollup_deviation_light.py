"""The roll-ups' deviation path (``budgets.deviation.year_deviation_for_satkers``) computes
only each satker's year average, from realisation, RPD and pagu added up per jenis in the
database; it must give what the full table of the satker's deviation page gives, choose the
plan ``plan_for_rpd`` chooses, and select the satkers of a roll-up by subquery, never by a
list of their ids."""

import random

from django.db import connection

from budgets.deviation import table_for, year_deviation_for_satkers
from budgets.realisasi import budget_years, plans_for_rpd
from budgets.rpd import plan_for_rpd
from monitoring.models import LineExecution, QuarterReport
from plans.models import RencanaAksi, Satker, SatkerRole
from tests.factories import PlanFactory, RoleFactory, SatkerFactory
from tests.test_realisasi_anggaran_sources import add_pagu, add_realisation
from tests.test_rollup import NATIONAL, nation_with
from tests.test_rollup_deviation_queries import spend_everywhere
from tests.test_rpd_sums import AKUN, add_lines

Status = RencanaAksi.Status


def satker_with(code, seed, *, pagu=False, imported=True):
    """A satker with a 2023 plan of random lines, its realisation (imported rows on random
    akun, or a report's spending on the plan's lines) and, with ``pagu``, a pagu."""
    satker = SatkerFactory(code=code)
    plan = PlanFactory(satker=satker, year=2023, status=Status.APPROVED)
    add_lines(plan, 30, seed)
    chance = random.Random(seed)
    if pagu:
        add_pagu(satker, {AKUN[0]: 3_000_000, AKUN[2]: chance.randint(1, 9) * 1_000_000})
    if imported:
        rows = [(chance.choice(AKUN), month, chance.randint(0, 9) * 250_000) for month in (1, 2, 4)]
        add_realisation(satker, rows)
    else:
        report = QuarterReport.objects.create(satker=satker, year=2023, tw=1, plan=plan)
        for month, line in enumerate(plan.lines.all()[:3], start=1):
            LineExecution.objects.create(report=report, line=line, month=month, anggaran=500_000)
    return satker


def test_the_roll_up_deviation_is_the_deviation_pages_average(db):
    satkers = [
        satker_with("KPU-KAB-A", 1, pagu=True),
        satker_with("KPU-KAB-B", 2),
        satker_with("KPU-KAB-C", 3, pagu=True, imported=False),
        satker_with("KPU-KAB-D", 4, imported=False),
        SatkerFactory(code="KPU-KAB-KOSONG"),
    ]
    ids = [satker.pk for satker in satkers]
    expected = {pk: table_for(year).average for pk, year in budget_years(ids, 2023).items()}
    assert sum(value is not None for value in expected.values()) == 4
    assert year_deviation_for_satkers(ids, 2023) == expected
    found = year_deviation_for_satkers(Satker.objects.filter(pk__in=ids), 2023)
    assert found == {pk: value for pk, value in expected.items() if value is not None}


def test_the_roll_up_reads_the_rpd_of_the_plan_plan_for_rpd_chooses(db):
    approved_first = SatkerFactory(code="KPU-KAB-REVISI")
    PlanFactory(
        satker=approved_first, year=2023, version=1, status=Status.APPROVED, is_latest=False
    )
    PlanFactory(satker=approved_first, year=2023, version=2, status=Status.DRAFT)
    drafts = SatkerFactory(code="KPU-KAB-DRAF")
    PlanFactory(satker=drafts, year=2023, version=1, status=Status.RETURNED, is_latest=False)
    PlanFactory(satker=drafts, year=2023, version=2, status=Status.DRAFT)
    chosen = plans_for_rpd(Satker.objects.all(), 2023)
    for satker in (approved_first, drafts):
        assert chosen[satker.pk] == plan_for_rpd(satker, 2023)
    assert [chosen[approved_first.pk].version, chosen[drafts.pk].version] == [1, 2]


def test_without_realisation_the_roll_up_reads_no_rpd(db, django_assert_num_queries):
    satker = SatkerFactory(code="KPU-KAB-HEMAT")
    add_lines(PlanFactory(satker=satker, year=2023), 5, 1)
    with django_assert_num_queries(2):  # the realisation, imported and entered
        assert year_deviation_for_satkers(Satker.objects.all(), 2023) == {}


def parameters_of(client, url):
    """How many parameters each query of ``client.get(url)`` passes, in order."""
    widths = []

    def count(execute, sql, params, many, context):
        widths.append(len(params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200
    return widths, response


def test_the_national_page_passes_no_satker_ids_as_parameters(db, client):
    nation_with(3)
    spend_everywhere(2024)
    reader = RoleFactory(satker=Satker.objects.get(code="KPU-RI"), role=SatkerRole.Role.SEKRETARIS)
    client.force_login(reader.user)
    url = f"{NATIONAL}?tahun=2024"
    client.get(url)  # warm the session
    few, _ = parameters_of(client, url)
    nation_with(7)
    spend_everywhere(2024)
    many, response = parameters_of(client, url)
    planned = [member for member in response.context["nation"].members if member.plan]
    assert len(planned) == 40
    assert all(member.deviation is not None for member in planned)
    assert all(member.quarters[0].average is not None for member in planned)
    assert many == few  # 13 satkers or 41: the same parameters, none of them an id each
