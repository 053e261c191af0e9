from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.core.matching.profiles import DEFAULT_WEIGHTS, MAX_WEIGHT, Criterion, Objective
from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.matching.criteria import LABELS
from amplify.matching.models import HomeGroup, MatchingRun, MatchProfile, ProposedPair
from amplify.matching.vocabulary import SLOTS, TAGS, JobFamily, Seniority
from amplify.people.models import Division, Person


class RunForm(Form):
    mode = forms.ChoiceField(
        choices=MatchingRun.Mode.choices,
        widget=forms.RadioSelect,
        initial=MatchingRun.Mode.OPTIMAL,
        label=_("Mode"),
    )
    objective = forms.ChoiceField(
        choices=[
            (
                Objective.MOST_MATCHED.value,
                _("Match as many mentees as possible, then the best total score"),
            ),
            (Objective.BEST_SCORE.value, _("The best total score only")),
        ],
        widget=forms.RadioSelect,
        initial=Objective.MOST_MATCHED.value,
        label=_("Objective"),
    )
    required_training_hours = forms.DecimalField(
        min_value=0,
        max_value=100,
        decimal_places=1,
        initial=10,
        help_text=_("Mentors with fewer attended training hours are set aside."),
        label=_("Required training hours"),
    )
    min_shared_slots = forms.IntegerField(
        min_value=1,
        max_value=10,
        initial=1,
        label=_("Shared free slots a week"),
        help_text=_("How many weekly slots a pair must both have free."),
    )

    def __init__(self, *args: Any, kind: str = MatchingRun.Kind.MENTORING, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == MatchingRun.Kind.COACHING:
            self.fields["required_training_hours"].initial = 0
        for criterion in Criterion:
            self.fields[f"w_{criterion.value}"] = forms.IntegerField(
                min_value=0,
                max_value=MAX_WEIGHT,
                initial=DEFAULT_WEIGHTS[criterion],
                label=LABELS[criterion],
                widget=forms.NumberInput(
                    attrs={
                        "type": "range",
                        "min": 0,
                        "max": MAX_WEIGHT,
                        # The <output for=…> beside the slider shows the chosen weight as it
                        # moves (amplify/app.js: the CSP runs no inline handler).
                    }
                ),
            )

    def setting_fields(self) -> list[Any]:
        return [f for f in self if not f.name.startswith("w_")]

    def weight_fields(self) -> list[Any]:
        return [f for f in self if f.name.startswith("w_")]

    def weights(self) -> dict[str, int]:
        return {c.value: self.cleaned_data[f"w_{c.value}"] for c in Criterion}


class PairField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.mentor.display_name} → {obj.mentee.display_name}"


class SwapForm(Form):
    first = PairField(ProposedPair.objects.none(), label=_("Pair"))
    second = PairField(ProposedPair.objects.none(), label=_("swap mentees with"))

    def __init__(self, *args: Any, run: MatchingRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pairs = run.pairs.select_related("mentor", "mentee").order_by("mentor__name")
        for name in ("first", "second"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = pairs


class GroupingForm(Form):
    min_size = forms.IntegerField(min_value=2, max_value=20, initial=5, label=_("Smallest group"))
    target_size = forms.IntegerField(
        min_value=2, max_value=20, initial=6, label=_("Usual group size")
    )
    max_size = forms.IntegerField(min_value=2, max_value=20, initial=8, label=_("Largest group"))


class GroupRuleForm(Form):
    first = forms.ModelChoiceField(Person.objects.none(), label=_("First person"))
    second = forms.ModelChoiceField(Person.objects.none(), label=_("Second person"))
    kind = forms.ChoiceField(
        choices=[("apart", _("Keep apart")), ("together", _("Keep together"))], label=_("Kind")
    )

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = participants


class MoveForm(Form):
    person = forms.ModelChoiceField(Person.objects.none(), label=_("Person"))
    group = forms.ModelChoiceField(HomeGroup.objects.none(), label=_("to"))

    def __init__(self, *args: Any, members: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = members
        cast(forms.ModelChoiceField, self.fields["group"]).queryset = groups


class MatchProfileForm(Form):
    tags = forms.MultipleChoiceField(
        choices=[(t, t) for t in TAGS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Interests and skills"),
        help_text=_("Up to five."),
    )
    job_family = forms.ChoiceField(
        choices=[("", "—"), *JobFamily.choices], required=False, label=_("Field")
    )
    aspired_division = forms.ModelChoiceField(
        Division.objects.all(), required=False, label=_("Division I would like to work in")
    )
    seniority = forms.TypedChoiceField(choices=Seniority.choices, coerce=int, label=_("Seniority"))
    availability = forms.TypedMultipleChoiceField(
        choices=SLOTS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("When I am free each week"),
        help_text=_("Your own time; up to ten."),
    )
    meeting_format = forms.ChoiceField(
        choices=MatchProfile.Format.choices, widget=forms.RadioSelect, label=_("Meeting format")
    )
    capacity = forms.IntegerField(
        min_value=1,
        max_value=8,
        initial=1,
        label=_("How many people I can take"),
        help_text=_("Mentors take 1 to 3 mentees; coaches up to 8 coachees."),
    )
    share_background_match_with_mentee = forms.BooleanField(
        required=False,
        label=_("Let my mentee see when I share the background she asked for"),
        help_text=_(
            "Off: “Why we matched you” leaves that line out for everyone. Your "
            "background itself is never shown."
        ),
    )
    version = VersionField()

    def __init__(self, *args: Any, giver: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if giver:
            del self.fields["aspired_division"]
            self.fields["job_family"].label = _("My field")
            self.fields["seniority"].label = _("My level")
        else:
            del self.fields["capacity"]
            del self.fields["share_background_match_with_mentee"]
            self.fields["job_family"].label = _("The field I want to work in")
            self.fields["seniority"].label = _("Where I am now")
