"""Consented diversity and socioeconomic profiles for the demo's people, recorded by the
impact admin as each cohort forms (so matching can use what people agreed to share)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from amplify.diversity.services import diversity_profile_save
from amplify.people.models import Person

if TYPE_CHECKING:
    from amplify.demo.programmes import Demo

ETHNICITIES = (
    "White British",
    "White other",
    "Black African",
    "Black Caribbean",
    "Asian Indian",
    "Asian Pakistani",
    "Asian Bangladeshi",
    "Chinese",
    "Mixed",
    "Arab",
    "Prefer not to say",
)
# What a mentee who agreed to use in matching asks her mentor to share, if anything.
WISHES: tuple[list[str], ...] = (
    [],
    [],
    ["gender"],
    ["parental_occupation"],
    ["gender", "parental_occupation"],
    ["first_generation_university"],
)


def mentee_profiles(d: Demo, people: list[Person]) -> None:
    rng, by = d.rng, d.demo["impact"].user
    for person in people:
        if Person.objects.filter(pk=person.pk, diversity_profile__isnull=False).exists():
            continue
        consent = rng.random() < 0.7
        diversity_profile_save(
            person=person,
            changed_by=by,
            consent_given=True,
            gender=rng.choices(["woman", "man", "non_binary"], [55, 42, 3])[0],
            ethnicity=rng.choice(ETHNICITIES),
            disability=rng.choices(["yes", "no", "declined"], [12, 83, 5])[0],
            parental_occupation=rng.choices(
                ["working_class", "intermediate", "other"], [80, 15, 5]
            )[0],
            school_type=rng.choices(
                ["state_non_selective", "state_selective", "abroad"], [88, 7, 5]
            )[0],
            free_school_meals=rng.choices(["yes", "no", "unknown"], [65, 25, 10])[0],
            first_generation_university=rng.choices(["yes", "no", "unknown"], [60, 30, 10])[0],
            consent_to_matching=consent,
            share_with_mentor=list(rng.choice(WISHES)) if consent else [],
        )


def mentor_profiles(d: Demo, people: list[Person]) -> None:
    """About half the mentors share their background, most of them for matching too."""
    rng, by = d.rng, d.demo["impact"].user
    for person in people:
        if rng.random() < 0.5:
            continue
        if Person.objects.filter(pk=person.pk, diversity_profile__isnull=False).exists():
            continue
        diversity_profile_save(
            person=person,
            changed_by=by,
            consent_given=True,
            gender=rng.choices(["woman", "man", "non_binary", "declined"], [52, 44, 1, 3])[0],
            parental_occupation=rng.choices(
                ["professional", "intermediate", "working_class", "declined"], [40, 25, 30, 5]
            )[0],
            first_generation_university=rng.choices(["yes", "no", "unknown"], [35, 60, 5])[0],
            consent_to_matching=rng.random() < 0.8,
        )


def participant_profiles(d: Demo, people: list[Person]) -> None:
    rng, by = d.rng, d.demo["impact"].user
    for person in people:
        if rng.random() < 0.25:
            continue  # not everyone shares this data
        diversity_profile_save(
            person=person,
            changed_by=by,
            consent_given=True,
            gender=rng.choices(["woman", "man", "non_binary", "declined"], [49, 47, 1, 3])[0],
            parental_occupation=rng.choices(
                ["professional", "intermediate", "working_class", "declined"], [45, 25, 22, 8]
            )[0],
            consent_to_matching=rng.random() < 0.5,
        )
