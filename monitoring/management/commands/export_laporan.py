"""Export one satker's quarterly report ("Laporan Capaian Rencana Aksi") to PDF or Excel."""

from django.core.management.base import BaseCommand, CommandError

from monitoring.models import QUARTER_NAMES, QUARTERS, QuarterReport
from monitoring.printing.pdf import render_report_pdf
from monitoring.printing.xlsx import report_workbook_bytes
from plans.management.commands._common import add_satker_year, write_output
from plans.management.commands.export_renaksi import find_plan

EXPORTERS = {"pdf": render_report_pdf, "xlsx": report_workbook_bytes}


class Command(BaseCommand):
    help = "Mengekspor laporan capaian rencana aksi satu satker, tahun dan triwulan ke PDF/Excel."

    def add_arguments(self, parser):
        add_satker_year(parser, example="KPU-PROV-GORONTALO")
        parser.add_argument("--tw", required=True, type=int, choices=QUARTERS, help="triwulan 1-4")
        parser.add_argument("--format", required=True, choices=sorted(EXPORTERS))
        parser.add_argument("--output", required=True, help="berkas tujuan")

    def handle(self, *args, **options):
        report = find_report(options["satker"], options["year"], options["tw"])
        write_output(self, options["output"], EXPORTERS[options["format"]](report), report)


def find_report(code, year, tw):
    """The report of satker ``code`` for quarter ``tw`` of ``year``; a ``CommandError``
    saying what is missing - the satker, its plan or the report - otherwise."""
    plan = find_plan(code, year)
    report = (
        QuarterReport.objects.filter(satker=plan.satker, year=year, tw=tw)
        .select_related("satker", "plan__satker")
        .first()
    )
    if report is None:
        raise CommandError(
            f"Laporan capaian {QUARTER_NAMES[tw]} {year} {plan.satker.name} belum dibuat."
        )
    return report
