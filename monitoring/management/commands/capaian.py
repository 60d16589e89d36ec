"""Print the capaian of a satker's indicators for one quarter, in plan order."""

import json

from django.core.management.base import BaseCommand, CommandError

from monitoring import capaian
from monitoring.models import QUARTER_NAMES, QUARTERS, QuarterReport
from monitoring.summary import summarize
from plans.management.commands._common import (
    EXIT_REFUSED,
    add_satker_year,
    find_satker,
)


class Command(BaseCommand):
    help = (
        "Mencetak capaian setiap indikator satu satker untuk satu triwulan (bawaan: triwulan "
        "terakhir yang punya laporan), urut seperti rencana aksi."
    )

    def add_arguments(self, parser):
        add_satker_year(parser)
        parser.add_argument("--tw", type=int, choices=QUARTERS, help="triwulan (bawaan: terakhir)")
        parser.add_argument("--json", action="store_true", help="cetak sebagai daftar JSON")

    def handle(self, *args, **options):
        satker = find_satker(options["satker"])
        reports = QuarterReport.objects.filter(satker=satker, year=options["year"])
        if options["tw"]:
            reports = reports.filter(tw=options["tw"])
        report = reports.select_related("satker", "plan__satker").order_by("-tw").first()
        if report is None:
            which = QUARTER_NAMES[options["tw"]] + " " if options["tw"] else ""
            raise CommandError(
                f"Belum ada laporan {which}{satker.name} tahun {options['year']}.",
                returncode=EXIT_REFUSED,
            )
        rows = [capaian_row(row) for row in summarize(report)]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"Capaian {report}")
        for number, row in enumerate(rows, start=1):
            self.stdout.write(
                f"{number}. {row['indikator']}: target {row['target_tw_teks'] or '-'}, "
                f"realisasi {row['realisasi_tw_teks'] or '-'}, capaian "
                f"{_percent(row['capaian_tw'])} (kumulatif {_percent(row['capaian_kumulatif'])})"
                + (f" - {row['alasan']}" if row["alasan"] else "")
            )


def capaian_row(row):
    """One indicator of ``monitoring.summary.summarize`` as the JSON object of the command:
    figures as numbers (two decimals for capaian), null where there is none."""
    realisasi = row.realisasi
    target = capaian.read_target(row.target_tw)
    planner_reason = realisasi.alasan if realisasi else ""
    return {
        "uid": str(row.indikator.uid),
        "indikator": row.indikator.text,
        "satuan": row.satuan,
        "arah": row.method.arah,
        "rumus": row.method.rumus,
        "metode": row.method.metode,
        "target_tw": None if target.is_range else _number(target.value),
        "target_tw_teks": row.target_tw,
        "realisasi_tw": _number(realisasi.value) if realisasi else None,
        "realisasi_tw_teks": realisasi.value_text if realisasi else "",
        "capaian_tw": _number(row.capaian_tw.value),
        "capaian_kumulatif": _number(row.capaian_kumulatif.value),
        "alasan": planner_reason or row.capaian_tw.reason or row.capaian_kumulatif.reason or None,
    }


def _number(value):
    return None if value is None else float(value)


def _percent(value):
    return "-" if value is None else f"{value:.2f}%".replace(".", ",")
