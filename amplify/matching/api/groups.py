"""Home groups: runs that form them, their review, and the cohort's keep-together and
keep-apart rules."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest
from amplify.apischema import ERROR_CODES, MAX_ID, ErrorOut, IdPath, Page, access
from amplify.home.storedtext import shown
from amplify.matching import services
from amplify.matching.api._common import MANAGERS, cohort_member, managed_cohort, managed_grouping
from amplify.matching.models import GroupingRun, GroupRule, HomeGroup
from amplify.operations import heartbeat
from amplify.people.models import Person

router = Router()

Size = Annotated[int, Field(ge=services.SMALLEST_GROUP, le=services.LARGEST_GROUP)]


class GroupingIn(Schema):
    min_size: Size = services.DEFAULT_GROUP_SIZES.min_size
    target_size: Size = services.DEFAULT_GROUP_SIZES.target_size
    max_size: Size = services.DEFAULT_GROUP_SIZES.max_size


class BalanceOut(Schema):
    perfect: dict[str, bool | None] = Field(
        default_factory=dict,
        description="Per attribute, whether the group is balanced; gender (consented only) is "
        "null in a band whose groups are smaller than five, where it is not balanced",
    )
    counts: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description="People per value of function, country and seniority; never of gender "
        "or any other diversity attribute",
    )


class HomeGroupOut(Schema):
    id: int
    band: str
    number: int
    name: str
    member_ids: list[int]
    balance: BalanceOut

    @staticmethod
    def resolve_member_ids(obj: HomeGroup) -> list[int]:
        return [m.pk for m in obj.members.all()]


class GroupingOut(Schema):
    id: int
    cohort_id: int
    number: int
    min_size: int
    target_size: int
    max_size: int
    status: str
    stage: str
    progress: int
    result: dict[str, Any]
    failure: str
    created_at: datetime
    published_at: datetime | None
    groups: list[HomeGroupOut]

    @staticmethod
    def resolve_stage(obj: GroupingRun) -> str:
        return shown(obj.stage)

    @staticmethod
    def resolve_groups(obj: GroupingRun) -> list[HomeGroup]:
        return list(obj.groups.prefetch_related("members"))


if TYPE_CHECKING:
    RuleKind = str
else:
    RuleKind = Literal[tuple(GroupRule.Kind.values)]


class GroupRuleIn(Schema):
    first_id: int = Field(..., ge=1, le=MAX_ID)
    second_id: int = Field(..., ge=1, le=MAX_ID)
    kind: RuleKind


class GroupRuleOut(Schema):
    id: int
    cohort_id: int
    first_id: int
    second_id: int
    kind: str


class MoveIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID)
    group_id: int = Field(..., ge=1, le=MAX_ID)


@router.get(
    "/cohorts/{cohort_id}/grouping-runs",
    response={200: list[GroupingOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_groupings(request: AuthedRequest, cohort_id: IdPath) -> Any:
    return GroupingRun.objects.for_user(request.user).filter(
        cohort=managed_cohort(request, cohort_id)
    )


@router.post(
    "/cohorts/{cohort_id}/grouping-runs",
    response={202: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def start_grouping(
    request: AuthedRequest, cohort_id: IdPath, payload: GroupingIn
) -> Status[GroupingRun]:
    cohort = managed_cohort(request, cohort_id)
    return Status(
        202, services.grouping_run_start(cohort=cohort, created_by=request.user, **payload.dict())
    )


@router.get(
    "/grouping-runs/{run_id}",
    response={200: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def get_grouping(request: AuthedRequest, run_id: IdPath) -> GroupingRun:
    run = managed_grouping(request, run_id)
    heartbeat.job_fail_if_stopped(run)
    return run


@router.post(
    "/grouping-runs/{run_id}/rerun",
    response={202: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def rerun_grouping(request: AuthedRequest, run_id: IdPath) -> Status[GroupingRun]:
    """The same sizes on today's participants and rules: also how a failed run is retried."""
    return Status(
        202,
        services.grouping_run_rerun(run=managed_grouping(request, run_id), created_by=request.user),
    )


@router.post(
    "/grouping-runs/{run_id}/publish",
    response={200: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def publish_grouping(request: AuthedRequest, run_id: IdPath) -> GroupingRun:
    return services.grouping_run_publish(
        run=managed_grouping(request, run_id), published_by=request.user
    )


@router.post(
    "/grouping-runs/{run_id}/discard",
    response={200: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def discard_grouping(request: AuthedRequest, run_id: IdPath) -> GroupingRun:
    return services.grouping_run_discard(
        run=managed_grouping(request, run_id), changed_by=request.user
    )


@router.post(
    "/grouping-runs/{run_id}/move",
    response={200: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def move(request: AuthedRequest, run_id: IdPath, payload: MoveIn) -> GroupingRun:
    """Move one person to another group of the same band while the run is in review."""
    run = managed_grouping(request, run_id)
    person = Person.objects.filter(pk=payload.person_id, home_groups__run=run).first()
    group = run.groups.filter(pk=payload.group_id).first()
    if person is None or group is None:
        raise ValidationError(_("Choose a person and a group of this run."))
    services.home_group_move(run=run, person=person, to=group, changed_by=request.user)
    return managed_grouping(request, run_id)


@router.get(
    "/cohorts/{cohort_id}/group-rules",
    response={200: list[GroupRuleOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_group_rules(request: AuthedRequest, cohort_id: IdPath) -> Any:
    return GroupRule.objects.filter(cohort=managed_cohort(request, cohort_id)).order_by("pk")


@router.post(
    "/cohorts/{cohort_id}/group-rules",
    response={201: GroupRuleOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def set_group_rule(
    request: AuthedRequest, cohort_id: IdPath, payload: GroupRuleIn
) -> Status[GroupRule]:
    cohort = managed_cohort(request, cohort_id)
    rule = services.group_rule_set(
        cohort=cohort,
        first=cohort_member(cohort, payload.first_id, "first_id"),
        second=cohort_member(cohort, payload.second_id, "second_id"),
        kind=payload.kind,
        created_by=request.user,
    )
    return Status(201, rule)
