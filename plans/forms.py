"""Forms of the planner workspace; messages in Bahasa Indonesia through gettext."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budgets.forms import AkunField, RupiahField, RupiahInput
from budgets.rupiah import RupiahError, parse_rupiah
from plans import layouts
from plans.models import (
    IndikatorKinerja,
    Kegiatan,
    RencanaAksi,
    RencanaKegiatan,
    SasaranProgram,
    SasaranStrategis,
    Satker,
)
from plans.vocabulary import MONTH_FIELDS, MONTH_NAMES, MONTHS
from plans.writes import apply_form


class NodeForm(forms.ModelForm):
    """A tree node's form; ``lock_version`` travels along to detect a concurrent edit."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if self.instance.pk and not self.is_bound:
            self.initial["lock_version"] = self.instance.lock_version

    @property
    def text_fields(self):
        """The visible fields but the month boxes, which render as one group."""
        return [field for field in self.visible_fields() if field.name not in MONTH_FIELDS]

    @property
    def month_fields(self):
        return [self[name] for name in MONTH_FIELDS if name in self.fields]


class SasaranStrategisForm(NodeForm):
    class Meta:
        model = SasaranStrategis
        fields = ["number", "program", "text"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "program": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"number": _("Seperti tercetak, misalnya 1, 12 atau 6.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "program" not in self.plan.columns:
            del self.fields["program"]


class SasaranProgramForm(NodeForm):
    class Meta:
        model = SasaranProgram
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Blank only where the layout has no Sasaran Program column to print it in.
        self.fields["text"].required = "sasaran_program" in self.plan.columns


class IndikatorForm(NodeForm):
    class Meta:
        model = IndikatorKinerja
        fields = ["text", "target", "target_tw1", "target_tw2", "target_tw3", "target_tw4"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"target": _("Tulis seperti di dokumen: 97,5%, 1 Rancangan, 7 Satker.")}


class KegiatanForm(NodeForm):
    class Meta:
        model = Kegiatan
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class MonthAmountsWidget(forms.MultiWidget):
    """Twelve Rupiah inputs, one per month, each labelled with its month's name."""

    template_name = "plans/_month_amounts.html"

    def __init__(self, attrs=None):
        attrs = {"inputmode": "numeric", **(attrs or {})}
        super().__init__({str(month): RupiahInput() for month in MONTHS}, attrs)

    def decompress(self, value):
        value = value if isinstance(value, dict) else {}
        return [value.get(str(month)) for month in MONTHS]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for month, widget in zip(MONTHS, context["widget"]["subwidgets"], strict=True):
            widget["month_name"] = MONTH_NAMES[month - 1]
        return context


class MonthAmountsField(forms.Field):
    """The Rupiah of a line per month, typed the Indonesian way; cleans to
    ``{"3": 600000, ...}`` for the months that have an amount ({} when all are empty:
    the cost is spread evenly). Each wrong amount is refused naming its month."""

    widget = MonthAmountsWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, dict):
            return value
        amounts, errors = {}, []
        for month, text in zip(MONTHS, value or [], strict=False):
            try:
                amount = parse_rupiah(text)
            except RupiahError as error:
                errors.append(f"{MONTH_NAMES[month - 1]}: {error}")
                continue
            if amount is not None:
                amounts[str(month)] = amount
        if errors:
            raise ValidationError(errors, code="rupiah")
        return amounts


class LineForm(NodeForm):
    biaya = RupiahField(
        label=_("Perkiraan biaya"),
        help_text=_("Rupiah bulat, misalnya 8.378.000; kosongkan atau - bila tanpa biaya."),
    )
    akun = AkunField(label=_("Akun"), help_text=_("Misalnya 3358.EBC.954.A"))
    month_amounts = MonthAmountsField(
        label=_("Rincian biaya per bulan (opsional)"),
        help_text=_(
            "Kosongkan semua agar biaya dibagi rata ke bulan terjadwal (sisa pembagian di bulan "
            "terakhir). Bila diisi: hanya bulan terjadwal, dan jumlahnya sama dengan perkiraan "
            "biaya."
        ),
    )

    class Meta:
        model = RencanaKegiatan
        fields = ["text", *MONTH_FIELDS, "biaya", "month_amounts", "akun", "ket"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "ket": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shown = set(self.plan.columns)
        for key, names in [
            ("rencana_kegiatan", ["text"]),
            ("biaya", ["biaya", "month_amounts"]),
            ("akun", ["akun"]),
            ("ket", ["ket"]),
            ("bulan", MONTH_FIELDS),
        ]:
            if key not in shown:
                for name in names:
                    self.fields.pop(name, None)
        if "bulan" not in shown:
            self.fields.pop("month_amounts", None)
        if "text" in self.fields:
            self.fields["text"].required = True
        if "akun" in self.fields:
            self.fields["akun"].widget.attrs.update(
                {"list": "akun-katalog", "autocomplete": "off", "spellcheck": "false"}
            )
        for name in ("biaya", "akun"):
            if name in self.fields:
                # Checked as the planner types; the message appears next to the field.
                self.fields[name].live_check = True
                self.fields[name].widget.attrs.update(
                    {
                        "hx-post": reverse("validate_field", args=[name]),
                        "hx-trigger": "input changed delay:400ms, change",
                        "hx-target": f"#check-{name}",
                        "hx-swap": "innerHTML",
                        "aria-describedby": f"check-{name}",
                    }
                )

    @property
    def text_fields(self):
        """As for every node, with the month amounts apart: they render after the months."""
        return [field for field in super().text_fields if field.name != "month_amounts"]

    @property
    def month_amounts_field(self):
        return self["month_amounts"] if "month_amounts" in self.fields else None

    def add_error(self, field, error):
        """The line's ``clean()`` checks the amounts per month even where the layout hides
        them (a compact plan, an admin form): there they are the form's own error."""
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            mapped = {}
            for name, errors in error.error_dict.items():
                key = name if name in self.fields or name == NON_FIELD_ERRORS else NON_FIELD_ERRORS
                mapped.setdefault(key, []).extend(errors)
            error = ValidationError(mapped)
        super().add_error(field, error)


NODE_FORMS = {
    SasaranStrategis: SasaranStrategisForm,
    SasaranProgram: SasaranProgramForm,
    IndikatorKinerja: IndikatorForm,
    Kegiatan: KegiatanForm,
    RencanaKegiatan: LineForm,
}


class PlanCreateForm(forms.Form):
    """A new plan for one of the user's satkers: blank, or a copy of an earlier year's."""

    satker = forms.ModelChoiceField(queryset=Satker.objects.none(), label=_("Satker"))
    year = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    source = forms.ModelChoiceField(
        queryset=RencanaAksi.objects.none(),
        required=False,
        label=_("Salin dari"),
        empty_label=_("— Rencana kosong —"),
    )

    def __init__(self, *args, satkers, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"].queryset = satkers
        self.fields["source"].queryset = sources
        self.fields["source"].label_from_instance = lambda plan: (
            f"{plan.satker.name} {plan.year} v{plan.version} ({plan.get_status_display()})"
        )

    def clean(self):
        data = super().clean()
        satker, year, source = data.get("satker"), data.get("year"), data.get("source")
        if satker and year and RencanaAksi.objects.filter(satker=satker, year=year).exists():
            self.add_error("year", _("Satker ini sudah punya rencana aksi untuk tahun tersebut."))
        if source and satker and source.satker_id != satker.pk:
            self.add_error("source", _("Salin hanya dari rencana aksi satker yang sama."))
        return data


class PlanSettingsForm(forms.ModelForm):
    """Title, layout and signatory of a plan, as its office prints them."""

    layout = forms.ChoiceField(
        label=_("Susunan kolom"),
        widget=forms.RadioSelect,
        choices=[
            ("lengkap", _("Lengkap (seperti KPU Provinsi Gorontalo)")),
            ("ringkas", _("Ringkas dengan kolom Program, tanpa biaya (seperti KPU Kota Tomohon)")),
        ],
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RencanaAksi
        fields = [
            "title",
            "month_style",
            "show_column_numbers",
            "paper",
            "signatory_place",
            "signatory_date",
            "signatory_acknowledge",
            "signatory_title",
            "signatory_name",
            "signatory_nip",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 6}),
            "signatory_title": forms.Textarea(attrs={"rows": 2}),
            "signatory_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance
        for key, label in layouts.COLUMN_LABELS.items():
            self.fields[f"label_{key}"] = forms.CharField(
                label=label, required=False, max_length=100, initial=plan.column_labels.get(key, "")
            )
        if not self.is_bound:
            self.initial["lock_version"] = plan.lock_version
            self.initial["layout"] = next(
                (name for name, cols in layouts.PRESETS.items() if cols == plan.columns), "lengkap"
            )

    @property
    def label_fields(self):
        return [self[f"label_{key}"] for key in layouts.COLUMN_LABELS]

    @property
    def main_fields(self):
        """The visible fields but the column labels, which fold away under their own title."""
        labels = {field.name for field in self.label_fields}
        return [field for field in self.visible_fields() if field.name not in labels]

    def apply_to(self, plan):
        """Write the cleaned settings onto ``plan`` (the locked row) and return the names
        of the fields this form owns, for ``writes.save_fields``."""
        names = apply_form(self, plan)
        columns = list(layouts.PRESETS[self.cleaned_data["layout"]])
        labels = {
            key: self.cleaned_data[f"label_{key}"].strip()
            for key in layouts.COLUMN_LABELS
            if self.cleaned_data.get(f"label_{key}", "").strip()
        }
        if columns != plan.columns and labels == plan.column_labels:
            # The office's own labels belonged to the other layout; mixing them with the
            # defaults would print "Sasaran Strategis" beside "SASARAN PROGRAM".
            labels = {}
        plan.columns, plan.column_labels = columns, labels
        return [*names, "columns", "column_labels"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ApproveForm(forms.Form):
    """The signatory the approved version will print; defaults from the satker's settings."""

    signatory_place = forms.CharField(label=_("Tempat"), required=False, max_length=100)
    signatory_acknowledge = forms.CharField(
        label=_("Baris pengantar"), required=False, max_length=100
    )
    signatory_title = forms.CharField(
        label=_("Jabatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    signatory_name = forms.CharField(label=_("Nama"), max_length=200)
    signatory_nip = forms.CharField(label=_("NIP"), required=False, max_length=30)
