"""Import a legacy Rencana Aksi matrix workbook (.xlsx or .xls) as a plan."""

import logging

from django.core.management.base import BaseCommand

from budgets.rupiah import format_rupiah
from plans.importers import import_workbook
from plans.management.commands._common import existing_file, finish_import, write_problems
from renaksi.logging import timed

log = logging.getLogger("renaksi.imports")

EXIT_FILE_ERRORS = 1


class Command(BaseCommand):
    help = (
        "Mengimpor matriks rencana aksi dari berkas Excel lama. Keluar 0 bila berhasil (atau uji "
        "coba tanpa kesalahan), 1 bila berkas berisi kesalahan (tidak ada yang disimpan), "
        "2 bila pemakaian salah."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx atau .xls")
        parser.add_argument("--satker", help="kode satker, misalnya KPU-KOTA-TOMOHON")
        parser.add_argument("--year", type=int, help="tahun anggaran, misalnya 2023")
        parser.add_argument(
            "--dry-run", action="store_true", help="hanya periksa; tidak ada yang disimpan"
        )
        parser.add_argument(
            "--replace", action="store_true", help="ganti rencana draf yang sudah ada"
        )
        parser.add_argument("--json", action="store_true", help="cetak hasil sebagai satu JSON")

    def handle(self, *args, **options):
        path = existing_file(options["file"])
        with timed(log, "import", source=str(path), dry_run=options["dry_run"]) as info:
            result = import_workbook(
                path,
                satker=options["satker"],
                year=options["year"],
                dry_run=options["dry_run"],
                replace=options["replace"],
            )
            info.update(saved=result.saved, errors=len(result.errors), **result.counts())
        finish_import(self, result, options["json"], EXIT_FILE_ERRORS)

    def report(self, result):
        counts = result.counts()
        write_problems(self, result)
        satker = result.satker.code if result.satker else "?"
        self.stdout.write(
            f"{satker} {result.year or '?'}: {counts['sasaran_strategis']} sasaran strategis, "
            f"{counts['indikator']} indikator, {counts['kegiatan']} kegiatan, "
            f"{counts['rencana_kegiatan']} rencana kegiatan, "
            f"{counts['bulan_terjadwal']} bulan terjadwal, "
            f"total biaya {format_rupiah(counts['total_biaya'])}."
        )
        if result.saved:
            verb = "diganti" if result.replaces else "dibuat"
            self.stdout.write(self.style.SUCCESS(f"Rencana aksi {verb} (id {result.plan.pk})."))
        elif result.dry_run and not result.errors:
            self.stdout.write("Uji coba: tidak ada yang disimpan.")
