"""What the matching API's endpoints share: who may call them, how they find a cohort, run
or pair the caller manages, and the explained pair they return."""

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Schema

from amplify.accounts.access import AuthedRequest, require
from amplify.matching import explanations
from amplify.matching.models import GroupingRun, MatchingRun, ProposedPair
from amplify.people.models import Person
from amplify.programmes.models import Cohort

MANAGERS = "the cohort's programme managers and administrators"


class Contribution(Schema):
    criterion: str = Field(description="The criterion's code")
    label: str = Field(description="The criterion's name, in the language of the request")
    points: int
    weight: int
    score: int
    detail: str = Field(description="What it compared, in words in the language of the request")

    @staticmethod
    def resolve_label(obj: dict[str, Any]) -> str:
        return explanations.label(obj)

    @staticmethod
    def resolve_detail(obj: dict[str, Any]) -> str:
        return explanations.describe(obj)


class PairOut(Schema):
    id: int
    run_id: int
    mentor_id: int
    mentor_name: str = Field(..., alias="mentor.name")
    mentee_id: int
    mentee_name: str = Field(..., alias="mentee.name")
    score: int = Field(..., description="Without private preferences, never shown per pair")
    locked: bool
    breakdown: list[Contribution]
    pairing_id: int | None


def managed_cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=cohort_id
    )
    require(request.user, "programmes.manage_cohort", cohort)
    return cohort


def managed_run(request: AuthedRequest, run_id: int) -> MatchingRun:
    run = get_object_or_404(
        MatchingRun.objects.for_user(request.user).select_related("cohort__programme"), pk=run_id
    )
    require(request.user, "programmes.manage_cohort", run.cohort)
    return run


def managed_pair(request: AuthedRequest, pair_id: int) -> ProposedPair:
    pair = get_object_or_404(
        ProposedPair.objects.for_user(request.user).select_related(
            "run__cohort", "mentor", "mentee"
        ),
        pk=pair_id,
    )
    require(request.user, "programmes.manage_cohort", pair.run.cohort)
    return pair


def managed_grouping(request: AuthedRequest, run_id: int) -> GroupingRun:
    run = get_object_or_404(
        GroupingRun.objects.for_user(request.user).select_related("cohort__programme"), pk=run_id
    )
    require(request.user, "programmes.manage_cohort", run.cohort)
    return run


def cohort_member(cohort: Cohort, person_id: int, field: str) -> Person:
    person = Person.objects.filter(pk=person_id, enrolments__cohort=cohort).first()
    if person is None:
        raise ValidationError(
            {field: _("No person %(person_id)s in this cohort.") % {"person_id": person_id}}
        )
    return person
