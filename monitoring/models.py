"""Following a plan through the year: realisasi per indicator and quarter, the execution of
its lines, evidence, and the quarterly report the secretary verifies.

A report belongs to the plan version in force when it is made (``plan``) and, so that a
satker has one report per quarter whatever revisions come, to its satker and year. Indicators
are matched across versions by ``uid`` (revisions and copies keep it).
"""

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budgets.rupiah import MAX_RUPIAH
from monitoring import capaian
from plans.models import IndikatorKinerja, RencanaAksi, RencanaKegiatan, Satker

QUARTERS = (1, 2, 3, 4)
QUARTER_NAMES = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
QUARTER_MONTHS = {1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9), 4: (10, 11, 12)}


class IndicatorMethod(models.Model):
    """How an indicator's capaian is computed: its direction, the lower-is-better form and
    the cumulative method. Keyed by the indicator's ``uid``, so it holds for every version
    and yearly copy of the indicator."""

    class Arah(models.TextChoices):
        NAIK = capaian.NAIK, _("Naik (makin tinggi makin baik)")
        TURUN = capaian.TURUN, _("Turun (makin rendah makin baik)")

    class Rumus(models.TextChoices):
        SELISIH = capaian.SELISIH, _("(2T − R) / T × 100")
        RASIO = capaian.RASIO, _("T / R × 100")

    class Metode(models.TextChoices):
        JUMLAH = capaian.JUMLAH, _("Jumlah (ΣR / ΣT)")
        TERAKHIR = capaian.TERAKHIR, _("Triwulan terakhir")
        RATA_RATA = capaian.RATA_RATA, _("Rata-rata")

    uid = models.UUIDField(unique=True)
    arah = models.CharField(_("arah"), max_length=8, choices=Arah.choices, default=Arah.NAIK)
    rumus = models.CharField(
        _("rumus bila turun"), max_length=8, choices=Rumus.choices, default=Rumus.SELISIH
    )
    metode = models.CharField(
        _("metode kumulatif"), max_length=10, choices=Metode.choices, default=Metode.JUMLAH
    )

    class Meta:
        verbose_name = _("cara hitung indikator")
        verbose_name_plural = _("cara hitung indikator")

    def __str__(self):
        return f"{self.get_arah_display()} · {self.get_metode_display()}"


