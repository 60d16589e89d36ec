"""Print the RPD (Halaman III DIPA) of a satker's plan for a year: months × jenis belanja."""

import json

from django.core.management.base import BaseCommand, CommandError

from budgets.exports.common import HEADINGS, rpd_rows, source_line
from budgets.rpd import plan_for_rpd, rpd_table
from plans.management.commands._common import EXIT_USAGE, add_satker_year, find_satker


class Command(BaseCommand):
    help = (
        "Mencetak rencana penarikan dana (Halaman III DIPA) satu satker dan tahun: biaya setiap "
        "baris rencana aksi per bulan dan jenis belanja. Rencana yang dipakai: versi disetujui "
        "bila ada, selain itu versi terakhir."
    )

    def add_arguments(self, parser):
        add_satker_year(parser)
        parser.add_argument(
            "--json",
            action="store_true",
            help='cetak sebagai JSON: {"bulan": {"1": {"51": n, ...}, ...}, '
            '"tanpa_jadwal": n, "total": n}',
        )

    def handle(self, *args, **options):
        satker = find_satker(options["satker"])
        plan = plan_for_rpd(satker, options["year"])
        if plan is None:
            raise CommandError(
                f"{satker.name} belum punya rencana aksi tahun {options['year']}.",
                returncode=EXIT_USAGE,
            )
        table = rpd_table(plan)
        if options["json"]:
            self.stdout.write(json.dumps(table.as_json(), ensure_ascii=False))
            return
        self.stdout.write(f"Rencana penarikan dana {satker.name} tahun {plan.year}")
        self.stdout.write(source_line(plan))
        self.stdout.write(_line(HEADINGS))
        for row in rpd_rows(table):
            self.stdout.write(_line([row.label, *row.texts]))


def _line(texts):
    """The label left-aligned, the amounts right-aligned under headings as wide as needed."""
    widths = [max(16, len(label)) for label in HEADINGS[1:]]
    cells = [texts[0].ljust(14)]
    cells += [text.rjust(width) for text, width in zip(texts[1:], widths, strict=True)]
    return "  ".join(cells)
