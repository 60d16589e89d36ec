"""The budget demo (``budgets.demo``): Gorontalo 2023's pagu, which the plan exceeds in one
RO and leaves uncovered in another, and its realisation from January to September."""

from decimal import Decimal

from django.core.management import call_command
from django.db.models import Sum

from budgets.checks.plan import check_plan
from budgets.deviation import rounded, table_for
from budgets.models import Pagu, PaguLine, RealisasiAnggaran
from budgets.realisasi import IMPORTED, budget_years
from plans.models import RencanaAksi, RencanaKegiatan
from tests.queries import row_counts

GORONTALO = "KPU-PROV-GORONTALO"


def pagu_of(**parts):
    lines = PaguLine.objects.filter(pagu__satker__code=GORONTALO, pagu__year=2023, **parts)
    return lines.aggregate(total=Sum("jumlah"))["total"] or 0


def test_demo_pagu_is_the_plan_but_one_ro_short_and_one_ro_unplanned(demo_monitoring):
    plan = demo_monitoring[GORONTALO]
    # the plan's Rp 10.060.818.000, less Rp 9.000.000 on RO 3364.BDB.003, plus Layanan BMN
    assert pagu_of() == 10_060_818_000 - 9_000_000 + 60_000_000
    over = plan.lines.filter(akun_kegiatan="3364", akun_kro="BDB", akun_ro="003")
    assert over.aggregate(total=Sum("biaya"))["total"] == 45_000_000
    assert pagu_of(kegiatan="3364", kro="BDB", ro="003") == 36_000_000
    assert pagu_of(kegiatan="3360", kro="EBA", ro="956") == 60_000_000
    assert not plan.lines.filter(akun_kegiatan="3360", akun_ro="956").exists()
    # every other RO (or KRO, where the seed names no RO) has the pagu of its lines
    groups = plan.lines.exclude(akun="").values("akun_kegiatan", "akun_kro", "akun_ro")
    for group in groups.annotate(total=Sum("biaya")):
        parts = {"kegiatan": group["akun_kegiatan"], "kro": group["akun_kro"]}
        if group["akun_ro"]:
            parts["ro"] = group["akun_ro"]
        if parts.get("ro") != "003" or parts["kro"] != "BDB":
            assert pagu_of(**parts) >= group["total"], parts


def test_most_demo_lines_carry_a_six_digit_akun(demo_monitoring):
    lines = RencanaKegiatan.objects.filter(plan=demo_monitoring[GORONTALO]).exclude(akun="")
    assert lines.exclude(akun_belanja="").count() == 34
    assert lines.filter(akun_belanja="").count() == 3
    assert set(lines.values_list("akun_belanja", flat=True)) >= {"521211", "524111", "532111"}


def test_demo_realisation_is_imported_for_january_to_september(demo_monitoring):
    satker = demo_monitoring[GORONTALO].satker
    rows = RealisasiAnggaran.objects.filter(satker=satker, year=2023)
    assert sorted(set(rows.values_list("bulan", flat=True))) == list(range(1, 10))
    year = budget_years([satker.pk], 2023)[satker.pk]
    assert year.realisation.source == IMPORTED
    real, rpd = year.realisation.bulan, year.rpd.bulan
    # August is realised at 100 % of its RPD (the ATK line's share booked under 521811)
    assert sum(real[8].values()) == rpd[8]["total"] == 832_106_165
    # March at 100 %, plus Rp 5.000.000 of Layanan BMN that no line planned
    assert sum(real[3].values()) == rpd[3]["total"] + 5_000_000
    # the Belanja Modal procurement planned in May and June is paid whole in July
    assert (rpd[5]["53"], rpd[6]["53"], real[5]["53"], real[7]["53"]) == (
        25_000_000,
        25_000_000,
        0,
        50_000_000,
    )


def test_demo_deviation_of_august_by_hand(demo_monitoring):
    satker = demo_monitoring[GORONTALO].satker
    table = table_for(budget_years([satker.pk], 2023)[satker.pk])
    august = table.months[7]
    # 52: |832.106.165 − 831.407.999| / 831.407.999 = 0,0840 %; 53: nothing planned or spent
    assert (august.rpd["52"], august.real["52"]) == (831_407_999, 832_106_165)
    assert rounded(august.deviations["52"], 4) == Decimal("0.0840")
    # weighted by the pagu: 52 Rp 10.016.818.000 and 53 Rp 95.000.000 of Rp 10.111.818.000
    assert rounded(august.deviation, 4) == Decimal("0.0832")
    assert table.through == 9


def test_budget_demo_is_idempotent(demo_monitoring):
    before = row_counts(Pagu, PaguLine, RealisasiAnggaran)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert row_counts(Pagu, PaguLine, RealisasiAnggaran) == before


def test_the_tests_demo_without_monitoring_has_no_pagu(demo):
    assert not Pagu.objects.exists() and not RealisasiAnggaran.objects.exists()


def test_the_planner_explained_the_over_pagu_group(demo_monitoring):
    plan = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO", year=2023, is_latest=True)
    checks = check_plan(plan)
    assert [group.code for group, _reason in checks.over] == ["3364.BDB.003.051.A.521211"]
    assert checks.missing == []
    assert checks.over[0][1].by.username == "perencana.gorontalo"
