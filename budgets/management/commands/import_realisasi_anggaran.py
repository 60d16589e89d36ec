"""Import the treasury's monthly realisation export of one satker and year."""

from django.core.management.base import BaseCommand

from budgets.importers.realisasi import import_realisasi_anggaran
from budgets.rupiah import format_rupiah
from plans.management.commands._common import (
    EXIT_REFUSED,
    add_satker_year,
    budget_year,
    existing_file,
    find_satker,
    finish_import,
    write_problems,
)
from plans.vocabulary import MONTH_NAMES


class Command(BaseCommand):
    help = (
        "Mengimpor realisasi anggaran bulanan satu satker dan tahun dari ekspor perbendaharaan "
        "(CSV, .xlsx atau .xls dengan kolom kode, bulan, jumlah). Menggantikan realisasi impor "
        "sebelumnya untuk satker dan tahun itu. Keluar 0 bila berhasil, 1 bila berkas berisi "
        "kesalahan (tidak ada yang disimpan), 2 bila pemakaian salah."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .csv, .xlsx atau .xls")
        add_satker_year(parser, example="KPU-PROV-GORONTALO")
        parser.add_argument("--json", action="store_true", help="cetak hasil sebagai satu JSON")

    def handle(self, *args, **options):
        path = existing_file(options["file"])
        satker = find_satker(options["satker"])
        year = budget_year(options["year"])
        result = import_realisasi_anggaran(path, path.name, satker, year)
        finish_import(self, result, options["json"], EXIT_REFUSED)

    def report(self, result):
        write_problems(self, result)
        if not result.saved:
            return
        months = ", ".join(
            f"{MONTH_NAMES[int(month) - 1]} {format_rupiah(amount)}"
            for month, amount in result.per_month().items()
        )
        self.stdout.write(
            f"{result.satker.code} {result.year}: {result.rows} baris, "
            f"{len(result.amounts)} kode-bulan, total {format_rupiah(result.total)} ({months})."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Realisasi anggaran disimpan; {result.replaced} baris impor sebelumnya diganti."
            )
        )
