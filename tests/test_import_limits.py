"""A few kilobytes must not cost gigabytes: sheets whose used range, merges or cell count pass
the limits are refused on their own records, before any grid is built, quickly and in little
memory, as an ordinary import error - and abandoned uploads are cleaned away."""

import io
import os
import re
import struct
import time
import tracemalloc
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from plans.importers import import_workbook
from plans.importers.workbook import MAX_CELLS, open_workbook
from plans.models import RencanaAksi
from tests.samples import SAMPLES

GORONTALO = SAMPLES / "rencana-aksi-kpu-provinsi-gorontalo-2023.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
SECONDS, MEGABYTES = 2, 200


def measured(data):
    """Import ``data`` (a dry run) twice: once timed, once under tracemalloc for its peak."""
    start = time.perf_counter()
    result = import_workbook(data, dry_run=True)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        import_workbook(data, dry_run=True)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return result, seconds, peak


def edited_sample(edit):
    """The Gorontalo sample (13 KB) with its sheet XML passed through ``edit``."""
    with zipfile.ZipFile(GORONTALO) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[SHEET] = edit(parts[SHEET].decode()).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def with_merges(*refs):
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    return edited_sample(lambda xml: xml.replace("</mergeCells>", cells + "</mergeCells>"))


def with_rows(rows_xml):
    return edited_sample(lambda xml: xml.replace("</sheetData>", rows_xml + "</sheetData>"))


def far_cell(ref, text="x"):
    row = re.sub(r"^[A-Z]+", "", ref)
    return with_rows(f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c></row>')


# --- a hand-made .xls: BIFF8 records in an OLE2 compound file ---------------------------------


def record(code, body=b""):
    return struct.pack("<HH", code, len(body)) + body


def label(row, col, text):
    return record(0x0204, struct.pack("<HHHHB", row, col, 0, len(text), 0) + text.encode("latin-1"))


def biff_workbook(sheet_records, name="Renaksi"):
    """A workbook stream: globals (BOF, CODEPAGE, BOUNDSHEET, EOF) and one worksheet."""
    bof = record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6))
    codepage = record(0x0042, struct.pack("<H", 1200))

    def boundsheet(position):
        body = struct.pack("<IBBBB", position, 0, 0, len(name), 0) + name.encode("latin-1")
        return record(0x0085, body)

    sheet_bof = record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
    sheet = sheet_bof + b"".join(sheet_records) + record(0x000A)
    globals_length = len(bof + codepage + boundsheet(0) + record(0x000A))
    return bof + codepage + boundsheet(globals_length) + record(0x000A) + sheet


def ole2(stream):
    """A compound file holding ``stream`` as "Workbook" (padded past the 4 KB mini-stream
    cutoff, so it lives in ordinary sectors): header, one FAT sector, one directory sector."""
    stream = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\0")
    sectors = len(stream) // 512
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sector, end] + [3 + i for i in range(sectors - 1)] + [end]
    fat += [free] * (128 - len(fat))
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(10)
        + struct.pack("<IIIIIIII", 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )

    def entry(name, kind, child, start, size):
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(encoded), kind, 1, no_stream, no_stream, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<III", start, size, 0)
        )

    directory = (
        entry("Root Entry", 5, 1, end, 0)
        + entry("Workbook", 2, no_stream, 2, len(stream))
        + entry("", 0, no_stream, 0, 0) * 2
    )
    return header + struct.pack("<128I", *fat) + directory + stream


def xls(*sheet_records):
    return ole2(biff_workbook([label(0, 0, "RENCANA AKSI TAHUN 2023"), *sheet_records]))


def merged_cells(*ranges):
    """MERGEDCELLS: (first row, last row, first column, last column), 0-based, inclusive."""
    body = struct.pack("<H", len(ranges)) + b"".join(struct.pack("<HHHH", *r) for r in ranges)
    return record(0x00E5, body)


# --- the hostile files ------------------------------------------------------------------------

