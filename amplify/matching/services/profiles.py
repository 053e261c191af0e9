"""Writes for matching profiles: what each person says about herself to be matched."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amplify.accounts.types import Actor
from amplify.core.matching.profiles import MAX_CAPACITY, MAX_TAGS
from amplify.home.concurrency import check_version
from amplify.matching.inputs import MENTOR_CAPACITY
from amplify.matching.models import MatchProfile
from amplify.matching.vocabulary import TAGS, JobFamily
from amplify.people.models import Division, Person

# What the profile form and `PUT /api/me/match-profile` change: their version covers these.
PROFILE_FIELDS = (
    "tags",
    "job_family",
    "aspired_division",
    "seniority",
    "availability",
    "meeting_format",
    "capacity",
)


@transaction.atomic
def match_profile_save(
    *,
    person: Person,
    changed_by: Actor | None,
    tags: list[str],
    version: str | None = None,
    job_family: str = "",
    aspired_division: Division | None = None,
    seniority: int = 2,
    availability: list[int] | None = None,
    meeting_format: str = MatchProfile.Format.EITHER,
    capacity: int = 1,
    share_background_match_with_mentee: bool = False,
) -> MatchProfile:
    errors: dict[str, str] = {}
    tags = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
    unknown = [t for t in tags if t not in TAGS]
    if unknown:
        errors["tags"] = _("Unknown interests: %(items)s.") % {"items": ", ".join(unknown)}
    elif len(tags) > MAX_TAGS:
        errors["tags"] = _("Choose at most %(most)s interests or skills.") % {"most": MAX_TAGS}
    if job_family and job_family not in JobFamily.values:
        errors["job_family"] = _("Unknown job family “%(job_family)s”.") % {
            "job_family": job_family
        }
    slots = sorted({int(s) for s in availability or []})
    if any(not 0 <= s < 21 for s in slots):
        errors["availability"] = _("Weekly slots are numbered 0 to 20.")
    elif len(slots) > 10:
        errors["availability"] = _("Choose at most 10 weekly slots.")
    if not 0 <= seniority <= 6:
        errors["seniority"] = _("Seniority is 0 to 6.")
    if not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = _(
            "Take 1 to %(most)s people (a mentor in a mentoring programme takes at "
            "most %(mentor_most)s)."
        ) % {"most": MAX_CAPACITY, "mentor_most": MENTOR_CAPACITY}
    if meeting_format not in MatchProfile.Format.values:
        errors["meeting_format"] = _("Choose in person or online.")
    if errors:
        raise ValidationError(errors)
    # The person's row, locked, queues two saves of her profile (two tabs, say) so the
    # second compares its version with what the first saved.
    Person.objects.select_for_update(no_key=True).filter(pk=person.pk).first()
    check_version(
        MatchProfile.objects.filter(person=person).first(),
        fields=PROFILE_FIELDS,
        expected=version,
    )
    profile, _created = MatchProfile.objects.get_or_create(person=person)
    profile.tags, profile.job_family, profile.aspired_division = tags, job_family, aspired_division
    profile.seniority, profile.availability = seniority, slots
    profile.meeting_format, profile.capacity = meeting_format, capacity
    profile.share_background_match_with_mentee = bool(share_background_match_with_mentee)
    profile._history_user = changed_by  # type: ignore[attr-defined]
    profile.save()
    return profile
