"""Reading a pagu from a flat sheet or the POK layout: figures, errors named by cell, nothing
saved on a dry run or an error, a re-import replaces the satker-year's pagu."""

import openpyxl
import pytest

from budgets.akun import EXPECTED
from budgets.importers.pagu import import_pagu
from budgets.importers.sheet import SheetRefused, read_sheet
from budgets.models import Pagu, PaguLine
from budgets.pagu import rollup
from tests.pagu_files import (
    FLAT_CSV,
    FLAT_XLSX,
    LINES,
    PER_KEGIATAN,
    POK_ROWS,
    POK_XLSX,
    ROLLED_UP,
    TOTAL,
    pok_book,
)


def saved_lines(satker, year=2024):
    return sorted(
        PaguLine.objects.filter(pagu__satker=satker, pagu__year=year).values_list(
            "kode", "uraian", "jumlah"
        )
    )


def xlsx_bytes(book):
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(text):
    return text.encode()


@pytest.mark.parametrize(
    ("path", "layout", "sheet"),
    [(FLAT_CSV, "datar", "pagu-flat.csv"), (FLAT_XLSX, "datar", "Pagu"), (POK_XLSX, "POK", "POK")],
)
def test_each_sample_imports_the_same_seven_lines_and_total(satker, path, layout, sheet):
    result = import_pagu(path, satker, 2024)
    assert (result.errors, result.layout, result.sheet) == ([], layout, sheet)
    assert saved_lines(satker) == sorted(LINES)
    assert (result.total, result.per_kegiatan()) == (TOTAL, PER_KEGIATAN)
    pagu = Pagu.objects.get(satker=satker, year=2024)
    assert rollup(pagu).totals.items() >= ROLLED_UP.items()
    line = pagu.lines.get(kode="3358.EBC.954.051.A.521211")
    assert (line.kegiatan, line.kro, line.ro, line.komponen, line.subkomponen, line.akun) == (
        "3358",
        "EBC",
        "954",
        "051",
        "A",
        "521211",
    )


def test_a_dry_run_reads_everything_and_saves_nothing(satker):
    result = import_pagu(POK_XLSX, satker, 2024, dry_run=True)
    assert (result.errors, len(result.lines), result.saved) == ([], 7, False)
    assert not Pagu.objects.exists() and not PaguLine.objects.exists()


