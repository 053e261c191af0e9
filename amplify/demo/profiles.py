"""Consented diversity and socioeconomic profiles for the demo's mentees and participants."""

from __future__ import annotations

from typing import Any

from amplify.demo.programmes import Demo
from amplify.diversity.services import diversity_profile_save

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


def build_profiles(d: Demo, *, by: Any) -> int:
    count = 0
    for person in d.mentees:
        rng = d.rng
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
            consent_to_matching=rng.random() < 0.7,
        )
        count += 1
    for person in d.participants:
        rng = d.rng
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
        count += 1
    return count
