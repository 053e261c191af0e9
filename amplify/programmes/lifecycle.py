"""A cohort's status workflow, in one place: which moves exist, who may make each, what each
does to the cohort's enrolments, and the service that makes them.

draft ⇄ recruiting ⇄ matching ⇄ running ⇄ closed, one step at a time. Closing completes every
active enrolment; reopening (closed → running, by a manager of the programme) gives each
enrolment back the state it had before the close, read from its history. The pages and the
API show the same `Transition` (its button, its question, its consequences) and call the same
`cohort_set_status`, which checks the version the caller saw: a status change is always made
on purpose, on the state its author was shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from amplify.accounts.types import Actor
from amplify.home.concurrency import check_version
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.services import _with_user
from amplify.programmes.signals import cohort_status_changed

S = Cohort.Status

# A status change is made on the status its author saw: its version covers this.
STATUS_FIELDS = ("status",)

# Kept in the enrolments' history (audit records are data, stored as written): reopening
# looks for the records the close wrote.
CLOSED_REASON = gettext_noop("Cohort closed")
REOPENED_REASON = gettext_noop("Cohort reopened")


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: str | Promise  # the button, e.g. "Move back to matching…"
    question: str | Promise  # the confirmation's heading
    explanation: str | Promise  # what it means, before the counts of what it changes
    confirm: str | Promise  # the confirmation's button
    permission: str = "programmes.manage_cohort"
    primary: bool = False  # the cohort's next step, shown as its main button
    danger: bool = False

    @property
    def forward(self) -> bool:
        return STATUS_ORDER.index(self.target) > STATUS_ORDER.index(self.source)


STATUS_ORDER = [s.value for s in S]

TRANSITIONS = (
    Transition(
        S.DRAFT,
        S.RECRUITING,
        action=_("Open recruitment…"),
        question=_("Open recruitment for this cohort?"),
        explanation=_("The cohort shows as recruiting; you can go on enrolling people."),
        confirm=_("Open recruitment"),
        primary=True,
    ),
    Transition(
        S.RECRUITING,
        S.DRAFT,
        action=_("Move back to draft…"),
        question=_("Move this cohort back to draft?"),
        explanation=_("The cohort shows as a draft again. Nobody's enrolment changes."),
        confirm=_("Move back to draft"),
    ),
    Transition(
        S.RECRUITING,
        S.MATCHING,
        action=_("Move to matching…"),
        question=_("Move this cohort to matching?"),
        explanation=_(
            "Recruitment ends and the cohort shows as matching. Nobody's enrolment changes."
        ),
        confirm=_("Move to matching"),
        primary=True,
    ),
    Transition(
        S.MATCHING,
        S.RECRUITING,
        action=_("Move back to recruiting…"),
        question=_("Move this cohort back to recruiting?"),
        explanation=_("The cohort shows as recruiting again. Runs and pairs stay as they are."),
        confirm=_("Move back to recruiting"),
    ),
    Transition(
        S.MATCHING,
        S.RUNNING,
        action=_("Start running…"),
        question=_("Start running this cohort?"),
        explanation=_("The cohort shows as running. Runs and pairs stay as they are."),
        confirm=_("Start running"),
        primary=True,
    ),
    Transition(
        S.RUNNING,
        S.MATCHING,
        action=_("Move back to matching…"),
        question=_("Move this running cohort back to matching?"),
        explanation=_(
            "The cohort stops showing as running. Enrolments, published pairs and events "
            "stay as they are."
        ),
        confirm=_("Move back to matching"),
    ),
    Transition(
        S.RUNNING,
        S.CLOSED,
        action=_("Close the cohort…"),
        question=_("Close this cohort?"),
        explanation=_(
            "Nobody can be enrolled or matched while it is closed. A manager of the programme "
            "can reopen it: the enrolments completed now are then active again."
        ),
        confirm=_("Close the cohort"),
        danger=True,
    ),
    Transition(
        S.CLOSED,
        S.RUNNING,
        action=_("Reopen…"),
        question=_("Reopen this cohort?"),
        explanation=_(
            "The cohort runs again; each enrolment gets back the state it had before the close."
        ),
        confirm=_("Reopen the cohort"),
        permission="programmes.reopen_cohort",
    ),
)


def cohort_transitions(cohort: Cohort) -> list[Transition]:
    """The moves a cohort can make from its status now."""
    return [t for t in TRANSITIONS if t.source == cohort.status]


def cohort_transition(cohort: Cohort, status: str) -> Transition:
    """The move to `status`, or a ValidationError saying which moves there are."""
    if status not in S.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": status}})
    for t in cohort_transitions(cohort):
        if t.target == status:
            return t
    raise ValidationError(
        {
            "status": _("A %(status)s cohort can move only to: %(targets)s.")
            % {
                "status": cohort.get_status_display().lower(),
                "targets": ", ".join(S(t.target).label.lower() for t in cohort_transitions(cohort)),
            }
        }
    )


def cohort_status_effects(cohort: Cohort, transition: Transition) -> list[str]:
    """What the move would change, counted now: shown on the confirmation and by the API."""
    if transition.target == S.CLOSED:
        n = cohort.enrolments.active().count()
        return [
            ngettext(
                "%(n)d active enrolment will be marked completed.",
                "%(n)d active enrolments will be marked completed.",
                n,
            )
            % {"n": n}
        ]
    if transition.source == S.CLOSED:
        n = len(_closed_enrolments(cohort))
        return [
            ngettext(
                "%(n)d enrolment completed by the close will be active again.",
                "%(n)d enrolments completed by the close will be active again.",
                n,
            )
            % {"n": n}
        ]
    if transition.target == S.RUNNING and not cohort.enrolments.active().exists():
        return [str(NOBODY_ENROLLED)]
    return []


NOBODY_ENROLLED = _("Enrol people before the cohort starts running.")


@transaction.atomic
def cohort_set_status(
    *,
    cohort: Cohort,
    status: str,
    changed_by: Actor,
    version: str | None = None,
    now: datetime | None = None,
    undelivered: list[str] | None = None,
) -> Cohort:
    """Make one move of the workflow. `version` is the status version the caller saw
    (EditConflict if someone moved the cohort since; None for internal callers, for whom
    asking for the status the cohort already has does nothing). The person making it needs
    the transition's permission. Apps that follow the cohort hear of it
    (`cohort_status_changed`): e.g. pair announcements held until the cohort announces pairs
    go once it commits, naming anyone they could not reach in `undelivered`."""
    cohort = Cohort.objects.select_for_update(of=("self",)).get(pk=cohort.pk)
    check_version(cohort, fields=STATUS_FIELDS, expected=version)
    if status == cohort.status and status in S.values:
        return cohort
    transition = cohort_transition(cohort, status)
    # Checked again here, under the lock: the move made may not be the one the caller's
    # page offered (another manager moved the cohort in between).
    if getattr(changed_by, "is_authenticated", False) and not changed_by.has_perm(
        transition.permission, cohort
    ):
        raise PermissionDenied(_("You may not make this change to the cohort."))
    if (
        transition.source == S.MATCHING
        and transition.target == S.RUNNING
        and not cohort.enrolments.active().exists()
    ):
        raise ValidationError({"status": NOBODY_ENROLLED})
    now = now or timezone.now()
    if transition.source == S.CLOSED:
        _restore_enrolments(cohort, changed_by)
    previous, cohort.status = cohort.status, status
    _with_user(cohort, changed_by).save()
    cohort_status_changed.send(
        sender=Cohort, cohort=cohort, previous=previous, undelivered=undelivered
    )
    if transition.target == S.CLOSED:
        for enrolment in cohort.enrolments.active().select_for_update(of=("self",)):
            enrolment.status, enrolment.ended_at = Enrolment.Status.COMPLETED, now
            enrolment._change_reason = CLOSED_REASON  # type: ignore[attr-defined]
            _with_user(enrolment, changed_by).save()
    return cohort


def _closed_enrolments(cohort: Cohort) -> dict[int, tuple[str, datetime | None]]:
    """Each enrolment the close completed, with the status and end it had before: the
    newest state in its history that is not "completed". One that has no such state (entered
    as completed) took part until the close, so it was active."""
    completed = list(
        cohort.enrolments.filter(status=Enrolment.Status.COMPLETED).values_list("pk", flat=True)
    )
    before: dict[int, tuple[str, datetime | None]] = {}
    records = (
        Enrolment.history.filter(id__in=completed)
        .exclude(status=Enrolment.Status.COMPLETED)
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "status", "ended_at")
    )
    for pk, status, ended_at in records:
        before.setdefault(pk, (status, ended_at))
    return {pk: before.get(pk, (Enrolment.Status.ACTIVE, None)) for pk in completed}


def _restore_enrolments(cohort: Cohort, changed_by: Actor) -> None:
    restored = _closed_enrolments(cohort)
    enrolments = Enrolment.objects.select_for_update(of=("self",)).filter(pk__in=restored)
    for enrolment in enrolments:
        enrolment.status, enrolment.ended_at = restored[enrolment.pk]
        enrolment._change_reason = REOPENED_REASON  # type: ignore[attr-defined]
        _with_user(enrolment, changed_by).save()
