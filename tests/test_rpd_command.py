"""``manage.py rpd --satker CODE --year YEAR [--json]``: the RPD of the satker's plan, its
JSON shape and its exit statuses (0 done, 2 unknown satker, no plan or bad arguments)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.db.models import Sum

from plans.models import RencanaAksi
from plans.vocabulary import MONTH_FIELDS
from tests.factories import LineFactory
from tests.rpd_fixtures import barang_over_three_months

ZERO = {"51": 0, "52": 0, "53": 0, "57": 0, "belum_diketahui": 0, "total": 0}


def rpd(*args):
    out = StringIO()
    call_command("rpd", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def costed(plan):
    """Rp 1.000.000 of barang over Februari, Mei and September, Rp 900.000 of modal fixed
    on Maret, and Rp 5.000 without months or akun."""
    kegiatan = barang_over_three_months(plan)
    LineFactory(
        kegiatan=kegiatan,
        biaya=900_000,
        akun="532111",
        b1=True,
        b3=True,
        month_amounts={"3": 900_000},
    )
    LineFactory(kegiatan=kegiatan, biaya=5_000, akun="", b1=False)
    return plan


def test_json_prints_the_rpd_computed_by_hand(costed):
    data = json.loads(rpd("--satker", "kpu-kab-satu ", "--year", "2024", "--json"))
    expected = {str(month): dict(ZERO) for month in range(1, 13)}
    expected["2"] |= {"52": 333_333, "total": 333_333}
    expected["3"] |= {"53": 900_000, "total": 900_000}
    expected["5"] |= {"52": 333_333, "total": 333_333}
    expected["9"] |= {"52": 333_334, "total": 333_334}
    assert data == {"bulan": expected, "tanpa_jadwal": 5_000, "total": 1_905_000}


def test_without_json_it_prints_a_readable_table(costed):
    lines = rpd("--satker", "KPU-KAB-SATU", "--year", "2024").splitlines()
    assert lines[0] == "Rencana penarikan dana KPU Kabupaten Satu tahun 2024"
    assert lines[1].startswith("Dihitung dari Rencana Aksi versi 1 (Draf)")
    assert lines[2].split()[:3] == ["Bulan", "Belanja", "Pegawai"]
    maret = next(line for line in lines if line.startswith("Maret"))
    # cumulative: 333.333 in Februari, then 900.000
    assert maret.split() == ["Maret", "-", "-", "900.000", "-", "-", "900.000", "1.233.333"]
    assert lines[-2].split() == ["Tanpa", "jadwal", "-", "-", "-", "-", "5.000", "5.000"]
    assert lines[-1].split() == ["JUMLAH", "-", "1.000.000", "900.000", "-", "5.000", "1.905.000"]


def test_gorontalo_demo_is_the_plain_spread_of_its_schedule(demo):
    data = json.loads(rpd("--satker", "KPU-PROV-GORONTALO", "--year", "2023", "--json"))
    plan = demo["KPU-PROV-GORONTALO"]
    assert not plan.lines.exclude(month_amounts={}).exists()
    assert data["total"] == plan.get_total_biaya() == 10_060_818_000
    months = data["bulan"].values()
    assert sum(row["total"] for row in months) + data["tanpa_jadwal"] == data["total"]
    # each jenis column holds the year's costs of the lines whose akun begins with it
    for jenis in ("51", "52", "53", "57"):
        lines = plan.lines.filter(akun_belanja__startswith=jenis)
        assert sum(row[jenis] for row in months) == (lines.aggregate(s=Sum("biaya"))["s"] or 0)
    unscheduled = plan.lines.filter(**dict.fromkeys(MONTH_FIELDS, False))
    assert data["tanpa_jadwal"] == (unscheduled.aggregate(s=Sum("biaya"))["s"] or 0)


def test_tomohon_demo_draws_two_lines_by_fixed_amounts(demo):
    data = json.loads(rpd("--satker", "KPU-KOTA-TOMOHON", "--year", "2023", "--json"))
    assert data["total"] == 351_000_000
    assert data["bulan"]["2"] == {
        "51": 3_000_000,
        "52": 5_000_000,
        "53": 150_000_000,
        "57": 0,
        "belum_diketahui": 0,
        "total": 158_000_000,
    }
    assert data["bulan"]["5"]["52"] == 5_000_000 + 20_000_000


def test_it_reads_the_approved_version_while_a_revision_is_drafted(costed):
    costed.status = RencanaAksi.Status.APPROVED
    costed.is_latest = False
    costed.save()
    RencanaAksi.objects.create(
        satker=costed.satker, year=2024, version=2, revision_of=costed, title="REVISI"
    )
    output = rpd("--satker", "KPU-KAB-SATU", "--year", "2024")
    assert "Dihitung dari Rencana Aksi versi 1 (Disetujui)" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--satker", "KPU-TIDAK-ADA", "--year", "2024"], "Satker dengan kode KPU-TIDAK-ADA"),
        (["--satker", "KPU-KAB-SATU", "--year", "2019"], "belum punya rencana aksi tahun 2019"),
    ],
)
def test_unknown_satker_or_missing_plan_is_a_usage_error(costed, args, message):
    with pytest.raises(CommandError, match=message) as error:
        rpd(*args, "--json")
    assert error.value.returncode == 2


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["--satker", "KPU-KAB-SATU", "--year", "2024", "--json"], None),
        (["--satker", "KPU-KAB-SATU", "--year", "2030"], 2),
        (["--satker", "KPU-KAB-SATU", "--year", "dua ribu"], 2),
        (["--year", "2024"], 2),
    ],
)
def test_exit_statuses_from_the_command_line(costed, capsys, args, status):
    utility = ManagementUtility(["manage.py", "rpd", *args])
    if status is None:
        utility.execute()
        assert json.loads(capsys.readouterr().out)["total"] == 1_905_000
        return
    with pytest.raises(SystemExit) as exit_info:
        utility.execute()
    assert exit_info.value.code == status
    assert capsys.readouterr().err
