from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amplify.coaching.models import Mode, Theme
from amplify.coaching.services import (
    ACTIONS_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    ROUND_NOTE_MAX_LENGTH,
    SETTINGS_FIELDS,
)
from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.people.models import Person
from amplify.programmes.forms import DateInput


class BookForm(Form):
    week_of = forms.DateField(
        label=_("On or after"), widget=DateInput(), initial=timezone.localdate
    )
    choice = forms.ChoiceField(label=_("Time"), choices=())

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["choice"]).choices = [
            ("", _("Choose a time")),
            *choices,
        ]


class LogForm(Form):
    session = forms.TypedChoiceField(
        label=_("Booked session"), required=False, coerce=int, empty_value=None, choices=()
    )
    held_on = forms.DateField(label=_("Date held"), widget=DateInput(), initial=timezone.localdate)
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=10, max_value=480, initial=60
    )
    mode = forms.ChoiceField(
        label=_("Mode"), choices=Mode.choices, widget=forms.RadioSelect, initial=Mode.VIDEO
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions = forms.CharField(
        label=_("Actions"),
        required=False,
        max_length=ACTIONS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shared with your participant."),
    )
    coach_notes = forms.CharField(
        label=_("Your private notes"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you can read these: not your participant, not the programme team."),
    )

    def __init__(self, *args: Any, booked: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["session"]).choices = [
            ("", _("Not booked here")),
            *booked,
        ]


class RoundForm(Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput(), initial=timezone.localdate)
    challenge_by = forms.ModelChoiceField(
        label=_("Who brought a challenge"), queryset=Person.objects.none()
    )
    coaches = forms.ModelMultipleChoiceField(
        label=_("Who coached"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    note = forms.CharField(
        label=_("A short note for the group"),
        required=False,
        max_length=ROUND_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["challenge_by"]).queryset = members
        cast(forms.ModelMultipleChoiceField, self.fields["coaches"]).queryset = members


class SettingsForm(Form):
    sessions_planned = forms.IntegerField(
        min_value=1, max_value=30, label=_("Sessions planned per pair over the cohort")
    )
    session_minutes = forms.IntegerField(
        min_value=15, max_value=240, label=_("Session length in minutes")
    )
    round_every_days = forms.IntegerField(
        min_value=7, max_value=90, label=_("Days between a home group's peer-coaching rounds")
    )
    quiet_days = forms.IntegerField(
        min_value=7, max_value=365, label=_("A group is quiet after days without a round")
    )
    version = VersionField()

    @staticmethod
    def initial_for(settings: Any) -> dict[str, Any]:
        return {f: getattr(settings, f) for f in SETTINGS_FIELDS}
