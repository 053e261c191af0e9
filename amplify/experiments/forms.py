from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.core.outcomes import ACCEPTED_EXTENSIONS
from amplify.experiments.models import CARD_MAX_LENGTH, TEXT_MAX_LENGTH, Decision, Rating, Theme
from amplify.home.forms import Form
from amplify.home.links import WebLinkFormField
from amplify.people.models import Country, Division, Person

RATINGS = [("", _("Not rated yet")), *[(str(v), label) for v, label in Rating.choices]]


def _card(label: Any, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=CARD_MAX_LENGTH,
        required=False,
    )


def _rating(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=RATINGS, coerce=int, empty_value=None, required=False
    )


class StartForm(Form):
    title = forms.CharField(
        label=_("Your experiment's title"),
        max_length=160,
        help_text=_(
            "Something you are personally motivated to solve, with benefit for the company."
        ),
    )


class TestCardForm(Form):
    """Strategyzer's test card, its ratings, the themes and what it asks for."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, label=_("version"))
    title = forms.CharField(label=_("Title"), max_length=160)
    hypothesis = _card(_("We believe that…"), _("Your hypothesis."))
    hypothesis_criticality = _rating(_("How critical is it?"))
    test = _card(_("To verify that, we will…"), _("The smallest test that could tell."))
    test_cost = _rating(_("Test cost"))
    data_reliability = _rating(_("Data reliability"))
    metric = _card(_("And measure…"), rows=2)
    time_required = _rating(_("Time required"))
    criterion = _card(_("We are right if…"), _("The pass criterion."), rows=2)
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    division = forms.ModelChoiceField(
        label=_("Division"), queryset=Division.objects.all(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False
    )
    asks_money = forms.BooleanField(label=_("It asks for money"), required=False)
    asks_people = forms.BooleanField(label=_("It asks for people"), required=False)
    asks_time = forms.BooleanField(label=_("It asks for time"), required=False)
    ask_detail = _card(
        _("What it asks for"), _("Most experiments ask for nothing: say so, or say what."), rows=2
    )
    sponsor = forms.ModelChoiceField(
        label=_("Executive sponsor"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("An executive sponsor of your cohort: she approves your test card."),
    )

    def __init__(self, *args: Any, sponsors: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["sponsor"]
        field.queryset = Person.objects.filter(pk__in=[p.pk for p in sponsors])
        field.label_from_instance = lambda p: p.display_name


class ResultForm(Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False, label=_("version"))
    result = _card(_("Measured result"), _("What you measured, against the pass criterion."))
    criterion_met = forms.NullBooleanField(label=_("Was the pass criterion met?"), required=False)


class LearningForm(Form):
    believed = _card(_("We believed that…"))
    observed = _card(_("We observed…"))
    learned = _card(_("From that we learned that…"))
    therefore = _card(_("Therefore, we will…"))


class CommentForm(Form):
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH
    )


class ReturnForm(Form):
    comment = forms.CharField(
        label=_("What should change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
    )


class ApproveForm(Form):
    comment = forms.CharField(
        label=_("A word for the owner (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )


class DecideForm(Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    comment = forms.CharField(
        label=_("Why (documents the decision)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
    )


class ImpactForm(Form):
    sponsor_impact = _card(_("Your view of the business impact"))


class EvidenceForm(Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    link = WebLinkFormField(label=_("Link"), required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
        help_text=_("A document or an image (PDF, image or Office file)."),
    )


class StoryForm(Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    tried = _card(_("What was tried"))
    happened = _card(_("What happened"))
    quote = forms.CharField(label=_("The quote"), max_length=400, required=False)
    consent_to_share = forms.BooleanField(
        label=_("I agree that this story is shared in the talent book and the showcase"),
        required=False,
        help_text=_("You can withdraw it at any time: the story is then hidden everywhere."),
    )
