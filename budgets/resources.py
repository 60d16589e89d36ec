"""The akun catalogue as a flat table for the admin's import and export, matched by code."""

from import_export import resources

from budgets.akun import parse_akun
from budgets.models import Akun


class AkunResource(resources.ModelResource):
    """Codes are normalised before matching, so ``3358.ebc.954.a`` updates ``3358.EBC.954.A``;
    an invalid code is a row error naming the expected form."""

    class Meta:
        model = Akun
        fields = ["code", "uraian"]
        import_id_fields = ["code"]
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        row["code"] = str(parse_akun(row.get("code") or ""))