def test_a_reimport_replaces_the_satker_years_pagu_and_leaves_other_years(satker):
    import_pagu(FLAT_CSV, satker, 2024)
    import_pagu(FLAT_CSV, satker, 2025)
    smaller = "kode;uraian;jumlah\n3358.EBC.954.051.A.521211;Belanja Bahan;1.000\n"
    result = import_pagu(csv_bytes(smaller), satker, 2024, name="baru.csv")
    assert (result.errors, result.replaced_lines) == ([], 7)
    assert saved_lines(satker) == [("3358.EBC.954.051.A.521211", "Belanja Bahan", 1000)]
    assert len(saved_lines(satker, 2025)) == 7
    assert Pagu.objects.get(satker=satker, year=2024).source == "Impor baru.csv"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "kode;uraian;jumlah\n3358.EB.954;Salah;1.000\n",
            'Berkas pagu.csv, baris 2, kolom kode (A): Kode akun "3358.EB.954" tidak sah; format '
            "yang diharapkan: kegiatan (4 angka).KRO (3 huruf)",
        ),
        (
            "kode;uraian;jumlah\n3358.EBC.954.051.A.521211;Bahan;16.4OO.000\n",
            'Berkas pagu.csv, baris 2, kolom jumlah (C): "16.4OO.000" bukan nilai rupiah; yang '
            "diharapkan bilangan rupiah bulat, misalnya 8.378.000 atau Rp 8.378.000",
        ),
        (
            "kode;uraian;jumlah\n3358.EBC.954.051.A.521211;Bahan;-5.000\n",
            'Berkas pagu.csv, baris 2, kolom jumlah (C): "-5.000" bernilai negatif',
        ),
        (
            "kode;uraian;jumlah\n3358.EBC.954.051.A.521211;Bahan;\n",
            "Berkas pagu.csv, baris 2, kolom jumlah (C): jumlah kosong untuk "
            "3358.EBC.954.051.A.521211, baris terdalam yang menjadi baris pagu; yang diharapkan "
            "bilangan rupiah bulat, misalnya 8.378.000 (tulis - untuk pagu nol)",
        ),
        (
            "kode;uraian;jumlah\n521211;Bahan;1.000\n521211;Bahan lagi;2.000\n",
            "Berkas pagu.csv, baris 3, kolom kode (A): kode 521211 sudah ada di baris 2; yang "
            "diharapkan setiap kode satu kali",
        ),
        (
            "kode;uraian;jumlah\n;Bahan;1.000\n",
            "Berkas pagu.csv, baris 2, kolom kode (A): kode kosong padahal ada jumlah",
        ),
        (
            "kode;uraian;jumlah\n3358.EBC.954;RO;5.000\n3358.EBC.954.051.A.521211;Bahan;1.000\n"
            "3358.EBC.954.051.A.521213;Honor;2.000\n",
            "Berkas pagu.csv, baris 2, kolom jumlah (C): jumlah Rp 5.000 tidak sama dengan "
            "jumlah baris di bawahnya Rp 3.000 (lebih Rp 2.000); yang diharapkan jumlah yang "
            "sama, atau sel jumlah dikosongkan",
        ),
        (
            "kode;uraian;jumlah\n521211;Bahan;1.000\n;Jumlah;1.500\n",
            "Berkas pagu.csv, baris 3, kolom jumlah (C): jumlah Rp 1.500 tidak sama dengan "
            "jumlah semua baris pagu Rp 1.000 (lebih Rp 500)",
        ),
        (
            "kode;uraian;jumlah\nEBC;KRO tanpa kegiatan;1.000\n",
            'Berkas pagu.csv, baris 2, kolom kode (A): kode KRO "EBC" tanpa baris kegiatan di '
            "atasnya",
        ),
        (
            "kode;uraian;jumlah\n3358.EBC.954;RO;\n52121;Bahan;1.000\n",
            'Berkas pagu.csv, baris 3, kolom kode (A): Kode "52121" tidak sah; yang diharapkan '
            "jalur kode lengkap (misalnya 3358.EBC.954.051.A.521211) atau kode satu tingkat",
        ),
        (
            "nomor;nama barang\n1;pensil\n",
            'Tidak ditemukan baris judul kolom "kode", "uraian" dan "jumlah" di 30 baris pertama',
        ),
        ("kode;uraian;jumlah\n", "tidak ada baris berkode di bawah baris judul kolom"),
    ],
)
def test_errors_name_the_cell_and_what_was_expected_and_nothing_is_saved(satker, text, error):
    result = import_pagu(csv_bytes(text), satker, 2024, name="pagu.csv")
    assert len(result.errors) == 1, result.errors
    assert result.errors[0].startswith(error) or error in result.errors[0]
    assert not result.saved and not PaguLine.objects.exists()


def test_one_bad_cell_saves_none_of_the_good_lines(satker):
    import_pagu(FLAT_CSV, satker, 2024)
    text = FLAT_CSV.read_text() + "3358.EBC.954.051.A.999;Salah;1.000\n"
    result = import_pagu(csv_bytes(text), satker, 2024, name="pagu.csv")
    assert result.errors == [
        'Berkas pagu.csv, baris 9, kolom kode (A): Kode akun "3358.EBC.954.051.A.999" tidak '
        f"sah; {EXPECTED}"
    ]
    assert len(saved_lines(satker)) == 7


def test_pok_headings_must_add_up_and_errors_name_the_sheet_row_and_column(satker):
    rows = list(POK_ROWS)
    rows[12] = ("052", "Pengadaan", 20_000_000)  # the komponen's subtotal is wrong
    rows[8] = ("521213", "Belanja Honor Output Kegiatan", "4,5 juta")
    result = import_pagu(xlsx_bytes(pok_book(rows)), satker, 2024, name="pok.xlsx")
    # headers sit on row 4, so POK_ROWS[i] is on row 5 + i
    assert result.errors == [
        'Sheet POK, baris 13, kolom JUMLAH BIAYA (D): "4,5 juta" bukan nilai rupiah; yang '
        "diharapkan bilangan rupiah bulat, misalnya 8.378.000 atau Rp 8.378.000",
        "Sheet POK, baris 17, kolom JUMLAH BIAYA (D): jumlah Rp 20.000.000 tidak sama dengan "
        "jumlah baris di bawahnya Rp 25.000.000 (kurang Rp 5.000.000); yang diharapkan jumlah "
        "yang sama, atau sel jumlah dikosongkan",
    ]  # the headings above the unreadable cell are not checked: their sums are unknown
    assert [(p.row, p.cells) for p in result.problem_rows] == [
        (13, [("521213", False), ("Belanja Honor Output Kegiatan", False), ("4,5 juta", True)]),
        (17, [("052", False), ("Pengadaan", False), ("20000000", True)]),
    ]
    assert not PaguLine.objects.exists()


