from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.benefits.models import Audience, Kind
from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.people.models import Country


class BenefitForm(Form):
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        required=False,
        empty_label=_("Every country"),
        help_text=_("Empty: offered in every country."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea
    )
    audience = forms.ChoiceField(label=_("For"), choices=Audience.choices)
    languages = forms.IntegerField(
        label=_("Languages"),
        min_value=1,
        max_value=200,
        required=False,
        help_text=_("For counselling: in how many languages."),
    )
    enhanced = forms.BooleanField(
        label=_("Enhanced"), required=False, help_text=_("An existing benefit improved, not new.")
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class BenefitEditForm(BenefitForm):
    version = VersionField()


class EndForm(Form):
    version = VersionField()
    ends_on = forms.DateField(
        label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class BenefitFilterForm(Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Every kind")), *Kind.choices], required=False
    )
    audience = forms.ChoiceField(
        label=_("For"), choices=[("", _("Everyone")), *Audience.choices], required=False
    )
    ended = forms.BooleanField(label=_("Include ended benefits"), required=False)
