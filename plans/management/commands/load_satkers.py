"""Make the 553 satkers (KPU RI, 38 provinces, 514 kabupaten/kota) from Kemendagri's regions."""

from django.core.management.base import BaseCommand, CommandError

from plans.management.commands._common import EXIT_REFUSED, existing_file
from plans.wilayah import SOURCE, SourceError, load_satkers, read_regions


class Command(BaseCommand):
    help = (
        "Membuat atau memperbarui satker KPU RI, KPU Provinsi dan KPU Kabupaten/Kota dari "
        "data wilayah Kemendagri (plans/data/wilayah-kemendagri.csv). Boleh dijalankan "
        "berulang: satker yang sudah ada dicari menurut kode wilayah, kode satker, lalu nama, "
        "dan kodenya tidak berubah. Keluar 0 bila berhasil, 1 bila data wilayah salah (tidak "
        "ada yang disimpan), 2 bila pemakaian salah."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(SOURCE), help="berkas CSV wilayah (kode,tingkat,nama,induk)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="hanya hitung; tidak ada yang disimpan"
        )
        parser.add_argument(
            "--list", action="store_true", help="sebutkan kode satker yang dibuat dan diubah"
        )

    def handle(self, *args, **options):
        path = existing_file(options["file"])
        try:
            outcome = load_satkers(read_regions(path), dry_run=options["dry_run"])
        except SourceError as error:
            for message in error.errors:
                self.stdout.write(self.style.ERROR(f"Kesalahan: {message}"))
            raise CommandError(
                f"{len(error.errors)} kesalahan; tidak ada yang disimpan.", returncode=EXIT_REFUSED
            ) from error
        if options["list"]:
            for label, codes in (("dibuat", outcome.created), ("diubah", outcome.updated)):
                for code in codes:
                    self.stdout.write(f"  {label}: {code}")
        done = "akan dibuat" if options["dry_run"] else "dibuat"
        changed = "akan diubah" if options["dry_run"] else "diubah"
        self.stdout.write(
            f"Satker: {len(outcome.created)} {done}, {len(outcome.updated)} {changed}, "
            f"{len(outcome.unchanged)} tetap"
            + (" (uji coba, tidak ada yang disimpan)." if options["dry_run"] else ".")
        )
