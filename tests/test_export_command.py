"""``manage.py export_renaksi``: the files it writes and the messages when a plan is missing."""

from io import BytesIO, StringIO

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from pypdf import PdfReader


def export(*args):
    out = StringIO()
    call_command("export_renaksi", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_xlsx_of_the_latest_version(demo, tmp_path):
    path = tmp_path / "gorontalo.xlsx"
    output = export(
        "--satker", "KPU-PROV-GORONTALO", "--year", "2023", "--format", "xlsx", "--output", path
    )
    assert "disimpan" in output
    sheet = load_workbook(BytesIO(path.read_bytes())).active
    assert sheet["A1"].value == "RENCANA AKSI TAHUN 2023"


def test_it_writes_the_pdf_of_a_given_version(demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    path = tmp_path / "tomohon.pdf"
    export(
        "--satker", "KPU-KOTA-TOMOHON", "--year", "2023", "--format", "pdf",
        "--output", path, "--version", "1",
    )  # fmt: skip
    assert "Stella S. Sompe" in PdfReader(path).pages[-1].extract_text()


@pytest.mark.parametrize(
    ("satker", "year", "extra", "message"),
    [
        ("KPU-TIDAK-ADA", "2023", [], "Satker dengan kode KPU-TIDAK-ADA tidak ditemukan."),
        ("KPU-KOTA-TOMOHON", "2019", [], "Rencana aksi KPU Kota Tomohon tahun 2019 tidak"),
        ("KPU-KOTA-TOMOHON", "2023", ["--version", "9"], "Rencana aksi versi 9 KPU Kota Tomohon"),
    ],
)
def test_it_explains_what_is_missing(demo, tmp_path, satker, year, extra, message):
    path = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match=message):
        export("--satker", satker, "--year", year, "--format", "pdf", "--output", path, *extra)
    assert not path.exists()


def test_it_exits_non_zero_from_the_command_line(demo, tmp_path, capsys):
    argv = ["manage.py", "export_renaksi", "--satker", "KPU-TIDAK-ADA", "--year", "2023"]
    argv += ["--format", "xlsx", "--output", str(tmp_path / "x.xlsx")]
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(argv).execute()
    assert exit_info.value.code == 1
    assert "Satker dengan kode KPU-TIDAK-ADA tidak ditemukan." in capsys.readouterr().err
