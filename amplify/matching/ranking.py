"""Rankings for the stable mode: what a mentee may rank (her best-scoring suggested
mentors), what a mentor may rank (the mentees who ranked her), saving a ranking, and the
snapshot a run takes of a cohort's rankings. The merge with the score order is the core's
(amplify.core.matching.preferences)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amplify.accounts.types import Actor
from amplify.core.matching import engine
from amplify.core.matching.preferences import MAX_MENTEE_RANKS
from amplify.core.matching.profiles import DEFAULT_WEIGHTS, Criterion, Rules
from amplify.matching import inputs
from amplify.matching.models import MatchingRun, PairRule, Ranking
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme

# A mentee chooses her ranking from this many best-scoring mentors.
SUGGESTED = 10
# Rankings are given before the cohort runs (a rematch while it runs still uses them).
RANKING_STATUSES = (Cohort.Status.RECRUITING, Cohort.Status.MATCHING, Cohort.Status.RUNNING)


@dataclass(frozen=True)
class Candidate:
    person: Person
    score: int | None  # a mentee sees her suggestions' scores; a mentor, none


def side_of(cohort: Cohort, person: Person) -> str | None:
    """Ranking.Side for her active mentoring enrolment in the cohort, or None."""
    if cohort.programme.kind != Programme.Kind.MENTORING:
        return None
    roles = set(
        Enrolment.objects.active()
        .filter(
            cohort=cohort, person=person, role__in=[Enrolment.Role.MENTEE, Enrolment.Role.MENTOR]
        )
        .values_list("role", flat=True)
    )
    if Enrolment.Role.MENTEE in roles:
        return Ranking.Side.MENTEE
    if Enrolment.Role.MENTOR in roles:
        return Ranking.Side.MENTOR
    return None


def suggestion_rules(cohort: Cohort) -> Rules:
    """The weights of the cohort's latest run (else the defaults), without the private
    background criterion: a suggestion's order must not tell a mentee about a mentor's
    background. Training is not required yet: mentors train while the cohort recruits."""
    latest = (
        cohort.matching_runs.filter(kind=MatchingRun.Kind.MENTORING).order_by("-number").first()
    )
    weights = (
        {Criterion(k): int(v) for k, v in latest.weights.items()}
        if latest and latest.weights
        else dict(DEFAULT_WEIGHTS)
    )
    weights[Criterion.BACKGROUND] = 0
    return Rules(weights=weights, required_training_hours=0, require_training=False)


def mentor_suggestions(cohort: Cohort, mentee: Person) -> list[Candidate]:
    """Her SUGGESTED best-scoring acceptable mentors, best first."""
    mentors, mentees, _names = inputs.profiles(cohort, MatchingRun.Kind.MENTORING)
    me = [p for p in mentees if p.key == str(mentee.pk)]
    if not me or not mentors:
        return []
    excluded = [
        (str(r.mentor_id), str(r.mentee_id))
        for r in PairRule.objects.filter(cohort=cohort, mentee=mentee, kind=PairRule.Kind.EXCLUDE)
    ]
    found = engine.suggestions(
        mentors, me, suggestion_rules(cohort), excluded=excluded, limit=SUGGESTED
    )[me[0].key]
    people = Person.objects.in_bulk([int(key) for key, _score in found])
    return [Candidate(people[int(key)], score) for key, score in found]


def mentees_who_ranked(cohort: Cohort, mentor: Person) -> list[Candidate]:
    """The mentees still taking part who ranked her, by name."""
    ids = Ranking.objects.filter(
        cohort=cohort, side=Ranking.Side.MENTEE, ranked=mentor
    ).values_list("person_id", flat=True)
    people = Person.objects.filter(
        pk__in=ids,
        enrolments__cohort=cohort,
        enrolments__role=Enrolment.Role.MENTEE,
        enrolments__status=Enrolment.Status.ACTIVE,
    ).distinct()
    return [Candidate(p, None) for p in sorted(people, key=lambda p: (p.display_name, p.pk))]


def candidates(cohort: Cohort, person: Person, side: str) -> list[Candidate]:
    if side == Ranking.Side.MENTEE:
        return mentor_suggestions(cohort, person)
    return mentees_who_ranked(cohort, person)


def current_ranking(cohort: Cohort, person: Person) -> list[int]:
    """The ids she ranked, first choice first."""
    return list(
        Ranking.objects.filter(cohort=cohort, person=person)
        .order_by("position")
        .values_list("ranked_id", flat=True)
    )


@transaction.atomic
def ranking_save(
    *, cohort: Cohort, person: Person, ranked: list[int], changed_by: Actor
) -> list[Ranking]:
    """Replace her ranking with `ranked` (person ids, first choice first; empty: no
    ranking). Saving the same ranking again changes nothing."""
    side = side_of(cohort, person)
    if side is None:
        raise ValidationError(_("Only the cohort's mentees and mentors rank."))
    if cohort.status not in RANKING_STATUSES:
        raise ValidationError(_("Rankings are closed for this cohort."))
    # Her enrolment row, locked: two saves at once (two tabs) queue, and the second one
    # replaces the first's ranking whole rather than mixing the two.
    Enrolment.objects.select_for_update().filter(cohort=cohort, person=person).first()
    if len(set(ranked)) != len(ranked):
        raise ValidationError({"ranked": _("Rank each person once.")})
    if side == Ranking.Side.MENTEE and len(ranked) > MAX_MENTEE_RANKS:
        raise ValidationError(
            {
                "ranked": ngettext(
                    "Rank at most %(most)d mentor.",
                    "Rank at most %(most)d mentors.",
                    MAX_MENTEE_RANKS,
                )
                % {"most": MAX_MENTEE_RANKS}
            }
        )
    allowed = {c.person.pk for c in candidates(cohort, person, side)}
    # Keep whom she ranked before even if they dropped out of her suggestions since.
    before = current_ranking(cohort, person)
    unknown = [pk for pk in ranked if pk not in allowed and pk not in before]
    if unknown:
        message = (
            _("Rank only the mentors suggested to you.")
            if side == Ranking.Side.MENTEE
            else _("Rank only the mentees who ranked you.")
        )
        raise ValidationError({"ranked": message})
    if before == ranked:
        return list(Ranking.objects.filter(cohort=cohort, person=person).order_by("position"))
    Ranking.objects.filter(cohort=cohort, person=person).delete()
    saved = []
    for position, pk in enumerate(ranked, start=1):
        row = Ranking(cohort=cohort, person=person, side=side, ranked_id=pk, position=position)
        row._history_user = changed_by  # type: ignore[attr-defined]
        row.save()
        saved.append(row)
    return saved


def rankings_snapshot(cohort: Cohort) -> dict[str, dict[str, list[str]]]:
    """The cohort's rankings by key, for a run's inputs: {"mentees": {...}, "mentors": {...}}."""
    out: dict[str, dict[str, list[str]]] = {"mentees": {}, "mentors": {}}
    for person_id, side, ranked_id in Ranking.objects.of_cohort(cohort).values_list(
        "person_id", "side", "ranked_id"
    ):
        group = "mentees" if side == Ranking.Side.MENTEE else "mentors"
        out[group].setdefault(str(person_id), []).append(str(ranked_id))
    return out