def test_pok_akun_amount_must_equal_its_details(satker):
    rows = list(POK_ROWS)
    rows[5] = ("521211", "Belanja Bahan", 9_000_000)
    result = import_pagu(xlsx_bytes(pok_book(rows)), satker, 2024, name="pok.xlsx")
    assert result.errors[0].startswith(
        "Sheet POK, baris 10, kolom JUMLAH BIAYA (D): jumlah Rp 9.000.000 tidak sama dengan "
        "jumlah rinciannya Rp 8.378.000 (lebih Rp 622.000)"
    )


def test_a_formula_excel_never_calculated_is_refused_at_its_cell(satker):
    book = pok_book()
    book["POK"]["D10"] = "=D11+D12"
    result = import_pagu(xlsx_bytes(book), satker, 2024, name="pok.xlsx")
    assert result.errors == [
        "Sheet POK, baris 10, kolom JUMLAH BIAYA (D): berisi rumus tanpa nilai tersimpan (belum "
        "pernah dihitung); buka berkas di Excel, biarkan rumus dihitung, simpan, lalu unggah lagi"
    ]


def test_a_dash_is_a_nil_pagu_and_shortened_codes_are_lines_too(satker):
    text = (
        "Kode,Uraian,Jumlah\n"
        "521211,Belanja Bahan,Rp 250.000\n"  # first: no row above gives it a path
        '6871.QGE,Layanan Sarana,"1,500,000"\n'
        "3358.EBC.954.A,Tanpa komponen,-\n"
    )
    result = import_pagu(csv_bytes(text), satker, 2024, name="pendek.csv")
    assert result.errors == []
    assert saved_lines(satker) == [
        ("3358.EBC.954.A", "Tanpa komponen", 0),
        ("521211", "Belanja Bahan", 250_000),
        ("6871.QGE", "Layanan Sarana", 1_500_000),
    ]


def test_read_sheet_refuses_a_file_over_the_size_limit_before_reading_it(settings):
    settings.MAX_UPLOAD_BYTES = 1000
    with pytest.raises(SheetRefused, match="Berkas terlalu besar"):
        read_sheet(b"kode;uraian;jumlah\n" + b"521211;x;1\n" * 200, "besar.csv")


def test_read_sheet_refuses_a_csv_past_the_row_limit(monkeypatch):
    monkeypatch.setattr("budgets.importers.sheet.MAX_ROWS", 5)
    text = "kode;uraian;jumlah\n" + "521211;x;1\n" * 10
    with pytest.raises(SheetRefused, match="lebih dari 5 baris"):
        read_sheet(text.encode(), "panjang.csv")


def test_read_sheet_refuses_a_workbook_with_a_far_stray_cell():
    book = openpyxl.Workbook()
    book.active["A1"] = "kode"
    book.active["A30000"] = "x"
    with pytest.raises(SheetRefused, match="A30000"):
        read_sheet(xlsx_bytes(book), "jauh.xlsx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("kode;jumlah\n521211;1\n".encode("utf-16"), "tidak dapat dibaca sebagai teks UTF-8"),
        (b"PK\x03\x04 bukan zip", "bukan lembar kerja Excel"),
    ],
)
def test_read_sheet_explains_files_it_cannot_read(data, message):
    with pytest.raises(SheetRefused, match=message):
        read_sheet(data, "aneh.csv")


def test_read_sheet_gives_rows_with_their_numbers_and_the_first_sheet_accepted():
    sheet = read_sheet(FLAT_XLSX, "pagu-flat.xlsx", accept=lambda s: s.name == "Pagu")
    assert sheet.name == "Pagu"
    assert [(row.number, row.text(2)) for row in sheet.rows[:3]] == [
        (1, ""),
        (2, "Kode"),
        (3, "3358.EBC.954.051.A.521211"),
    ]
    assert sheet.rows[2].value(3) == 8_378_000
    assert sheet.place(3, 3, "Jumlah") == "Sheet Pagu, baris 3, kolom Jumlah (C)"
