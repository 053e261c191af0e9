from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form renders through templates/forms/, so fields, help and errors look alike."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
