"""Writes for the mentoring relationship: the agreement (its versions, starting a
relationship, accepting), the mentee's goals, and closing a relationship."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.mentoring import emails
from amplify.mentoring.models import (
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AgreementAcceptance,
    AgreementSection,
    AgreementVersion,
    ClosureReason,
    EndRequest,
    Goal,
    GoalComment,
    GoalUpdate,
    Relationship,
)
from amplify.mentoring.signals import relationship_ended
from amplify.people.models import Person
from amplify.programmes.models import Pairing, Programme

# ---------- The agreement ----------


def agreement_current(programme: Programme) -> AgreementVersion:
    """The programme's latest agreement; version 1, Amplify's standard wording, is made the
    first time it is needed."""
    latest = AgreementVersion.objects.filter(programme=programme).order_by("-number").first()
    if latest is not None:
        return latest
    try:
        with transaction.atomic():
            return AgreementVersion.objects.create(programme=programme, number=1)
    except IntegrityError:
        # Made at the same moment by another request: theirs is the same standard text.
        return AgreementVersion.objects.get(programme=programme, number=1)


@transaction.atomic
def agreement_publish(
    *, programme: Programme, published_by: User, now: datetime | None = None, **sections: str
) -> AgreementVersion:
    """A new version of the programme's agreement, for the relationships that start from
    now on (those already started keep the version their pair were asked to accept). A
    section left blank keeps Amplify's standard wording; publishing the same text again
    makes no new version."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    unknown = set(sections) - set(AgreementSection.values)
    if unknown:
        raise ValidationError(_("Unknown section: %(names)s.") % {"names": ", ".join(unknown)})
    texts = {key: (sections.get(key) or "").strip() for key in AgreementSection.values}
    errors = {
        key: _("At most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
        for key, text in texts.items()
        if len(text) > TEXT_MAX_LENGTH
    }
    if errors:
        raise ValidationError(errors)
    latest = agreement_current(programme)
    if all(getattr(latest, key) == text for key, text in texts.items()):
        return latest
    return AgreementVersion.objects.create(
        programme=programme,
        number=latest.number + 1,
        published_by=published_by,
        published_at=now or timezone.now(),
        **texts,
    )


def relationship_start(*, pairing: Pairing, today: date | None = None) -> Relationship:
    """The pair's relationship, made if it has none: its two people are asked to accept the
    programme's current agreement. Publishing a match calls this; so does opening a pair
    made another way. Safe to call again, and at the same moment from two requests."""
    found = Relationship.objects.filter(pairing=pairing).first()
    if found is not None:
        return found
    cohort = pairing.cohort
    relationship = Relationship(
        pairing=pairing,
        agreement=agreement_current(cohort.programme),
        started_on=pairing.started_on or today or timezone.localdate(),
    )
    try:
        with transaction.atomic():
            relationship.save()
    except IntegrityError:
        return Relationship.objects.get(pairing=pairing)
    return relationship


def _person_in(pairing: Pairing, by: Person) -> Person:
    """`by`, when she is one of the two people of the pair."""
    for person in (pairing.mentor, pairing.mentee):
        if person.pk == by.pk:
            return person
    raise ValidationError(_("Only the two people of the pair may do this."))


def _current_or_refuse(pairing: Pairing) -> None:
    if not Pairing.objects.current().filter(pk=pairing.pk).exists():
        raise ValidationError(_("This relationship has ended: it can no longer be changed."))


@transaction.atomic
def agreement_accept(
    *, pairing: Pairing, by: Person, now: datetime | None = None
) -> AgreementAcceptance:
    """`by` (the mentor or the mentee of the pair) accepts its agreement; once both
    have, the relationship is active. Accepting again gives back the first acceptance."""
    now = now or timezone.now()
    # The pair's row, locked: the two people accepting at the same moment queue here, so
    # the second sees the first and the relationship becomes active exactly once.
    pairing = (
        Pairing.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "mentor", "mentee")
        .get(pk=pairing.pk)
    )
    person = _person_in(pairing, by)
    relationship = relationship_start(pairing=pairing, today=timezone.localdate(now))
    earlier = AgreementAcceptance.objects.filter(
        relationship=relationship, person=person, agreement=relationship.agreement_id
    ).first()
    if earlier is not None:
        return earlier
    _current_or_refuse(pairing)
    acceptance = AgreementAcceptance.objects.create(
        relationship=relationship,
        person=person,
        agreement_id=relationship.agreement_id,
        accepted_at=now,
    )
    accepted = set(
        AgreementAcceptance.objects.filter(
            relationship=relationship, agreement=relationship.agreement_id
        ).values_list("person_id", flat=True)
    )
    if {pairing.mentor_id, pairing.mentee_id} <= accepted and relationship.active_since is None:
        relationship.active_since = now
        relationship._history_user = by.user  # type: ignore[attr-defined]
        relationship.save()
    return acceptance


# ---------- Goals ----------


