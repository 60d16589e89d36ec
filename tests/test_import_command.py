"""``import_renaksi`` exit statuses: 0 imported (or a clean dry run), 1 file errors with
nothing saved, 2 wrong usage."""

import json
from io import StringIO

from django.core.management import CommandError, call_command

from plans.models import RencanaAksi
from tests.commands import manage
from tests.samples import SAMPLES

TOMOHON = str(SAMPLES / "rencana-aksi-kpu-kota-tomohon-2023.xlsx")


def run(*args):
    out = StringIO()
    try:
        call_command("import_renaksi", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def test_dry_run_without_errors_exits_0_and_saves_nothing(satkers):
    status, out = run(TOMOHON, "--dry-run", "--json")
    assert status == 0
    assert json.loads(out)["errors"] == []
    assert not RencanaAksi.objects.exists()


def test_import_exits_0_and_prints_a_summary(satkers):
    status, out = run(TOMOHON)
    assert status == 0
    assert "KPU-KOTA-TOMOHON 2023: 7 sasaran strategis, 10 indikator" in out
    assert RencanaAksi.objects.count() == 1


def test_file_with_errors_exits_1_with_one_json_object_and_saves_nothing(satkers):
    run(TOMOHON)
    status, out = run(TOMOHON, "--json")
    assert status == 1
    report = json.loads(out)
    assert "--replace" in report["errors"][0]
    assert report["rencana_kegiatan"] == 6
    assert RencanaAksi.objects.count() == 1

    status, out = run(TOMOHON, "--json", "--replace")
    assert (status, json.loads(out)["errors"]) == (0, [])


def test_replacing_the_demo_draft_for_2023_works_with_replace(demo):
    plan = demo["KPU-KOTA-TOMOHON"]
    status, out = run(TOMOHON, "--replace", "--json", "--satker", "KPU-KOTA-TOMOHON")
    assert (status, json.loads(out)["bulan_terjadwal"]) == (0, 45)
    assert RencanaAksi.objects.get(satker__code="KPU-KOTA-TOMOHON").pk == plan.pk


def test_a_missing_file_exits_2():
    completed = manage("import_renaksi", "/tidak/ada.xlsx")
    assert completed.returncode == 2
    assert "tidak ditemukan" in completed.stderr


def test_wrong_usage_exits_2():
    completed = manage("import_renaksi", "--year", "dua-ribu", TOMOHON)
    assert completed.returncode == 2
    assert "invalid int value" in completed.stderr