HOSTILE = {
    "xlsx merge A70:XFD1048576": (
        lambda: with_merges("A70:XFD1048576"),
        'Sheet "Renaksi" berisi sel gabungan A70:XFD1048576 yang melewati sel GR20000',
    ),
    "xlsx merge A70:V200000": (
        lambda: with_merges("A70:V200000"),
        'Sheet "Renaksi" berisi sel gabungan A70:V200000 yang melewati sel GR20000',
    ),
    "xlsx one cell at XFD1048576": (
        lambda: far_cell("XFD1048576"),
        'Sheet "Renaksi" memakai sel sampai XFD1048576; yang diharapkan matriks dalam 20.000 '
        "baris dan 200 kolom pertama (sampai sel GR20000).",
    ),
    "xls MERGEDCELLS over rows 100-65535 x 256 columns": (
        lambda: xls(merged_cells((99, 65534, 0, 255))),
        'Sheet "Renaksi" berisi sel gabungan A100:IV65535 yang melewati sel GR20000',
    ),
    "xls one cell at IV65536": (
        lambda: xls(label(65535, 255, "x")),
        'Sheet "Renaksi" memakai sel sampai IV65536',
    ),
    "xlsx merges covering more cells than the limit": (
        lambda: with_merges("A100:GR1099", "A1100:GR2099"),
        "berisi sel gabungan yang bersama-sama mencakup lebih dari 250.000 sel",
    ),
    "xlsx more cells than the limit": (
        lambda: with_rows(
            "".join(
                f'<row r="{row}">' + "<c/>" * 100 + "</row>"
                for row in range(100, 100 + MAX_CELLS // 100 + 1)
            )
        ),
        'Sheet "Renaksi" berisi lebih dari 250.000 sel',
    ),
}


@pytest.mark.parametrize(("make", "refusal"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_sheet_is_refused_quickly_in_little_memory(satkers, make, refusal):
    data = make()
    assert len(data) < 28 * 1024
    result, seconds, peak = measured(data)
    assert len(result.errors) == 1
    assert refusal in result.errors[0]
    assert "Ctrl+End" in result.errors[0]
    assert seconds < SECONDS
    assert peak < MEGABYTES
    assert not RencanaAksi.objects.exists()


def test_a_sheet_of_too_many_xml_elements_is_refused(satkers, monkeypatch):
    # openpyxl keeps elements it does not know in memory; a zip of ratio 250 may hold 256 MB.
    monkeypatch.setattr("plans.importers.workbook.MAX_ELEMENTS", 10_000)
    data = edited_sample(lambda xml: xml.replace("</sheetData>", "</sheetData>" + "<x/>" * 10_000))
    result = import_workbook(data, dry_run=True)
    assert result.errors[0].startswith('Sheet "Renaksi" berisi lebih dari 10.000 unsur XML;')


def test_a_sheet_right_at_the_limits_still_imports(satkers):
    data = edited_sample(
        lambda xml: xml.replace(
            "</mergeCells>", '<mergeCell ref="GQ19990:GR20000"/></mergeCells>'
        ).replace(
            "</sheetData>",
            '<row r="19990"><c r="GQ19990" t="inlineStr"><is><t>catatan</t></is></c></row>'
            '<row r="20000"><c r="A20000" s="0"/><c r="GR20000" s="0"/></row></sheetData>',
        )
    )
    result, seconds, peak = measured(data)
    assert result.errors == []
    assert result.counts()["rencana_kegiatan"] == 45
    assert seconds < SECONDS
    assert peak < MEGABYTES


@pytest.mark.parametrize("ref", ["GS20000", "GR20001"])
def test_one_cell_past_the_limits_is_refused(satkers, ref):
    result = import_workbook(far_cell(ref), dry_run=True)
    assert result.errors[0].startswith(f'Sheet "Renaksi" memakai sel sampai {ref};')


def test_a_small_xls_with_merges_inside_the_limits_is_read():
    (grid,) = open_workbook(xls(merged_cells((0, 0, 0, 22)), label(5, 3, "x")))
    assert grid.name == "Renaksi"
    assert grid.merges == {(1, 1): (1, 23)}
    assert (grid.value(1, 1), grid.value(6, 4)) == ("RENCANA AKSI TAHUN 2023", "x")


def test_a_merged_over_cell_is_empty_as_excel_shows_it():
    # A value left under a merge (not in its first cell) is hidden by Excel and not read.
    data = edited_sample(
        lambda xml: xml.replace("</mergeCells>", '<mergeCell ref="B60:C61"/></mergeCells>').replace(
            "</sheetData>",
            '<row r="60"><c r="B60" t="inlineStr"><is><t>atas</t></is></c>'
            '<c r="C60" t="inlineStr"><is><t>tersembunyi</t></is></c></row></sheetData>',
        )
    )
    grid = next(grid for grid in open_workbook(data) if grid.name == "Renaksi")
    assert (grid.value(60, 2), grid.value(60, 3), grid.owner(61, 3)) == ("atas", None, (60, 2))


def test_a_doctype_in_a_sheet_is_refused(satkers):
    data = edited_sample(
        lambda xml: xml.replace("<worksheet", '<!DOCTYPE x [<!ENTITY a "b">]><worksheet', 1)
    )
    result = import_workbook(data, dry_run=True)
    assert result.errors[0].startswith("Berkas .xlsx rusak")


def test_a_superscript_two_in_the_header_is_an_import_error_not_a_crash(satkers):
    # str.isdigit() accepts "²", which int() refuses: month 2 headed "²" is no month.
    month_two = '<c r="I6" s="2" t="n"><v>2</v></c>'
    data = edited_sample(
        lambda xml: xml.replace(month_two, '<c r="I6" s="2" t="inlineStr"><is><t>²</t></is></c>')
    )
    result = import_workbook(data, dry_run=True)
    assert result.errors == [
        "Sheet Renaksi, baris 5: kolom bulan 1-12 (atau B 1-B 12, Jan-Des) tidak ditemukan di "
        "baris judul kolom."
    ]


# --- the refusal as the admins meet it --------------------------------------------------------


def test_the_command_exits_1_with_the_refusal(satkers, tmp_path):
    path = tmp_path / "jauh.xlsx"
    path.write_bytes(far_cell("XFD1048576"))
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_renaksi", str(path), stdout=out)
    assert raised.value.returncode == 1
    assert 'Kesalahan: Sheet "Renaksi" memakai sel sampai XFD1048576' in out.getvalue()
    assert not RencanaAksi.objects.exists()


def test_the_upload_page_shows_the_refusal_and_saves_nothing(satkers, media, admin_client):
    upload = io.BytesIO(with_merges("A70:XFD1048576"))
    upload.name = "gabungan.xlsx"
    response = admin_client.post(reverse("import_upload"), {"file": upload})
    assert response.status_code == 302
    preview_url = response["Location"]
    page = admin_client.get(preview_url)
    assert page.status_code == 200
    assert "sel gabungan A70:XFD1048576 yang melewati sel GR20000" in page.content.decode()
    assert "Impor sekarang" not in page.content.decode()
    confirm = admin_client.post(preview_url)
    assert confirm.status_code == 200
    assert not RencanaAksi.objects.exists()


# --- clean_uploads ----------------------------------------------------------------------------


def kept_upload(folder, token, hours_old):
    path = folder / "imports" / token
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"PK")
    stamp = time.time() - hours_old * 3600
    os.utime(path, (stamp, stamp))
    return path


def clean_uploads(*args):
    out = StringIO()
    call_command("clean_uploads", *args, stdout=out)
    return out.getvalue()


def test_clean_uploads_removes_kept_uploads_older_than_a_day_only(media):
    old = kept_upload(media, "a" * 32, hours_old=30)
    fresh = kept_upload(media, "b" * 32, hours_old=2)
    other = media / "imports" / "README.txt"
    other.write_text("not an upload")
    out = clean_uploads()
    assert out == (
        f"Dihapus: {old} (diunggah 30 jam lalu)\n"
        "1 unggahan impor lama dihapus (lebih dari 24 jam).\n"
    )
    assert (old.exists(), fresh.exists(), other.exists()) == (False, True, True)

    assert clean_uploads("--hours", "1").endswith(
        "1 unggahan impor lama dihapus (lebih dari 1 jam).\n"
    )
    assert not fresh.exists()
    assert clean_uploads() == "0 unggahan impor lama dihapus (lebih dari 24 jam).\n"


def test_clean_uploads_is_safe_without_an_upload_folder(media):
    assert clean_uploads() == "0 unggahan impor lama dihapus (lebih dari 24 jam).\n"
    assert not (media / "imports").exists()


def test_a_preview_whose_upload_was_cleaned_away_is_not_found(satkers, media, admin_client):
    with open(GORONTALO, "rb") as upload:
        preview_url = admin_client.post(reverse("import_upload"), {"file": upload})["Location"]
    (kept,) = (media / "imports").iterdir()
    os.utime(kept, (time.time() - 25 * 3600,) * 2)
    clean_uploads()
    assert admin_client.get(preview_url).status_code == 404
