"""Nominations API: a cohort's nominations (its programme managers see the board; anyone
else her own), nominating, endorsing, withdrawing, deciding, and the board's balance panel
(aggregates only, groups under five suppressed). The endpoints call the services the pages
call."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, ErrorOut, IdPath, LongText, Page, Text, access
from amplify.nominations import board, services
from amplify.nominations.models import (
    CASE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    Nomination,
    Seniority,
    open_cohorts,
)
from amplify.nominations.views import leadership_cohort_to_decide
from amplify.people.models import Person
from amplify.programmes.models import Cohort

router = Router(tags=["Nominations"])


class NominationOut(Schema):
    id: int
    cohort_id: int
    nominee_id: int
    nominee_name: str
    nominated_by_id: int
    self_nominated: bool
    case: str
    seniority: str
    status: str
    decision_reason: str
    decided_by_id: int | None
    decided_at: datetime | None
    endorsed_by_id: int | None
    endorsed_at: datetime | None
    created_at: datetime


class NominationIn(Schema):
    nominee_id: int = Field(
        ..., ge=1, description="yourself, or one of your direct reports (HR records)"
    )
    case: LongText = Field(..., min_length=1, max_length=CASE_MAX_LENGTH)
    seniority: Seniority | None = None


class DecisionIn(Schema):
    decision: Nomination.Decision
    reason: LongText = Field("", max_length=REASON_MAX_LENGTH, description="required to decline")
    expected_status: Nomination.Status | None = Field(
        None, description="the status you saw: refused (422) if someone decided meanwhile"
    )


class BoardFilter(Schema):
    status: Text = Field("", max_length=24)
    country: Text = Field("", max_length=8, description="ISO 3166-1 code")
    division: Text = Field("", max_length=12, description="division id")
    region: Text = Field("", max_length=8, description="region code")
    seniority: Text = Field("", max_length=20)


class GroupOut(Schema):
    label: str
    count: int | None = Field(..., description="null: fewer than 5 people, not shown")


class DimensionOut(Schema):
    key: str
    title: str
    groups: list[GroupOut]


class BalanceOut(Schema):
    pool: int | None = Field(..., description="selected and submitted; null: fewer than 5")
    dimensions: list[DimensionOut]


def _out(n: Nomination) -> dict[str, Any]:
    data = {f: getattr(n, f) for f in NominationOut.model_fields if f != "nominee_name"}
    data["nominee_name"] = n.nominee.display_name
    return data


def _me(request: AuthedRequest) -> Person:
    return get_object_or_404(Person.objects.select_related("manager"), user=request.user)


def _cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    """A cohort she may see, or one taking nominations (any employee may nominate)."""
    return get_object_or_404(
        Cohort.objects.filter(
            Q(pk__in=Cohort.objects.for_user(request.user).values("pk"))
            | Q(pk__in=open_cohorts().values("pk"))
        ).select_related("programme"),
        pk=cohort_id,
    )


@router.get(
    "/cohorts/{cohort_id}/nominations",
    response={200: list[NominationOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the cohort's programme managers and administrators: the selection board (not the"
        " self-nominations awaiting endorsement); anyone else: her own, her reports' and"
        " those she made, in this cohort"
    ),
)
@paginate(Page)
def list_nominations(
    request: AuthedRequest, cohort_id: IdPath, filters: Query[BoardFilter]
) -> list[dict[str, Any]]:
    cohort = _cohort(request, cohort_id)
    found = Nomination.objects.filter(cohort=cohort).with_people()
    if request.user.has_perm("nominations.decide", cohort):
        found = found.on_board()
    else:
        found = found.filter(pk__in=Nomination.objects.for_user(request.user).values("pk"))
    found, _chosen = board.board_filter(found, filters.dict())
    return [_out(n) for n in found.order_by("status", "nominee__name", "pk")]


@router.post(
    "/cohorts/{cohort_id}/nominations",
    response={201: NominationOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "any employee, for herself (her line manager is asked to endorse it) or for one of"
        " her direct reports; the cohort must be a leadership cohort in recruiting (422)"
    ),
)
def create_nomination(
    request: AuthedRequest, cohort_id: IdPath, payload: NominationIn
) -> Status[dict[str, Any]]:
    cohort = _cohort(request, cohort_id)
    require(request.user, "nominations.nominate")
    me = _me(request)
    nominee = (
        me if payload.nominee_id == me.pk else me.reports.filter(pk=payload.nominee_id).first()
    )
    if nominee is None:
        raise ValidationError(
            {
                "nominee_id": _(
                    "You can nominate yourself or one of your direct reports (from the HR records)."
                )
            }
        )
    nomination = services.nomination_create(
        cohort=cohort,
        nominee=nominee,
        nominated_by=me,
        case=payload.case,
        seniority=payload.seniority.value if payload.seniority else "",
    )
    return Status(201, _out(Nomination.objects.with_people().get(pk=nomination.pk)))


def _visible(request: AuthedRequest, nomination_id: int) -> Nomination:
    return get_object_or_404(
        Nomination.objects.for_user(request.user).with_people(), pk=nomination_id
    )


@router.post(
    "/{nomination_id}/endorse",
    response={200: NominationOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the nominee's line manager (HR records); 404 for who may not see it"),
)
def endorse_nomination(request: AuthedRequest, nomination_id: IdPath) -> dict[str, Any]:
    nomination = _visible(request, nomination_id)
    require(request.user, "nominations.endorse", nomination)
    services.nomination_endorse(nomination=nomination, endorsed_by=_me(request))
    return _out(_visible(request, nomination_id))


@router.post(
    "/{nomination_id}/withdraw",
    response={200: NominationOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the nominee or her nominator; 404 for who may not see it"),
)
def withdraw_nomination(request: AuthedRequest, nomination_id: IdPath) -> dict[str, Any]:
    nomination = _visible(request, nomination_id)
    require(request.user, "nominations.withdraw", nomination)
    services.nomination_withdraw(nomination=nomination, withdrawn_by=_me(request))
    return _out(_visible(request, nomination_id))


@router.post(
    "/{nomination_id}/decide",
    response={200: NominationOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the cohort's programme managers and administrators; selecting enrols the nominee;"
        " a second decision made at the same time is refused (422) with what happened"
    ),
)
def decide_nomination(
    request: AuthedRequest, nomination_id: IdPath, payload: DecisionIn
) -> dict[str, Any]:
    nomination = get_object_or_404(
        Nomination.objects.for_user(request.user).on_board(), pk=nomination_id
    )
    leadership_cohort_to_decide(request, nomination.cohort_id)
    services.nomination_decide(
        nomination=nomination,
        decision=payload.decision.value,
        reason=payload.reason,
        expected_status=payload.expected_status.value if payload.expected_status else None,
        decided_by=Person.objects.filter(user=request.user).first(),
        changed_by=request.user,
    )
    return _out(_visible(request, nomination_id))


@router.get(
    "/cohorts/{cohort_id}/balance",
    response={200: BalanceOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the cohort's programme managers and administrators; counts only, a group of fewer"
        " than 5 people is null"
    ),
)
def board_balance(request: AuthedRequest, cohort_id: IdPath) -> dict[str, Any]:
    cohort = leadership_cohort_to_decide(request, cohort_id)
    pool, dimensions = board.balance(cohort)
    return {
        "pool": pool,
        "dimensions": [
            {
                "key": d.key,
                "title": d.title,
                "groups": [{"label": g.label, "count": g.count} for g in d.groups],
            }
            for d in dimensions
        ],
    }
