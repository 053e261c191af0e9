from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form
from amplify.nominations.models import CASE_MAX_LENGTH, REASON_MAX_LENGTH, Nomination, Seniority
from amplify.people.models import Person

MYSELF = "me"


class NominationForm(Form):
    nominee = forms.ChoiceField(label=_("Who you nominate"), choices=())
    seniority = forms.ChoiceField(
        label=_("Seniority band"),
        choices=[("", _("Not given")), *Seniority.choices],
        required=False,
    )
    case = forms.CharField(
        label=_("The case"),
        max_length=CASE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this person, why now: what she would bring and take away."),
    )

    def __init__(self, *args: Any, me: Person, reports: list[Person], **kwargs: Any) -> None:
        """`reports`: her direct reports from the HR records, the people she may nominate
        besides herself."""
        super().__init__(*args, **kwargs)
        self.me = me
        self.reports = {str(p.pk): p for p in reports}
        field = cast(forms.ChoiceField, self.fields["nominee"])
        field.choices = [
            (MYSELF, _("Myself (my line manager will be asked to endorse it)")),
            *((pk, p.display_name) for pk, p in self.reports.items()),
        ]

    def nominee_person(self) -> Person:
        choice = self.cleaned_data["nominee"]
        return self.me if choice == MYSELF else self.reports[choice]


class DecideForm(Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Nomination.Decision.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text=_("Required to decline: the nominee and her nominator read it."),
    )
    expected_status = forms.ChoiceField(
        label=_("Status"),
        choices=Nomination.Status.choices,
        required=False,
        widget=forms.HiddenInput,
    )
