"""Volunteering API: an employee's offers to mentor, and a cohort's volunteers for its
programme managers. The same services as the pages (amplify.volunteering.services)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, ErrorOut, IdPath, Text, access
from amplify.people.models import Person
from amplify.programmes.models import Cohort
from amplify.volunteering import services
from amplify.volunteering.models import (
    MAX_CAPACITY,
    MIN_CAPACITY,
    WHY_MAX_LENGTH,
    MentorOffer,
    OfferStatus,
    open_cohorts,
)
from amplify.volunteering.views import offer_cohort

router = Router(tags=["volunteering"])


class OpenCohortOut(Schema):
    id: int
    name: str
    programme: str
    status: str
    starts_on: date

    @staticmethod
    def resolve_programme(obj: Cohort) -> str:
        return obj.programme.name


class OfferOut(Schema):
    id: int
    cohort_id: int
    person_id: int
    name: str
    why: str
    tags: list[str]
    capacity: int
    status: OfferStatus
    decline_reason: str
    decided_at: datetime | None
    enrolment_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_name(obj: MentorOffer) -> str:
        return obj.person.display_name


class OfferIn(Schema):
    why: str = Field(..., min_length=1, max_length=WHY_MAX_LENGTH)
    tags: list[Text] = Field(..., min_length=1, max_length=5)
    capacity: int = Field(..., ge=MIN_CAPACITY, le=MAX_CAPACITY)


class DecisionIn(Schema):
    action: Literal["accept", "decline"]
    reason: Text = Field("", max_length=300, description="Needed to decline.")


class QueueFilter(Schema):
    status: OfferStatus | None = None


def _employee(request: AuthedRequest) -> Person:
    require(request.user, "volunteering.volunteer")
    return get_object_or_404(Person, user=request.user)


@router.get(
    "/volunteering/cohorts",
    response={200: list[OpenCohortOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("employees with an account"),
)
def list_open_cohorts(request: AuthedRequest) -> Any:
    """Mentoring cohorts taking volunteers (recruiting or matching)."""
    _employee(request)
    return open_cohorts().order_by("starts_on", "pk")


@router.get(
    "/volunteering/offers",
    response={200: list[OfferOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("employees with an account: their own offers"),
)
def list_my_offers(request: AuthedRequest) -> Any:
    _employee(request)
    return MentorOffer.objects.mine(request.user).select_related("person")


@router.put(
    "/volunteering/cohorts/{cohort_id}/offer",
    response={200: OfferOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("employees with an account, to a cohort taking volunteers"),
)
def put_offer(request: AuthedRequest, cohort_id: IdPath, payload: OfferIn) -> MentorOffer:
    """Make her offer, or change it while it is pending (or make it again after
    withdrawing). The same answers again change nothing."""
    person = _employee(request)
    cohort = offer_cohort(person, cohort_id)
    return services.mentor_offer_submit(
        cohort=cohort,
        person=person,
        why=payload.why,
        tags=list(payload.tags),
        capacity=payload.capacity,
        submitted_by=request.user,
    )


@router.post(
    "/volunteering/cohorts/{cohort_id}/offer/withdraw",
    response={200: OfferOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the volunteer, while her offer is pending"),
)
def withdraw_offer(request: AuthedRequest, cohort_id: IdPath) -> MentorOffer:
    _employee(request)
    offer = get_object_or_404(
        MentorOffer.objects.mine(request.user).select_related("person"), cohort_id=cohort_id
    )
    return services.mentor_offer_withdraw(offer=offer, withdrawn_by=request.user)


@router.get(
    "/cohorts/{cohort_id}/mentor-offers",
    response={200: list[OfferOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def list_cohort_offers(
    request: AuthedRequest, cohort_id: IdPath, filters: Query[QueueFilter]
) -> Any:
    cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=cohort_id)
    require(request.user, "volunteering.review", cohort)
    offers = MentorOffer.objects.for_user(request.user).filter(cohort=cohort)
    if filters.status:
        offers = offers.filter(status=filters.status)
    return offers.select_related("person").order_by("status", "created_at", "pk")


@router.post(
    "/mentor-offers/{offer_id}/decision",
    response={200: OfferOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def decide(request: AuthedRequest, offer_id: IdPath, payload: DecisionIn) -> MentorOffer:
    """Accept (enrols her as a mentor and saves her capacity and expertise into her
    matching profile) or decline with a reason; she is emailed. Repeating a decision
    already made changes nothing."""
    offer = get_object_or_404(
        MentorOffer.objects.for_user(request.user).select_related("cohort"), pk=offer_id
    )
    require(request.user, "volunteering.review_offer", offer)
    return services.mentor_offer_decide(
        offer=offer, action=payload.action, decided_by=request.user, reason=payload.reason
    )
