"""The quarter's realisasi sheet for offices that work offline: the template lists the plan's
indicators with their targets and what is entered, the filled file comes back through the
matrix import's guards, every bad cell is named by sheet, row and column with nothing saved,
and a report that may not change is refused - from the command line and in the browser."""

import io
import json
import os
import subprocess
import sys

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from monitoring import services
from monitoring.models import QuarterReport, Realisasi
from monitoring.offline import COLUMNS, HEADER_ROW, template_bytes
from plans.matrix import load_tree
from plans.models import LEVELS
from tests.commands import manage
from tests.monitoring_fixtures import open_reopened, user

GORONTALO = "KPU-PROV-GORONTALO"
PLACE = ["--satker", GORONTALO, "--year", "2023", "--tw", "1"]
COL = {column.label: index for index, column in enumerate(COLUMNS, start=1)}
REALISASI, PENDUKUNG = "Realisasi TW", "Faktor pendukung"
LAYANAN = "Persentase Pegawai yang Mendapatkan Layanan Kepegawaian"  # target 97,5%
DISIPLIN = "Persentase Penegakan Disiplin Pegawai"  # target 90%


@pytest.fixture
def report(approved):
    return open_reopened(approved)


def indikator(report, text):
    return report.plan.indikator.get(text__startswith=text)


def in_plan_order(report):
    return load_tree(report.plan).nodes(LEVELS["indikator"])