class QuarterReport(models.Model):
    """The quarterly report of a satker: Draf -> Diajukan -> Diverifikasi, or Dikembalikan.
    A verified report is frozen like an approved plan."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        RETURNED = "returned", _("Dikembalikan")
        VERIFIED = "verified", _("Diverifikasi")

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="quarter_reports")
    year = models.PositiveSmallIntegerField(_("tahun"))
    tw = models.PositiveSmallIntegerField(
        _("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    plan = models.ForeignKey(RencanaAksi, on_delete=models.PROTECT, related_name="quarter_reports")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reopened = models.BooleanField(_("dibuka kembali setelah batas waktu"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("alasan pengembalian"), blank=True)
    verification_code = models.CharField(_("kode verifikasi"), max_length=16, blank=True)
    signatory_place = models.CharField(_("tempat"), max_length=100, blank=True)
    signatory_title = models.TextField(_("jabatan penanda tangan"), blank=True)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("NIP"), max_length=30, blank=True)
    lock_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["lock_version", "updated_at"])

    class Meta:
        verbose_name = _("laporan triwulan")
        verbose_name_plural = _("laporan triwulan")
        ordering = ["-year", "satker__code", "tw"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "year", "tw"],
                name="one_report_per_satker_quarter",
                violation_error_message="Satker ini sudah punya laporan untuk triwulan ini.",
            ),
            models.UniqueConstraint(
                fields=["verification_code"],
                condition=~Q(verification_code=""),
                name="unique_report_verification_code",
            ),
        ]

    def __str__(self):
        return f"Laporan {QUARTER_NAMES[self.tw]} {self.year} {self.satker.name}"

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def quarter_name(self):
        return QUARTER_NAMES[self.tw]


class Realisasi(models.Model):
    """What one indicator achieved in one quarter, as written and as a figure (an empty
    value is not 0), with the narrative and the secretary's feedback."""

    report = models.ForeignKey(QuarterReport, on_delete=models.CASCADE, related_name="realisasi")
    indikator = models.ForeignKey(
        IndikatorKinerja, on_delete=models.PROTECT, related_name="realisasi"
    )
    value_text = models.CharField(_("realisasi"), max_length=100, blank=True)
    value = models.DecimalField(
        _("nilai realisasi"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    alasan = models.TextField(_("alasan bila capaian tidak dapat dihitung"), blank=True)
    faktor_pendukung = models.TextField(_("faktor pendukung"), blank=True)
    faktor_penghambat = models.TextField(_("faktor penghambat"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    tanggapan = models.TextField(_("tanggapan atasan"), blank=True)
    returned = models.BooleanField(_("dikembalikan"), default=False)
    lock_version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["lock_version"])

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indikator"], name="one_realisasi_per_indicator_quarter"
            )
        ]

    def __str__(self):
        return f"{self.indikator} {self.report.quarter_name}: {self.value_text or '-'}"

    def save(self, *args, **kwargs):
        self.value_text = self.value_text.strip()
        self.value = capaian.read_number(self.value_text)
        super().save(*args, **kwargs)


def evidence_path(evidence, filename):
    """Outside the public media: served only through the access helper."""
    report = evidence.realisasi.report
    return f"bukti/{report.year}/{report.satker.code}/tw{report.tw}/{filename}"


class _PrivateStorage(LazyObject):
    """``STORAGES["private"]``, looked up on every use rather than once at import, so a
    changed setting (a test's temporary root) is followed; ``default_storage`` is the model."""

    def _setup(self):
        self._wrapped = storages["private"]

    def __getattr__(self, name):
        return getattr(storages["private"], name)


_private_storage = _PrivateStorage()


def private_storage():
    """Evidence files: under PRIVATE_MEDIA_ROOT, outside the public media, with no URL that
    serves them (a callable, so migrations do not depend on the setting)."""
    return _private_storage


class Evidence(models.Model):
    """Bukti dukung of one realisasi: a file (type checked from its content) or a link.
    Replacing a file keeps the earlier one, marked ``replaced_by``, in the history."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        _("berkas"),
        upload_to=evidence_path,
        storage=private_storage,
        blank=True,
        max_length=300,
    )
    link = models.URLField(_("tautan"), blank=True, max_length=500)
    name = models.CharField(_("nama"), max_length=200)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""), name="evidence_is_a_file_or_a_link"
            )
        ]

    def __str__(self):
        return self.name


class LineExecution(models.Model):
    """Whether a line ran in a scheduled month, and what it spent."""

    class Status(models.TextChoices):
        DONE = "terlaksana", _("Terlaksana")
        PARTLY = "sebagian", _("Sebagian")
        NOT_DONE = "tidak", _("Tidak terlaksana")

    report = models.ForeignKey(QuarterReport, on_delete=models.CASCADE, related_name="executions")
    line = models.ForeignKey(RencanaKegiatan, on_delete=models.PROTECT, related_name="executions")
    month = models.PositiveSmallIntegerField(
        _("bulan"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    status = models.CharField(_("pelaksanaan"), max_length=10, choices=Status.choices, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    anggaran = models.BigIntegerField(
        _("realisasi anggaran"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_RUPIAH)],
    )

    class Meta:
        verbose_name = _("pelaksanaan kegiatan")
        verbose_name_plural = _("pelaksanaan kegiatan")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "line", "month"], name="one_execution_per_line_month"
            ),
            models.CheckConstraint(
                condition=Q(anggaran__isnull=True)
                | (Q(anggaran__gte=0) & Q(anggaran__lte=MAX_RUPIAH)),
                name="execution_anggaran_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.line} bulan {self.month}: {self.get_status_display() or '-'}"


class InputWindow(models.Model):
    """Until when a quarter's realisasi may be entered; after that only a secretary reopens.
    Without a row the window closes on the 10th of the month after the quarter."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    tw = models.PositiveSmallIntegerField(
        _("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    closes_on = models.DateField(_("batas pengisian"))

    class Meta:
        verbose_name = _("batas pengisian")
        verbose_name_plural = _("batas pengisian")
        constraints = [
            models.UniqueConstraint(fields=["year", "tw"], name="one_window_per_quarter")
        ]

    def __str__(self):
        return f"{QUARTER_NAMES[self.tw]} {self.year}: {self.closes_on:%d-%m-%Y}"

    @staticmethod
    def default_close(year, tw):
        """The 10th of the month after the quarter (10 January of the next year for TW IV)."""
        month = tw * 3 + 1
        return datetime.date(year + month // 13, (month - 1) % 12 + 1, 10)

    @classmethod
    def closes(cls, year, tw):
        window = cls.objects.filter(year=year, tw=tw).first()
        return window.closes_on if window else cls.default_close(year, tw)


class CapaianBand(models.Model):
    """A colour band of capaian: from ``lower`` (inclusive) up to the next band. The
    defaults are < 60, 60-80, 80-95, 95-105 and > 105; an admin may change them."""

    lower = models.DecimalField(_("mulai dari (%)"), max_digits=7, decimal_places=2, unique=True)
    label = models.CharField(_("nama"), max_length=40)
    color = models.CharField(_("warna"), max_length=7, help_text=_("Kode warna, misalnya #92d050."))

    class Meta:
        verbose_name = _("pita capaian")
        verbose_name_plural = _("pita capaian")
        ordering = ["lower"]

    def __str__(self):
        return f"≥ {self.lower}%: {self.label}"


class ReminderSent(models.Model):
    """A reminder mailed to a satker's planners that a quarter's window is closing, kept so
    that ``kirim_pengingat`` may run every day (and again) without mailing twice."""

    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    tw = models.PositiveSmallIntegerField(
        _("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    sent_on = models.DateField(_("tanggal kirim"))
    days_left = models.PositiveSmallIntegerField(_("hari sebelum batas"))
    recipients = models.TextField(_("penerima"), blank=True)

    class Meta:
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        ordering = ["-sent_on", "satker__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "year", "tw", "sent_on"], name="one_reminder_per_satker_day"
            )
        ]

    def __str__(self):
        return f"{self.satker} {QUARTER_NAMES[self.tw]} {self.year}: {self.sent_on:%d-%m-%Y}"
