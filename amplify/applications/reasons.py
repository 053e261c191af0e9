"""The eligibility decision in words, in the reader's language: the stored codes and
parameters (amplify.core.eligibility) become kind sentences for the applicant and short
labels for the programme manager."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from amplify.applications.models import Application, Criterion
from amplify.core import eligibility


def _day(value: Any) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return date_format(value, "DATE_FORMAT")


def criteria_labels(codes: list[str]) -> list[str]:
    return [str(Criterion(c).label) for c in codes if c in Criterion.values]


def failure_text(failure: dict[str, Any], *, starts_on: date) -> str:
    """One failed rule, said kindly to the applicant."""
    code, params = failure.get("code"), failure.get("params") or {}
    starts = _day(starts_on)
    if code == eligibility.TOO_YOUNG:
        return _(
            "This cohort is for people who are at least %(min_age)s on the day it starts, "
            "%(starts)s. You turn %(min_age)s on %(date)s, just after that, so you cannot "
            "join this one, but we would love to hear from you for a later cohort."
        ) % {
            "min_age": params.get("min_age"),
            "starts": starts,
            "date": _day(params["old_enough_on"]),
        }
    if code == eligibility.TOO_OLD:
        return _(
            "This cohort is for people aged up to %(max_age)s on the day it starts, "
            "%(starts)s, and you will be %(age)s by then. We are sorry: the programme is "
            "built for that age group."
        ) % {"max_age": params.get("max_age"), "age": params.get("age"), "starts": starts}
    if code == eligibility.AGE_UNKNOWN:
        return _("We need your date of birth to check the cohort's age range.")
    if code == eligibility.NO_CRITERION:
        labels = "; ".join(criteria_labels(list(params.get("criteria") or [])))
        return _(
            "The programme is for young people from backgrounds under-represented in the "
            "industry, so at least one of these must be true for you: %(criteria)s. From your "
            "answers, none is. If an answer was wrong, tell the programme team."
        ) % {"criteria": labels}
    if code == eligibility.NO_RIGHT_TO_TAKE_PART:
        return _(
            "The programme can only take people who have the right to take part in the UK "
            "(to live and study or work here)."
        )
    if code == eligibility.RIGHT_TO_TAKE_PART_UNKNOWN:
        return _("Tell us whether you have the right to take part in the UK.")
    return _("A rule of this cohort is not met.")


def failure_label(failure: dict[str, Any]) -> str:
    """One failed rule in a few words, for the review queue."""
    code, params = failure.get("code"), failure.get("params") or {}
    labels = {
        eligibility.TOO_YOUNG: _("Under %(min_age)s at the start") % params,
        eligibility.TOO_OLD: _("Over %(max_age)s at the start") % params,
        eligibility.AGE_UNKNOWN: _("No date of birth"),
        eligibility.NO_CRITERION: _("No socioeconomic criterion met"),
        eligibility.NO_RIGHT_TO_TAKE_PART: _("No right to take part in the UK"),
        eligibility.RIGHT_TO_TAKE_PART_UNKNOWN: _("Right to take part not answered"),
    }
    return str(labels.get(str(code), _("A rule is not met")))


def eligibility_summary(application: Application) -> str:
    """What the programme manager reads: "Eligible: yes, by …" — never the answers."""
    if application.eligible is None:
        return _("Not decided yet")
    if application.eligible:
        met = ", ".join(criteria_labels(application.criteria_met))
        if met:
            return _("Eligible: yes, by %(criteria)s") % {"criteria": met.lower()}
        return _("Eligible: yes")
    reasons = "; ".join(failure_label(f) for f in application.failures)
    return _("Eligible: no (%(reasons)s)") % {"reasons": reasons}
