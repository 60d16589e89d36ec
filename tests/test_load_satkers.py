"""``load_satkers``: the 553 satkers (KPU RI, 38 provinces, 514 kabupaten/kota) from the
Kemendagri regions file, idempotent, renames in place, the demo's codes kept."""

import csv
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Satker
from plans.wilayah import SOURCE, SourceError, load_satkers, read_regions, slug
from tests.commands import manage


def run(*args):
    """``load_satkers`` in this process (so in the test's transaction); its output."""
    call_command("load_satkers", *args, stdout=_Output())
    return list(Satker.objects.values_list("code", "name", "level", "parent__code", "kode_wilayah"))


def rewritten(tmp_path, change):
    """A copy of the regions file with ``change(row)`` applied to every data row."""
    with SOURCE.open(encoding="utf-8") as source:
        rows = list(csv.reader(source))
    path = tmp_path / "wilayah.csv"
    with path.open("w", newline="", encoding="utf-8") as output:
        csv.writer(output).writerows([rows[0], *(change(list(row)) for row in rows[1:])])
    return path


def test_it_makes_kpu_ri_38_provinces_and_514_kabupaten_kota(db):
    run()
    assert Counter(Satker.objects.values_list("level", flat=True)) == {
        "ri": 1,
        "provinsi": 38,
        "kabkota": 514,
    }
    assert Satker.objects.count() == 553
    ri = Satker.objects.get(level="ri")
    assert ri.code == "KPU-RI" and ri.parent is None
    assert set(Satker.objects.filter(level="provinsi").values_list("parent", flat=True)) == {ri.pk}


def test_every_kabupaten_kota_sits_under_the_province_of_its_code(db):
    run()
    for kode, parent_kode, parent_level in Satker.objects.filter(level="kabkota").values_list(
        "kode_wilayah", "parent__kode_wilayah", "parent__level"
    ):
        assert (kode[:2], parent_level) == (parent_kode, "provinsi")


def test_it_names_and_codes_satkers_the_way_kpu_does(db):
    run()
    expected = {
        "KPU-PROV-JAWA-BARAT": ("KPU Provinsi Jawa Barat", "32", "KPU-RI"),
        "KPU-PROV-DKI-JAKARTA": ("KPU Provinsi DKI Jakarta", "31", "KPU-RI"),
        "KPU-PROV-KEPULAUAN-BANGKA-BELITUNG": (
            "KPU Provinsi Kepulauan Bangka Belitung",
            "19",
            "KPU-RI",
        ),
        "KPU-PROV-PAPUA-PEGUNUNGAN": ("KPU Provinsi Papua Pegunungan", "95", "KPU-RI"),
        "KPU-KAB-BANDUNG": ("KPU Kabupaten Bandung", "32.04", "KPU-PROV-JAWA-BARAT"),
        "KPU-KOTA-BANDUNG": ("KPU Kota Bandung", "32.73", "KPU-PROV-JAWA-BARAT"),
        "KPU-KOTA-JAKARTA-PUSAT": ("KPU Kota Jakarta Pusat", "31.71", "KPU-PROV-DKI-JAKARTA"),
        "KPU-KAB-KEPULAUAN-SERIBU": (
            "KPU Kabupaten Kepulauan Seribu",
            "31.01",
            "KPU-PROV-DKI-JAKARTA",
        ),
        "KPU-KOTA-TOMOHON": ("KPU Kota Tomohon", "71.73", "KPU-PROV-SULAWESI-UTARA"),
    }
    found = {
        code: (name, kode, parent) for code, name, _level, parent, kode in run() if code in expected
    }
    assert found == expected
    tomohon = Satker.objects.get(code="KPU-KOTA-TOMOHON")
    assert tomohon.city == "Tomohon"
    assert tomohon.secretary_title == "Sekretaris Komisi Pemilihan Umum\nKota Tomohon"


def test_codes_are_unique_ascii_and_fit_the_field(db):
    codes = [code for code, *_ in run()]
    assert len(codes) == len(set(codes)) == 553
    assert all(code == slug(code) and len(code) <= 40 for code in codes)


def test_a_second_run_changes_nothing(db):
    first = run()
    call_command("load_satkers", stdout=(output := _Output()))
    assert run() == first
    assert "0 dibuat, 0 diubah, 553 tetap" in output.text


def test_it_takes_a_handful_of_queries_for_553_satkers(db):
    regions = read_regions()
    with CaptureQueriesContext(connection) as queries:
        outcome = load_satkers(regions)
    assert len(outcome.created) == 553
    assert len(queries) <= 12


def test_the_demo_satkers_keep_their_codes_and_get_their_regions(demo):
    before = dict(Satker.objects.values_list("code", "pk"))
    satkers = {code: (name, parent, kode) for code, name, _level, parent, kode in run()}
    assert len(satkers) == 553
    assert dict(Satker.objects.filter(code__in=before).values_list("code", "pk")) == before
    assert satkers["KPU-PROV-SULUT"] == ("KPU Provinsi Sulawesi Utara", "KPU-RI", "71")
    assert satkers["KPU-KAB-BONE-BOLANGO"] == (
        "KPU Kabupaten Bone Bolango",
        "KPU-PROV-GORONTALO",
        "75.03",
    )
    assert satkers["KPU-KOTA-TOMOHON"][1] == "KPU-PROV-SULUT"
    assert "KPU-PROV-SULAWESI-UTARA" not in satkers
    assert satkers["KPU-RI"][0] == "KPU Republik Indonesia"


