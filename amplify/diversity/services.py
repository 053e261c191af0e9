"""Writes for diversity profiles (impact admins only; views and API check the role)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amplify.accounts.models import User
from amplify.accounts.types import Actor
from amplify.diversity.models import AccessRecord, DiversityProfile
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
    "gender": gettext_lazy("Gender"),
    "parental_occupation": gettext_lazy("Socioeconomic background"),
    "first_generation_university": gettext_lazy("First in family at university"),
    "lgbtq": gettext_lazy("LGBTQ+"),
    "disability": gettext_lazy("Disability"),
}


@transaction.atomic
def diversity_profile_save(
    *,
    person: Person,
    changed_by: Actor | None,
    consent_given: bool,
    version: str | None = None,
    **fields: Any,
) -> DiversityProfile:
    """Create or change a person's diversity profile. Nothing is held without consent.
    `version` is the one the caller saw (ABSENT when creating): EditConflict if someone
    else saved since."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    # The person's row, locked, queues two saves at once: the second sees the first's
    # profile (and compares versions) instead of creating a second one.
    Person.objects.select_for_update(no_key=True).filter(pk=person.pk).first()
    profile = DiversityProfile.objects.select_for_update().filter(person=person).first()
    check_version(profile, fields=FIELDS, expected=version)
    if not consent_given:
        raise ValidationError(
            {"consent_given": _("Record the person's consent before holding this data.")}
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
            {
                "share_with_mentor": _("Choose up to two of: %(items)s.")
                % {"items": ", ".join(SHAREABLE)}
            }
        )
    profile.share_with_mentor = wanted
    profile._history_user = changed_by  # type: ignore[attr-defined]
    profile.full_clean(exclude=["person"])
    profile.save()
    return profile


@transaction.atomic
def diversity_profile_erase(*, profile: DiversityProfile, changed_by: Actor) -> None:
    """Withdrawn consent: delete the profile and its history. No "deleted" history row is
    left either (it would still hold the data): the model purges history on every delete."""
    profile.delete()


def diversity_access_record(
    *, reader: User, person_ids: Iterable[int | None], route: AccessRecord.Route
) -> None:
    """Record that `reader` has just been shown these people's identifiable profiles.

    Every read path calls this (pages, API, admin): one record per person shown, all with
    the same time. Not atomic on its own: it joins the request's transaction, if any."""
    now = timezone.now()
    ids = list(dict.fromkeys(pk for pk in person_ids if pk is not None))
    AccessRecord.objects.bulk_create(
        AccessRecord(reader=reader, subject_id=pk, route=route, read_at=now) for pk in ids
    )


@transaction.atomic
def diversity_erase_for_person(*, person_id: int) -> None:
    """Erasure (UK GDPR art. 17) of a person's diversity data: the profile and every history
    row of it are deleted. The access log keeps its records of reads of that profile (who
    read special-category data, and when, stays accountable) but no longer says whose it
    was: their subject is emptied. Idempotent; a person without a profile is a no-op."""
    DiversityProfile.objects.filter(person_id=person_id).delete()
    # History rows left behind before deletes purged them, or by a profile re-created since.
    DiversityProfile.history.filter(person_id=person_id).delete()
    AccessRecord.objects.filter(subject_id=person_id).update(subject=None)


def _values(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in FIELDS}


def diversity_export_for_person(*, person_id: int) -> dict[str, Any]:
    """Subject access (UK GDPR arts. 15 and 20): the person's own diversity data, as a
    JSON-able dict. The profile (or None), each recorded version of it, and when and
    through which route it was read (readers by role, not by name: they are staff)."""
    profile = DiversityProfile.objects.filter(person_id=person_id).first()
    history = DiversityProfile.history.filter(person_id=person_id).order_by("history_date", "pk")
    reads = AccessRecord.objects.filter(subject_id=person_id).order_by("read_at", "pk")
    kinds = {"+": "created", "~": "changed", "-": "deleted"}
    return {
        "profile": None
        if profile is None
        else {
            **_values(profile),
            "consent_recorded_at": profile.consent_recorded_at.isoformat(),
            "updated_at": profile.updated_at.isoformat(),
        },
        "history": [
            {
                "recorded_at": row.history_date.isoformat(),
                "change": kinds.get(row.history_type, row.history_type),
                **_values(row),
                "consent_recorded_at": row.consent_recorded_at.isoformat(),
            }
            for row in history
        ],
        "reads": [
            {
                "read_at": read.read_at.isoformat(),
                "route": read.route,
                "route_label": read.get_route_display(),
                "reader": "impact admin",
            }
            for read in reads
        ],
    }
