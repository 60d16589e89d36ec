"""The akun catalogue planners pick budget codes from."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from budgets.akun import LEVELS, AkunCode, AkunError, normalise_akun, parse_akun
from budgets.rupiah import MAX_RUPIAH


class Akun(models.Model):
    """A budget code of the satkers' DIPA with its description.

    Lines keep their own code as printed, and its parts (``RencanaKegiatan.akun_*``) for
    grouping; the catalogue only suggests codes while typing and names them, so it keeps
    the code alone and reads its parts from it when asked.
    """

    code = models.CharField("kode", max_length=40, unique=True)
    uraian = models.CharField("uraian", max_length=300, blank=True)

    class Meta:
        verbose_name = "akun"
        verbose_name_plural = "katalog akun"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.uraian}".strip()

    def save(self, *args, **kwargs):
        self.code = str(parse_akun(self.code))
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.code,)

    def clean(self):
        try:
            self.code = str(parse_akun(self.code))
        except AkunError as error:
            raise ValidationError({"code": str(error)}) from error

    @property
    def parsed(self):
        return parse_akun(self.code)


class Pagu(models.Model):
    """The budget a satker holds for a year (DIPA/POK): the header its lines hang on.

    Replacing or editing the lines locks this row, so two imports of the same satker and year
    cannot interleave.
    """

    satker = models.ForeignKey("plans.Satker", on_delete=models.PROTECT, related_name="pagu")
    year = models.PositiveSmallIntegerField("tahun anggaran")
    source = models.CharField("sumber", max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pagu"
        verbose_name_plural = "pagu"
        ordering = ["-year", "satker__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "year"],
                name="one_pagu_per_satker_year",
                violation_error_message="Satker ini sudah punya pagu untuk tahun tersebut.",
            ),
        ]

    def __str__(self):
        return f"Pagu {self.satker} {self.year}"


class BudgetCodeParts(models.Model):
    """The parts of a budget code path, stored so that amounts roll up in the database."""

    kode = models.CharField("kode", max_length=60)
    kegiatan = models.CharField(max_length=4, blank=True, editable=False)
    kro = models.CharField(max_length=3, blank=True, editable=False)
    ro = models.CharField(max_length=3, blank=True, editable=False)
    komponen = models.CharField(max_length=3, blank=True, editable=False)
    subkomponen = models.CharField(max_length=2, blank=True, editable=False)
    akun = models.CharField(max_length=6, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.prepare()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "kode" in update_fields:
            kwargs["update_fields"] = {*update_fields, *LEVELS}
        super().save(*args, **kwargs)

    def clean(self):
        try:
            self.kode = str(parse_akun(self.kode))
        except AkunError as error:
            raise ValidationError({"kode": str(error)}) from error

    def prepare(self):
        """The code normalised and its six parts stored. Forms and importers refuse invalid
        codes first; one that slips past (``clean()`` skipped) keeps empty parts rather than
        wrong ones."""
        try:
            code = parse_akun(self.kode)
        except AkunError:
            self.kode = normalise_akun(self.kode)
            code = AkunCode()
        else:
            self.kode = str(code)
        for level, part in zip(LEVELS, code.path(), strict=True):
            setattr(self, level, part)
        return self

    @property
    def parsed(self):
        """The parsed code (an ``AkunCode``; empty when the stored text is not a code)."""
        try:
            return parse_akun(self.kode)
        except AkunError:
            return AkunCode()

    @property
    def jenis_belanja(self):
        """51 pegawai, 52 barang, 53 modal, 57 bantuan sosial; "" without a 6-digit akun."""
        return self.akun[:2]


class PaguLine(BudgetCodeParts):
    """One line of the DIPA/POK: a code path (usually down to the 6-digit akun), its uraian
    and its amount in whole Rupiah. Higher levels are sums of these lines."""

    pagu = models.ForeignKey(Pagu, on_delete=models.CASCADE, related_name="lines")
    uraian = models.CharField("uraian", max_length=300, blank=True)
    jumlah = models.BigIntegerField(
        "jumlah", validators=[MinValueValidator(0), MaxValueValidator(MAX_RUPIAH)]
    )

    class Meta:
        verbose_name = "baris pagu"
        verbose_name_plural = "baris pagu"
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["pagu", "kode"],
                name="one_pagu_line_per_code",
                violation_error_message="Kode ini sudah ada di pagu tersebut.",
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gte=0) & Q(jumlah__lte=MAX_RUPIAH),
                name="pagu_line_jumlah_in_range",
                violation_error_message="Jumlah pagu harus antara 0 dan Rp 1 triliun.",
            ),
        ]

    def __str__(self):
        return f"{self.kode} {self.uraian}".strip()


class OverPaguReason(models.Model):
    """Why the plan spends more than the pagu of one group (a code path such as
    ``3358.EBC.954``); every over-pagu group needs one before the plan can be submitted."""

    plan = models.ForeignKey(
        "plans.RencanaAksi", on_delete=models.CASCADE, related_name="over_pagu_reasons"
    )
    kode = models.CharField("kode", max_length=60)
    reason = models.TextField("alasan")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "alasan melebihi pagu"
        verbose_name_plural = "alasan melebihi pagu"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kode"],
                name="one_over_pagu_reason_per_group",
                violation_error_message="Alasan untuk kode ini sudah ada.",
            ),
        ]

    def __str__(self):
        return f"{self.kode}: {self.reason[:40]}"


class RealisasiAnggaran(BudgetCodeParts):
    """Money actually spent in one month on one code, as the treasury's export reports it."""

    satker = models.ForeignKey(
        "plans.Satker", on_delete=models.PROTECT, related_name="realisasi_anggaran"
    )
    year = models.PositiveSmallIntegerField("tahun anggaran")
    bulan = models.PositiveSmallIntegerField(
        "bulan", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    jumlah = models.BigIntegerField(
        "jumlah", validators=[MinValueValidator(0), MaxValueValidator(MAX_RUPIAH)]
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "realisasi anggaran"
        verbose_name_plural = "realisasi anggaran"
        ordering = ["satker__code", "year", "bulan", "kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "year", "kode", "bulan"],
                name="one_realisasi_anggaran_per_code_month",
                violation_error_message="Realisasi kode ini untuk bulan tersebut sudah ada.",
            ),
            models.CheckConstraint(
                condition=Q(bulan__gte=1) & Q(bulan__lte=12),
                name="realisasi_anggaran_month_1_12",
            ),
            models.CheckConstraint(
                condition=Q(jumlah__gte=0) & Q(jumlah__lte=MAX_RUPIAH),
                name="realisasi_anggaran_jumlah_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.kode} bulan {self.bulan}: {self.jumlah}"
