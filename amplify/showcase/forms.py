from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.core import judging
from amplify.home.forms import Form
from amplify.people.models import Person
from amplify.showcase.models import Criterion
from amplify.showcase.services import COMMENT_MAX_LENGTH

MARKS = [(v, str(v)) for v in range(judging.SCALE_MIN, judging.SCALE_MAX + 1)]


class ScoreForm(Form):
    """One mark per criterion of the rubric, and a comment for the programme's managers."""

    comment = forms.CharField(
        label=_("Comment for the programme team"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, criteria: Sequence[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        marks = {
            f"criterion_{c.pk}": forms.TypedChoiceField(
                label=c.name,
                help_text=c.description,
                choices=MARKS,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "inline"}),
            )
            for c in self.criteria
        }
        comment = self.fields.pop("comment")
        self.fields.update(marks)
        self.fields["comment"] = comment

    def values(self) -> dict[int, Any]:
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") for c in self.criteria}


class SlotEditForm(Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=1000)
    room = forms.CharField(label=_("Room"), required=False, max_length=80)


class ScheduleForm(Form):
    minutes = forms.IntegerField(
        label=_("Minutes per presentation"),
        required=False,
        min_value=5,
        max_value=240,
        help_text=_("Empty: the showcase's time shared equally."),
    )
    room = forms.CharField(label=_("Room"), required=False, max_length=80)


class AssignForm(Form):
    judge = forms.ModelChoiceField(
        label=_("Judge"), queryset=Person.objects.none(), required=False, empty_label=_("Choose")
    )
    email = forms.EmailField(
        label=_("Or another person's email"),
        required=False,
        help_text=_("Anyone with an account the programme names as a judge."),
    )

    def __init__(self, *args: Any, judges: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["judge"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = judges

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("judge") and data.get("email"):
            found = Person.objects.filter(email__iexact=data["email"], user__isnull=False).first()
            if found is None:
                self.add_error("email", _("No one with an account has this email."))
            data["judge"] = found
        elif not data.get("judge") and not self.errors:
            self.add_error("judge", _("Choose a judge, or give another person's email."))
        return data


class CriterionForm(Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    description = forms.CharField(label=_("Description"), required=False, max_length=300)
    position = forms.IntegerField(label=_("Position"), required=False, min_value=0, max_value=100)