def _goal_errors(
    *, title: str, why_it_matters: str, success_criterion: str, target_date: date | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Name the goal.")
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("At most %(limit)s characters.") % {"limit": TITLE_MAX_LENGTH}
    if not why_it_matters:
        errors["why_it_matters"] = _("Say why this goal matters to you.")
    if not success_criterion:
        errors["success_criterion"] = _(
            "Say how you will know you got there: something you can count or see."
        )
    for key, text in (("why_it_matters", why_it_matters), ("success_criterion", success_criterion)):
        if len(text) > TEXT_MAX_LENGTH:
            errors[key] = _("At most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
    if target_date is None:
        errors["target_date"] = _("Choose a target date.")
    return errors


def _mentee_or_refuse(pairing: Pairing, by: Person) -> Person:
    person = _person_in(pairing, by)
    if person.pk != pairing.mentee_id:
        raise ValidationError(_("The mentee sets her own goals and their progress."))
    return person


@transaction.atomic
def goal_set(
    *,
    pairing: Pairing,
    by: Person,
    title: str,
    why_it_matters: str,
    success_criterion: str,
    target_date: date | None,
    request_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Goal:
    """A new goal of the mentee's own. The same `request_key` gives back the goal it made:
    a form sent twice sets one goal."""
    now = now or timezone.now()
    if request_key is not None:
        earlier = Goal.objects.filter(pairing=pairing, request_key=request_key).first()
        if earlier is not None:
            return earlier
    _mentee_or_refuse(pairing, by)
    _current_or_refuse(pairing)
    title, why_it_matters = (title or "").strip(), (why_it_matters or "").strip()
    success_criterion = (success_criterion or "").strip()
    errors = _goal_errors(
        title=title,
        why_it_matters=why_it_matters,
        success_criterion=success_criterion,
        target_date=target_date,
    )
    if target_date is not None and target_date < timezone.localdate(now):
        errors["target_date"] = _("The target date cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    assert target_date is not None
    goal = Goal(
        pairing=pairing,
        title=title,
        why_it_matters=why_it_matters,
        success_criterion=success_criterion,
        target_date=target_date,
        created_at=now,
        updated_at=now,
        request_key=request_key or uuid.uuid4(),
    )
    goal._history_user = by.user  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            goal.save()
    except IntegrityError:
        return Goal.objects.get(pairing=pairing, request_key=goal.request_key)
    return goal


@transaction.atomic
def goal_change(
    *,
    goal: Goal,
    by: Person,
    title: str,
    why_it_matters: str,
    success_criterion: str,
    target_date: date | None,
    now: datetime | None = None,
) -> Goal:
    """The mentee rewords her goal or moves its date (the goal's history keeps what it
    said before)."""
    goal = (
        Goal.objects.select_for_update(of=("self",))
        .select_related("pairing__mentor", "pairing__mentee")
        .get(pk=goal.pk)
    )
    _mentee_or_refuse(goal.pairing, by)
    _current_or_refuse(goal.pairing)
    title, why_it_matters = (title or "").strip(), (why_it_matters or "").strip()
    success_criterion = (success_criterion or "").strip()
    errors = _goal_errors(
        title=title,
        why_it_matters=why_it_matters,
        success_criterion=success_criterion,
        target_date=target_date,
    )
    if errors:
        raise ValidationError(errors)
    goal.title, goal.why_it_matters = title, why_it_matters
    goal.success_criterion, goal.target_date = success_criterion, target_date  # type: ignore[assignment]
    goal.updated_at = now or timezone.now()
    goal._history_user = by.user  # type: ignore[attr-defined]
    goal.save()
    return goal


@transaction.atomic
def goal_progress_update(
    *,
    goal: Goal,
    by: Person,
    progress: int | None,
    note: str = "",
    request_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> GoalUpdate:
    """The mentee says how far she has come (0–100%) and what happened; each update is
    kept. The same `request_key` records it once."""
    now = now or timezone.now()
    if request_key is not None:
        earlier = GoalUpdate.objects.filter(goal=goal, request_key=request_key).first()
        if earlier is not None:
            return earlier
    goal = (
        Goal.objects.select_for_update(of=("self",))
        .select_related("pairing__mentor", "pairing__mentee")
        .get(pk=goal.pk)
    )
    person = _mentee_or_refuse(goal.pairing, by)
    _current_or_refuse(goal.pairing)
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if progress is None or not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a percentage, from 0 to 100.")
    if len(note) > TEXT_MAX_LENGTH:
        errors["note"] = _("At most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    assert progress is not None
    update = GoalUpdate.objects.create(
        goal=goal,
        progress=progress,
        note=note,
        by=person,
        at=now,
        request_key=request_key or uuid.uuid4(),
    )
    goal.progress, goal.updated_at = progress, now
    goal._history_user = by.user  # type: ignore[attr-defined]
    goal.save()
    return update


@transaction.atomic
def goal_comment_add(
    *,
    goal: Goal,
    by: Person,
    body: str,
    request_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> GoalComment:
    """A comment on the goal, by her mentor (or by the mentee, answering). The same
    `request_key` adds it once."""
    now = now or timezone.now()
    if request_key is not None:
        earlier = GoalComment.objects.filter(goal=goal, request_key=request_key).first()
        if earlier is not None:
            return earlier
    pairing = Pairing.objects.select_related("mentor", "mentee").get(pk=goal.pairing_id)
    person = _person_in(pairing, by)
    _current_or_refuse(pairing)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    if len(body) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"body": _("At most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}}
        )
    comment = GoalComment(
        goal=goal, author=person, body=body, at=now, request_key=request_key or uuid.uuid4()
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        return GoalComment.objects.get(goal=goal, request_key=comment.request_key)
    return comment


# ---------- Ending a relationship ----------


def _reason_or_error(reason: str) -> dict[str, str]:
    if reason in ClosureReason.values:
        return {}
    return {
        "reason": _("Choose one of: %(items)s.")
        % {"items": ", ".join(str(label) for label in ClosureReason.labels)}
    }


@transaction.atomic
def relationship_end_ask(
    *, pairing: Pairing, by: Person, reason: str, note: str = "", now: datetime | None = None
) -> EndRequest:
    """One of the two people asks the programme manager to end the relationship (she
    confirms it, after talking to them). While a request is open, asking again gives it
    back."""
    now = now or timezone.now()
    pairing = (
        Pairing.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "mentor", "mentee")
        .get(pk=pairing.pk)
    )
    person = _person_in(pairing, by)
    _current_or_refuse(pairing)
    relationship = relationship_start(pairing=pairing)
    open_ = relationship.end_requests.filter(status=EndRequest.Status.OPEN).first()
    if open_ is not None:
        return open_
    note = (note or "").strip()
    errors = _reason_or_error(reason)
    if len(note) > TEXT_MAX_LENGTH:
        errors["note"] = _("At most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    request = EndRequest(
        relationship=relationship, requested_by=person, requested_at=now, reason=reason, note=note
    )
    request._history_user = by.user  # type: ignore[attr-defined]
    request.save()
    transaction.on_commit(lambda: emails.end_requested_notify(request))
    return request


@transaction.atomic
def relationship_end_decline(
    *, end_request: EndRequest, decided_by: User, now: datetime | None = None
) -> EndRequest:
    """The programme manager keeps the relationship going (she has talked to them)."""
    end_request = EndRequest.objects.select_for_update().get(pk=end_request.pk)
    if end_request.status != EndRequest.Status.OPEN:
        return end_request
    end_request.status = EndRequest.Status.DECLINED
    end_request.decided_by, end_request.decided_at = decided_by, now or timezone.now()
    end_request._history_user = decided_by  # type: ignore[attr-defined]
    end_request.save()
    return end_request


@transaction.atomic
def relationship_close(
    *,
    pairing: Pairing,
    closed_by: User,
    reason: str,
    note: str = "",
    now: datetime | None = None,
    notify: bool = True,
) -> Relationship:
    """The programme manager ends the relationship with a reason: the pair ends today
    (`Pairing.ended_on`, unless a withdrawal ended it already), messages through Amplify
    stop, an open request to end it is confirmed, both people are emailed (unless notify is
    off, for recording history), and `relationship_ended` is sent (the meetings app cancels
    the calendar series). Closing it again changes nothing."""
    now = now or timezone.now()
    pairing = (
        Pairing.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "mentor", "mentee")
        .get(pk=pairing.pk)
    )
    relationship = relationship_start(pairing=pairing)
    relationship = Relationship.objects.select_for_update().get(pk=relationship.pk)
    if relationship.is_closed:
        return relationship
    note = (note or "").strip()
    errors = _reason_or_error(reason)
    if len(note) > TEXT_MAX_LENGTH:
        errors["note"] = _("At most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    relationship.closed_at, relationship.closed_by = now, closed_by
    relationship.closure_reason, relationship.closure_note = reason, note
    relationship._history_user = closed_by  # type: ignore[attr-defined]
    relationship.save()
    if pairing.ended_on is None:
        pairing.ended_on = timezone.localdate(now)
        pairing._history_user = closed_by  # type: ignore[attr-defined]
        pairing.save()
    for request in relationship.end_requests.filter(status=EndRequest.Status.OPEN):
        request.status = EndRequest.Status.CONFIRMED
        request.decided_by, request.decided_at = closed_by, now
        request._history_user = closed_by  # type: ignore[attr-defined]
        request.save()
    relationship_ended.send(sender=Relationship, pairing=pairing, reason=reason)
    if notify:
        transaction.on_commit(lambda: emails.relationship_closed_notify(relationship))
    return relationship


def person_in(pairing: Pairing, user: User) -> Person:
    """The user's person in the pair (the caller fetched the pair through the user's own
    pairs, so she is one of the two)."""
    return pairing.mentor if pairing.mentor.user_id == user.pk else pairing.mentee


def pairings_of(user: User) -> Any:
    """The mentoring pairs the user is one of the two people of (her managers are not)."""
    return Pairing.objects.filter(
        Q(mentor__user=user) | Q(mentee__user=user), kind=Pairing.Kind.MENTORING
    )