def test_a_satker_entered_by_name_alone_is_found_under_its_province(db):
    ri = Satker.objects.create(code="KPU-RI", name="KPU RI", level="ri")
    sulut = Satker.objects.create(
        code="KPU-SULUT", name="KPU Provinsi Sulawesi Utara", level="provinsi", parent=ri
    )
    Satker.objects.create(
        code="TOMOHON", name="KPU Kota Tomohon", level="kabkota", parent=sulut, city="Kakaskasen"
    )
    run()
    tomohon = Satker.objects.get(code="TOMOHON")
    assert (tomohon.kode_wilayah, tomohon.parent.code, tomohon.city) == (
        "71.73",
        "KPU-SULUT",
        "Kakaskasen",
    )
    assert not Satker.objects.filter(code="KPU-KOTA-TOMOHON").exists()
    assert Satker.objects.count() == 553


def test_a_region_renamed_at_the_source_is_renamed_in_place(db, tmp_path):
    run()
    boalemo = Satker.objects.get(kode_wilayah="75.02")

    def rename(row):
        return [*row[:2], "Kabupaten Boalemo Raya", row[3]] if row[0] == "75.02" else row

    renamed = rewritten(tmp_path, rename)
    call_command("load_satkers", "--file", str(renamed), stdout=(output := _Output()))
    assert "0 dibuat, 1 diubah, 552 tetap" in output.text
    boalemo.refresh_from_db()
    assert (boalemo.code, boalemo.name) == ("KPU-KAB-BOALEMO", "KPU Kabupaten Boalemo Raya")
    assert Satker.objects.count() == 553


def test_a_kabupaten_moved_to_a_new_province_follows_it(db, tmp_path):
    run()

    def split(row):  # Gorontalo Utara leaves for a new province 77
        if row[0] == "75.05":
            return ["77.01", row[1], row[2], "77"]
        return row

    path = rewritten(tmp_path, split)
    with path.open("a", encoding="utf-8") as output:
        output.write("77,provinsi,Gorontalo Barat,\n")
    call_command("load_satkers", "--file", str(path), stdout=_Output())
    moved = Satker.objects.get(code="KPU-KAB-GORONTALO-UTARA")
    assert (moved.kode_wilayah, moved.parent.code) == ("77.01", "KPU-PROV-GORONTALO-BARAT")
    assert Satker.objects.count() == 554


def test_a_dry_run_counts_and_saves_nothing(db):
    call_command("load_satkers", "--dry-run", stdout=(output := _Output()))
    assert "553 akan dibuat, 0 akan diubah, 0 tetap" in output.text
    assert Satker.objects.count() == 0


def test_same_named_kabupaten_of_two_provinces_get_the_province_in_their_code(db, tmp_path):
    path = rewritten(tmp_path, lambda row: row)
    with path.open("a", encoding="utf-8") as output:
        output.write("77,provinsi,Gorontalo Barat,\n77.01,kabupaten,Kabupaten Boalemo,77\n")
    codes = {region.kode: region.code for region in read_regions(path)}
    assert codes["75.02"] == "KPU-KAB-BOALEMO-GORONTALO"
    assert codes["77.01"] == "KPU-KAB-BOALEMO-GORONTALO-BARAT"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("99.01,kabupaten,Kabupaten Entah,99", "Baris 554: provinsi 99 tidak ada di berkas."),
        ("75.99,desa,Desa Entah,75", "Baris 554: tingkat 'desa' bukan provinsi/kabupaten/kota."),
        ("7599,kabupaten,Kabupaten Entah,75", "Baris 554: kode '7599' bukan kode kabupaten"),
        ("75.98,kota,,75", "Baris 554: nama kosong."),
        ("75.97,kota,Kota Entah,71", "Baris 554: induk '71' bukan provinsi kode 75."),
    ],
)
def test_a_bad_regions_file_is_refused_naming_the_row_and_saves_nothing(db, tmp_path, row, message):
    path = rewritten(tmp_path, lambda row: row)
    with path.open("a", encoding="utf-8") as output:
        output.write(row + "\n")
    with pytest.raises(SourceError) as refused:
        read_regions(path)
    assert any(error.startswith(message) for error in refused.value.errors)


def test_the_command_exits_1_on_a_bad_file_and_2_on_a_missing_one(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("kode,nama\n75,Gorontalo\n", encoding="utf-8")
    refused = manage("load_satkers", "--file", str(bad))
    assert refused.returncode == 1
    assert "kepala kolom harus kode,tingkat,nama,induk" in refused.stdout
    missing = manage("load_satkers", "--file", str(tmp_path / "none.csv"))
    assert missing.returncode == 2
    assert "tidak ditemukan" in missing.stderr


class _Output:
    """A stdout for ``call_command`` that keeps what was written."""

    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass
