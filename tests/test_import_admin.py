"""Flat exchange in the admin (django-import-export): satkers, the akun catalogue and plan
lines, matched on natural keys, with formulas escaped on export."""

import io

import pytest
import tablib
from django.contrib import admin
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import Akun
from budgets.resources import AkunResource
from plans.models import RencanaAksi, RencanaKegiatan, Satker
from plans.resources import PlanLineResource, SatkerResource


def export_from_admin(client, model, resource, file_format):
    """POST the admin's export form with every field ticked, in ``file_format``."""
    model_admin = admin.site._registry[model]
    formats = [fmt().get_title() for fmt in model_admin.get_export_formats()]
    data = {"format": formats.index(file_format), "resource": 0}
    for name in resource().get_export_order():
        data[f"{resource.__name__.lower()}_{name}"] = "on"
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
    response = client.post(url, data)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return response.content


def test_admin_exports_satkers_as_csv_parents_first_and_formulas_escaped(satkers, admin_client):
    Satker.objects.filter(code="KPU-KOTA-TOMOHON").update(name='=HYPERLINK("http://jahat.id")')
    content = export_from_admin(admin_client, Satker, SatkerResource, "csv").decode()
    rows = list(tablib.Dataset().load(content, format="csv").dict)
    assert [row["code"] for row in rows] == [
        "KPU-RI",
        "KPU-PROV-GORONTALO",
        "KPU-PROV-SULUT",
        "KPU-KOTA-TOMOHON",
    ]
    assert rows[3]["parent"] == "KPU-PROV-SULUT"
    assert rows[3]["name"] == 'HYPERLINK("http://jahat.id")'
    assert not any(value.startswith("=") for row in rows for value in row.values())


def test_admin_exports_plan_lines_as_xlsx_one_row_per_line(demo, admin_client):
    content = export_from_admin(admin_client, RencanaKegiatan, PlanLineResource, "xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:10] == [
        *("satker", "tahun", "versi"),  # the plan, then the line's place in its tree
        *("nomor_sasaran", "sasaran_strategis", "sasaran_program", "indikator", "target"),
        *("kegiatan", "rencana_kegiatan"),
    ]
    assert header[10:22] == [f"b{month}" for month in range(1, 13)]
    rows = [
        dict(zip(header, (cell.value for cell in row), strict=True))
        for row in sheet.iter_rows(min_row=2)
    ]
    assert len(rows) == 45 + 6 + 4 * 6  # Gorontalo, Tomohon and four copies of Tomohon
    first = rows[0]
    # Formula escaping writes every cell as text.
    assert (first["satker"], first["tahun"], first["rencana_kegiatan"]) == (
        "KPU-KAB-BOALEMO",
        "2023",
        None,
    )
    atk = next(row for row in rows if row["rencana_kegiatan"] == "ATK Administrasi Kepegawaian")
    assert [atk[f"b{month}"] for month in range(1, 13)] == ["1"] * 12
    assert (atk["biaya"], atk["akun"]) == ("8378000", "3358.EBC.954.A")


def test_satkers_import_matches_on_code_and_names_the_parent_by_code(satkers):
    dataset = SatkerResource().export()
    dataset.append(
        ["KPU-KOTA-MANADO", "KPU Kota Manado", "kabkota", "KPU-PROV-SULUT", "Manado", "", "", ""]
    )
    result = SatkerResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Satker.objects.count() == 5
    assert Satker.objects.get(code="KPU-KOTA-MANADO").parent.code == "KPU-PROV-SULUT"


def test_satker_import_checks_the_parent_level(satkers):
    dataset = tablib.Dataset(headers=["code", "name", "level", "parent"])
    dataset.append(["KPU-KOTA-X", "KPU Kota X", "kabkota", "KPU-RI"])
    result = SatkerResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert not Satker.objects.filter(code="KPU-KOTA-X").exists()


def test_akun_import_normalises_codes_and_reports_bad_ones(db):
    Akun.objects.create(code="3358.EBC.954.A", uraian="lama")
    dataset = tablib.Dataset(headers=["code", "uraian"])
    dataset.append(["3358.ebc.954.a", "Layanan Manajemen SDM"])
    dataset.append(["6871.QGE", "Logistik"])
    assert not AkunResource().import_data(dataset, dry_run=False).has_errors()
    assert list(Akun.objects.values_list("code", "uraian")) == [
        ("3358.EBC.954.A", "Layanan Manajemen SDM"),
        ("6871.QGE", "Logistik"),
    ]
    bad = tablib.Dataset(headers=["code", "uraian"])
    bad.append(["33.X", "salah"])
    result = AkunResource().import_data(bad, dry_run=False)
    assert result.has_errors()
    assert "Kode akun" in str(result.row_errors()[0][1][0].error)
    assert Akun.objects.count() == 2


def line_row(**values):
    row = {
        "satker": "KPU-PROV-GORONTALO",
        "tahun": 2023,
        "versi": 1,
        "nomor_sasaran": "1.",
        "sasaran_strategis": "Meningkatnya kapasitas SDM KPU Provinsi Gorontalo yang berkompoten",
        "sasaran_program": "Sasaran program baru",
        "indikator": "Indikator baru",
        "target": "100%",
        "kegiatan": "Kegiatan baru",
        "rencana_kegiatan": "Rapat baru",
        **{f"b{month}": 1 if month in (2, 3) else 0 for month in range(1, 13)},
        "biaya": "Rp 1.500.000",
        "akun": "3358.ebc.954.a",
        "ket": "",
        "indikator_span": 1,
    }
    row.update(values)
    return tablib.Dataset(list(row.values()), headers=list(row))


def test_lines_import_adds_a_line_to_a_draft_plan_creating_its_path(demo):
    plan = demo["KPU-PROV-GORONTALO"]
    result = PlanLineResource().import_data(line_row(), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    line = plan.lines.get(text="Rapat baru")
    assert (line.months, line.biaya, line.akun, line.akun_kro) == (
        [2, 3],
        1_500_000,
        "3358.EBC.954.A",
        "EBC",
    )
    assert line.kegiatan.indikator.sasaran_program.sasaran_strategis.number == "1."
    assert plan.sasaran_strategis.count() == 4  # the sasaran existed, matched by its text

    # The same path again updates that line instead of adding one.
    result = PlanLineResource().import_data(line_row(biaya="2.000.000"), dry_run=False)
    assert not result.has_errors()
    assert plan.lines.get(text="Rapat baru").biaya == 2_000_000
    assert plan.lines.count() == 46


def test_lines_import_refuses_an_approved_plan_with_a_row_error(demo):
    RencanaAksi.objects.filter(satker__code="KPU-PROV-GORONTALO").update(status="approved")
    result = PlanLineResource().import_data(line_row(), dry_run=False)
    assert result.has_errors()
    assert "berstatus Disetujui" in str(result.row_errors()[0][1][0].error)
    assert RencanaKegiatan.objects.filter(plan__satker__code="KPU-PROV-GORONTALO").count() == 45


def test_lines_import_refuses_a_bad_cost_or_akun(demo):
    result = PlanLineResource().import_data(line_row(biaya="1.5OO.000"), dry_run=False)
    assert result.has_validation_errors() or result.has_errors()
    result = PlanLineResource().import_data(line_row(akun="3358.EB"), dry_run=False)
    assert result.has_validation_errors() or result.has_errors()
    assert not RencanaKegiatan.objects.filter(text="Rapat baru").exists()


@pytest.mark.parametrize("model", [Satker, RencanaKegiatan, Akun])
def test_admin_import_and_export_pages_open(db, admin_client, model):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert admin_client.get(reverse(f"{name}_import")).status_code == 200
    assert admin_client.get(reverse(f"{name}_export")).status_code == 200


@pytest.mark.parametrize(("mark", "months"), [("v", [2, 3]), ("√", [2, 3]), ("X", [2, 3])])
def test_lines_import_reads_the_same_month_marks_as_the_matrix_import(demo, mark, months):
    row = line_row(b2=mark, b3=mark)
    result = PlanLineResource().import_data(row, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert demo["KPU-PROV-GORONTALO"].lines.get(text="Rapat baru").months == months


def test_lines_import_refuses_a_word_the_matrix_import_refuses(demo):
    result = PlanLineResource().import_data(line_row(b2="ya"), dry_run=False)
    assert result.has_validation_errors() or result.has_errors()
    assert not RencanaKegiatan.objects.filter(text="Rapat baru").exists()
