"""Inviting a wave's audience, and the respondent's own invitations.

(`wave_launch` is what the builder's "Send invitations" button and API call.) Each person
of the audience gets one invitation, even with two roles in the cohort (the first of the
wave's roles she holds is recorded), and an email with her signed link (amplify.surveys.links).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import sees_nothing
from amplify.programmes.models import Enrolment
from amplify.surveys import emails
from amplify.surveys.models import Invitation, Wave


def _audience(wave: Wave) -> dict[int, str]:
    """person id → the role she is asked in: her active enrolments in the wave's roles, the
    first of the wave's roles when she holds two."""
    order = {role: i for i, role in enumerate(wave.audience)}
    chosen: dict[int, str] = {}
    rows = (
        Enrolment.objects.active()
        .filter(cohort_id=wave.cohort_id, role__in=wave.audience)
        .values_list("person_id", "role")
    )
    for person_id, role in sorted(rows, key=lambda r: (r[0], order[r[1]])):
        chosen.setdefault(person_id, role)
    return chosen


def _invite(wave: Wave, people: dict[int, str], now: datetime) -> list[Invitation]:
    Invitation.objects.bulk_create(
        [
            Invitation(wave=wave, person_id=pid, role=role, sent_at=now)
            for pid, role in people.items()
        ],
        ignore_conflicts=True,
    )
    # ignore_conflicts leaves pks unset: read back what this call made (its sent_at); the
    # wave is locked, so no other call is inviting at the same moment.
    invited = list(
        Invitation.objects.filter(wave=wave, sent_at=now, person_id__in=list(people))
        .select_related("person")
        .order_by("pk")
    )
    transaction.on_commit(lambda: _send_all(invited, wave))
    return invited


def _send_all(invited: list[Invitation], wave: Wave) -> None:
    for invitation in invited:
        emails.invitation_send(invitation, wave=wave)


@transaction.atomic
def wave_launch(*, wave: Wave, by: Any) -> int:
    """Create an invitation for every active member of the wave's audience, email each a
    signed link, mark the wave launched; the number invited. Locked: a second call (or two
    at once) invites nobody new and is refused with a message saying when it was sent."""
    wave = (
        Wave.objects.select_for_update(of=("self",))
        .select_related("cohort__programme")
        .get(pk=wave.pk)
    )
    now = timezone.now()
    if wave.launched_at is not None:
        raise ValidationError(
            _(
                "The invitations of this survey were already sent on %(day)s: nobody new "
                "was invited."
            )
            % {"day": formats.date_format(timezone.localtime(wave.launched_at), "DATE_FORMAT")},
            code="launched",
        )
    if wave.closes_at <= now:
        raise ValidationError(
            _("This survey closed on %(day)s: its invitations can no longer be sent.")
            % {"day": emails.closing_day(wave)},
            code="closed",
        )
    if not wave.questions.exists():
        raise ValidationError(_("Add at least one question before sending the invitations."))
    if not wave.audience:
        raise ValidationError(_("Choose who is asked before sending the invitations."))
    invited = _invite(wave, _audience(wave), now)
    wave.launched_at = now
    wave.save(update_fields=["launched_at"])
    return len(invited)


@transaction.atomic
def wave_invite_newcomers(*, wave: Wave, now: datetime | None = None) -> int:
    """Invite the people who joined the audience since the wave was launched (the periodic
    job calls it for every open wave); the number invited."""
    now = now or timezone.now()
    wave = (
        Wave.objects.select_for_update(of=("self",))
        .select_related("cohort__programme")
        .get(pk=wave.pk)
    )
    if wave.launched_at is None or not (wave.opens_at <= now < wave.closes_at):
        return 0
    already = set(Invitation.objects.filter(wave=wave).values_list("person_id", flat=True))
    newcomers = {pid: role for pid, role in _audience(wave).items() if pid not in already}
    if not newcomers:
        return 0
    return len(_invite(wave, newcomers, now))


@transaction.atomic
def invitation_renew(*, invitation: Invitation) -> Invitation:
    """Give her a new link (her old one stops working) and email it."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation.key = Invitation._meta.get_field("key").get_default()
    invitation.save(update_fields=["key"])
    wave = Wave.objects.select_related("cohort__programme").get(pk=invitation.wave_id)
    transaction.on_commit(lambda: emails.invitation_send(invitation, wave=wave))
    return invitation


def invitations_of(user: Any) -> QuerySet[Invitation]:
    """The signed-in person's own invitations (nobody else's)."""
    if sees_nothing(user) or not user.is_authenticated:
        return Invitation.objects.none()
    return Invitation.objects.filter(person__user=user)


def open_invitations_of(user: Any, *, now: datetime | None = None) -> QuerySet[Invitation]:
    """Her invitations to surveys open now that she has not answered yet, closing first."""
    now = now or timezone.now()
    return (
        invitations_of(user)
        .filter(
            responded_on__isnull=True,
            wave__in=Wave.objects.open_at(now).values("pk"),
        )
        .select_related("wave__cohort__programme")
        .order_by("wave__closes_at", "pk")
    )
