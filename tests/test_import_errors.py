"""What the importer refuses: every bad cell named at once, plans that may not be replaced,
unknown satkers, and files that are not safe to open - always with nothing saved."""

import io
import json
import zipfile

import pytest
from django.conf import settings
from openpyxl import Workbook

from plans.importers import import_workbook
from plans.models import RencanaAksi, RencanaKegiatan
from tests.matrix_workbooks import write_matrix
from tests.samples import SAMPLES

GORONTALO = SAMPLES / "rencana-aksi-kpu-provinsi-gorontalo-2023.xlsx"
TREE = json.loads(
    (settings.BASE_DIR / "fixtures" / "demo" / "gorontalo-2023.json").read_text(encoding="utf-8")
)["sasaran_strategis"]


def saved(book):
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_import_names_every_bad_cell_and_saves_nothing(satkers):
    book = write_matrix(TREE)
    sheet = book["Renaksi"]
    sheet["U7"] = "16.4OO.000"  # letters O for zeros
    sheet["V8"] = "3358.EB.954"  # KRO of two letters
    sheet["H9"] = "ya"  # not a month mark
    sheet["U10"] = "=1+2"  # a formula Excel never calculated
    sheet["U12"] = "-5.000"
    result = import_workbook(saved(book))
    assert result.errors == [
        'Sheet Renaksi, baris 7, kolom PERKIRAAN BIAYA (U): "16.4OO.000" bukan nilai rupiah; '
        "yang diharapkan bilangan rupiah bulat, misalnya 8.378.000 atau Rp 8.378.000",
        'Sheet Renaksi, baris 8, kolom AKUN (V): Kode akun "3358.EB.954" tidak sah; format yang '
        "diharapkan: kegiatan (4 angka).KRO (3 huruf)[.RO (3 angka)][.komponen (3 angka)]"
        "[.subkomponen (huruf)][.akun (6 angka)] atau akun 6 angka saja, misalnya "
        "3358.EBC.954.051.A.521211, 3358.EBC.954.A atau 6871.QGE",
        'Sheet Renaksi, baris 9, kolom bulan 1 (H): "ya" bukan tanda jadwal; yang diharapkan sel '
        "diarsir atau tanda v, √, ✓, x, 1 atau * (kosong: tidak dijadwalkan)",
        "Sheet Renaksi, baris 10, kolom PERKIRAAN BIAYA (U): berisi rumus tanpa nilai tersimpan "
        "(belum pernah dihitung); buka berkas di Excel, biarkan rumus dihitung, simpan, lalu "
        "unggah lagi",
        'Sheet Renaksi, baris 12, kolom PERKIRAAN BIAYA (U): "-5.000" bernilai negatif; yang '
        "diharapkan bilangan rupiah bulat, misalnya 8.378.000 atau Rp 8.378.000",
    ]
    assert result.plan is None
    assert not RencanaAksi.objects.exists()
    assert not RencanaKegiatan.objects.exists()


def test_a_formula_with_its_cached_value_is_read_like_a_value(satkers, tmp_path):
    path = tmp_path / "rumus.xlsx"
    write_matrix(TREE, path, costs="number")
    # Give cell T7 a formula whose cached value is the cost, as Excel saves it.
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    old = '<c r="T7" t="n"><v>8378000</v></c>'
    assert old in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        old, '<c r="T7"><f>8000000+378000</f><v>8378000</v></c>'
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = import_workbook(path, dry_run=True)
    assert result.errors == []
    assert result.counts()["total_biaya"] == 10_060_818_000


def test_import_refuses_to_replace_an_approved_or_submitted_plan(satkers):
    for status in ["approved", "submitted", "superseded"]:
        RencanaAksi.objects.all().delete()
        plan = RencanaAksi.objects.create(
            satker=satkers["KPU-PROV-GORONTALO"], year=2023, title="Lama", status=status
        )
        result = import_workbook(GORONTALO, replace=True)
        assert len(result.errors) == 1
        assert "tidak dapat ditimpa lewat impor" in result.errors[0]
        assert plan.get_status_display() in result.errors[0]
        plan.refresh_from_db()
        assert (plan.title, plan.status) == ("Lama", status)
        assert not plan.lines.exists()


