from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Pairing, Pillar, Programme


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProgrammeForm(Form):
    name = forms.CharField(max_length=160, label=_("Name"))
    kind = forms.ChoiceField(
        choices=Programme.Kind.choices, widget=forms.RadioSelect, label=_("Kind")
    )
    summary = forms.CharField(
        max_length=300,
        required=False,
        help_text=_("One line shown on the programme's card."),
        label=_("Summary"),
    )
    description = forms.CharField(required=False, widget=forms.Textarea, label=_("Description"))
    pillars = forms.ModelMultipleChoiceField(
        Pillar.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Diversity pillars it serves"),
    )


class ProgrammeEditForm(ProgrammeForm):
    managers = forms.ModelMultipleChoiceField(
        Person.objects.none(),
        help_text=_("Programme managers who run its cohorts."),
        label=_("Managers"),
    )
    version = VersionField()

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        managers_field = cast(forms.ModelChoiceField, self.fields["managers"])
        managers_field.queryset = (
            (
                Person.objects.filter(user__role="programme_manager")
                | Person.objects.filter(pk__in=programme.managers.values("pk"))
            )
            .distinct()
            .order_by("name")
        )


class CohortForm(Form):
    name = forms.CharField(max_length=160, label=_("Name"))
    number = forms.IntegerField(
        min_value=1,
        required=False,
        help_text=_("Leave empty for the next number."),
        label=_("Number"),
    )
    starts_on = forms.DateField(widget=DateInput(), label=_("Starts on"))
    ends_on = forms.DateField(widget=DateInput(), label=_("Ends on"))
    description = forms.CharField(required=False, widget=forms.Textarea, label=_("Description"))


class CohortEditForm(CohortForm):
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["number"]


class PhaseForm(Form):
    name = forms.CharField(max_length=120, label=_("Name"))
    starts_on = forms.DateField(widget=DateInput(), label=_("Starts on"))
    ends_on = forms.DateField(widget=DateInput(), label=_("Ends on"))


class EnrolForm(Form):
    person = forms.ModelChoiceField(Person.objects.none(), label=_("Person"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, cohort: Cohort, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person_field = cast(forms.ModelChoiceField, self.fields["person"])
        person_field.queryset = Person.objects.for_user(user)
        role_field = cast(forms.ChoiceField, self.fields["role"])
        role_field.choices = [(r.value, r.label) for r in cohort.programme.roles]


class PairingForm(Form):
    kind = forms.ChoiceField(choices=Pairing.Kind.choices, label=_("Kind"))
    mentor = forms.ModelChoiceField(Person.objects.none(), label=_("Mentor or coach"))
    mentee = forms.ModelChoiceField(Person.objects.none(), label=_("Mentee or coachee"))
    started_on = forms.DateField(widget=DateInput(), label=_("Started on"))

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = Enrolment.objects.active().filter(cohort=cohort)
        R = Enrolment.Role
        givers = active.filter(role__in=[R.MENTOR, R.COACH]).values("person_id")
        takers = active.filter(role__in=[R.MENTEE, R.PARTICIPANT]).values("person_id")
        mentor_field = cast(forms.ModelChoiceField, self.fields["mentor"])
        mentor_field.queryset = Person.objects.filter(pk__in=givers).order_by("name")
        mentee_field = cast(forms.ModelChoiceField, self.fields["mentee"])
        mentee_field.queryset = Person.objects.filter(pk__in=takers).order_by("name")
        if cohort.programme.kind == Programme.Kind.LEADERSHIP:
            self.fields["kind"].initial = Pairing.Kind.COACHING


class StatusForm(Form):
    """A move of the cohort's status, confirmed on the page that said what it will do."""

    status = forms.ChoiceField(
        choices=Cohort.Status.choices, widget=forms.HiddenInput, label=_("Status")
    )
    version = VersionField()
