from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amplify.accounts.models import User
from amplify.core.outcomes import ACCEPTED_EXTENSIONS
from amplify.giving.currencies import currency_choices
from amplify.giving.models import Fund, InputType, Recipient, Status
from amplify.giving.reports import BREAKDOWNS
from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.home.links import WebLinkFormField
from amplify.people.models import Country
from amplify.programmes.models import Pillar, Programme

ACCEPT = ",".join(ACCEPTED_EXTENSIONS)


def approvers() -> Any:
    """Who may be named as having approved a line: the staff roles."""
    return User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(role__in=[User.Role.IMPACT_ADMIN, User.Role.PROGRAMME_MANAGER])
    )


class GiftForm(Form):
    given_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    fund = forms.ModelChoiceField(label=_("Fund"), queryset=Fund.objects.all())
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=14, decimal_places=2)
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=[("", "—"), *currency_choices()],
        help_text=_("ISO 4217, e.g. USD. Amounts in different currencies are never added up."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Status.choices,
        widget=forms.RadioSelect,
        help_text=_("Committed: pledged, not yet paid. Paid: the money has left."),
    )
    input_type = forms.ChoiceField(label=_("Input type"), choices=InputType.choices)
    recipient = forms.ModelChoiceField(
        label=_("Recipient organisation"), queryset=Recipient.objects.all()
    )
    cause = forms.CharField(label=_("Cause"), max_length=120, required=False)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.all(), required=False
    )
    pillar = forms.ModelChoiceField(
        label=_("Pillar"), queryset=Pillar.objects.all(), required=False
    )
    evidence_link = WebLinkFormField(label=_("Evidence (a link)"), required=False)
    evidence_file = forms.FileField(
        label=_("Evidence (a file)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("A receipt, a grant letter (PDF, image or Office file)."),
    )
    approved_by = forms.ModelChoiceField(
        label=_("Approved by"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = approvers()  # type: ignore[attr-defined]


class GiftAddForm(GiftForm):
    request_key = forms.UUIDField(label=_("request key"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4())


class GiftEditForm(GiftForm):
    version = VersionField()


class DeleteForm(Form):
    version = VersionField()


class GiftFilterForm(Form):
    fund = forms.ModelChoiceField(
        label=_("Fund"), queryset=Fund.objects.all(), required=False, empty_label=_("Every fund")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Committed or paid")), *Status.choices], required=False
    )
    input_type = forms.ChoiceField(
        label=_("Input type"),
        choices=[("", _("Every input type")), *InputType.choices],
        required=False,
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        required=False,
        empty_label=_("Every country"),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        required=False,
        empty_label=_("Every programme"),
    )
    pillar = forms.ModelChoiceField(
        label=_("Pillar"),
        queryset=Pillar.objects.all(),
        required=False,
        empty_label=_("Every pillar"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200, required=False)


class SummaryForm(Form):
    since = forms.IntegerField(
        label=_("Since"),
        min_value=1900,
        max_value=2200,
        required=False,
        help_text=_("Lines from 1 January of this year; empty: from the earliest line."),
    )
    by = forms.ChoiceField(
        label=_("Broken down by"),
        choices=[
            ("input_type", _("Input type")),
            ("country", _("Country")),
            ("programme", _("Programme")),
            ("pillar", _("Pillar")),
        ],
        required=False,
    )

    def clean_by(self) -> str:
        value = self.cleaned_data.get("by") or "input_type"
        return value if value in BREAKDOWNS else "input_type"


class FundForm(Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea
    )
    illustrative = forms.BooleanField(
        label=_("Illustrative"),
        required=False,
        help_text=_("Demo or example figures, labelled so wherever they are shown."),
    )


class FundEditForm(FundForm):
    version = VersionField()


class RecipientForm(Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    charity_number = forms.CharField(
        label=_("Charity number"),
        max_length=40,
        required=False,
        help_text=_("Its registration number as a charity, where it has one."),
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False
    )


class RecipientEditForm(RecipientForm):
    version = VersionField()


class ImportForm(Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        help_text=_("A CSV or XLSX file with a header row; see the columns below."),
    )
