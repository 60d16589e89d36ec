"""Read a filled realisasi sheet (``export_realisasi_template``) into a quarter's report.

The command acts as an admin, who plans for every satker: the only rule it keeps is that the
report is editable - a draft or returned, inside its input window or reopened by the secretary
(``monitoring.offline.report_is_editable``).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from monitoring.models import QUARTERS, QuarterReport
from monitoring.offline import RealisasiUpload, import_realisasi, report_is_editable
from monitoring.services import open_report, plan_in_force
from plans.management.commands._common import (
    EXIT_REFUSED,
    add_satker_year,
    existing_file,
    find_satker,
    finish_import,
    write_problems,
)


class Command(BaseCommand):
    help = (
        "Mengimpor realisasi satu triwulan dari templat Excel yang sudah diisi. Keluar 0 bila "
        "tersimpan (atau uji coba tanpa kesalahan), 1 bila ditolak karena kesalahan (tidak ada "
        "yang disimpan) atau laporan tidak dapat diubah, 2 bila pemakaian salah."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx hasil export_realisasi_template")
        add_satker_year(parser)
        parser.add_argument("--tw", required=True, type=int, choices=QUARTERS, help="triwulan")
        parser.add_argument(
            "--dry-run", action="store_true", help="hanya periksa; tidak ada yang disimpan"
        )
        parser.add_argument("--json", action="store_true", help="cetak hasil sebagai satu JSON")

    def handle(self, *args, **options):
        path = existing_file(options["file"])
        satker = find_satker(options["satker"])
        year, tw, dry_run = options["year"], options["tw"], options["dry_run"]
        try:
            report = find_report(satker, year, tw, dry_run)
        except ValidationError as error:
            result = RealisasiUpload(QuarterReport(satker=satker, year=year, tw=tw))
            result.general += error.messages
        else:
            result = import_realisasi(path, report, dry_run=dry_run, allowed=report_is_editable)
        finish_import(self, result, options["json"], EXIT_REFUSED)

    def report(self, result):
        write_problems(self, result)
        counts = result.counts()
        self.stdout.write(
            f"{result.report.satker.code} {result.report.year} TW{result.report.tw}: "
            f"{counts['rows_read']} baris indikator dibaca, {counts['rows_changed']} berubah."
        )
        if result.done:
            self.stdout.write(self.style.SUCCESS(f"{result.saved} baris disimpan."))
        elif result.dry_run and not result.errors:
            self.stdout.write("Uji coba: tidak ada yang disimpan.")


def find_report(satker, year, tw, dry_run):
    """The quarter's report; opened on the plan in force when missing, except in a dry run,
    which reads against an unsaved one. ``ValidationError`` before the plan is approved."""
    report = (
        QuarterReport.objects.filter(satker=satker, year=year, tw=tw)
        .select_related("satker", "plan__satker")
        .first()
    )
    if report is not None:
        return report
    if not dry_run:
        return open_report(satker, year, tw)
    plan = plan_in_force(satker, year)
    if plan is None:
        open_report(satker, year, tw)  # no plan in force: raises why, creating nothing
    return QuarterReport(satker=satker, year=year, tw=tw, plan=plan)
