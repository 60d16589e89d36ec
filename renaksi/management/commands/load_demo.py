"""Demo data of the whole project: the plans' (``plans.demo``), then the monitoring of the
Gorontalo 2023 plan on top (``monitoring.demo``) and its pagu and realisation
(``budgets.demo``, after the plan's approval: the plan exceeds its pagu in one RO). A project
command, because ``plans`` never imports ``monitoring`` or ``budgets``' models; idempotent,
re-running changes nothing."""

import time

from django.core.management.base import BaseCommand

from budgets import demo as budgets_demo
from monitoring import demo as monitoring_demo
from plans import demo as plans_demo


class Command(BaseCommand):
    help = (
        "Memuat data demo: satker, pengguna demo, dua rencana aksi 2023 dari seed, "
        "kabupaten/kota Gorontalo dengan rencananya, katalog akun, dan pemantauan triwulan "
        "rencana aksi KPU Provinsi Gorontalo 2023 dengan pagu dan realisasi anggarannya."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanpa-pemantauan",
            action="store_true",
            help=(
                "Tanpa data pemantauan: rencana aksi KPU Provinsi Gorontalo 2023 tetap draf, "
                "tanpa pagu dan realisasi anggaran (untuk pengujian yang menyuntingnya)."
            ),
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        plans_demo.load(self.stdout)
        if not options["tanpa_pemantauan"]:
            monitoring_demo.load(self.stdout)
            budgets_demo.load(self.stdout)
        plans_demo.write_logins(self.stdout)
        if options["verbosity"] > 1:
            self.stdout.write(f"Selesai dalam {time.perf_counter() - started:.2f} detik.")
