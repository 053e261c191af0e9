from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.core.outcomes import ACCEPTED_EXTENSIONS
from amplify.experiments.models import Experiment
from amplify.home.forms import Form
from amplify.home.links import WebLinkFormField
from amplify.outcomes.models import TEXT_MAX_LENGTH, Kind
from amplify.programmes.models import Cohort

ACCEPT = ",".join(ACCEPTED_EXTENSIONS)


class OutcomeForm(Form):
    request_key = forms.UUIDField(label=_("request key"), widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("What happened"), choices=Kind.choices)
    happened_on = forms.DateField(
        label=_("When"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day it started or was announced."),
    )
    cohort = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Cohort.objects.none(),
        required=False,
        help_text=_("The cohort it is an outcome of."),
    )
    experiment = forms.ModelChoiceField(
        label=_("Experiment"),
        queryset=Experiment.objects.none(),
        required=False,
        help_text=_("The experiment of yours that led to it, if one did."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Tell us about it"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )
    evidence_file = forms.FileField(
        label=_("Evidence (a file)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("Optional: an offer letter, a certificate (PDF, image or Office file)."),
    )
    evidence_link = WebLinkFormField(label=_("Evidence (a link)"), required=False)

    def __init__(
        self, *args: Any, cohorts: list[Cohort], experiments: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["cohort"]
        field.queryset = Cohort.objects.filter(pk__in=[c.pk for c in cohorts])
        if experiments is None:
            del self.fields["experiment"]  # no experiment of hers: nothing to link
        else:
            self.fields["experiment"].queryset = experiments  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4())


class VerifyForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("confirm", _("Confirm")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (when rejecting)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )


class ShowcaseForm(Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 6}), max_length=TEXT_MAX_LENGTH
    )
    link = WebLinkFormField(label=_("Link"), required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("Optional: your slides or a document (PDF, image or Office file)."),
    )
    remove_file = forms.BooleanField(label=_("Remove the file"), required=False)
