from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.meetings.models import Meeting, MeetingSettings, Topic
from amplify.meetings.services import NOTES_MAX_LENGTH, SETTINGS_FIELDS
from amplify.mentoring.models import Goal
from amplify.programmes.forms import DateInput


class SlotForm(Form):
    choice = forms.ChoiceField(label=_("Your fortnightly time"), choices=())

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["choice"]).choices = [
            ("", _("Choose a time")),
            *choices,
        ]


class MeetingForm(Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    duration_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=5, max_value=480, initial=60
    )
    mode = forms.ChoiceField(
        label=_("How you met"),
        choices=Meeting.Mode.choices,
        widget=forms.RadioSelect,
        initial=Meeting.Mode.REMOTE,
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the two of you can read these: not the programme team."),
    )

    def __init__(self, *args: Any, goals: Sequence[Goal] = (), **kwargs: Any) -> None:
        """`goals`: the mentee's own, one progress input each (the mentor gets none)."""
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            # The range is goal_progress_update's to check: the attributes only help.
            self.fields[self.goal_field(goal)] = forms.IntegerField(
                label=_("Progress on “%(goal)s” (%%)") % {"goal": goal.title},
                required=False,
                initial=goal.progress,
                widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
            )

    @staticmethod
    def goal_field(goal: Goal) -> str:
        return f"goal_{goal.pk}"

    def meeting_values(self) -> dict[str, Any]:
        """The cleaned values for meeting_log: the meeting's, and the goals whose progress
        she changed (an untouched input records nothing)."""
        values = {k: v for k, v in self.cleaned_data.items() if not k.startswith("goal_")}
        values["goal_progress"] = [
            (goal.pk, self.cleaned_data[self.goal_field(goal)])
            for goal in self.goals
            if self.goal_field(goal) in self.changed_data
            and self.cleaned_data[self.goal_field(goal)] is not None
        ]
        return values


class SettingsForm(Form):
    every_days = forms.IntegerField(min_value=1, max_value=90, label=_("Days between meetings"))
    duration_minutes = forms.IntegerField(
        min_value=15, max_value=240, label=_("Meeting length in minutes")
    )
    nudge_days = forms.IntegerField(
        min_value=1, max_value=365, label=_("Nudge the pair after days without a meeting")
    )
    alert_days = forms.IntegerField(
        min_value=1,
        max_value=365,
        label=_("Alert the programme manager after days without a meeting"),
    )
    reminder_days = forms.IntegerField(
        min_value=0, max_value=14, label=_("Remind the pair days before a meeting (0: never)")
    )
    at_risk_days = forms.IntegerField(
        min_value=1, max_value=365, label=_("At risk after days without a meeting")
    )
    stalled_days = forms.IntegerField(
        min_value=1, max_value=365, label=_("Stalled after days without a meeting")
    )
    behind = forms.IntegerField(
        min_value=1, max_value=20, label=_("At risk when this many meetings behind")
    )
    version = VersionField()

    @staticmethod
    def initial_for(settings: MeetingSettings) -> dict[str, Any]:
        return {f: getattr(settings, f) for f in SETTINGS_FIELDS}
