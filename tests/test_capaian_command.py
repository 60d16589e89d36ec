"""``capaian --json``: one object per indicator in plan order, figures as numbers and null
where a capaian cannot be computed, with the reason; the latest quarter by default."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from monitoring import services
from monitoring.models import IndicatorMethod
from plans.matrix import load_tree
from plans.models import LEVELS
from tests.monitoring_fixtures import approve_gorontalo, open_reopened, user

GORONTALO = "KPU-PROV-GORONTALO"
LAYANAN = "Persentase Pegawai yang Mendapatkan Layanan Kepegawaian"  # 97,5%
DISIPLIN = "Persentase Penegakan Disiplin Pegawai"  # 90%
SELEKSI = "Persentase pegawai yang terseleksi"  # 100%
RANCANGAN = "Jumlah Rancangan Keputusan Bidang Kepegawaian"  # 1 Rancangan
PUBLIKASI = "Persentase Penyampaian Informasi dan Publikasi"  # "Provinsi dan 6 Satker …"


@pytest.fixture
def plan(demo):
    return approve_gorontalo(demo)


def quarter(plan, tw, values):
    """Open quarter ``tw`` (reopened: the demo year's windows are closed) and save
    ``values`` ({indicator text start: realisasi fields}) as its planner."""
    report = open_reopened(plan, tw)
    for start, data in values.items():
        indikator = plan.indikator.get(text__startswith=start)
        services.save_realisasi(report, indikator, data, user("perencana.gorontalo"))
    return report


def capaian(*args):
    out = StringIO()
    try:
        call_command("capaian", "--satker", GORONTALO, "--year", "2023", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, json.loads(out.getvalue()) if "--json" in args else out.getvalue()


def by_text(rows, start):
    return next(row for row in rows if row["indikator"].startswith(start))


def test_every_indicator_in_plan_order_with_hand_computed_figures(plan):
    IndicatorMethod.objects.create(
        uid=plan.indikator.get(text__startswith=DISIPLIN).uid, arah="turun"
    )
    quarter(
        plan,
        1,
        {
            LAYANAN: {"value_text": "95"},
            DISIPLIN: {"value_text": "85,5"},
            SELEKSI: {"value_text": "0"},
            PUBLIKASI: {"value_text": "7", "alasan": "Target berupa cakupan satker."},
        },
    )
    status, rows = capaian("--json")
    assert status == 0
    assert [row["indikator"] for row in rows] == [
        ik.text for ik in load_tree(plan).nodes(LEVELS["indikator"])
    ]
    figures = {
        start: {
            key: by_text(rows, start)[key]
            for key in ("arah", "target_tw", "realisasi_tw", "capaian_tw", "capaian_kumulatif")
        }
        for start in (LAYANAN, DISIPLIN, SELEKSI, RANCANGAN, PUBLIKASI)
    }
    assert figures == {
        # 95 / 97,5 × 100 = 97,435… -> 97,44
        LAYANAN: {"arah": "naik", "target_tw": 97.5, "realisasi_tw": 95.0,
                  "capaian_tw": 97.44, "capaian_kumulatif": 97.44},
        # lower is better: (2 × 90 − 85,5) / 90 × 100 = 105
        DISIPLIN: {"arah": "turun", "target_tw": 90.0, "realisasi_tw": 85.5,
                   "capaian_tw": 105.0, "capaian_kumulatif": 105.0},
        # 0 is a realisasi, not an empty cell
        SELEKSI: {"arah": "naik", "target_tw": 100.0, "realisasi_tw": 0.0,
                  "capaian_tw": 0.0, "capaian_kumulatif": 0.0},
        RANCANGAN: {"arah": "naik", "target_tw": 1.0, "realisasi_tw": None,
                    "capaian_tw": None, "capaian_kumulatif": None},
        PUBLIKASI: {"arah": "naik", "target_tw": None, "realisasi_tw": 7.0,
                    "capaian_tw": None, "capaian_kumulatif": None},
    }  # fmt: skip
    assert by_text(rows, RANCANGAN)["alasan"] == "Realisasi belum diisi."
    assert by_text(rows, PUBLIKASI)["alasan"] == "Target berupa cakupan satker."
    assert by_text(rows, LAYANAN)["alasan"] is None
    assert set(rows[0]) >= {
        "indikator", "arah", "metode", "target_tw", "realisasi_tw", "capaian_tw",
        "capaian_kumulatif", "alasan",
    }  # fmt: skip


def test_a_zero_target_is_not_computable_with_its_reason(plan):
    plan.indikator.filter(text__startswith=LAYANAN).update(target="0%")
    quarter(plan, 1, {LAYANAN: {"value_text": "5"}})
    row = by_text(capaian("--json")[1], LAYANAN)
    assert (row["target_tw"], row["capaian_tw"], row["alasan"]) == (
        0.0,
        None,
        "Target nol: capaian tidak dapat dihitung.",
    )


def test_without_tw_the_latest_quarter_with_a_report_counts_the_year_so_far(plan):
    quarter(plan, 1, {LAYANAN: {"value_text": "95"}})
    quarter(plan, 2, {LAYANAN: {"value_text": "100"}})
    latest = by_text(capaian("--json")[1], LAYANAN)
    # TW II: 100 / 97,5 = 102,56 %; cumulative ΣR / ΣT = 195 / 195 = 100 %
    assert (latest["realisasi_tw"], latest["capaian_tw"], latest["capaian_kumulatif"]) == (
        100.0,
        102.56,
        100.0,
    )
    first = by_text(capaian("--json", "--tw", "1")[1], LAYANAN)
    assert (first["capaian_tw"], first["capaian_kumulatif"]) == (97.44, 97.44)


def test_the_text_form_reads_as_indonesian_percentages(plan):
    quarter(plan, 1, {LAYANAN: {"value_text": "95"}})
    status, out = capaian()
    assert status == 0
    assert "realisasi 95, capaian 97,44% (kumulatif 97,44%)" in out.splitlines()[1]


def test_a_quarter_without_a_report_exits_1_and_an_unknown_satker_2(plan):
    assert capaian("--json")[0] == 1
    quarter(plan, 1, {})
    assert capaian("--json", "--tw", "2")[0] == 1
    out = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("capaian", "--satker", "KPU-ANTAH", "--year", "2023", stdout=out)
    assert refused.value.returncode == 2
