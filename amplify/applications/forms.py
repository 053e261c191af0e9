from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from amplify.applications.models import (
    Application,
    ApplicationEvidence,
    ApplicationSettings,
    Criterion,
    HeardFrom,
)
from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.matching.vocabulary import SLOTS, TAGS, JobFamily
from amplify.people.models import Language
from amplify.programmes.models import Cohort

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _choices(model: type[models.Model], name: str) -> list[tuple[str, Any]]:
    field = model._meta.get_field(name)
    return [("", _("Choose…")), *(getattr(field, "choices", None) or [])]


class ApplicationForm(Form):
    """Every question is optional while saving a draft; submitting asks for them all (the
    service names what is missing). `website` is a trap for bots: people never see it."""

    consent = forms.BooleanField(
        label=_(
            "I agree to Amplify holding these answers to decide my application, and to the "
            "programme team emailing me about it."
        ),
        help_text=_(
            "Your date of birth and background answers are read only by the impact team; "
            "if you do not take part, they are deleted after the cohort closes."
        ),
    )
    name = forms.CharField(max_length=200, label=_("Full name"))
    email = forms.EmailField(label=_("Email"))
    date_of_birth = forms.DateField(
        required=False,
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    postcode = forms.CharField(max_length=40, required=False, label=_("Postcode or town"))
    right_to_take_part = forms.ChoiceField(
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
        label=_("Do you have the right to take part in the UK (to live and study or work here)?"),
    )
    interests = forms.MultipleChoiceField(
        choices=[(t, t) for t in TAGS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Your interests (up to five)"),
    )
    career_aspiration = forms.ChoiceField(
        choices=[("", _("Choose…")), *JobFamily.choices],
        required=False,
        label=_("The career you are aiming for"),
    )
    languages = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label=_("Languages you speak")
    )
    availability = forms.TypedMultipleChoiceField(
        choices=SLOTS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("When are you usually free each week?"),
    )
    heard_from = forms.ChoiceField(
        choices=[("", _("Choose…")), *HeardFrom.choices],
        required=False,
        label=_("How did you hear of the programme?"),
    )
    parental_occupation = forms.ChoiceField(
        choices=_choices(ApplicationEvidence, "parental_occupation"),
        required=False,
        label=_("What did the main earner in your household do when you were about 14?"),
    )
    school_type = forms.ChoiceField(
        choices=_choices(ApplicationEvidence, "school_type"),
        required=False,
        label=_("Which type of school did you mainly attend between 11 and 16?"),
    )
    free_school_meals = forms.ChoiceField(
        choices=_choices(ApplicationEvidence, "free_school_meals"),
        required=False,
        label=_("Were you eligible for free school meals?"),
    )
    first_generation_university = forms.ChoiceField(
        choices=_choices(ApplicationEvidence, "first_generation_university"),
        required=False,
        label=_("Are you the first in your family to go to university (or would you be)?"),
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["languages"]).choices = list(
            Language.objects.values_list("code", "name")
        )

    @staticmethod
    def initial_for(application: Application) -> dict[str, Any]:
        data: dict[str, Any] = {
            f: getattr(application, f)
            for f in (
                "name",
                "email",
                "postcode",
                "interests",
                "career_aspiration",
                "languages",
                "availability",
                "heard_from",
            )
        }
        if application.right_to_take_part is not None:
            data["right_to_take_part"] = "yes" if application.right_to_take_part else "no"
        data["consent"] = application.consent_given_at is not None
        evidence = ApplicationEvidence.objects.filter(application=application).first()
        if evidence is not None:
            data["date_of_birth"] = evidence.date_of_birth
            data.update(evidence.background())
        return data

    def answers(self) -> dict[str, Any]:
        """The cleaned answers, as the services take them."""
        data = dict(self.cleaned_data)
        for key in ("consent", "email", "website"):
            data.pop(key, None)
        right = data.pop("right_to_take_part", "")
        data["right_to_take_part"] = {"yes": True, "no": False}.get(right)
        return data


class ResumeForm(ApplicationForm):
    """The same questions for an application that exists: its email stays as it is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["email"]


class DecisionForm(Form):
    action = forms.ChoiceField(
        choices=[
            ("shortlist", _("Shortlist")),
            ("offer", _("Offer a place")),
            ("waitlist", _("Waitlist")),
            ("decline", _("Decline")),
            ("withdraw", _("Mark as withdrawn")),
        ],
        label=_("Decision"),
    )
    deadline = forms.DateField(
        required=False,
        label=_("Accept by"),
        help_text=_("For an offer. Empty: the cohort's usual number of days from today."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        max_length=300,
        required=False,
        label=_("Reason"),
        help_text=_("Needed to decline: the applicant is told it."),
    )


class SettingsForm(Form):
    min_age = forms.IntegerField(min_value=0, max_value=120, label=_("Youngest age"))
    max_age = forms.IntegerField(min_value=0, max_value=120, label=_("Oldest age"))
    criteria = forms.MultipleChoiceField(
        choices=Criterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Socioeconomic criteria that count (at least one must be met)"),
    )
    require_right_to_take_part = forms.BooleanField(
        required=False, label=_("Require the right to take part in the UK")
    )
    acceptance_days = forms.IntegerField(
        min_value=1, max_value=365, label=_("Days to accept an offer")
    )
    retention_days = forms.IntegerField(
        min_value=0,
        max_value=3650,
        label=_("Days evidence is kept after the cohort closes"),
    )
    version = VersionField()

    @staticmethod
    def initial_for(settings: ApplicationSettings) -> dict[str, Any]:
        return {
            f: getattr(settings, f)
            for f in (
                "min_age",
                "max_age",
                "criteria",
                "require_right_to_take_part",
                "acceptance_days",
                "retention_days",
            )
        }


def recruiting_cohorts() -> Any:
    return Cohort.objects.filter(status=Cohort.Status.RECRUITING).select_related("programme")


class ReferralForm(Form):
    cohort = forms.ModelChoiceField(queryset=Cohort.objects.none(), label=_("Cohort"))
    name = forms.CharField(max_length=200, label=_("Their full name"))
    email = forms.EmailField(label=_("Their email"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["cohort"]).queryset = recruiting_cohorts()


class ReferralUploadForm(Form):
    cohort = forms.ModelChoiceField(queryset=Cohort.objects.none(), label=_("Cohort"))
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Two columns with a header row: name, email. Nothing is saved unless every "
            "row is right."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["cohort"]).queryset = recruiting_cohorts()
