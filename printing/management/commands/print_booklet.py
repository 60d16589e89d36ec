"""Print a satker's scope - the nation (KPU-RI), a province with its kabupaten/kota, or one
kabupaten/kota - as one booklet PDF or a ZIP of every PDF and Excel, through the same jobs as
the page: on the RQ workers when REDIS_URL is set (waiting for them), else in this process."""

import shutil
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plans.management.commands._common import EXIT_REFUSED, add_satker_year, find_satker
from printing import jobs
from printing.models import PrintRun

POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = (
        "Mencetak buku rencana aksi yang disetujui untuk satu satker dan satker di bawahnya "
        "(KPU-RI: seluruh Indonesia; provinsi: beserta kabupaten/kotanya) ke PDF atau ZIP."
    )

    def add_arguments(self, parser):
        add_satker_year(parser, example="KPU-PROV-GORONTALO")
        parser.add_argument("--output", required=True, help="berkas tujuan")
        parser.add_argument("--format", choices=PrintRun.Format.values, default="pdf")
        parser.add_argument(
            "--timeout",
            type=int,
            default=3600,
            help="detik menunggu pekerja RQ (bawaan 3600)",
        )

    def handle(self, *args, satker, year, output, format, timeout, **options):
        scope = find_satker(satker)
        run = jobs.create_run(scope, year, format, settings.SITE_URL)
        if run is None:
            raise CommandError(
                f"Belum ada rencana aksi {scope.name} tahun {year} yang disetujui.",
                returncode=EXIT_REFUSED,
            )
        parts = run.parts.filter(plan__isnull=False).count()
        if jobs.uses_queue():
            jobs.enqueue(run.pk)
            self.stdout.write(f"Cetakan {run.pk}: {parts} rencana aksi masuk antrean RQ.")
            run = self.wait(run, timeout)
        else:
            self.stdout.write(f"Cetakan {run.pk}: {parts} rencana aksi dicetak di proses ini.")
            jobs.run_inline(run.pk)
            run.refresh_from_db()
        if run.status != PrintRun.Status.DONE:
            raise CommandError(run.error or "Pencetakan tidak selesai.", returncode=EXIT_REFUSED)
        try:
            with run.output.open("rb") as source, open(output, "wb") as target:
                shutil.copyfileobj(source, target)
        except OSError as error:
            raise CommandError(f"Berkas {output} tidak dapat ditulis: {error}") from error
        size = run.output.size
        self.stdout.write(f"{run.get_format_display()} disimpan ke {output} ({size:,} bita).")

    def wait(self, run, timeout):
        """Until the workers finish ``run`` (or ``timeout`` seconds pass)."""
        deadline = time.monotonic() + timeout
        done = -1
        while not run.is_finished:
            if time.monotonic() > deadline:
                jobs.fail(run.pk, f"Tidak selesai dalam {timeout} detik.")
            else:
                time.sleep(POLL_SECONDS)
            jobs.refresh(run)
            run.refresh_from_db()
            now = run.parts.filter(done_at__isnull=False).count()
            if now != done:
                done = now
                self.stdout.write(f"  {done} rencana aksi selesai dicetak.")
        return run
