"""The upload form of the admins' import page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from plans.models import Satker


class ImportForm(forms.Form):
    """A legacy workbook and what to override; satker and year are read from the title rows
    when left empty. Whether to replace an existing draft is asked on the preview, once the
    admin sees what the file holds."""

    file = forms.FileField(label=_("Berkas Excel (.xlsx atau .xls)"))
    satker = forms.ModelChoiceField(
        Satker.objects.all(),
        required=False,
        to_field_name="code",
        label=_("Satker"),
        empty_label=_("(baca dari judul berkas)"),
    )
    year = forms.IntegerField(
        label=_("Tahun anggaran"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Kosongkan untuk membaca tahun dari judul berkas."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Berkas terlalu besar; batasnya %(limit)s MB."),
                params={"limit": limit // (1024 * 1024)},
            )
        return upload
