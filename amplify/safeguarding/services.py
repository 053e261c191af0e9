"""Writes for safeguarding: naming the leads, raising a concern and acting on it, and
contact between the two people of a pair."""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.core import safeguarding as core
from amplify.home.concurrency import check_version
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Pairing, Programme
from amplify.safeguarding import emails
from amplify.safeguarding.models import (
    TEXT_MAX_LENGTH,
    Concern,
    ConcernAction,
    ConcernView,
    ContactSharing,
    Escalation,
    PairMessage,
    SafeguardingTeam,
    Urgency,
)

TEAM_FIELDS = ("lead", "deputy", "time_zone")
CONCERN_FIELDS = ("status", "outcome")
# The roles a concern can be raised about: the people of a mentoring pair.
CONCERN_ROLES = (Enrolment.Role.MENTEE, Enrolment.Role.MENTOR)


# ---------- The leads ----------


@transaction.atomic
def safeguarding_team_set(
    *,
    programme: Programme,
    lead: Person,
    deputy: Person | None,
    changed_by: User,
    time_zone: str = "",
    version: str | None = None,
) -> SafeguardingTeam:
    """Name a programme's safeguarding lead and deputy (people with an account: they read
    the concerns on the site). `version` is the one the caller saw."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    team = SafeguardingTeam.objects.filter(programme=programme).first()
    check_version(team, fields=TEAM_FIELDS, expected=version)
    errors: dict[str, str] = {}
    if lead.user is None or not lead.user.is_active:
        errors["lead"] = _(
            "%(name)s has no active account: a lead must sign in to read concerns."
        ) % {"name": lead.display_name}
    if deputy is not None:
        if deputy.pk == lead.pk:
            errors["deputy"] = _("The deputy must be someone other than the lead.")
        elif deputy.user is None or not deputy.user.is_active:
            errors["deputy"] = _(
                "%(name)s has no active account: a deputy must sign in to read concerns."
            ) % {"name": deputy.display_name}
    zone = time_zone or (team.time_zone if team else "Europe/London")
    if zone not in zoneinfo.available_timezones():
        errors["time_zone"] = _("Unknown time zone “%(time_zone)s”.") % {"time_zone": zone}
    if errors:
        raise ValidationError(errors)
    if team is None:
        team = SafeguardingTeam(programme=programme)
    team.lead, team.deputy, team.time_zone = lead, deputy, zone
    team._history_user = changed_by  # type: ignore[attr-defined]
    team.save()
    return team


# ---------- Concerns ----------


def concern_cohort(about: Person) -> Cohort | None:
    """The cohort a concern about this person belongs to: her latest as a mentee or a
    mentor, one still open before a closed one."""
    enrolments = (
        Enrolment.objects.filter(person=about, role__in=CONCERN_ROLES)
        .select_related("cohort__programme")
        .order_by("-cohort__starts_on", "-pk")
    )
    found = list(enrolments)
    open_ = [e for e in found if e.cohort.status != Cohort.Status.CLOSED]
    chosen = open_ or found
    return chosen[0].cohort if chosen else None


def concern_may_be_raised(*, about: Person, by: User) -> bool:
    """Whoever may see a mentee or a mentor may raise a concern about her."""
    return (
        concern_cohort(about) is not None
        and Person.objects.for_user(by).filter(pk=about.pk).exists()
    )


@transaction.atomic
def concern_raise(
    *,
    about: Person,
    raised_by: User,
    what_happened: str,
    happened_on: date,
    urgency: str,
    exact_words: str = "",
    who_was_involved: str = "",
    request_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Concern:
    """Record a concern and tell the programme's leads (once this commits). The same
    `request_key` from the same person gives back the concern it raised: a form sent twice
    raises one concern."""
    now = now or timezone.now()
    if request_key is not None:
        earlier = Concern.objects.filter(raised_by=raised_by, request_key=request_key).first()
        if earlier is not None:
            return earlier
    cohort = concern_cohort(about)
    if cohort is None or not Person.objects.for_user(raised_by).filter(pk=about.pk).exists():
        raise ValidationError(
            {"about": _("A concern is raised about a mentee or a mentor you can see.")}
        )
    team = SafeguardingTeam.objects.filter(programme=cohort.programme).first()
    if team is None:
        raise ValidationError(
            _(
                "%(programme)s has no safeguarding lead yet, so this concern could not be "
                "recorded. Tell the programme manager now; if someone is in danger, call 999."
            )
            % {"programme": cohort.programme.name}
        )
    errors: dict[str, str] = {}
    what_happened = (what_happened or "").strip()
    if not what_happened:
        errors["what_happened"] = _("Say what happened.")
    for name, value in (
        ("what_happened", what_happened),
        ("exact_words", exact_words),
        ("who_was_involved", who_was_involved),
    ):
        if len(value or "") > TEXT_MAX_LENGTH:
            errors[name] = _("At most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
    if urgency not in Urgency.values:
        errors["urgency"] = _("Choose one of: %(items)s.") % {
            "items": ", ".join(str(label) for label in Urgency.labels)
        }
    if happened_on is None:
        errors["happened_on"] = _("Say when it happened.")
    elif happened_on > now.astimezone(team.zone).date():
        errors["happened_on"] = _("When it happened cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    concern = Concern(
        programme=cohort.programme,
        cohort=cohort,
        about=about,
        raised_by=raised_by,
        raised_at=now,
        what_happened=what_happened,
        exact_words=(exact_words or "").strip(),
        who_was_involved=(who_was_involved or "").strip(),
        happened_on=happened_on,
        urgency=urgency,
        deadline=core.concern_deadline(raised_at=now, urgency=urgency, zone=team.zone),
        request_key=request_key or uuid.uuid4(),
    )
    concern._history_user = raised_by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            concern.save()
    except IntegrityError:
        # The same form, sent at the same moment from another tab: the first one won.
        return Concern.objects.get(raised_by=raised_by, request_key=concern.request_key)
    transaction.on_commit(lambda: emails.concern_raised_notify(concern))
    return concern


def concern_view_record(*, concern: Concern, viewer: User, route: str) -> ConcernView:
    """A read of the concern, in its history. Outside the reader's transaction: a page that
    fails after reading it was still read."""
    return ConcernView.objects.create(concern=concern, viewer=viewer, route=route)


def _action(
    concern: Concern, *, by: User, note: str, status: str, request_key: uuid.UUID, now: datetime
) -> ConcernAction:
    return ConcernAction.objects.create(
        concern=concern,
        taken_by=by,
        taken_at=now,
        note=note,
        status=status,
        request_key=request_key,
    )


@transaction.atomic
def concern_act(
    *,
    concern: Concern,
    by: User,
    note: str,
    status: str = "",
    outcome: str = "",
    version: str | None = None,
    request_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> ConcernAction:
    """Record what a lead did; with `status`, move the concern on (closing it needs its
    outcome). A status change must come from the version the lead saw (`version`)."""
    now = now or timezone.now()
    request_key = request_key or uuid.uuid4()
    earlier = ConcernAction.objects.filter(concern=concern, request_key=request_key).first()
    if earlier is not None:
        return earlier
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    note = (note or "").strip()
    outcome = (outcome or "").strip()
    if (status and status != concern.status) or outcome:
        check_version(concern, fields=CONCERN_FIELDS, expected=version)
    errors: dict[str, str] = {}
    if not note:
        errors["note"] = _("Say what was done.")
    elif len(note) > TEXT_MAX_LENGTH:
        errors["note"] = _("At most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
    if status and status not in Concern.Status.values:
        errors["status"] = _("Unknown status “%(status)s”.") % {"status": status}
    elif status == Concern.Status.ESCALATED:
        errors["status"] = _("Escalate the concern to say to whom, and by when.")
    elif status == Concern.Status.NEW and concern.status != Concern.Status.NEW:
        errors["status"] = _("A concern that was answered cannot be new again.")
    if status == Concern.Status.CLOSED and not (outcome or concern.outcome):
        errors["outcome"] = _("Record the outcome to close the concern.")
    if len(outcome) > TEXT_MAX_LENGTH:
        errors["outcome"] = _("At most %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    changed = bool(status and status != concern.status)
    if changed:
        concern.status = status
        concern.closed_at = now if status == Concern.Status.CLOSED else None
    if outcome:
        concern.outcome = outcome
    if changed or outcome:
        concern._history_user = by  # type: ignore[attr-defined]
        concern.save()
    return _action(
        concern,
        by=by,
        note=note,
        status=status if changed else "",
        request_key=request_key,
        now=now,
    )


@transaction.atomic
def concern_escalate(
    *,
    concern: Concern,
    by: User,
    to_whom: str,
    urgency: str,
    note: str = "",
    request_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Escalation:
    """Pass the concern on, with the deadline its urgency gives (same day or 24 hours)."""
    now = now or timezone.now()
    request_key = request_key or uuid.uuid4()
    earlier = Escalation.objects.filter(concern=concern, request_key=request_key).first()
    if earlier is not None:
        return earlier
    concern = Concern.objects.select_for_update().select_related("programme").get(pk=concern.pk)
    to_whom = (to_whom or "").strip()
    errors: dict[str, str] = {}
    if not to_whom:
        errors["to_whom"] = _("Say to whom the concern is escalated.")
    elif len(to_whom) > 200:
        errors["to_whom"] = _("At most %(limit)s characters.") % {"limit": 200}
    if urgency not in (Urgency.SAME_DAY, Urgency.WITHIN_24_HOURS):
        errors["urgency"] = _("An escalation is due the same day or within 24 hours.")
    if concern.status == Concern.Status.CLOSED:
        errors["to_whom"] = _("This concern is closed: reopen it (in progress) to escalate it.")
    if errors:
        raise ValidationError(errors)
    team = concern.programme.safeguarding_team
    deadline = core.concern_deadline(raised_at=now, urgency=urgency, zone=team.zone)
    assert deadline is not None
    escalation = Escalation.objects.create(
        concern=concern,
        to_whom=to_whom,
        urgency=urgency,
        deadline=deadline,
        escalated_by=by,
        escalated_at=now,
        request_key=request_key,
    )
    concern.status = Concern.Status.ESCALATED
    concern._history_user = by  # type: ignore[attr-defined]
    concern.save()
    text = _("Escalated to %(to_whom)s.") % {"to_whom": to_whom}
    _action(
        concern,
        by=by,
        note=f"{text} {(note or '').strip()}".strip(),
        status=Concern.Status.ESCALATED,
        request_key=uuid.uuid4(),
        now=now,
    )
    return escalation


# ---------- Contact through the platform ----------


def pairings_of(user: User) -> Any:
    """The pairs the user is one of the two people of (her managers are not)."""
    return Pairing.objects.filter(Q(mentor__user=user) | Q(mentee__user=user))


def other_person(pairing: Pairing, person: Person) -> Person:
    return pairing.mentee if pairing.mentor_id == person.pk else pairing.mentor


def both_share(pairing: Pairing) -> bool:
    return (
        ContactSharing.objects.filter(pairing=pairing, shares_details=True)
        .values("person_id")
        .distinct()
        .count()
        == 2
    )


@transaction.atomic
def pair_sharing_set(
    *, pairing: Pairing, person: Person, shares_details: bool, phone: str = ""
) -> ContactSharing:
    """Her choice for this pair: share her email and phone with the other person (shown
    only once both chose to), or not."""
    if person.pk not in (pairing.mentor_id, pairing.mentee_id):
        raise ValidationError(_("Only the two people of a pair choose what they share."))
    phone = (phone or "").strip()
    if len(phone) > 40:
        raise ValidationError({"phone": _("At most %(limit)s characters.") % {"limit": 40}})
    if phone and not all(c.isdigit() or c in "+-() " for c in phone):
        raise ValidationError({"phone": _("A phone number has digits, spaces, +, - and ().")})
    sharing, _created = ContactSharing.objects.select_for_update().get_or_create(
        pairing=pairing, person=person
    )
    sharing.shares_details = shares_details
    sharing.phone = phone
    sharing._history_user = person.user  # type: ignore[attr-defined]
    sharing.save()
    return sharing


MESSAGE_MAX_LENGTH = 5_000


@transaction.atomic
def pair_message_send(
    *,
    pairing: Pairing,
    sender: Person,
    body: str,
    request_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> PairMessage:
    """Email the other person of the pair through Amplify, under the sender's name. That it
    went (who, when) is kept; what it said is not. At most a few a day (amplify.core)."""
    now = now or timezone.now()
    if request_key is not None:
        earlier = PairMessage.objects.filter(sender=sender, request_key=request_key).first()
        if earlier is not None:
            return earlier
    if sender.pk not in (pairing.mentor_id, pairing.mentee_id):
        raise ValidationError(_("Only the two people of a pair write to each other here."))
    if not Pairing.objects.current().filter(pk=pairing.pk).exists():
        raise ValidationError(_("This pair has ended: messages through Amplify have stopped."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"body": _("At most %(limit)s characters.") % {"limit": MESSAGE_MAX_LENGTH}}
        )
    # Under a lock on the sender's row: two tabs sending at once count each other.
    Person.objects.select_for_update().get(pk=sender.pk)
    sent = PairMessage.objects.filter(pairing=pairing, sender=sender).values_list(
        "sent_at", flat=True
    )[: core.MESSAGES_PER_DAY * 2]
    allowance = core.message_allowance(sent_at=list(sent), now=now)
    if not allowance.allowed:
        raise ValidationError(
            {
                "body": _(
                    "You have sent as many messages as Amplify allows for now; you can send "
                    "the next one after %(time)s."
                )
                % {"time": timezone.localtime(allowance.next_at).strftime("%H:%M")}
            }
        )
    recipient = other_person(pairing, sender)
    message = PairMessage.objects.create(
        pairing=pairing,
        sender=sender,
        recipient=recipient,
        sent_at=now,
        request_key=request_key or uuid.uuid4(),
    )
    reply_to = sender.email if both_share(pairing) else None
    transaction.on_commit(
        lambda: emails.pair_message_send_email(
            pairing=pairing, sender=sender, recipient=recipient, body=body, reply_to=reply_to
        )
    )
    return message
