"""The organisation roll-up's filters, the one parser the page, its exports and the API use:
a reader chooses only among the programmes and cohorts she may see."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amplify.home.forms import Form
from amplify.impact import rollup
from amplify.people.models import Country, Division
from amplify.programmes.models import Enrolment, Pillar, Programme


class RollupFilterForm(Form):
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        required=False,
        label=_("Programme"),
        empty_label=_("All programmes"),
    )
    cohort = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    pillar = forms.ModelChoiceField(
        queryset=Pillar.objects.all(),
        required=False,
        label=_("MILES pillar"),
        empty_label=_("All pillars"),
    )
    country = forms.ModelChoiceField(
        queryset=Country.objects.all(),
        required=False,
        label=_("Country"),
        empty_label=_("All countries"),
    )
    division = forms.ModelChoiceField(
        queryset=Division.objects.all(),
        required=False,
        label=_("Division"),
        empty_label=_("All divisions"),
    )
    year = forms.IntegerField(
        required=False, min_value=1990, max_value=2100, label=_("Cohorts starting in")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["programme"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = rollup.visible_programmes(user)
        # Only the countries and divisions of people taking part in what she may see: a
        # list of every country on earth helps nobody choose.
        taking_part = Enrolment.objects.filter(cohort__in=rollup.visible_cohorts(user).values("pk"))
        for name in ("country", "division"):
            choice = self.fields[name]
            assert isinstance(choice, forms.ModelChoiceField)
            model = Country if name == "country" else Division
            choice.queryset = model.objects.filter(pk__in=taking_part.values(f"person__{name}"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        cohort_id = data.get("cohort")
        if cohort_id:
            cohort = (
                rollup.visible_cohorts(self.user).filter(pk=cohort_id).values("programme").first()
            )
            if cohort is None:
                raise forms.ValidationError(
                    _("That cohort is not one whose roll-up you may see."), code="cohort"
                )
            programme = data.get("programme")
            if programme is not None and programme.pk != cohort["programme"]:
                raise forms.ValidationError(
                    _("That cohort is not a cohort of the programme chosen."), code="cohort"
                )
            if programme is None:
                data["programme"] = cohort["programme"]
        return data

    def filters(self) -> rollup.Filters:
        return rollup.filters_from(self.cleaned_data)

    def error_text(self) -> str:
        return " ".join(str(e) for errors in self.errors.values() for e in errors)
