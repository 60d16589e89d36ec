"""Import a satker's pagu for a year from a DIPA/POK sheet (flat or POK layout; CSV or Excel)."""

import logging

from django.core.management.base import BaseCommand

from budgets.importers.pagu import import_pagu
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
from renaksi.logging import timed

log = logging.getLogger("renaksi.imports")


class Command(BaseCommand):
    help = (
        "Mengimpor pagu DIPA/POK satu satker untuk satu tahun dari lembar datar (kolom kode, "
        "uraian, jumlah) atau susunan POK (kode tiap tingkat di barisnya sendiri); CSV atau "
        "Excel. Pagu tahun itu diganti seluruhnya. Keluar 0 bila berhasil (atau uji coba tanpa "
        "kesalahan), 1 bila berkas berisi kesalahan (tidak ada yang disimpan), 2 bila "
        "pemakaian salah."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .csv, .xlsx atau .xls")
        add_satker_year(parser)
        parser.add_argument(
            "--dry-run", action="store_true", help="hanya periksa; tidak ada yang disimpan"
        )
        parser.add_argument("--json", action="store_true", help="cetak hasil sebagai satu JSON")

    def handle(self, *args, **options):
        path = existing_file(options["file"])
        satker = find_satker(options["satker"])
        year = budget_year(options["year"])
        with timed(log, "import_pagu", source=str(path), dry_run=options["dry_run"]) as info:
            result = import_pagu(path, satker, year, name=path.name, dry_run=options["dry_run"])
            info.update(saved=result.saved, errors=len(result.errors), lines=len(result.lines))
        finish_import(self, result, options["json"], EXIT_REFUSED)

    def report(self, result):
        write_problems(self, result)
        self.stdout.write(
            f"{result.satker.code} {result.year}: {len(result.lines)} baris pagu "
            f"(susunan {result.layout or '?'}), total {format_rupiah(result.total)}."
        )
        for row in result.per_kegiatan():
            self.stdout.write(
                f"  kegiatan {row['kegiatan'] or '(tanpa kode)'}: {format_rupiah(row['jumlah'])}"
            )
        if result.saved:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Pagu disimpan ({len(result.lines)} baris; {result.replaced_lines} baris "
                    "lama diganti)."
                )
            )
        elif result.dry_run and not result.errors:
            self.stdout.write("Uji coba: tidak ada yang disimpan.")
