from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form, ModelForm
from amplify.training.models import BackgroundCheck, TrainingSettings


class ActivityForm(Form):
    summary = forms.CharField(
        label=_("What you did"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A course, a reading, a recording: enough for the manager to verify it."),
    )


class ReturnForm(Form):
    note = forms.CharField(label=_("What is missing"), max_length=500)


class SettingsForm(ModelForm):
    class Meta:
        model = TrainingSettings
        fields = ["require_safeguarding", "require_code_of_conduct", "require_background_check"]


class CodeForm(Form):
    text = forms.CharField(
        label=_("Code of conduct"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Publishing a change makes a new version: every mentor must accept it again."),
    )


class CheckForm(Form):
    kind = forms.ChoiceField(label=_("Type"), choices=BackgroundCheck.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=BackgroundCheck.Status.choices)
    checked_on = forms.DateField(
        label=_("Date of the check"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: it does not expire."),
    )
    reference = forms.CharField(label=_("Reference"), max_length=80, required=False)


FILTERS = (
    ("all", _("Everyone")),
    ("ready", _("Ready")),
    ("not_ready", _("Not ready")),
)
