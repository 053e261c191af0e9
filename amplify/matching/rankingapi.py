"""Rankings API: a mentee's or mentor's own ranking for the stable mode, and a cohort's
rankings for its managers. The same services as the pages (amplify.matching.ranking)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, MAX_ID, ErrorOut, IdPath, access
from amplify.core.matching.preferences import MAX_MENTEE_RANKS
from amplify.matching import ranking
from amplify.matching.models import Ranking
from amplify.matching.rankpages import _rankable
from amplify.people.models import Person
from amplify.programmes.models import Cohort

router = Router(tags=["matching"])


class CandidateOut(Schema):
    person_id: int
    name: str
    score: int | None = Field(None, description="A mentee's suggestions only.")


class MyRankingOut(Schema):
    cohort_id: int
    side: Literal["mentee", "mentor"]
    most: int = Field(..., description="How many places she may give.")
    candidates: list[CandidateOut]
    ranked: list[int] = Field(..., description="Person ids, first choice first.")


class RankingIn(Schema):
    ranked: list[int] = Field(
        ..., max_length=50, description="Person ids, first choice first; [] for no ranking."
    )


class CohortRankingOut(Schema):
    person_id: int
    side: Literal["mentee", "mentor"]
    ranked: list[int]


def _mine(request: AuthedRequest, cohort_id: int) -> tuple[Cohort, Person, str]:
    require(request.user, "matching.keep_own_profile")
    person = get_object_or_404(Person, user=request.user)
    cohort = get_object_or_404(_rankable(person), pk=cohort_id)
    side = ranking.side_of(cohort, person)
    if side is None:
        raise Http404
    return cohort, person, side


def _out(cohort: Cohort, person: Person, side: str) -> dict[str, Any]:
    candidates = ranking.candidates(cohort, person, side)
    return {
        "cohort_id": cohort.pk,
        "side": side,
        "most": MAX_MENTEE_RANKS if side == Ranking.Side.MENTEE else len(candidates),
        "candidates": [
            {"person_id": c.person.pk, "name": c.person.display_name, "score": c.score}
            for c in candidates
        ],
        "ranked": ranking.current_ranking(cohort, person),
    }


@router.get(
    "/cohorts/{cohort_id}/my-ranking",
    response={200: MyRankingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's active mentees and mentors: their own ranking"),
)
def get_my_ranking(request: AuthedRequest, cohort_id: IdPath) -> dict[str, Any]:
    """A mentee's suggested mentors (best score first) or the mentees who ranked a mentor,
    and the ranking she gave."""
    return _out(*_mine(request, cohort_id))


@router.put(
    "/cohorts/{cohort_id}/my-ranking",
    response={200: MyRankingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's active mentees and mentors: their own ranking"),
)
def put_my_ranking(request: AuthedRequest, cohort_id: IdPath, payload: RankingIn) -> dict[str, Any]:
    """Replaces her ranking whole. Sending the same ranking again changes nothing."""
    cohort, person, side = _mine(request, cohort_id)
    ranked = [pk for pk in payload.ranked if 1 <= pk <= MAX_ID]
    ranking.ranking_save(cohort=cohort, person=person, ranked=ranked, changed_by=request.user)
    return _out(cohort, person, side)


@router.get(
    "/cohorts/{cohort_id}/rankings",
    response={200: list[CohortRankingOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def list_rankings(request: AuthedRequest, cohort_id: IdPath) -> list[dict[str, Any]]:
    """Every ranking given in the cohort, as the stable mode will use it."""
    cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=cohort_id)
    require(request.user, "programmes.manage_cohort", cohort)
    out: dict[int, dict[str, Any]] = {}
    for row in Ranking.objects.for_user(request.user).of_cohort(cohort):
        entry = out.setdefault(
            row.person_id, {"person_id": row.person_id, "side": row.side, "ranked": []}
        )
        entry["ranked"].append(row.ranked_id)
    return list(out.values())
