"""Print runs: a province's or the nation's approved plans as one booklet or one ZIP, made by
background jobs (``printing.jobs``) and kept in private storage until downloaded."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from monitoring.models import private_storage
from plans.models import RencanaAksi, Satker


class PrintRun(models.Model):
    """One request to print every approved plan of a satker's scope (the satker and the
    satkers below it) for a year. Its parts are rendered by separate jobs, then assembled;
    the output appears under its final name only when complete (written aside, then renamed)."""

    class Format(models.TextChoices):
        PDF = "pdf", _("Buku PDF")
        ZIP = "zip", _("ZIP (PDF dan Excel)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Sedang dicetak")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    FINISHED = (Status.DONE, Status.FAILED)

    satker = models.ForeignKey(
        Satker, verbose_name=_("satker"), on_delete=models.PROTECT, related_name="print_runs"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    format = models.CharField(_("format"), max_length=3, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("pesan kesalahan"), blank=True)
    output = models.FileField(_("berkas"), storage=private_storage, blank=True, max_length=300)
    # The address the plans' QR codes lead to, as the single downloads print it.
    site_url = models.CharField(max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("cetakan")
        verbose_name_plural = _("cetakan")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.satker.name} {self.year} ({self.format})"

    def get_absolute_url(self):
        return reverse("print_run_detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.status in self.FINISHED


class PrintPart(models.Model):
    """One satker of a run, in print order: its approved plan, or none ("belum disetujui"),
    which the cover lists without a page. ``done_at`` is set when the plan's files are stored,
    so a part rendered twice (a retried job) counts once."""

    run = models.ForeignKey(PrintRun, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveIntegerField()
    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(
        RencanaAksi, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "position"],
                name="print_part_position_unique",
                violation_error_message="Satu urutan hanya untuk satu satker dalam satu cetakan.",
            )
        ]

    def __str__(self):
        return f"{self.run_id}#{self.position} {self.satker_id}"
