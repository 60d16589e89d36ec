"""Form fields that read money and budget codes the Indonesian way."""

from django import forms

from budgets.akun import AkunError, parse_akun
from budgets.rupiah import RupiahError, format_thousands, parse_rupiah


class RupiahInput(forms.TextInput):
    """Shows ``8.378.000`` rather than ``8378000``."""

    def format_value(self, value):
        if isinstance(value, int):
            return format_thousands(value)
        return super().format_value(value)


class RupiahField(forms.Field):
    """Accepts ``8.378.000``, ``Rp 8.378.000``, ``8,378,000`` or ``-``; cleans to int or None."""

    widget = RupiahInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value):
        try:
            return parse_rupiah(value)
        except RupiahError as error:
            raise forms.ValidationError(str(error), code="rupiah") from error


class AkunField(forms.CharField):
    """A budget code, normalised (``3358.ebc.954.a`` -> ``3358.EBC.954.A``); ``-`` means none."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if value in {"", "-"}:
            return ""
        try:
            return str(parse_akun(value))
        except AkunError as error:
            raise forms.ValidationError(str(error), code="akun") from error
