"""``import_realisasi_anggaran``: the treasury's monthly export read cell by cell, refused
whole on any error, replacing the satker-year's imported rows; exit codes 0/1/2."""

import json
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from budgets.models import RealisasiAnggaran
from tests.commands import manage
from tests.samples import SAMPLES

SAMPLE = SAMPLES / "realisasi-anggaran-contoh.csv"
SATKER = "KPU-KAB-SATU"


def run(path, *args, satker=SATKER, year="2023"):
    """(exit status, stdout) of the command run in-process."""
    out = StringIO()
    try:
        call_command(
            "import_realisasi_anggaran",
            str(path),
            "--satker",
            satker,
            "--year",
            year,
            *args,
            stdout=out,
        )
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def run_json(path, **kwargs):
    status, out = run(path, "--json", **kwargs)
    return status, json.loads(out)


def write_csv(tmp_path, text, name="realisasi.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored(satker):
    return sorted(
        RealisasiAnggaran.objects.filter(satker=satker).values_list("kode", "bulan", "jumlah")
    )


def test_sample_csv_imports_with_indonesian_amounts_month_names_and_summed_rows(satker):
    status, report = run_json(SAMPLE)
    assert status == 0
    # Januari 1.250.000 + 750.000 of one code; the "Jumlah" row closing the table skipped
    assert report["per_month"] == {"1": 2_000_000, "2": 4_100_000, "3": 2_500_000, "7": 50_000_000}
    assert (report["rows"], report["entries"], report["codes"]) == (6, 5, 5)
    assert (report["total"], report["saved"], report["replaced"]) == (58_600_000, True, 0)
    assert report["errors"] == []
    assert any("3364.BDB.001 tanpa akun 6 angka" in warning for warning in report["warnings"])
    assert stored(satker) == [
        ("3356.BAB.011.051.A.532111", 7, 50_000_000),
        ("3358.EBC.954.051.A.521211", 1, 2_000_000),
        ("3358.EBC.954.051.A.524111", 2, 4_100_000),
        ("3364.BDB.001", 3, 2_500_000),
        ("6709.QGE.001.051.A.521219", 3, 0),
    ]
    row = RealisasiAnggaran.objects.get(satker=satker, bulan=7)
    assert (row.kegiatan, row.kro, row.ro, row.akun, row.jenis_belanja) == (
        "3356",
        "BAB",
        "011",
        "532111",
        "53",
    )


def test_an_xlsx_export_reads_like_the_csv(satker, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Laporan Realisasi Belanja"])  # a title above the heading
    sheet.append(["Kode", "Bulan", "Jumlah"])
    sheet.append(["3358.EBC.954.051.A.521211", 1, 1_250_000])
    sheet.append(["3358.EBC.954.051.A.521211", "Februari", 800_000.0])
    path = tmp_path / "realisasi.xlsx"
    book.save(path)
    status, report = run_json(path)
    assert (status, report["per_month"]) == (0, {"1": 1_250_000, "2": 800_000})


def test_a_second_import_replaces_the_first_for_that_satker_year_only(satker, tmp_path):
    run(SAMPLE)
    run(SAMPLE, year="2024")
    path = write_csv(tmp_path, "kode,bulan,jumlah\n3358.EBC.954.051.A.521211,9,100000\n")
    status, report = run_json(path)
    assert (status, report["replaced"]) == (0, 5)
    assert RealisasiAnggaran.objects.filter(satker=satker, year=2023).count() == 1
    assert RealisasiAnggaran.objects.filter(satker=satker, year=2024).count() == 5


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "3358.EBC.95.A.521211;3;1.000",
            'baris 3, kolom kode (A): Kode akun "3358.EBC.95.A.521211"',
        ),
        ("3358.EBC.954.051.A.521211;Jnuari;1.000", 'kolom bulan (B): "Jnuari" bukan bulan'),
        ("3358.EBC.954.051.A.521211;13;1.000", 'kolom bulan (B): "13" bukan bulan'),
        ("3358.EBC.954.051.A.521211;3;1.000,50", 'kolom jumlah (C): "1.000,50" bukan rupiah bulat'),
        ("3358.EBC.954.051.A.521211;3;-5.000", 'kolom jumlah (C): "-5.000" bernilai negatif'),
        ("3358.EBC.954.051.A.521211;3;", "kolom jumlah (C): jumlah kosong"),
        (";3;1.000", "kolom kode (A): kode kosong"),
    ],
)
def test_a_bad_cell_is_named_and_nothing_is_saved(satker, tmp_path, row, message):
    run(SAMPLE)
    before = stored(satker)
    good = "3358.EBC.954.051.A.524111;2;500.000"
    path = write_csv(tmp_path, f"kode;bulan;jumlah\n{good}\n{row}\n")
    status, report = run_json(path)
    assert (status, report["saved"]) == (1, False)
    assert any(message in error for error in report["errors"]), report["errors"]
    assert stored(satker) == before


def test_every_bad_cell_of_a_file_is_reported_at_once(satker, tmp_path):
    path = write_csv(tmp_path, "kode;bulan;jumlah\nx;0;abc\n")
    status, report = run_json(path)
    assert status == 1
    assert [error.split(":")[0] for error in report["errors"]] == [
        "Berkas realisasi.csv, baris 2, kolom kode (A)",
        "Berkas realisasi.csv, baris 2, kolom bulan (B)",
        "Berkas realisasi.csv, baris 2, kolom jumlah (C)",
    ]


def test_a_file_without_the_three_columns_is_refused(satker, tmp_path):
    path = write_csv(tmp_path, "akun;periode;nilai\n521211;1;1000\n")
    status, report = run_json(path)
    assert status == 1
    assert "kolom kode, bulan dan jumlah" in report["errors"][0]


def test_a_file_that_is_not_a_sheet_is_refused_with_exit_1(satker, tmp_path):
    path = tmp_path / "realisasi.xlsx"
    path.write_bytes(b"PK\x03\x04 bukan zip")
    status, report = run_json(path)
    assert (status, report["saved"]) == (1, False)
    assert report["errors"]


def test_text_output_names_the_months_and_the_total(satker):
    status, out = run(SAMPLE)
    assert status == 0
    assert "Januari Rp 2.000.000" in out and "total Rp 58.600.000" in out


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"satker": "KPU-TIDAK-ADA"}, "tidak ada"), ({"year": "1800"}, "di luar 2000-2100")],
)
def test_an_unknown_satker_or_year_is_a_usage_error(satker, kwargs, message):
    with pytest.raises(CommandError, match=message) as refused:
        call_command(
            "import_realisasi_anggaran",
            str(SAMPLE),
            "--satker",
            kwargs.get("satker", SATKER),
            "--year",
            kwargs.get("year", "2023"),
        )
    assert refused.value.returncode == 2
    assert not RealisasiAnggaran.objects.exists()


def test_a_missing_file_exits_2_from_the_shell():
    completed = manage(
        "import_realisasi_anggaran", "/tidak/ada.csv", "--satker", SATKER, "--year", "2023"
    )
    assert completed.returncode == 2
    assert "tidak ditemukan" in completed.stderr
