"""Where realisation comes from: imported treasury rows when a satker-year has any, else the
spending the planners entered per line in their quarterly reports; and the national
roll-up's ``year_deviation_for_satkers``, against figures computed by hand."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.deviation import rounded, year_deviation_for_satkers
from budgets.models import Pagu, PaguLine, RealisasiAnggaran
from budgets.realisasi import IMPORTED, MONITORING, realisation_for_satkers
from monitoring.models import LineExecution, QuarterReport
from tests.factories import KegiatanFactory, LineFactory, PlanFactory, SatkerFactory
from tests.monitoring_fixtures import open_reopened

GORONTALO = "KPU-PROV-GORONTALO"


@pytest.fixture
def spent(approved):
    """TW I of the approved Gorontalo plan with what two lines spent in January."""
    report = open_reopened(approved, 1)
    dukungan = approved.lines.get(text="Dukungan Daerah Pemilihan")  # …001.D.521219
    atk = approved.lines.get(text="ATK Administrasi Kepegawaian")  # 3358.EBC.954.A, no akun
    LineExecution.objects.create(report=report, line=dukungan, month=1, anggaran=60_000_000)
    LineExecution.objects.create(report=report, line=dukungan, month=2, anggaran=None)
    LineExecution.objects.create(report=report, line=atk, month=1, anggaran=700_000)
    return report


def realisation(satker, year=2023):
    return realisation_for_satkers([satker.pk], year)[satker.pk]


def test_without_imported_rows_the_reports_spending_counts_per_jenis(spent):
    result = realisation(spent.satker)
    assert result.source == MONITORING
    assert (result.bulan[1]["52"], result.bulan[1]["belum_diketahui"]) == (60_000_000, 700_000)
    assert sum(result.bulan[2].values()) == 0  # a month entered without an amount
    assert result.unverified_months == {1}  # the report is a draft


def test_a_verified_report_leaves_no_month_unverified(spent):
    QuarterReport.objects.filter(pk=spent.pk).update(status=QuarterReport.Status.VERIFIED)
    assert realisation(spent.satker).unverified_months == set()


def test_imported_rows_take_precedence_over_the_reports(spent):
    RealisasiAnggaran(
        satker=spent.satker, year=2023, kode="6710.QGE.001.051.D.521219", bulan=1, jumlah=5_000
    ).prepare().save()
    result = realisation(spent.satker)
    assert result.source == IMPORTED
    assert (result.bulan[1]["52"], result.bulan[1]["belum_diketahui"]) == (5_000, 0)
    assert result.unverified_months == set()


def test_another_year_has_no_realisation(spent):
    assert realisation(spent.satker, 2024).source == ""


def small_plan(satker):
    """Two lines: Rp 1.200.000 over January-March on 521211 (Rp 400.000 a month) and
    Rp 600.000 in February on 532111."""
    plan = PlanFactory(satker=satker, year=2023)
    kegiatan = KegiatanFactory(indikator__sasaran_program__sasaran_strategis__plan=plan)
    LineFactory(kegiatan=kegiatan, biaya=1_200_000, akun="3358.EBC.954.051.A.521211", b2=1, b3=1)
    LineFactory(kegiatan=kegiatan, biaya=600_000, akun="3358.EBC.954.051.A.532111", b1=0, b2=1)
    return plan


def add_pagu(satker, amounts):
    pagu = Pagu.objects.create(satker=satker, year=2023)
    for kode, jumlah in amounts.items():
        PaguLine(pagu=pagu, kode=kode, jumlah=jumlah).prepare().save()


def add_realisation(satker, rows):
    RealisasiAnggaran.objects.bulk_create(
        RealisasiAnggaran(satker=satker, year=2023, kode=kode, bulan=month, jumlah=jumlah).prepare()
        for kode, month, jumlah in rows
    )


def test_year_deviation_for_satkers_by_hand(db):
    satker = SatkerFactory(code="KPU-KAB-UJI")
    small_plan(satker)
    # pagu: 52 Rp 1.500.000, 53 Rp 500.000 -> weights 75 % and 25 %
    add_pagu(satker, {"3358.EBC.954.051.A.521211": 1_500_000, "3358.EBC.954.051.A.532111": 500_000})
    add_realisation(
        satker,
        [
            ("3358.EBC.954.051.A.521211", 1, 360_000),  # 52: |360 − 400| / 400 = 10 %
            ("3358.EBC.954.051.A.521211", 2, 400_000),  # 52: 0 %
            ("3358.EBC.954.051.A.532111", 2, 300_000),  # 53: |300 − 600| / 600 = 50 %
        ],
    )
    empty = SatkerFactory(code="KPU-KAB-KOSONG")
    result = year_deviation_for_satkers([satker.pk, empty.pk], 2023)
    # January 0.75 × 10 + 0.25 × 0 = 7.5; February 0.75 × 0 + 0.25 × 50 = 12.5; March
    # has no realisation yet, so the year is (7.5 + 12.5) / 2
    assert rounded(result[satker.pk]) == Decimal("10.00")
    assert result[empty.pk] is None


def test_year_deviation_for_satkers_takes_the_same_queries_for_two_or_twenty(db):
    satkers = [SatkerFactory(code=f"KPU-KAB-{n}") for n in range(20)]
    for satker in satkers:
        small_plan(satker)
        add_pagu(satker, {"3358.EBC.954.051.A.521211": 1_800_000})
        add_realisation(satker, [("3358.EBC.954.051.A.521211", 1, 400_000)])
    counts = []
    for chosen in (satkers[:2], satkers):
        with CaptureQueriesContext(connection) as queries:
            result = year_deviation_for_satkers([satker.pk for satker in chosen], 2023)
        counts.append(len(queries))
        assert all(value is not None for value in result.values())
    assert counts[0] == counts[1] <= 6