def test_import_replaces_an_existing_draft_only_when_asked(satkers):
    draft = RencanaAksi.objects.create(
        satker=satkers["KPU-PROV-GORONTALO"], year=2023, title="Draf lama", status="returned"
    )
    result = import_workbook(GORONTALO)
    assert "sudah ada sebagai dikembalikan" in result.errors[0]
    assert "--replace" in result.errors[0]
    assert RencanaAksi.objects.get().title == "Draf lama"

    result = import_workbook(GORONTALO, replace=True)
    assert result.errors == []
    plan = RencanaAksi.objects.get()
    assert (plan.pk, plan.status, plan.version) == (draft.pk, "returned", 1)
    assert plan.title.startswith("RENCANA AKSI TAHUN 2023")
    assert plan.lines.count() == 45

    # Replacing again leaves one tree, not two.
    assert import_workbook(GORONTALO, replace=True).errors == []
    assert RencanaKegiatan.objects.count() == 45
    assert plan.sasaran_strategis.count() == 4


def test_unknown_satker_in_the_title_is_an_error_naming_the_text(satkers):
    title = ["RENCANA AKSI TAHUN 2023", "KOMISI PEMILIHAN UMUM KABUPATEN ATLANTIS"]
    result = import_workbook(saved(write_matrix(TREE, title=title)))
    assert result.errors == [
        'Satker "KOMISI PEMILIHAN UMUM KABUPATEN ATLANTIS" dari baris judul tidak dikenal; pilih '
        "satker yang dituju (--satker KODE) atau daftarkan satker itu lebih dulu."
    ]


def test_satker_and_year_options_override_the_title(satkers):
    title = ["RENCANA AKSI", "KOMISI PEMILIHAN UMUM KABUPATEN ATLANTIS"]
    data = saved(write_matrix(TREE, title=title))
    assert "Tahun anggaran tidak ditemukan" in import_workbook(data).errors[0]
    result = import_workbook(data, satker="KPU-PROV-GORONTALO", year=2025)
    assert result.errors == []
    assert (result.plan.satker.code, result.plan.year) == ("KPU-PROV-GORONTALO", 2025)
    assert import_workbook(data, satker="KPU-TIDAK-ADA", year=2025).errors == [
        'Satker dengan kode "KPU-TIDAK-ADA" tidak ada.'
    ]


def test_satker_is_found_in_abbreviated_titles(satkers):
    title = ["RENCANA AKSI TAHUN 2024", "SEKRETARIAT KPU Prov. Gorontalo"]
    result = import_workbook(saved(write_matrix(TREE, title=title)), dry_run=True)
    assert (result.satker.code, result.year, result.errors) == ("KPU-PROV-GORONTALO", 2024, [])


def test_a_workbook_without_a_matrix_names_the_sheets_it_looked_at(satkers):
    book = Workbook()
    book.active.title = "Catatan"
    book.active["A1"] = "Tidak ada matriks di sini"
    result = import_workbook(saved(book))
    expected = 'Tidak ada sheet berisi matriks rencana aksi (diperiksa: "Catatan")'
    assert result.errors[0].startswith(expected)


@pytest.mark.parametrize(
    "data",
    [b"", b"NO;SASARAN STRATEGIS;INDIKATOR\n1;a;b\n", b"%PDF-1.7\n", b"PK\x03\x04garbage"],
    ids=["empty", "csv text", "pdf", "broken zip"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(satkers, data):
    result = import_workbook(data)
    assert len(result.errors) == 1
    assert "bukan lembar kerja Excel" in result.errors[0]


def test_a_zip_that_is_not_a_workbook_is_refused(satkers):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "bukan lembar kerja Excel" in import_workbook(stream.getvalue()).errors[0]


def test_a_file_over_the_upload_limit_is_refused_before_reading(satkers, settings):
    settings.MAX_UPLOAD_BYTES = 5_000
    result = import_workbook(GORONTALO)
    assert result.errors == ["Berkas terlalu besar (13 KB); batasnya 5 KB."]


def test_an_encrypted_xlsx_is_refused_with_a_clear_message(satkers):
    # Excel saves a password-protected .xlsx as an OLE2 file with an EncryptedPackage stream.
    data = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + "EncryptedPackage".encode("utf-16-le")
    result = import_workbook(data + bytes(1024))
    assert len(result.errors) == 1
    assert "dilindungi kata sandi" in result.errors[0]


def test_a_zip_bomb_is_refused_before_parsing(satkers):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    data = stream.getvalue()
    assert len(data) < 100 * 1024
    result = import_workbook(data)
    assert len(result.errors) == 1
    assert "zip bomb" in result.errors[0]
