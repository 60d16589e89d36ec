"""``import_pagu`` exit statuses and its --json: 0 imported (or a clean dry run), 1 file
errors with nothing saved, 2 wrong usage."""

import json
from io import StringIO

from django.core.management import CommandError, call_command

from budgets.models import PaguLine
from tests.commands import manage
from tests.pagu_files import FLAT_CSV, PER_KEGIATAN, POK_XLSX, TOTAL


def run(*args):
    out = StringIO()
    try:
        call_command("import_pagu", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def test_a_dry_run_prints_the_summary_as_json_exits_0_and_saves_nothing(satker):
    status, out = run(
        str(POK_XLSX), "--satker", satker.code, "--year", "2024", "--dry-run", "--json"
    )
    assert status == 0
    assert json.loads(out) == {
        "satker": "KPU-KAB-SATU",
        "year": 2024,
        "sheet": "POK",
        "layout": "POK",
        "lines": 7,
        "total": TOTAL,
        "per_kegiatan": PER_KEGIATAN,
        "dry_run": True,
        "saved": False,
        "replaced_lines": 0,
        "warnings": [],
        "errors": [],
    }
    assert not PaguLine.objects.exists()


def test_an_import_exits_0_and_says_what_it_saved(satker):
    status, out = run(str(FLAT_CSV), "--satker", "kpu-kab-satu", "--year", "2024")
    assert status == 0
    assert "KPU-KAB-SATU 2024: 7 baris pagu (susunan datar), total Rp 119.128.000." in out
    assert "kegiatan 3358: Rp 51.878.000" in out
    assert "Pagu disimpan (7 baris; 0 baris lama diganti)." in out
    status, out = run(str(FLAT_CSV), "--satker", "KPU-KAB-SATU", "--year", "2024", "--json")
    assert (status, json.loads(out)["replaced_lines"]) == (0, 7)
    assert PaguLine.objects.count() == 7


def test_a_file_with_errors_exits_1_with_one_json_object_and_saves_nothing(satker, tmp_path):
    bad = tmp_path / "pagu.csv"
    bad.write_text("kode;uraian;jumlah\n3358.EBC.954.051.A.521211;Bahan;8.378.000\n3358.EB;x;1\n")
    status, out = run(str(bad), "--satker", satker.code, "--year", "2024", "--json")
    assert status == 1
    report = json.loads(out)
    assert report["errors"][0].startswith(
        'Berkas pagu.csv, baris 3, kolom kode (A): Kode akun "3358.EB" tidak sah'
    )
    assert (report["saved"], report["lines"]) == (False, 1)
    assert not PaguLine.objects.exists()
    status, out = run(str(bad), "--satker", satker.code, "--year", "2024")
    assert status == 1 and "Kesalahan: Berkas pagu.csv, baris 3" in out


def test_an_unknown_satker_exits_2(satker):
    try:
        call_command("import_pagu", str(FLAT_CSV), "--satker", "KPU-TIDAK-ADA", "--year", "2024")
    except CommandError as error:
        assert error.returncode == 2
        assert "KPU-TIDAK-ADA tidak ada" in str(error)
    else:
        raise AssertionError("no error")


def test_a_missing_file_or_wrong_usage_exits_2():
    completed = manage("import_pagu", "/tidak/ada.csv", "--satker", "X", "--year", "2024")
    assert (completed.returncode, "tidak ditemukan" in completed.stderr) == (2, True)
    completed = manage("import_pagu", str(FLAT_CSV), "--satker", "X", "--year", "dua-ribu")
    assert (completed.returncode, "invalid int value" in completed.stderr) == (2, True)
    completed = manage("import_pagu", str(FLAT_CSV), "--year", "2024")
    assert (completed.returncode, "--satker" in completed.stderr) == (2, True)
