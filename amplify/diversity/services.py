"""Writes for diversity profiles (impact admins only; views and API check the role)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amplify.diversity.models import DiversityProfile
from amplify.home.concurrency import check_version
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
    "share_with_mentor",
)

# Background a mentee may ask her mentor to share (used only with consent to matching).
SHAREABLE = {
    "gender": "Gender",
    "parental_occupation": "Socioeconomic background",
    "first_generation_university": "First in family at university",
    "lgbtq": "LGBTQ+",
    "disability": "Disability",
}


@transaction.atomic
def diversity_profile_save(
    *,
    person: Person,
    changed_by: Any,
    consent_given: bool,
    version: str | None = None,
    **fields: Any,
) -> DiversityProfile:
    """Create or change a person's diversity profile. Nothing is held without consent.
    `version` is the one the caller saw (ABSENT when creating): EditConflict if someone
    else saved since."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}.")
    # The person's row, locked, queues two saves at once: the second sees the first's
    # profile (and compares versions) instead of creating a second one.
    Person.objects.select_for_update(no_key=True).filter(pk=person.pk).first()
    profile = DiversityProfile.objects.select_for_update().filter(person=person).first()
    check_version(profile, fields=FIELDS, expected=version)
    if not consent_given:
        raise ValidationError(
            {"consent_given": "Record the person's consent before holding this data."}
        )
    if profile is None:
        profile = DiversityProfile(person=person, consent_recorded_at=timezone.now())
    for key, value in fields.items():
        empty = [] if key == "share_with_mentor" else ""
        setattr(profile, key, value if value is not None else empty)
    if profile.gender != DiversityProfile.Gender.SELF_DESCRIBED:
        profile.gender_self_description = ""
    wanted = list(dict.fromkeys(profile.share_with_mentor or []))
    if any(w not in SHAREABLE for w in wanted) or len(wanted) > 2:
        raise ValidationError(
            {"share_with_mentor": "Choose up to two of: " + ", ".join(SHAREABLE) + "."}
        )
    profile.share_with_mentor = wanted
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
