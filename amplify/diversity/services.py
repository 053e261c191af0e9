"""Writes for diversity profiles (impact admins only; views and API check the role)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amplify.diversity.models import DiversityProfile
from amplify.people.models import Person

FIELDS = (
    "gender",
    "gender_self_description",
    "ethnicity",
    "disability",
    "lgbtq",
    "parental_occupation",
    "school_type",
    "free_school_meals",
    "first_generation_university",
    "consent_to_matching",
)


@transaction.atomic
def diversity_profile_save(
    *, person: Person, changed_by: Any, consent_given: bool, **fields: Any
) -> DiversityProfile:
    """Create or change a person's diversity profile. Nothing is held without consent."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    profile = DiversityProfile.objects.filter(person=person).first()
    if not consent_given:
        raise ValidationError(
            {"consent_given": "Record the person's consent before holding this data."}
        )
    if profile is None:
        profile = DiversityProfile(person=person, consent_recorded_at=timezone.now())
    for key, value in fields.items():
        setattr(profile, key, value if value is not None else "")
    if profile.gender != DiversityProfile.Gender.SELF_DESCRIBED:
        profile.gender_self_description = ""
    profile._history_user = changed_by  # type: ignore[attr-defined]
    profile.full_clean(exclude=["person"])
    profile.save()
    return profile


@transaction.atomic
def diversity_profile_erase(*, profile: DiversityProfile, changed_by: Any) -> None:
    """Withdrawn consent: delete the profile and its history, including the record of the
    deletion itself (which would still hold the data)."""
    pk = profile.pk
    profile.delete()
    DiversityProfile.history.filter(id=pk).delete()
