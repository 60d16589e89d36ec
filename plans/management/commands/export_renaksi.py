"""Export one plan's matrix to a PDF or Excel file, for scripts and for checking layouts."""

from django.core.management.base import BaseCommand, CommandError

from plans.exports.pdf import render_pdf_cached
from plans.exports.xlsx import workbook_bytes
from plans.management.commands._common import add_satker_year, write_output
from plans.models import RencanaAksi, Satker

EXPORTERS = {"pdf": render_pdf_cached, "xlsx": workbook_bytes}


class Command(BaseCommand):
    help = "Mengekspor matriks rencana aksi satu satker dan tahun ke berkas PDF atau Excel."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version selects the plan's version here, replacing Django's "show my version".
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        add_satker_year(parser)
        parser.add_argument("--format", required=True, choices=sorted(EXPORTERS))
        parser.add_argument("--output", required=True, help="berkas tujuan")
        parser.add_argument("--version", type=int, help="versi rencana (bawaan: versi terakhir)")

    def handle(self, *args, **options):
        plan = find_plan(options["satker"], options["year"], options["version"])
        write_output(self, options["output"], EXPORTERS[options["format"]](plan), plan)


def find_plan(code, year, version=None):
    """The plan of satker ``code`` for ``year``: the given version or the latest one."""
    satker = Satker.objects.filter(code=code).first()
    if satker is None:
        raise CommandError(f"Satker dengan kode {code} tidak ditemukan.")
    plans = RencanaAksi.objects.filter(satker=satker, year=year).select_related("satker")
    plan = plans.filter(version=version).first() if version else plans.order_by("-version").first()
    if plan is None:
        which = f"versi {version} " if version else ""
        raise CommandError(f"Rencana aksi {which}{satker.name} tahun {year} tidak ditemukan.")
    return plan
