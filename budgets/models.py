"""The akun catalogue planners pick budget codes from."""

from django.core.exceptions import ValidationError
from django.db import models

from budgets.akun import AkunError, parse_akun


class Akun(models.Model):
    """A budget code of the satkers' DIPA with its description, stored as parts.

    Lines keep their own code as printed; the catalogue only suggests codes while typing and
    names them in totals.
    """

    code = models.CharField("kode", max_length=40, unique=True)
    kegiatan = models.CharField(max_length=4, editable=False)
    kro = models.CharField("KRO", max_length=3, editable=False)
    ro = models.CharField("RO", max_length=3, blank=True, editable=False)
    komponen = models.CharField(max_length=3, blank=True, editable=False)
    belanja = models.CharField(max_length=6, blank=True, editable=False)
    uraian = models.CharField("uraian", max_length=300, blank=True)

    class Meta:
        verbose_name = "akun"
        verbose_name_plural = "katalog akun"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.uraian}".strip()

    def save(self, *args, **kwargs):
        code = parse_akun(self.code)
        self.code = str(code)
        self.kegiatan, self.kro, self.ro, self.komponen, self.belanja = code.parts()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.code,)

    def clean(self):
        try:
            self.code = str(parse_akun(self.code))
        except AkunError as error:
            raise ValidationError({"code": str(error)}) from error
