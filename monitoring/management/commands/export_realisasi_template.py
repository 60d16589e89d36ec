"""Write a quarter's realisasi sheet, pre-filled from its report, for an office that works
offline; ``import_realisasi`` reads it back."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from monitoring.models import QUARTERS
from monitoring.offline import template_bytes
from monitoring.services import open_report
from plans.management.commands._common import (
    EXIT_REFUSED,
    add_satker_year,
    find_satker,
    write_output,
)


class Command(BaseCommand):
    help = (
        "Menulis templat realisasi satu triwulan (indikator, target dan isian yang sudah ada) "
        "ke berkas Excel; laporan triwulan dibuka pada rencana yang disetujui bila belum ada."
    )

    def add_arguments(self, parser):
        add_satker_year(parser)
        parser.add_argument("--tw", required=True, type=int, choices=QUARTERS, help="triwulan")
        parser.add_argument("--output", required=True, help="berkas .xlsx tujuan")

    def handle(self, *args, **options):
        satker = find_satker(options["satker"])
        try:
            report = open_report(satker, options["year"], options["tw"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=EXIT_REFUSED) from error
        write_output(self, options["output"], template_bytes(report), f"Templat {report}")
