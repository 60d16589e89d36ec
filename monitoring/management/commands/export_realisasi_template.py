"""Write a quarter's realisasi sheet, pre-filled from its report, for an office that works
offline; ``import_realisasi`` reads it back."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from monitoring.models import QUARTERS
from monitoring.offline import template_bytes
from monitoring.services import open_report
from plans.models import Satker

EXIT_REFUSED = 1
EXIT_USAGE = 2


class Command(BaseCommand):
    help = (
        "Menulis templat realisasi satu triwulan (indikator, target dan isian yang sudah ada) "
        "ke berkas Excel; laporan triwulan dibuka pada rencana yang disetujui bila belum ada."
    )

    def add_arguments(self, parser):
        parser.add_argument("--satker", required=True, help="kode satker, mis. KPU-KOTA-TOMOHON")
        parser.add_argument("--year", required=True, type=int, help="tahun anggaran")
        parser.add_argument("--tw", required=True, type=int, choices=QUARTERS, help="triwulan")
        parser.add_argument("--output", required=True, help="berkas .xlsx tujuan")

    def handle(self, *args, **options):
        code = options["satker"].strip().upper()
        satker = Satker.objects.filter(code=code).first()
        if satker is None:
            raise CommandError(f"Satker dengan kode {code} tidak ada.", returncode=EXIT_USAGE)
        try:
            report = open_report(satker, options["year"], options["tw"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=EXIT_REFUSED) from error
        content = template_bytes(report)
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Berkas {output} tidak dapat ditulis: {error}") from error
        self.stdout.write(f"Templat {report} disimpan ke {output} ({len(content):,} bita).")
