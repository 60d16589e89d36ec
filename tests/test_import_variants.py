"""Layouts real offices use import to the same plan as the Gorontalo sample: each variant is
written from the sample's own tree with openpyxl (and one converted to .xls)."""

import json
import shutil
import subprocess

import pytest
from django.conf import settings

from plans.importers import import_workbook
from tests.matrix_workbooks import write_matrix
from tests.samples import SAMPLES

SAMPLE = "rencana-aksi-kpu-provinsi-gorontalo-2023"
FIGURES = json.loads((SAMPLES / f"{SAMPLE}.expected.json").read_text(encoding="utf-8"))
TREE = json.loads(
    (settings.BASE_DIR / "fixtures" / "demo" / "gorontalo-2023.json").read_text(encoding="utf-8")
)["sasaran_strategis"]

VARIANTS = {
    "shaded months, Rp and amount in two columns": {},
    "marks instead of shading": {"marks": True},
    "costs as numbers in one column": {"costs": "number"},
    "costs as Rp 8.378.000 text": {"costs": "text"},
    "months headed Jan to Des": {"months": "names"},
    "months headed Januari to Desember": {"months": "full_names"},
    "months headed B1 to B12": {"months": "b_compact"},
    "months headed B 1 to B 12": {"months": "b"},
    "header repeated at page breaks": {"repeat_header": True},
    "a totals row": {"total": True},
    "a notes sheet in front": {"notes_sheet": True},
    "lower-case headers": {"lower_case": True},
    "a column-number row": {"column_numbers": True},
    "blanks instead of merges": {"merges": False},
    "everything at once": {
        "merges": False,
        "marks": True,
        "costs": "text",
        "months": "names",
        "lower_case": True,
        "repeat_header": True,
        "total": True,
        "notes_sheet": True,
    },
}


def figures(result):
    report = result.as_dict()
    return {key: report[key] for key in FIGURES}


@pytest.mark.parametrize("options", VARIANTS.values(), ids=VARIANTS.keys())
def test_variant_imports_to_the_same_figures_as_the_sample(satkers, tmp_path, options):
    path = tmp_path / "variant.xlsx"
    write_matrix(TREE, path, **options)
    result = import_workbook(path)
    assert (result.errors, result.warnings) == ([], [])
    assert figures(result) == FIGURES
    assert result.plan.lines.count() == FIGURES["rencana_kegiatan"]
    assert result.plan.get_total_biaya() == FIGURES["total_biaya"]
    if options.get("merges", True):
        assert result.tree == TREE  # spans, texts, targets, akun and order as well


def test_blanks_instead_of_merges_keep_lines_and_costs_but_not_the_spans(satkers, tmp_path):
    write_matrix(TREE, tmp_path / "blank.xlsx", merges=False)
    result = import_workbook(tmp_path / "blank.xlsx", dry_run=True)
    assert [line["indikator_span"] for line in result.lines()] == [1] * 45
    kegiatan = [
        keg["text"]
        for ind in result.tree[3]["sasaran_program"][5]["indikator"]
        for keg in ind["kegiatan"]
    ]
    assert kegiatan == ["Penyusunan Peraturan Pemilu"]  # rows 36-37: one kegiatan, two lines


def test_a_totals_row_that_does_not_match_the_costs_is_a_warning_not_an_error(satkers, tmp_path):
    write_matrix(TREE, tmp_path / "total.xlsx", total=10_000_000_000)
    result = import_workbook(tmp_path / "total.xlsx", dry_run=True)
    assert result.errors == []
    assert len(result.warnings) == 1
    assert "Rp 10.000.000.000" in result.warnings[0]
    assert "Rp 10.060.818.000" in result.warnings[0]
    assert figures(result) == FIGURES


def test_months_headed_b_1_are_printed_back_as_b_1(satkers, tmp_path):
    write_matrix(TREE, tmp_path / "b.xlsx", months="b", column_numbers=True)
    result = import_workbook(tmp_path / "b.xlsx")
    assert (result.plan.month_style, result.plan.show_column_numbers) == ("b", True)


def test_signatory_block_below_the_table_fills_the_plans_signatory(satkers, tmp_path):
    block = [
        "Gorontalo, 2 Januari 2023",
        "Mengetahui,",
        "Sekretaris Komisi Pemilihan Umum",
        "Provinsi Gorontalo",
        None,
        None,
        "Budi Santoso, S.H.",
        "NIP. 19700101 199001 1 001",
    ]
    write_matrix(TREE, tmp_path / "signed.xlsx", signatory=block)
    plan = import_workbook(tmp_path / "signed.xlsx").plan
    assert (plan.signatory_place, plan.signatory_date.isoformat()) == ("Gorontalo", "2023-01-02")
    assert plan.signatory_acknowledge == "Mengetahui,"
    assert plan.signatory_title == "Sekretaris Komisi Pemilihan Umum\nProvinsi Gorontalo"
    assert (plan.signatory_name, plan.signatory_nip) == (
        "Budi Santoso, S.H.",
        "19700101 199001 1 001",
    )


def test_without_a_signatory_block_the_satkers_secretary_signs(satkers, tmp_path):
    write_matrix(TREE, tmp_path / "plain.xlsx")
    plan = import_workbook(tmp_path / "plain.xlsx").plan
    satker = satkers["KPU-PROV-GORONTALO"]
    assert (plan.signatory_place, plan.signatory_title) == (satker.city, satker.secretary_title)


def convert_to_xls(source, folder):
    """LibreOffice's converter, with its own profile so parallel runs do not collide."""
    subprocess.run(
        [
            shutil.which("soffice"),
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / (source.stem + ".xls")


# LibreOffice makes the .xls files (xlwt is gone); `make test` installs it, `test-fast` skips.
needs_soffice = pytest.mark.slow


@needs_soffice
def test_old_xls_with_merges_shading_and_marks_imports_to_the_same_figures(satkers, tmp_path):
    source = tmp_path / "lama.xlsx"
    write_matrix(TREE, source, costs="number", repeat_header=True)
    xls = convert_to_xls(source, tmp_path)
    assert xls.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    result = import_workbook(xls)
    assert (result.errors, result.warnings) == ([], [])
    assert figures(result) == FIGURES
    assert result.tree == TREE


@needs_soffice
def test_password_protected_xls_is_refused_before_parsing(satkers, tmp_path):
    source = tmp_path / "terkunci.xlsx"
    write_matrix(TREE[:1], source)
    data = bytearray(convert_to_xls(source, tmp_path).read_bytes())
    # The record right after the workbook's BOF becomes FILEPASS, as Excel writes it.
    bof = data.index(bytes.fromhex("0908100000060500"))
    data[bof + 20 : bof + 22] = (0x002F).to_bytes(2, "little")
    result = import_workbook(bytes(data))
    assert len(result.errors) == 1
    assert "dilindungi kata sandi" in result.errors[0]
