"""The site's form renderer: Django's, with one field template for every form."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """``{{ field.as_field_group }}`` renders ``templates/forms/field.html``."""

    field_template_name = "forms/field.html"
