from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form
from amplify.matching.vocabulary import TAGS
from amplify.volunteering.models import MAX_CAPACITY, MIN_CAPACITY, WHY_MAX_LENGTH


class OfferForm(Form):
    """Her offer to mentor: the service checks it all again (the API uses it too)."""

    why = forms.CharField(
        label=_("Why do you want to mentor?"),
        max_length=WHY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    tags = forms.MultipleChoiceField(
        choices=[(t, t) for t in TAGS],
        widget=forms.CheckboxSelectMultiple,
        label=_("Your expertise"),
        help_text=_("Up to five: mentees are matched on these."),
    )
    capacity = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(MIN_CAPACITY, MAX_CAPACITY + 1)],
        coerce=int,
        initial=1,
        label=_("Mentees you can take"),
    )


class DecisionForm(Form):
    action = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], label=_("Decision")
    )
    reason = forms.CharField(
        required=False,
        max_length=300,
        label=_("Reason"),
        help_text=_("Needed to decline: the volunteer reads it."),
    )
