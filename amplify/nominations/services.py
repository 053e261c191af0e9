"""Writes for nominations: nominating (oneself, or a direct report), the line manager's
endorsement of a self-nomination, withdrawing, and the programme manager's decision.
Each status move locks the nomination and re-checks its status, so two at once end with
one winner and a clear message to the other."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.nominations import emails
from amplify.nominations.models import (
    CASE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    Nomination,
    Seniority,
)
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.services import cohort_enrol


def _as(obj: Nomination, person: Person | None) -> Nomination:
    if person is not None and person.user_id is not None:
        obj._history_user = person.user  # type: ignore[attr-defined]
    return obj


def _locked(nomination: Nomination) -> Nomination:
    # Lock first, then read: a row re-read after waiting for a lock is the new one, but the
    # rows joined to it in the same query may still be the old ones (who decided).
    Nomination.objects.select_for_update().filter(pk=nomination.pk).values_list("pk").get()
    return Nomination.objects.select_related(
        "cohort__programme", "nominee__manager", "nominated_by", "decided_by"
    ).get(pk=nomination.pk)


def _status_message(nomination: Nomination) -> str:
    """Why a move is refused: what the nomination is now, and who made it so."""
    if nomination.status == Nomination.Status.WITHDRAWN:
        return _("This nomination was withdrawn.")
    if nomination.decided_by is not None and nomination.status in (
        Nomination.Status.SELECTED,
        Nomination.Status.WAITLISTED,
        Nomination.Status.DECLINED,
    ):
        return _("This nomination is already %(status)s (decided by %(name)s).") % {
            "status": nomination.get_status_display().lower(),
            "name": nomination.decided_by.display_name,
        }
    return _("This nomination is %(status)s.") % {"status": nomination.get_status_display().lower()}


@transaction.atomic
def nomination_create(
    *,
    cohort: Cohort,
    nominee: Person,
    nominated_by: Person,
    case: str,
    seniority: str = "",
) -> Nomination:
    """Nominate `nominee` for a leadership cohort in recruiting: her line manager does
    (submitted at once), or she herself does (waiting for her line manager's endorsement,
    who is asked by email)."""
    cohort = (
        Cohort.objects.select_for_update(of=("self",)).select_related("programme").get(pk=cohort.pk)
    )
    if cohort.programme.kind != Programme.Kind.LEADERSHIP:
        raise ValidationError(
            {"cohort": _("Only the cohorts of a leadership programme take nominations.")}
        )
    if cohort.status != Cohort.Status.RECRUITING:
        raise ValidationError(
            {
                "cohort": _(
                    "%(cohort)s is not taking nominations: it is %(status)s, and only a "
                    "cohort in recruiting is."
                )
                % {"cohort": cohort.name, "status": cohort.get_status_display().lower()}
            }
        )
    nominee = Person.objects.select_related("manager").get(pk=nominee.pk)
    errors: dict[str, str] = {}
    self_nominated = nominee.pk == nominated_by.pk
    if nominee.is_external:
        errors["nominee"] = _("Only employees can be nominated.")
    elif self_nominated and nominee.manager is None:
        errors["nominee"] = _(
            "Your line manager is not in the HR records, and a self-nomination needs her "
            "endorsement: ask HR to add her, or ask her to nominate you."
        )
    elif not self_nominated and nominee.manager_id != nominated_by.pk:
        errors["nominee"] = _(
            "You can nominate yourself or one of your direct reports (from the HR records)."
        )
    elif Enrolment.objects.filter(
        cohort=cohort, person=nominee, role=Enrolment.Role.PARTICIPANT
    ).exists():
        errors["nominee"] = _("%(name)s already takes part in this cohort.") % {
            "name": nominee.display_name
        }
    elif Nomination.objects.open().filter(cohort=cohort, nominee=nominee).exists():
        errors["nominee"] = _("%(name)s is already nominated for this cohort.") % {
            "name": nominee.display_name
        }
    case = (case or "").strip()
    if not case:
        errors["case"] = _("Make the case: a few lines on why this person, why now.")
    elif len(case) > CASE_MAX_LENGTH:
        errors["case"] = _("Keep the case under %(n)s characters.") % {"n": CASE_MAX_LENGTH}
    if seniority and seniority not in Seniority.values:
        errors["seniority"] = _("Choose a seniority band from the list.")
    if errors:
        raise ValidationError(errors)
    nomination = _as(
        Nomination(
            cohort=cohort,
            nominee=nominee,
            nominated_by=nominated_by,
            self_nominated=self_nominated,
            case=case,
            seniority=seniority,
            status=Nomination.Status.AWAITING_ENDORSEMENT
            if self_nominated
            else Nomination.Status.SUBMITTED,
        ),
        nominated_by,
    )
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:
        # The same nominee nominated at the same moment by another request: that one stands.
        raise ValidationError(
            {
                "nominee": _("%(name)s is already nominated for this cohort.")
                % {"name": nominee.display_name}
            }
        ) from None
    if self_nominated:
        transaction.on_commit(lambda: emails.endorsement_request_notify(nomination))
    return nomination


@transaction.atomic
def nomination_endorse(
    *, nomination: Nomination, endorsed_by: Person, now: datetime | None = None
) -> Nomination:
    """The nominee's line manager endorses her self-nomination: it goes to the programme
    manager. Only that line manager may."""
    nomination = _locked(nomination)
    if nomination.nominee.manager_id != endorsed_by.pk:
        raise ValidationError(_("Only the nominee's line manager can endorse her nomination."))
    if nomination.status != Nomination.Status.AWAITING_ENDORSEMENT:
        if nomination.endorsed_by_id == endorsed_by.pk:
            return nomination  # a second click: already endorsed, by her
        raise ValidationError(_status_message(nomination))
    nomination.status = Nomination.Status.SUBMITTED
    nomination.endorsed_by = endorsed_by
    nomination.endorsed_at = now or timezone.now()
    _as(nomination, endorsed_by).save(update_fields=["status", "endorsed_by", "endorsed_at"])
    return nomination


@transaction.atomic
def nomination_withdraw(
    *, nomination: Nomination, withdrawn_by: Person, now: datetime | None = None
) -> Nomination:
    """The nominator or the nominee withdraws a nomination not yet decided for good."""
    nomination = _locked(nomination)
    if withdrawn_by.pk not in (nomination.nominated_by_id, nomination.nominee_id):
        raise ValidationError(_("Only the nominee or whoever nominated her can withdraw this."))
    if nomination.status == Nomination.Status.WITHDRAWN:
        return nomination
    if nomination.status not in Nomination.WITHDRAWABLE:
        raise ValidationError(_status_message(nomination))
    nomination.status = Nomination.Status.WITHDRAWN
    nomination.withdrawn_at = now or timezone.now()
    _as(nomination, withdrawn_by).save(update_fields=["status", "withdrawn_at"])
    return nomination


@transaction.atomic
def nomination_decide(
    *,
    nomination: Nomination,
    decision: str,
    decided_by: Person | None,
    changed_by: User,
    reason: str = "",
    expected_status: str | None = None,
    now: datetime | None = None,
) -> Nomination:
    """The programme manager selects, waitlists or declines (with a reason) a submitted or
    waitlisted nomination; selecting enrols the nominee as a participant in the same
    transaction. `expected_status` is the status the caller saw: when someone decided in
    the meantime, this one is refused with what happened. The nominee and her nominator
    are told. The caller checks that `changed_by` may decide for this cohort."""
    if decision not in Nomination.Decision.values:
        raise ValidationError({"decision": _("Choose select, waitlist or decline.")})
    reason = (reason or "").strip()
    if decision == Nomination.Decision.DECLINE and not reason:
        raise ValidationError({"reason": _("Give the reason for declining: the nominee reads it.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Keep the reason under %(n)s characters.") % {"n": REASON_MAX_LENGTH}}
        )
    nomination = _locked(nomination)
    target = Nomination.OUTCOME[Nomination.Decision(decision)]
    if expected_status is not None and nomination.status != expected_status:
        raise ValidationError(
            _("Someone changed this nomination meanwhile. %(now)s")
            % {"now": _status_message(nomination)}
        )
    if nomination.status not in Nomination.DECIDABLE or nomination.status == target:
        raise ValidationError(_status_message(nomination))
    nomination.status = target
    nomination.decision_reason = reason
    nomination.decided_by = decided_by
    nomination.decided_at = now or timezone.now()
    _as(nomination, decided_by).save(
        update_fields=["status", "decision_reason", "decided_by", "decided_at"]
    )
    if target == Nomination.Status.SELECTED:
        cohort_enrol(
            cohort=nomination.cohort,
            person=nomination.nominee,
            role=Enrolment.Role.PARTICIPANT,
            enrolled_by=changed_by,
            now=nomination.decided_at,
        )
    transaction.on_commit(lambda: emails.decision_notify(nomination))
    return nomination
