"""Delete import uploads kept for a preview that nobody confirmed (``MEDIA_ROOT/imports``)."""

from django.core.management.base import BaseCommand, CommandError

from plans.importers import uploads


class Command(BaseCommand):
    help = (
        "Menghapus berkas impor yang diunggah untuk pratinjau tetapi tidak pernah dikonfirmasi, "
        "yang lebih tua dari --hours jam (bawaan 24). Aman dijalankan kapan saja."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=24,
            help="umur minimum berkas yang dihapus, dalam jam (bawaan 24)",
        )

    def handle(self, *args, hours, **options):
        if hours < 0:
            raise CommandError("--hours tidak boleh negatif.", returncode=2)
        removed = uploads.remove_abandoned(hours)
        for path, age in removed:
            self.stdout.write(f"Dihapus: {path} (diunggah {age:.0f} jam lalu)")
        self.stdout.write(f"{len(removed)} unggahan impor lama dihapus (lebih dari {hours} jam).")
