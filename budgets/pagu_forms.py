"""The forms of the pagu page: one line, and the upload of a DIPA/POK sheet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.forms import AkunField, RupiahField
from budgets.models import PaguLine
from plans.importers.forms import ImportForm


class PaguLineForm(forms.ModelForm):
    """A pagu line: its code path (normalised, refused when malformed), uraian and amount."""

    kode = AkunField(
        required=True,
        max_length=60,
        label=_("Kode"),
        help_text=_("Jalur kode, misalnya 3358.EBC.954.051.A.521211 atau 3358.EBC.954.A."),
    )
    jumlah = RupiahField(required=True, label=_("Jumlah (Rp)"))

    class Meta:
        model = PaguLine
        fields = ["kode", "uraian", "jumlah"]
        labels = {"uraian": _("Uraian")}


class PaguUploadForm(forms.Form):
    """A DIPA/POK sheet: flat (kode, uraian, jumlah) or the POK layout; CSV or Excel."""

    file = forms.FileField(label=_("Berkas pagu (.csv, .xlsx atau .xls)"))
    clean_file = ImportForm.clean_file  # the same size limit as the plan import
