"""Satkers (work units) and the roles users hold in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Satker(models.Model):
    """A work unit (satuan kerja): KPU RI, a KPU Provinsi or a KPU Kabupaten/Kota.

    ``code`` is the natural key every command and import takes (``KPU-KOTA-TOMOHON``).
    ``kode_wilayah`` is the Kemendagri code of the region the satker serves (``71.73``; blank
    for KPU RI), by which ``load_satkers`` finds it again when the region is renamed. The
    secretary fields are the defaults of a plan's signatory block.
    """

    class Level(models.TextChoices):
        RI = "ri", "KPU RI"
        PROVINSI = "provinsi", "KPU Provinsi"
        KABKOTA = "kabkota", "KPU Kabupaten/Kota"

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kode_wilayah = models.CharField(
        _("kode wilayah Kemendagri"),
        max_length=13,
        blank=True,
        help_text=_("Mis. 75.01 untuk Kabupaten Gorontalo; kosong untuk KPU RI."),
    )
    city = models.CharField(_("kota tempat tanda tangan"), max_length=100, blank=True)
    secretary_title = models.TextField(
        _("jabatan sekretaris"),
        blank=True,
        help_text=_("Seperti tercetak, boleh beberapa baris."),
    )
    secretary_name = models.CharField(_("nama sekretaris"), max_length=200, blank=True)
    secretary_nip = models.CharField(_("NIP sekretaris"), max_length=30, blank=True)

    class Meta:
        verbose_name = "satker"
        verbose_name_plural = "satker"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="ri") | Q(parent__isnull=False),
                name="satker_below_ri_has_parent",
                violation_error_message="Satker provinsi dan kabupaten/kota harus punya induk.",
            ),
            models.UniqueConstraint(
                fields=["kode_wilayah"],
                condition=~Q(kode_wilayah=""),
                name="unique_satker_kode_wilayah",
                violation_error_message="Kode wilayah ini sudah dipakai satker lain.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)

    def clean(self):
        expected_parent = {
            self.Level.PROVINSI: self.Level.RI,
            self.Level.KABKOTA: self.Level.PROVINSI,
        }.get(self.level)
        if self.level == self.Level.RI and self.parent_id:
            raise ValidationError({"parent": "KPU RI tidak punya induk."})
        if expected_parent and self.parent and self.parent.level != expected_parent:
            label = self.Level(expected_parent).label
            raise ValidationError({"parent": f"Induk satker ini harus {label}."})


class SatkerRole(models.Model):
    """What a user may do for one satker: plan, approve, or read (leadership).

    Secretaries and leadership of a province also read the plans of the satkers below it.
    Admins are Django staff users and need no role.
    """

    class Role(models.TextChoices):
        PERENCANA = "perencana", _("Perencana")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        PIMPINAN = "pimpinan", _("Pimpinan (baca saja)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="satker_roles"
    )
    satker = models.ForeignKey(Satker, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "satker"],
                name="one_role_per_user_and_satker",
                violation_error_message="Pengguna ini sudah punya peran di satker ini.",
            ),
        ]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()} {self.satker.code}"
