"""The pagu sample sheets in ``tests/data/`` and the figures they hold, computed by hand.

Run ``python -m tests.pagu_files`` to write the .xlsx samples again (the CSV is written by hand).
"""

from pathlib import Path

import openpyxl

DATA = Path(__file__).parent / "data"
FLAT_CSV = DATA / "pagu-flat.csv"
FLAT_XLSX = DATA / "pagu-flat.xlsx"
POK_XLSX = DATA / "pagu-pok.xlsx"

# (kode, uraian, jumlah): the seven lines every sample holds
LINES = [
    ("3358.EBC.954.051.A.521211", "Belanja Bahan", 8_378_000),
    ("3358.EBC.954.051.A.521213", "Belanja Honor Output Kegiatan", 4_500_000),
    ("3358.EBC.954.051.A.524111", "Belanja Perjalanan Dinas Biasa", 12_000_000),
    ("3358.EBC.954.051.B.521211", "Belanja Bahan", 2_000_000),
    ("3358.EBC.954.052.A.532111", "Belanja Modal Peralatan dan Mesin", 25_000_000),
    ("6709.QGE.004.001.A.511111", "Belanja Gaji Pokok PNS", 60_000_000),
    ("6709.QGE.004.001.A.521219", "Belanja Barang Non Operasional Lainnya", 7_250_000),
]
# by hand: 8.378.000 + 4.500.000 + 12.000.000 = 24.878.000 under 051.A; + 2.000.000 (051.B)
# = 26.878.000 under komponen 051; + 25.000.000 (052) = 51.878.000 under 3358;
# 60.000.000 + 7.250.000 = 67.250.000 under 6709; 51.878.000 + 67.250.000 = 119.128.000.
TOTAL = 119_128_000
ROLLED_UP = {
    "3358": 51_878_000,
    "3358.EBC": 51_878_000,
    "3358.EBC.954": 51_878_000,
    "3358.EBC.954.051": 26_878_000,
    "3358.EBC.954.051.A": 24_878_000,
    "3358.EBC.954.051.B": 2_000_000,
    "3358.EBC.954.052": 25_000_000,
    "3358.EBC.954.052.A": 25_000_000,
    "6709": 67_250_000,
    "6709.QGE.004.001": 67_250_000,
    "6709.QGE.004.001.A": 67_250_000,
}
# 51 pegawai: 60.000.000; 52 barang: 8.378.000 + 4.500.000 + 12.000.000 + 2.000.000 +
# 7.250.000 = 34.128.000; 53 modal: 25.000.000
BY_JENIS = {"51": 60_000_000, "52": 34_128_000, "53": 25_000_000}
PER_KEGIATAN = [
    {"kegiatan": "3358", "jumlah": 51_878_000},
    {"kegiatan": "6709", "jumlah": 67_250_000},
]

# The POK layout: each level's code on its own row, amounts on the akun rows (one akun's
# from its detail rows), some headings with their subtotal, a total row at the end.
POK_ROWS = [
    ("3358", "Penyelenggaraan Pemilu", 51_878_000),
    ("EBC", "Layanan Manajemen Kinerja Internal", None),
    ("954", "Layanan Manajemen SDM", "51.878.000"),
    ("051", "Persiapan", 26_878_000),
    ("A", "Tanpa Sub Komponen", None),
    ("521211", "Belanja Bahan", 8_378_000),
    (None, "- Konsumsi rapat", 5_000_000),
    (None, "- Alat tulis kantor", 3_378_000),
    ("521213", "Belanja Honor Output Kegiatan", "Rp 4.500.000"),
    ("524111", "Belanja Perjalanan Dinas Biasa", 12_000_000),
    ("B", "Rapat Koordinasi", None),
    ("521211", "Belanja Bahan", 2_000_000),
    ("052", "Pengadaan", None),
    ("A", "Peralatan Kantor", 25_000_000),
    ("532111", "Belanja Modal Peralatan dan Mesin", 25_000_000),
    ("6709", "Dukungan Manajemen", None),
    ("QGE", "Layanan Perkantoran", None),
    ("004", "Layanan Umum", None),
    ("001", "Gaji dan Tunjangan", None),
    ("A", "Tanpa Sub Komponen", None),
    ("511111", "Belanja Gaji Pokok PNS", 60_000_000),
    ("521219", "Belanja Barang Non Operasional Lainnya", None),
    (None, "- Langganan daya dan jasa", 5_000_000),
    (None, "- Pemeliharaan", 2_250_000),
    (None, "JUMLAH", TOTAL),
]


def pok_book(rows=POK_ROWS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "POK"
    sheet.append(["PETUNJUK OPERASIONAL KEGIATAN TAHUN ANGGARAN 2024"])
    sheet.append(["KPU KABUPATEN SATU"])
    sheet.append([])
    sheet.append(["KODE", "URAIAN", "VOLUME", "JUMLAH BIAYA"])
    for kode, uraian, jumlah in rows:
        sheet.append([kode, uraian, None, jumlah])
    return book


def flat_book(lines=LINES):
    book = openpyxl.Workbook()
    book.active.title = "Petunjuk"
    book.active.append(["Isi lembar Pagu: satu baris per akun."])
    sheet = book.create_sheet("Pagu")
    sheet.append(["Pagu DIPA 2024"])
    sheet.append(["Uraian", "Kode", "Jumlah (Rp)"])
    for kode, uraian, jumlah in lines:
        sheet.append([uraian, kode, jumlah])
    sheet.append(["Jumlah", None, TOTAL])
    return book


if __name__ == "__main__":
    flat_book().save(FLAT_XLSX)
    pok_book().save(POK_XLSX)
