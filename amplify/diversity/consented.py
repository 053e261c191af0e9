"""What other apps may read of diversity data: only the attributes of people who agreed to
their use in matching, and only as the codes matching needs. Matching reads them here (the
import contract in pyproject.toml keeps it from the diversity models), so what leaves the
diversity app is decided in one place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from amplify.diversity.models import DiversityProfile
from amplify.diversity.services import SHAREABLE


@dataclass(frozen=True)
class Background:
    """A consenting person's shareable background (attribute -> code, empty when unset) and
    the attributes she asked her mentor to share, in her order."""

    values: dict[str, str]
    share_with_mentor: list[str]


def _consented(people: Iterable[int]) -> Iterable[DiversityProfile]:
    return DiversityProfile.objects.filter(person__in=list(people), consent_to_matching=True)


def consented_backgrounds(people: Iterable[int]) -> dict[int, Background]:
    """The background of each of these people who agreed to its use in matching."""
    return {
        d.person_id: Background(
            values={a: getattr(d, a) for a in SHAREABLE},
            share_with_mentor=list(d.share_with_mentor),
        )
        for d in _consented(people)
    }


def consented_genders(people: Iterable[int]) -> dict[int, str]:
    """The gender code of each of these people who agreed to its use in matching and gave
    one (neither blank nor declined)."""
    return {
        d.person_id: d.gender
        for d in _consented(people)
        if d.gender and d.gender not in ("", "declined")
    }


def consented_groupings(people: Iterable[int]) -> dict[str, dict[str, str | None]]:
    """Gender and socioeconomic background of the people who agreed to their use in matching,
    for a run's fairness report (which shows only groups of five or more)."""
    # Codes, not labels: the run stores them and each reader sees them in her language
    # (grouping_value_label).
    out: dict[str, dict[str, str | None]] = {"gender": {}, "socioeconomic_background": {}}
    for d in _consented(people):
        if d.gender and d.gender != "declined":
            out["gender"][str(d.person_id)] = d.gender
        if d.parental_occupation and d.parental_occupation != "declined":
            out["socioeconomic_background"][str(d.person_id)] = d.parental_occupation
    return out


# The groupings of consented_groupings, by the choices that name their codes.
_GROUPING_CHOICES = {
    "gender": DiversityProfile.Gender,
    "socioeconomic_background": DiversityProfile.ParentalOccupation,
}


def grouping_value_label(grouping: str, value: str) -> str | None:
    """The label, in the reader's language, of a code of consented_groupings' `grouping`;
    None for another grouping or a code that is not (or no longer) one of its choices."""
    choices = _GROUPING_CHOICES.get(grouping)
    if choices is None:
        return None
    try:
        return str(choices(value).label)
    except ValueError:
        return None
