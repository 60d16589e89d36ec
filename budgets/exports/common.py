"""What the RPD page, its PDF and its Excel file show the same way: title, columns, the
twelve months, the unscheduled row and the total, with the cumulative amount."""

from dataclasses import dataclass

from django.utils.text import slugify

from budgets.akun import JENIS_BELANJA
from budgets.rpd import COLUMNS, UNKNOWN
from budgets.rupiah import format_thousands
from plans.vocabulary import MONTH_NAMES, MONTHS

TITLE = "RENCANA PENARIKAN DANA (HALAMAN III DIPA)"
RULE = (
    "Biaya setiap baris dibagi rata ke bulan terjadwalnya dalam rupiah bulat (sisa pembagian "
    "di bulan terjadwal terakhir), kecuali perencana menetapkan rincian per bulan untuk baris "
    "itu; biaya tanpa bulan terjadwal dihitung sebagai tanpa jadwal."
)
UNKNOWN_NOTE = (
    "Belum diketahui: baris yang kodenya tidak memuat akun 6 angka, atau yang akunnya bukan "
    "jenis belanja 51, 52, 53 atau 57."
)
LABELS = {
    **{jenis: f"{name} ({jenis})" for jenis, name in JENIS_BELANJA.items()},
    UNKNOWN: "Belum diketahui",
    "total": "Jumlah",
}
HEADINGS = ["Bulan", *(LABELS[key] for key in (*COLUMNS, "total")), "Kumulatif"]
NO_AMOUNT = "-"


@dataclass(frozen=True)
class Row:
    """One printed row: its label, the amounts of ``COLUMNS`` then the row's total, and
    the cumulative amount (None where the row has none); ``kind`` is ``month``,
    ``unscheduled`` or ``total``."""

    label: str
    amounts: list
    cumulative: int | None
    kind: str

    @property
    def cells(self):
        """Every amount the row prints, in column order (None: an empty cell)."""
        return [*self.amounts, self.cumulative]

    @property
    def texts(self):
        """The printed text of each of ``cells``: ``1.234.567``, ``-`` for nothing drawn."""
        return [amount_text(amount) for amount in self.cells]


def amount_text(amount):
    """``1234567`` -> ``1.234.567``; 0 -> ``-``; None (no cell) -> ``""``."""
    if amount is None:
        return ""
    return format_thousands(amount) if amount else NO_AMOUNT


def rpd_rows(table):
    """The rows of ``table`` (``budgets.rpd.RpdTable``): January to December, tanpa jadwal,
    and the total."""
    keys = (*COLUMNS, "total")
    cumulative = table.cumulative
    rows = [
        Row(
            MONTH_NAMES[month - 1],
            [table.bulan[month][key] for key in keys],
            cumulative[month],
            "month",
        )
        for month in MONTHS
    ]
    rows.append(Row("Tanpa jadwal", [table.unscheduled[key] for key in keys], None, "unscheduled"))
    totals = table.columns_total
    rows.append(Row("JUMLAH", [totals[key] for key in keys], None, "total"))
    return rows


def title_lines(plan):
    """``RENCANA PENARIKAN DANA (HALAMAN III DIPA)``, the satker and the year."""
    return [TITLE, plan.satker.name.upper(), f"TAHUN ANGGARAN {plan.year}"]


def source_line(plan):
    """Which plan the figures come from: ``Dihitung dari Rencana Aksi versi 2 (Disetujui);
    angka dalam rupiah.``"""
    status = plan.get_status_display()
    return f"Dihitung dari Rencana Aksi versi {plan.version} ({status}); angka dalam rupiah."


def rpd_filename(plan, extension):
    """``rpd-kpu-provinsi-gorontalo-2023-v1.xlsx``."""
    return f"{slugify(f'rpd {plan.satker.name} {plan.year}')}-v{plan.version}.{extension}"
