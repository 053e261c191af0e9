from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form
from amplify.mentoring.models import (
    DEFAULT_AGREEMENT,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AgreementSection,
    ClosureReason,
)
from amplify.safeguarding.forms import RequestKeyField


class _Keyed(Form):
    request_key = RequestKeyField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4())


class GoalForm(_Keyed):
    title = forms.CharField(label=_("Goal"), max_length=TITLE_MAX_LENGTH)
    why_it_matters = forms.CharField(
        label=_("Why it matters"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
    )
    success_criterion = forms.CharField(
        label=_("How I will know I got there"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Something you can count or see, e.g. “three applications sent”."),
    )
    target_date = forms.DateField(
        label=_("Target date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ProgressForm(_Keyed):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )


class CommentForm(_Keyed):
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH
    )


class EndForm(Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ClosureReason.choices)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )


def _section(key: str) -> forms.CharField:
    return forms.CharField(
        label=AgreementSection(key).label,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": DEFAULT_AGREEMENT[key]}),
        help_text=_("Leave it blank to keep the standard wording."),
    )


class AgreementForm(Form):
    """One field per section; a blank one keeps Amplify's standard wording (shown as its
    placeholder, in the reader's language)."""

    expectations = _section(AgreementSection.EXPECTATIONS)
    confidentiality = _section(AgreementSection.CONFIDENTIALITY)
    meetings = _section(AgreementSection.MEETINGS)
    concerns = _section(AgreementSection.CONCERNS)
