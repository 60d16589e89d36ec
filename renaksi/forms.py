"""The site's form renderer (one field template for every form) and its sign-in form."""

from django.contrib.auth.forms import AuthenticationForm
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    """``{{ field.as_field_group }}`` renders ``templates/forms/field.html``."""

    field_template_name = "forms/field.html"


class LoginForm(AuthenticationForm):
    """Django's sign-in form with a message that reads well in Indonesian (its own says
    "nama pengguna nama pengguna" once the field label is translated)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil pada kata sandi."
        ),
    }
