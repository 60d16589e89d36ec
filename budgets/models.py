"""The akun catalogue planners pick budget codes from."""

from django.core.exceptions import ValidationError
from django.db import models

from budgets.akun import AkunError, parse_akun


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
