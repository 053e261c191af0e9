"""Writes for volunteering: an employee offers to mentor in a cohort, edits or withdraws her
offer while it is pending; the cohort's programme manager accepts (enrolling her as a mentor
and saving her capacity and expertise into her matching profile, in one transaction) or
declines with a reason. Each decision is emailed to the volunteer."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.core.matching.profiles import MAX_TAGS
from amplify.matching.models import MatchProfile
from amplify.matching.services import match_profile_save
from amplify.matching.vocabulary import TAGS
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.services import cohort_enrol
from amplify.volunteering.models import (
    MAX_CAPACITY,
    MIN_CAPACITY,
    OPEN_STATUSES,
    WHY_MAX_LENGTH,
    MentorOffer,
    OfferStatus,
)

ACTIONS = ("accept", "decline")


def may_volunteer(person: Person | None) -> bool:
    """An employee (not an external person) with an active account."""
    return bool(
        person is not None
        and not person.is_external
        and person.user_id is not None
        and person.user is not None
        and person.user.is_active
    )


def _clean(*, why: str, tags: list[str], capacity: Any) -> tuple[str, list[str], int]:
    errors: dict[str, str] = {}
    why = (why or "").strip()
    if not why:
        errors["why"] = _("Say in a few words why you want to mentor.")
    elif len(why) > WHY_MAX_LENGTH:
        errors["why"] = _("Keep it under %(most)s characters.") % {"most": WHY_MAX_LENGTH}
    tags = list(dict.fromkeys(t.strip() for t in tags if t and t.strip()))
    unknown = [t for t in tags if t not in TAGS]
    if unknown:
        errors["tags"] = _("Unknown expertise: %(items)s.") % {"items": ", ".join(unknown)}
    elif not tags:
        errors["tags"] = _("Choose at least one area of expertise.")
    elif len(tags) > MAX_TAGS:
        errors["tags"] = _("Choose at most %(most)s areas of expertise.") % {"most": MAX_TAGS}
    try:
        places = int(capacity)
    except (TypeError, ValueError):
        places = 0
    if not MIN_CAPACITY <= places <= MAX_CAPACITY:
        errors["capacity"] = _("Take %(least)s to %(most)s mentees.") % {
            "least": MIN_CAPACITY,
            "most": MAX_CAPACITY,
        }
    if errors:
        raise ValidationError(errors)
    return why, tags, places


@transaction.atomic
def mentor_offer_submit(
    *,
    cohort: Cohort,
    person: Person,
    why: str,
    tags: list[str],
    capacity: int,
    submitted_by: User,
) -> MentorOffer:
    """Her offer to mentor in the cohort: made, or changed while it is pending, or made
    again after she withdrew it. One offer per person per cohort: a second submit (two
    tabs, a retry) updates the same offer, and the same answers change nothing."""
    if not may_volunteer(person):
        raise ValidationError(_("Only employees with an account can volunteer to mentor."))
    why, tags, places = _clean(why=why, tags=tags, capacity=capacity)
    cohort = Cohort.objects.select_related("programme").get(pk=cohort.pk)
    if cohort.status not in OPEN_STATUSES or cohort.programme.kind != "mentoring":
        raise ValidationError(_("This cohort is not taking volunteers."))
    if Enrolment.objects.active().filter(cohort=cohort, person=person).exists():
        raise ValidationError(_("You already take part in this cohort."))
    # Her person row, locked: two submits at once queue, and the second finds the first's
    # offer (the unique constraint stands behind this).
    Person.objects.select_for_update(no_key=True).filter(pk=person.pk).first()
    offer = MentorOffer.objects.select_for_update().filter(cohort=cohort, person=person).first()
    if offer is None:
        offer = MentorOffer(cohort=cohort, person=person)
    elif offer.status in (OfferStatus.ACCEPTED, OfferStatus.DECLINED):
        raise ValidationError(
            _("The programme team has already decided on your offer: %(status)s.")
            % {"status": offer.get_status_display().lower()}
        )
    elif offer.is_pending and (offer.why, offer.tags, offer.capacity) == (why, tags, places):
        return offer
    offer.why, offer.tags, offer.capacity = why, tags, places
    offer.status = OfferStatus.PENDING
    offer._history_user = submitted_by  # type: ignore[attr-defined]
    offer.save()
    return offer


@transaction.atomic
def mentor_offer_withdraw(*, offer: MentorOffer, withdrawn_by: User) -> MentorOffer:
    """Withdraw a pending offer; withdrawing again changes nothing."""
    offer = MentorOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.status == OfferStatus.WITHDRAWN:
        return offer
    if not offer.is_pending:
        raise ValidationError(
            _("The programme team has already decided on your offer: %(status)s.")
            % {"status": offer.get_status_display().lower()}
        )
    offer.status = OfferStatus.WITHDRAWN
    offer._history_user = withdrawn_by  # type: ignore[attr-defined]
    offer.save()
    return offer


@transaction.atomic
def mentor_offer_decide(
    *, offer: MentorOffer, action: str, decided_by: User, reason: str = "", notify: bool = True
) -> MentorOffer:
    """Accept (enrol her as a mentor, save her capacity and expertise into her matching
    profile) or decline with a reason; the volunteer is emailed once the decision is saved.
    The same decision again (a double click, two managers at once) changes nothing."""
    if action not in ACTIONS:
        raise ValidationError({"action": _("Choose accept or decline.")})
    reason = (reason or "").strip()
    if action == "decline" and not reason:
        raise ValidationError({"reason": _("Give the volunteer a reason.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("Keep the reason under 300 characters.")})
    # The offer's row, locked: of two accepts at once the second waits, then sees the first.
    offer = (
        MentorOffer.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "person__user")
        .get(pk=offer.pk)
    )
    wanted = OfferStatus.ACCEPTED if action == "accept" else OfferStatus.DECLINED
    if offer.status == wanted:
        return offer
    if not offer.is_pending:
        raise ValidationError(
            _("This offer is %(status)s: nothing to decide.")
            % {"status": offer.get_status_display().lower()}
        )
    if action == "accept":
        if offer.cohort.status not in OPEN_STATUSES:
            raise ValidationError(_("This cohort is not taking volunteers."))
        # Enrolled as a mentor meanwhile (by hand, say): that enrolment is hers.
        offer.enrolment = Enrolment.objects.active().filter(
            cohort=offer.cohort, person=offer.person, role=Enrolment.Role.MENTOR
        ).first() or cohort_enrol(
            cohort=offer.cohort,
            person=offer.person,
            role=Enrolment.Role.MENTOR,
            enrolled_by=decided_by,
        )
        _profile_update(offer, decided_by)
    else:
        offer.decline_reason = reason
    offer.status = wanted
    offer.decided_by, offer.decided_at = decided_by, timezone.now()
    offer._history_user = decided_by  # type: ignore[attr-defined]
    offer.save()

    if notify:  # the demo's history sends no emails
        from amplify.volunteering.emails import offer_decision_send

        transaction.on_commit(lambda: offer_decision_send(offer))
    return offer


def _profile_update(offer: MentorOffer, changed_by: User) -> MatchProfile:
    """Her matching profile with the offer's capacity, and its expertise added to her tags;
    everything else she had kept."""
    profile = MatchProfile.objects.filter(person=offer.person).first()
    kept = list(profile.tags) if profile else []
    tags = list(dict.fromkeys([*offer.tags, *kept]))[:MAX_TAGS]
    if profile is None:
        return match_profile_save(
            person=offer.person, changed_by=changed_by, tags=tags, capacity=offer.capacity
        )
    return match_profile_save(
        person=offer.person,
        changed_by=changed_by,
        tags=tags,
        job_family=profile.job_family,
        aspired_division=profile.aspired_division,
        seniority=profile.seniority,
        availability=list(profile.availability),
        meeting_format=profile.meeting_format,
        capacity=offer.capacity,
        share_background_match_with_mentee=profile.share_background_match_with_mentee,
    )
