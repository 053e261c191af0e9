"""Writes for a cohort's rules about pairs: always (lock) or never (exclude) pair two people."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amplify.accounts.types import Actor
from amplify.matching import inputs
from amplify.matching.models import MatchingRun, PairRule
from amplify.matching.services.runkind import run_kind_for
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.services import cohort_lock


def _check_roles(cohort: Cohort, mentor: Person, mentee: Person) -> None:
    kind = MatchingRun.Kind(run_kind_for(cohort))
    active = Enrolment.objects.active().filter(cohort=cohort)
    if not active.filter(person=mentor, role=inputs.GIVERS[kind]).exists():
        raise ValidationError(
            {
                "mentor": _("%(person)s is not an active %(role)s here.")
                % {"person": mentor, "role": str(Enrolment.Role(inputs.GIVERS[kind]).label).lower()}
            }
        )
    if not active.filter(person=mentee, role=inputs.TAKERS[kind]).exists():
        raise ValidationError(
            {
                "mentee": _("%(person)s is not an active %(role)s here.")
                % {"person": mentee, "role": str(Enrolment.Role(inputs.TAKERS[kind]).label).lower()}
            }
        )


@transaction.atomic
def pair_rule_set(
    *, cohort: Cohort, mentor: Person, mentee: Person, kind: str, created_by: Actor, note: str = ""
) -> PairRule:
    """Always (lock) or never (exclude) pair these two in this cohort's runs."""
    if kind not in PairRule.Kind.values:
        raise ValidationError({"kind": _("Choose “lock” or “exclude”.")})
    # Locked, so that two managers cannot lock one mentee to two mentors at once.
    cohort = cohort_lock(cohort)
    _check_roles(cohort, mentor, mentee)
    if kind == PairRule.Kind.LOCK:
        taken = PairRule.objects.filter(
            cohort=cohort, mentee=mentee, kind=PairRule.Kind.LOCK
        ).exclude(mentor=mentor)
        holder = taken.select_related("mentor").first()
        if holder is not None:
            raise ValidationError(
                {
                    "mentee": _("%(mentee)s is already locked to %(mentor)s.")
                    % {"mentee": mentee, "mentor": holder.mentor}
                }
            )
    rule, _created = PairRule.objects.update_or_create(
        cohort=cohort,
        mentor=mentor,
        mentee=mentee,
        defaults={"kind": kind, "note": note[:200], "created_by": created_by},
    )
    return rule


def pair_rule_remove(*, rule: PairRule) -> None:
    rule.delete()
