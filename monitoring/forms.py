"""Forms of the quarter page, one per piece saved on its own; messages in Bahasa Indonesia.

Many indicators share the page, so each form gets its own ``auto_id`` (ids unique on the
page) while its field names stay plain.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.forms import RupiahField
from monitoring import capaian
from monitoring.models import CapaianBand, IndicatorMethod, LineExecution, Realisasi
from plans.params import parse_int
from plans.vocabulary import MONTH_NAMES

HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
CONFLICT = _("Sudah diubah orang lain menjadi: %(value)s. Simpan lagi untuk menimpanya.")


def mark_conflicts(form, saved, sent):
    """A stale form shown again: beside each field whose saved value differs from what was
    sent, the saved value. ``saved`` maps a field to ``(value, as shown)``; ``sent(name)``
    is what the form posted for it. The form carries the newer version, so saving again
    overwrites."""
    form.is_valid()
    for name, (value, shown) in saved.items():
        if (value or None) != (sent(name) or None):
            form.add_error(name, CONFLICT % {"value": shown or _("(kosong)")})
    return form


class RealisasiForm(forms.ModelForm):
    """A planner's realisasi of one indicator with the narrative; ``lock_version`` travels
    along to detect a concurrent edit."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Realisasi
        fields = ["value_text", "alasan", "faktor_pendukung", "faktor_penghambat", "tindak_lanjut"]
        labels = {"value_text": _("Realisasi"), "alasan": _("Alasan")}
        widgets = {
            "value_text": forms.TextInput(attrs={"autocomplete": "off"}),
            "alasan": forms.Textarea(attrs={"rows": 2}),
            "faktor_pendukung": forms.Textarea(attrs={"rows": 2}),
            "faktor_penghambat": forms.Textarea(attrs={"rows": 2}),
            "tindak_lanjut": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "value_text": _("Angka seperti target ditulis: 95, 95,5% atau 3 Dokumen."),
            "alasan": _("Wajib sebelum diajukan bila capaian tidak dapat dihitung."),
        }

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = targets  # the quarter's and the annual target: their unit may follow
        if not self.is_bound:
            self.initial["lock_version"] = self.instance.lock_version if self.instance.pk else 0

    def clean_value_text(self):
        text = self.cleaned_data["value_text"].strip()
        problem = capaian.realisasi_problem(text, *self.targets)
        if problem:
            raise forms.ValidationError(problem)
        return text

    @property
    def narrative_fields(self):
        return [self[name] for name in ("faktor_pendukung", "faktor_penghambat", "tindak_lanjut")]


class TanggapanForm(forms.Form):
    """The secretary's feedback on one indicator."""

    tanggapan = forms.CharField(
        label=_("Tanggapan atasan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MethodForm(forms.ModelForm):
    """How an indicator's capaian is computed; ``loaded`` is the fingerprint of the values
    the form showed."""

    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = IndicatorMethod
        fields = ["arah", "rumus", "metode"]


STATUS_CHOICES = [("", _("— belum diisi —")), *LineExecution.Status.choices]


class ExecutionForm(forms.Form):
    """What happened to one line in each month of the quarter it is scheduled in: status,
    note and the money spent (``8.378.000``)."""

    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, quarter_line, **kwargs):
        super().__init__(*args, **kwargs)
        self.quarter_line = quarter_line
        for month in quarter_line.months:
            execution = quarter_line.executions.get(month)
            self.fields[f"status_{month}"] = forms.ChoiceField(
                label=_("Pelaksanaan"), choices=STATUS_CHOICES, required=False
            )
            self.fields[f"note_{month}"] = forms.CharField(
                label=_("Catatan"), required=False, max_length=1000
            )
            self.fields[f"anggaran_{month}"] = RupiahField(label=_("Realisasi anggaran"))
            if execution is not None and not self.is_bound:
                self.initial.update(
                    {
                        f"status_{month}": execution.status,
                        f"note_{month}": execution.note,
                        f"anggaran_{month}": execution.anggaran,
                    }
                )
        if not self.is_bound:
            self.initial["loaded"] = quarter_line.fingerprint

    @property
    def months(self):
        """``(month name, status, note, anggaran)`` bound fields, one tuple per month."""
        return [
            (
                MONTH_NAMES[month - 1],
                self[f"status_{month}"],
                self[f"note_{month}"],
                self[f"anggaran_{month}"],
            )
            for month in self.quarter_line.months
        ]


def form_values(data, quarter_line):
    """``{month: {"status", "note", "anggaran"}}`` from an ``ExecutionForm``'s cleaned data."""
    return {
        month: {name: data[f"{name}_{month}"] for name in ("status", "note", "anggaran")}
        for month in quarter_line.months
    }


class ReturnForm(forms.Form):
    """The secretary sends the report back with a reason; the rows ticked are to be fixed."""

    reason = forms.CharField(
        label=_("Alasan pengembalian"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tuliskan alasan pengembalian.")},
    )

    def __init__(self, *args, indikator_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator_ids = set(indikator_ids)

    def clean(self):
        data = super().clean()
        ticked = [parse_int(value) for value in self.data.getlist("indikator")]
        data["indikator"] = [pk for pk in ticked if pk in self.indikator_ids]
        return data


class CapaianBandForm(forms.ModelForm):
    """A colour band as the admin sets it; the colour goes into the page's stylesheet, so it
    must be a colour code and nothing else."""

    class Meta:
        model = CapaianBand
        fields = ["lower", "label", "color"]

    def clean_color(self):
        color = self.cleaned_data["color"].strip()
        if not HEX_COLOR.fullmatch(color):
            raise forms.ValidationError(_("Tulis kode warna enam digit, misalnya #92d050."))
        return color.lower()
