"""A satker's Rencana Aksi for a year, one row per version, and its workflow steps."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans import layouts, vocabulary
from plans.models.satker import Satker, SatkerRole


class RencanaAksiQuerySet(models.QuerySet):
    def for_user(self, user):
        """The plans ``user`` may see: every plan for admins, else their satkers' plans and,
        for secretaries and leadership, the plans of the satkers below theirs."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        roles = SatkerRole.objects.filter(user=user)
        readers = roles.filter(role__in=[SatkerRole.Role.SEKRETARIS, SatkerRole.Role.PIMPINAN])
        own = roles.values("satker")
        below = readers.values("satker")
        return self.filter(
            Q(satker__in=own) | Q(satker__parent__in=below) | Q(satker__parent__parent__in=below)
        )

    def current(self):
        """The latest version of each satker and year."""
        return self.filter(is_latest=True)

    def with_totals(self):
        """Annotate ``total_biaya`` (None when no line has a cost) and ``line_count``."""
        from plans.models.tree import RencanaKegiatan  # the tree is defined below the plan

        lines = RencanaKegiatan.objects.filter(plan=models.OuterRef("pk")).order_by()
        return self.annotate(
            total_biaya=models.Subquery(
                lines.values("plan").annotate(total=Sum("biaya")).values("total")
            ),
            line_count=models.Subquery(
                lines.values("plan").annotate(count=models.Count("pk")).values("count")
            ),
        )


class RencanaAksi(models.Model):
    """One version of the action plan of a satker for a budget year.

    Revisions are new rows with ``version`` 2, 3, ... pointing back through ``revision_of``;
    ``is_latest`` marks the version users work on, and only one per satker and year may carry
    it. An approved version stays as it was and becomes ``superseded`` once its revision is
    approved.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        RETURNED = "returned", _("Dikembalikan")
        APPROVED = "approved", _("Disetujui")
        SUPERSEDED = "superseded", _("Digantikan")

    class Paper(models.TextChoices):
        A4 = "A4", "A4 (210 × 297 mm)"
        F4 = "F4", "F4/Folio (215 × 330 mm)"

    class MonthStyle(models.TextChoices):
        NUMBER = "angka", "1 … 12"
        B = "b", "B 1 … B 12"

    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(
        _("tahun anggaran"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    is_latest = models.BooleanField(_("versi terkini"), default=True)
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("revisi dari"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    revision_reason = models.TextField(_("alasan revisi"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    title = models.TextField(
        _("judul"), help_text=_("Baris judul seperti tercetak, satu baris per baris.")
    )
    columns = models.JSONField(
        _("kolom matriks"),
        default=layouts.default_columns,
        validators=[layouts.validate_columns],
    )
    column_labels = models.JSONField(
        _("label kolom"), default=dict, blank=True, validators=[layouts.validate_column_labels]
    )
    month_style = models.CharField(
        _("judul kolom bulan"), max_length=5, choices=MonthStyle.choices, default=MonthStyle.NUMBER
    )
    show_column_numbers = models.BooleanField(_("cetak baris nomor kolom"), default=False)
    paper = models.CharField(_("ukuran kertas"), max_length=2, choices=Paper.choices, default="A4")
    signatory_place = models.CharField(_("tempat"), max_length=100, blank=True)
    signatory_date = models.DateField(_("tanggal"), null=True, blank=True)
    signatory_acknowledge = models.CharField(
        _("baris pengantar"), max_length=100, blank=True, default="Mengetahui,"
    )
    signatory_title = models.TextField(_("jabatan penanda tangan"), blank=True)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("NIP"), max_length=30, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    verification_code = models.CharField(_("kode verifikasi"), max_length=16, blank=True)
    lock_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RencanaAksiQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["lock_version", "updated_at"])

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["-year", "satker__code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "year"],
                condition=Q(is_latest=True),
                name="one_current_plan_per_satker_year",
                violation_error_message="Satker ini sudah punya rencana aksi untuk tahun tersebut.",
            ),
            models.UniqueConstraint(
                fields=["satker", "year", "version"],
                name="unique_plan_version",
                violation_error_message="Versi ini sudah ada untuk satker dan tahun tersebut.",
            ),
            models.UniqueConstraint(
                fields=["verification_code"],
                condition=~Q(verification_code=""),
                name="unique_verification_code",
            ),
        ]

    def __str__(self):
        return f"Rencana Aksi {self.satker.name} {self.year} v{self.version}"

    def get_absolute_url(self):
        return reverse("plan_detail", args=[self.pk])

    @property
    def is_editable(self):
        """Only a draft or returned latest version may change; the rest goes through revision."""
        return self.is_latest and self.status in self.EDITABLE_STATUSES

    @property
    def title_lines(self):
        return [line for line in self.title.splitlines() if line.strip()]

    def column_label(self, key):
        return self.column_labels.get(key) or layouts.COLUMN_LABELS[key]

    def month_label(self, month):
        return vocabulary.month_label(self.month_style, month)

    def get_total_biaya(self):
        """The plan's total cost in Rupiah, summed by the database; each line counted once."""
        return self.lines.aggregate(total=Sum("biaya"))["total"] or 0


class StatusChange(models.Model):
    """One step of a plan's workflow: who moved it from which status to which, when and why.

    Returning a plan requires a reason; it is shown to the planner who fixes it.
    """

    plan = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=RencanaAksi.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=RencanaAksi.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        verbose_name = _("perubahan status")
        verbose_name_plural = _("perubahan status")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.plan} {self.from_status} -> {self.to_status}"
