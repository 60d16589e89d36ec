"""The forms of the pagu page: one line, and the upload of a DIPA/POK sheet."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from budgets.forms import AkunField, RupiahField
from budgets.models import PaguLine


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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Berkas terlalu besar; batasnya %(limit)s MB."),
                params={"limit": limit // (1024 * 1024)},
            )
        return upload
