"""A cohort's rules about pairs: always (lock) or never (exclude) pair two people."""

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, MAX_ID, ErrorOut, IdPath, Page, Text, access
from amplify.matching import services
from amplify.matching.api._common import MANAGERS, cohort_member, managed_cohort
from amplify.matching.models import PairRule

router = Router()

if TYPE_CHECKING:
    RuleKind = str
else:
    RuleKind = Literal[tuple(PairRule.Kind.values)]


class RuleIn(Schema):
    mentor_id: int = Field(..., ge=1, le=MAX_ID)
    mentee_id: int = Field(..., ge=1, le=MAX_ID)
    kind: RuleKind
    note: Text = Field("", max_length=PairRule._meta.get_field("note").max_length)


class RuleOut(Schema):
    id: int
    cohort_id: int
    mentor_id: int
    mentee_id: int
    kind: str
    note: str
    created_at: datetime


@router.get(
    "/cohorts/{cohort_id}/pair-rules",
    response={200: list[RuleOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_rules(request: AuthedRequest, cohort_id: IdPath) -> Any:
    return (
        PairRule.objects.for_user(request.user)
        .filter(cohort=managed_cohort(request, cohort_id))
        .order_by("pk")
    )


@router.post(
    "/cohorts/{cohort_id}/pair-rules",
    response={201: RuleOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def set_rule(request: AuthedRequest, cohort_id: IdPath, payload: RuleIn) -> Status[PairRule]:
    cohort = managed_cohort(request, cohort_id)
    rule = services.pair_rule_set(
        cohort=cohort,
        mentor=cohort_member(cohort, payload.mentor_id, "mentor_id"),
        mentee=cohort_member(cohort, payload.mentee_id, "mentee_id"),
        kind=payload.kind,
        note=payload.note,
        created_by=request.user,
    )
    return Status(201, rule)


@router.delete(
    "/pair-rules/{rule_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def remove_rule(request: AuthedRequest, rule_id: IdPath) -> Status[None]:
    rule = get_object_or_404(
        PairRule.objects.for_user(request.user).select_related("cohort"), pk=rule_id
    )
    require(request.user, "programmes.manage_cohort", rule.cohort)
    services.pair_rule_remove(rule=rule)
    return Status(204, None)
