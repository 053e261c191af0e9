from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.people.forms import time_zone_choices
from amplify.people.models import Person
from amplify.safeguarding.models import TEXT_MAX_LENGTH, Concern, Urgency
from amplify.safeguarding.services import MESSAGE_MAX_LENGTH


class RequestKeyField(forms.UUIDField):
    """The hidden key of the form as it was shown: sending it twice does it once."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class _Keyed(Form):
    request_key = RequestKeyField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4())


class ConcernForm(_Keyed):
    what_happened = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("What you saw or heard, as plainly as you can. Facts, not opinions."),
    )
    exact_words = forms.CharField(
        label=_("The exact words, if any"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_("If someone told you something, their own words."),
    )
    who_was_involved = forms.CharField(
        label=_("Who was involved"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )
    happened_on = forms.DateField(
        label=_("When it happened"), widget=forms.DateInput(attrs={"type": "date"})
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"), choices=Urgency.choices, widget=forms.RadioSelect
    )


class ActionForm(_Keyed):
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Leave as it is"))]
        + [c for c in Concern.Status.choices if c[0] not in ("new", "escalated")],
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Needed to close the concern."),
    )
    version = VersionField()


class EscalationForm(_Keyed):
    to_whom = forms.CharField(
        label=_("Escalated to"),
        max_length=200,
        help_text=_("e.g. the local authority designated officer (LADO), the police."),
    )
    urgency = forms.ChoiceField(
        label=_("Their answer is due"),
        choices=[c for c in Urgency.choices if c[0] != Urgency.NOT_URGENT],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )


class TeamForm(Form):
    lead = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Safeguarding lead"))
    deputy = forms.ModelChoiceField(
        queryset=Person.objects.none(), label=_("Deputy"), required=False
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Where the leads work: a same-day concern is due by midnight there."),
    )
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(user__is_active=True).order_by("name")
        cast(forms.ModelChoiceField, self.fields["lead"]).queryset = people
        cast(forms.ModelChoiceField, self.fields["deputy"]).queryset = people
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = time_zone_choices()[1:]


class SharingForm(Form):
    shares_details = forms.BooleanField(
        label=_("Share my email and phone with them"),
        required=False,
        help_text=_("They see them only if they choose to share theirs too."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


class MessageForm(_Keyed):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MESSAGE_MAX_LENGTH,
    )
