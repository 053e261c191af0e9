from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

from amplify.home.control_characters import guard_form_fields


class FormRenderer(TemplatesSetting):
    """Every form renders through templates/forms/, so fields, help and errors look alike."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class GuardedTextMixin:
    """Every text field refuses control characters (amplify.home.control_characters): a
    one-line field any, a Textarea all but line breaks and tabs."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        guard_form_fields(self.fields)


class Form(GuardedTextMixin, forms.Form):
    """The base of every project form."""


class ModelForm(GuardedTextMixin, forms.ModelForm):
    """The base of every project model form."""