def run(command, *args):
    out = io.StringIO()
    try:
        call_command(command, *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def export(tmp_path, name="templat.xlsx"):
    path = tmp_path / name
    assert run("export_realisasi_template", *PLACE, "--output", str(path))[0] == 0
    return path


def fill(path, values, output=None):
    """Write ``values`` ({indicator text start: {column label: value}}) into the sheet at
    ``path``, finding each indicator's row by its text."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    rows = {
        sheet.cell(row, COL["Indikator"]).value: row
        for row in range(HEADER_ROW + 1, sheet.max_row + 1)
    }
    for start, cells in values.items():
        row = next(row for text, row in rows.items() if text.startswith(start))
        for label, value in cells.items():
            sheet.cell(row, COL[label]).value = value
    book.save(output or path)
    return output or path


def row_of(path, start):
    sheet = openpyxl.load_workbook(path).active
    return next(
        row
        for row in range(HEADER_ROW + 1, sheet.max_row + 1)
        if sheet.cell(row, COL["Indikator"]).value.startswith(start)
    )


def import_json(path, *extra):
    status, out = run("import_realisasi", str(path), *PLACE, "--json", *extra)
    return status, json.loads(out)


def stored(report):
    return {
        r.indikator.text[:40]: r.value_text for r in report.realisasi.select_related("indikator")
    }


# the template -------------------------------------------------------------------------------


def test_the_template_lists_the_indicators_in_plan_order_with_targets_and_entries(report, tmp_path):
    layanan = indikator(report, LAYANAN)
    services.save_realisasi(
        report,
        layanan,
        {"value_text": "90", "tindak_lanjut": "Lanjut"},
        user("perencana.gorontalo"),
    )
    sheet = openpyxl.load_workbook(export(tmp_path)).active
    assert sheet.title == "Realisasi TW I 2023"
    assert [sheet.cell(HEADER_ROW, col).value for col in range(1, 13)] == [
        "Kunci", "No", "Sasaran", "Indikator", "Satuan", "Target tahunan", "Target TW",
        "Realisasi TW", "Alasan (bila capaian tidak dapat dihitung)", "Faktor pendukung",
        "Faktor penghambat", "Tindak lanjut",
    ]  # fmt: skip
    plan_order = [ik.text for ik in in_plan_order(report)]
    texts = [sheet.cell(row, 4).value for row in range(HEADER_ROW + 1, sheet.max_row + 1)]
    assert texts == plan_order and len(texts) == 44
    first = [sheet.cell(HEADER_ROW + 1, col).value for col in range(1, 13)]
    assert first[0] == str(layanan.uid)
    assert first[1:] == [
        1, layanan.sasaran_program.sasaran_strategis.text, layanan.text, "%", "97,5%", "97,5%",
        "90", None, None, None, "Lanjut",
    ]  # fmt: skip
    assert sheet.column_dimensions["A"].hidden and sheet.protection.sheet
    assert sheet.cell(HEADER_ROW + 1, COL[REALISASI]).protection.locked is False
    assert sheet.cell(HEADER_ROW + 1, COL["Indikator"]).protection.locked is True


def test_exported_cells_never_start_a_formula(report):
    report.plan.indikator.filter(pk=indikator(report, LAYANAN).pk).update(
        text='=HYPERLINK("http://x","klik")'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(template_bytes(report))).active
    cell = sheet.cell(HEADER_ROW + 1, COL["Indikator"])
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","klik")', "s")


# the command line ---------------------------------------------------------------------------


def test_template_fill_import_and_capaian_agree_with_hand_computed_figures(report, tmp_path):
    path = fill(
        export(tmp_path),
        {
            LAYANAN: {REALISASI: 95, PENDUKUNG: "Layanan daring\nberjalan"},
            DISIPLIN: {REALISASI: "85,5"},
        },
    )
    status, result = import_json(path)
    assert status == 0, result["errors"]
    assert (result["rows_read"], result["rows_changed"], result["rows_saved"]) == (44, 2, 2)
    assert result["errors"] == [] and result["dry_run"] is False
    layanan = Realisasi.objects.get(report=report, indikator=indikator(report, LAYANAN))
    assert (layanan.value_text, str(layanan.value)) == ("95", "95.0000")
    assert layanan.faktor_pendukung == "Layanan daring\nberjalan"

    status, out = run("capaian", "--satker", GORONTALO, "--year", "2023", "--json")
    rows = json.loads(out)
    assert status == 0 and len(rows) == 44
    assert rows[0] == {
        "uid": str(layanan.indikator.uid),
        "indikator": layanan.indikator.text,
        "satuan": "%",
        "arah": "naik",
        "rumus": "selisih",
        "metode": "jumlah",
        "target_tw": 97.5,
        "target_tw_teks": "97,5%",
        "realisasi_tw": 95.0,
        "realisasi_tw_teks": "95",
        "capaian_tw": 97.44,  # 95 / 97,5 × 100 = 97,4358…
        "capaian_kumulatif": 97.44,
        "alasan": None,
    }
    disiplin = next(row for row in rows if row["indikator"].startswith(DISIPLIN))
    assert (disiplin["capaian_tw"], disiplin["realisasi_tw"]) == (95.0, 85.5)  # 85,5 / 90

    # The same file again changes nothing; the filled template reads back as saved.
    status, again = import_json(export(tmp_path, "lagi.xlsx"))
    assert (status, again["rows_changed"], again["rows_saved"]) == (0, 0, 0)


def test_rows_match_on_their_key_even_when_sorted_differently(report, tmp_path):
    path = export(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    first, last = HEADER_ROW + 1, sheet.max_row
    for col in range(1, len(COLUMNS) + 1):  # swap the first and the last indicator
        top, bottom = sheet.cell(first, col), sheet.cell(last, col)
        top.value, bottom.value = bottom.value, top.value
    sheet.cell(first, COL[REALISASI]).value = "3"
    book.save(path)
    assert import_json(path)[0] == 0
    assert Realisasi.objects.get(report=report).indikator == in_plan_order(report)[-1]


def test_a_dry_run_checks_everything_and_saves_nothing(report, tmp_path):
    path = fill(export(tmp_path), {LAYANAN: {REALISASI: "95"}})
    status, result = import_json(path, "--dry-run")
    assert (status, result["dry_run"], result["rows_changed"], result["rows_saved"]) == (
        0,
        True,
        1,
        0,
    )
    assert not Realisasi.objects.exists()


def test_every_bad_cell_is_named_by_sheet_row_and_column_and_nothing_is_saved(report, tmp_path):
    path = fill(
        export(tmp_path),
        {
            LAYANAN: {REALISASI: "9x", PENDUKUNG: "baik"},
            DISIPLIN: {REALISASI: "sebagian besar", "Tindak lanjut": "t" * 2001},
            "Persentase pegawai yang terseleksi": {REALISASI: 100, "Kunci": "bukan-kunci"},
            "Jumlah Rancangan Keputusan": {REALISASI: "2 Rancangan"},  # its own unit: fine
        },
    )
    layanan, disiplin = row_of(path, LAYANAN), row_of(path, DISIPLIN)
    seleksi = row_of(path, "Persentase pegawai yang terseleksi")
    status, result = import_json(path)
    sheet = "Sheet Realisasi TW I 2023"
    assert status == 1
    assert result["errors"] == [  # from the top left, every cell
        f'{sheet}, baris {layanan}, kolom Realisasi TW (H): "9x" bukan angka; tulis angkanya '
        'saja (misalnya 95 atau 97,5), boleh diikuti satuan "%", atau kosongkan bila belum ada '
        "realisasi",
        f'{sheet}, baris {disiplin}, kolom Realisasi TW (H): "sebagian besar" bukan angka; '
        'tulis angkanya saja (misalnya 95 atau 97,5), boleh diikuti satuan "%", atau '
        "kosongkan bila belum ada realisasi",
        f"{sheet}, baris {disiplin}, kolom Tindak lanjut (L): terlalu panjang (2.001 karakter; "
        "paling banyak 2.000)",
        f'{sheet}, baris {seleksi}, kolom Kunci (A): "bukan-kunci" bukan kunci indikator '
        "rencana aksi laporan ini; jangan mengubah kolom Kunci (salin baris dari templat yang "
        "diunduh)",
    ]
    assert (result["rows_saved"], Realisasi.objects.count()) == (0, 0)


def test_a_verified_report_is_refused_and_keeps_its_figures(report, tmp_path):
    planner, secretary = user("perencana.gorontalo"), user("sekretaris.gorontalo")
    services.save_realisasi(report, indikator(report, LAYANAN), {"value_text": "90"}, planner)
    services.submit_report(report, planner)
    services.verify_report(report, secretary)
    path = fill(export(tmp_path), {LAYANAN: {REALISASI: "95"}})
    status, result = import_json(path)
    assert status == 1
    assert result["errors"] == [
        "Laporan TW I 2023 KPU Provinsi Gorontalo berstatus Diverifikasi; laporan yang sudah "
        "diajukan atau diverifikasi tidak dapat diubah lewat unggahan. Tidak ada yang disimpan."
    ]
    assert Realisasi.objects.get().value_text == "90"


def test_a_closed_window_is_refused_until_the_secretary_reopens(report, tmp_path):
    path = fill(export(tmp_path), {LAYANAN: {REALISASI: "95"}})
    QuarterReport.objects.filter(pk=report.pk).update(reopened=False)
    status, result = import_json(path)
    assert status == 1 and "Batas pengisian laporan TW I 2023" in result["errors"][0]
    assert "(10-04-2023)" in result["errors"][0]
    services.reopen_report(report, user("sekretaris.gorontalo"))
    assert import_json(path)[0] == 0


def test_a_template_of_another_quarter_is_refused(report, approved, tmp_path):
    path = fill(export(tmp_path), {LAYANAN: {REALISASI: "95"}})
    second = services.open_report(approved.satker, 2023, 2)
    QuarterReport.objects.filter(pk=second.pk).update(reopened=True)
    status, out = run("import_realisasi", str(path), *PLACE[:-1], "2", "--json")
    assert status == 1
    assert json.loads(out)["errors"] == [
        "Sheet Realisasi TW I 2023: berkas ini templat realisasi KPU-PROV-GORONTALO 2023 TW1, "
        "bukan KPU-PROV-GORONTALO 2023 TW2. Unduh templat laporan ini, isi, lalu unggah lagi."
    ]


def test_a_formula_never_calculated_is_refused_at_its_cell(report, tmp_path):
    path = fill(export(tmp_path), {LAYANAN: {REALISASI: "=90+5"}})
    status, result = import_json(path)
    assert status == 1
    assert result["errors"] == [
        f"Sheet Realisasi TW I 2023, baris {row_of(path, LAYANAN)}, kolom Realisasi TW (H): "
        "berisi rumus tanpa nilai tersimpan (belum pernah dihitung); buka berkas di Excel, "
        "biarkan rumus dihitung, simpan, lalu unggah lagi"
    ]


def test_a_far_cell_is_refused_by_the_matrix_import_guard(report, tmp_path):
    path = export(tmp_path)
    book = openpyxl.load_workbook(path)
    book.active["XFD1048576"] = "x"
    book.save(path)
    status, result = import_json(path)
    assert status == 1 and "memakai sel sampai XFD1048576" in result["errors"][0]


def test_a_file_that_is_not_the_template_says_what_was_expected(report, tmp_path):
    path = tmp_path / "lain.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "Realisasi"
    book.save(path)
    status, result = import_json(path)
    assert status == 1 and result["errors"][0].startswith("Tabel realisasi tidak ditemukan")


def test_a_realisasi_against_a_zero_target_warns_for_a_reason(report, tmp_path):
    report.plan.indikator.filter(pk=indikator(report, DISIPLIN).pk).update(target="0%")
    path = fill(export(tmp_path), {DISIPLIN: {REALISASI: "5"}})
    status, result = import_json(path)
    assert status == 0 and result["rows_saved"] == 1
    assert result["warnings"] == [
        f"Sheet Realisasi TW I 2023, baris {row_of(path, DISIPLIN)}, kolom Alasan (bila capaian "
        "tidak dapat dihitung) (I): Target nol: capaian tidak dapat dihitung. Isi alasannya "
        "sebelum laporan diajukan."
    ]


def test_wrong_usage_exits_2(report, tmp_path):
    assert manage("import_realisasi", "/tidak/ada.xlsx", *PLACE).returncode == 2
    completed = manage("import_realisasi", str(tmp_path / "x.xlsx"), *PLACE[:-1], "5")
    assert completed.returncode == 2 and "invalid choice" in completed.stderr
    path = export(tmp_path)
    assert run("import_realisasi", str(path), "--satker", "KPU-ANTAH", *PLACE[2:])[0] == 2
    assert run("export_realisasi_template", "--satker", "X", *PLACE[2:], "--output", "x")[0] == 2


def test_an_unapproved_plan_has_no_template_and_no_import(demo, tmp_path):
    status, _out = run("export_realisasi_template", *PLACE, "--output", str(tmp_path / "t"))
    assert status == 1 and not (tmp_path / "t").exists()


@pytest.mark.slow
def test_the_round_trip_runs_from_the_command_line(tmp_path):
    """The whole path as an office runs it, on a database of its own."""
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp_path / 'renaksi.sqlite3'}",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def manage_ok(*args):
        completed = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert completed.returncode == 0, completed.stderr
        return completed.stdout

    manage_ok("migrate", "-v0")
    manage_ok("load_demo", "--tanpa-pemantauan")
    manage_ok(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; from plans import workflow; "
        "from plans.models import RencanaAksi; from monitoring import services; "
        f"plan = RencanaAksi.objects.get(satker__code='{GORONTALO}', year=2023); "
        "workflow.submit(plan, User.objects.get(username='perencana.gorontalo')); "
        "workflow.approve(plan, User.objects.get(username='sekretaris.gorontalo'), "
        "{'signatory_name': 'Sekretaris'}); "
        f"r = services.open_report(plan.satker, 2023, 1); r.reopened = True; r.save()",
    )
    path = tmp_path / "templat.xlsx"
    manage_ok("export_realisasi_template", *PLACE, "--output", str(path))
    fill(path, {LAYANAN: {REALISASI: 95}})
    result = json.loads(manage_ok("import_realisasi", str(path), *PLACE, "--json"))
    assert (result["rows_saved"], result["errors"]) == (1, [])
    rows = json.loads(manage_ok("capaian", "--satker", GORONTALO, "--year", "2023", "--json"))
    assert (rows[0]["realisasi_tw"], rows[0]["capaian_tw"]) == (95.0, 97.44)


# the browser --------------------------------------------------------------------------------


def signed_in(client, name):
    client.force_login(user(name))
    return client


def upload(client, report, content, name="realisasi.xlsx"):
    return client.post(
        reverse("offline_upload", args=[report.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_a_planner_uploads_sees_the_changes_and_confirms(report, client, tmp_path, media):
    client = signed_in(client, "perencana.gorontalo")
    response = client.get(reverse("offline_template", args=[report.pk]))
    assert response.status_code == 200
    assert "realisasi-kpu-provinsi-gorontalo-2023-tw1.xlsx" in response["Content-Disposition"]
    path = tmp_path / "isi.xlsx"
    path.write_bytes(response.content)
    fill(path, {LAYANAN: {REALISASI: "95", PENDUKUNG: "Layanan daring"}})

    response = upload(client, report, path.read_bytes())
    preview = response["Location"]
    page = client.get(preview).content.decode()
    assert "Baris yang akan berubah (1)" in page and "Layanan daring" in page
    assert "Simpan realisasi" in page and not Realisasi.objects.exists()

    fingerprint = page.split('name="fingerprint" value="')[1].split('"')[0]
    response = client.post(preview, {"fingerprint": fingerprint})
    assert response.status_code == 302
    assert response["Location"] == reverse("report_detail", args=[report.pk])
    assert stored(report) == {indikator(report, LAYANAN).text[:40]: "95"}
    assert client.get(preview).status_code == 404  # the upload is gone once saved


def test_the_preview_marks_each_bad_cell_and_offers_no_save(report, client, tmp_path, media):
    client = signed_in(client, "perencana.gorontalo")
    path = fill(export(tmp_path), {LAYANAN: {REALISASI: "9x"}})
    page = client.get(upload(client, report, path.read_bytes())["Location"]).content.decode()
    row = row_of(path, LAYANAN)
    assert "1 kesalahan — tidak ada yang akan disimpan" in page
    assert f'<tr class="row-error" id="baris-{row}">' in page
    assert '<td class="cell-error">9x</td>' in page
    assert "kolom Realisasi TW: &quot;9x&quot; bukan angka" in page
    assert "Simpan realisasi" not in page


def test_a_confirmation_after_the_report_changed_saves_nothing(report, client, tmp_path, media):
    client = signed_in(client, "perencana.gorontalo")
    path = fill(export(tmp_path), {LAYANAN: {REALISASI: "95"}})
    preview = upload(client, report, path.read_bytes())["Location"]
    page = client.get(preview).content.decode()
    fingerprint = page.split('name="fingerprint" value="')[1].split('"')[0]
    layanan = indikator(report, LAYANAN)
    services.save_realisasi(report, layanan, {"value_text": "80"}, user("perencana.gorontalo"))
    page = client.post(preview, {"fingerprint": fingerprint}).content.decode()
    assert "Isi laporan berubah sejak pratinjau dibuat" in page
    assert stored(report) == {layanan.text[:40]: "80"}


def test_the_browser_refuses_a_submitted_report_in_its_preview(report, client, tmp_path, media):
    client = signed_in(client, "perencana.gorontalo")
    path = fill(export(tmp_path), {LAYANAN: {REALISASI: "95"}})
    preview = upload(client, report, path.read_bytes())["Location"]
    services.submit_report(report, user("perencana.gorontalo"))
    page = client.get(preview).content.decode()
    assert "berstatus Diajukan" in page and "Simpan realisasi" not in page
    assert client.post(preview, {"fingerprint": "x"}).status_code == 200
    assert not Realisasi.objects.exists()


@pytest.mark.parametrize("name", ["offline_template", "offline_upload", "offline_preview"])
def test_only_the_satkers_planners_reach_the_sheet(name, report, client, media):
    token = "a" * 32
    kwargs = {"pk": report.pk, **({"token": token} if name == "offline_preview" else {})}
    url = reverse(name, kwargs=kwargs)
    expected = {
        "perencana.tomohon": 404,  # an outsider: the report does not exist for them
        "sekretaris.gorontalo": 403,  # reads the report, does not fill it
    }
    for username, status in expected.items():
        assert signed_in(client, username).get(url).status_code == status, username
    planner = signed_in(client, "perencana.gorontalo").get(url).status_code
    assert planner == (404 if name == "offline_preview" else 200)  # no such upload of theirs


def test_an_upload_of_another_planner_is_not_theirs(report, client, tmp_path, media):
    path = export(tmp_path)
    preview = upload(signed_in(client, "perencana.gorontalo"), report, path.read_bytes())
    client.logout()
    admin = get_user_model().objects.create_user("admin.lain", is_staff=True)
    client.force_login(admin)
    assert client.get(preview["Location"]).status_code == 404
