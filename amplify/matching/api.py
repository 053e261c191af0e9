"""Matching API: runs, proposed pairs and rules for managers; each person's own profile and
published match."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, MAX_ID, ErrorOut, IdPath, Page, Text, access
from amplify.core.matching.profiles import MAX_WEIGHT
from amplify.home.concurrency import ABSENT, if_match, set_version, version_of
from amplify.home.storedtext import shown
from amplify.matching import explanations, grouping, services
from amplify.matching.explanations import Explanation, set_aside_reason
from amplify.matching.models import (
    GroupingRun,
    GroupRule,
    HomeGroup,
    MatchingRun,
    MatchProfile,
    PairRule,
    ProposedPair,
)
from amplify.matching.vocabulary import TAGS
from amplify.operations import heartbeat
from amplify.people.models import Division, Person
from amplify.programmes.models import Cohort

router = Router(tags=["matching"])

MANAGERS = "the cohort's programme managers and administrators"
Weight = Annotated[int, Field(ge=0, le=MAX_WEIGHT)]
Slot = Annotated[int, Field(ge=0, le=20)]
if TYPE_CHECKING:
    Tag = str
else:
    Tag = Literal[tuple(TAGS)]  # the vocabulary, listed in the schema


class Weights(Schema):
    interests: Weight = 3
    career: Weight = 3
    division: Weight = 1
    language: Weight = 1
    time_zone: Weight = 2
    location: Weight = 1
    availability: Weight = 1
    seniority: Weight = 1
    background: Weight = 2


class RunIn(Schema):
    mode: Literal["optimal", "stable"] = "optimal"
    objective: Literal["most_matched", "best_score"] = "most_matched"
    weights: Weights = Field(default_factory=Weights)
    required_training_hours: float | None = Field(
        None, ge=0, le=100, description="Default: 10 for mentoring, 0 for coaching"
    )
    min_shared_slots: int = Field(1, ge=1, le=10)
    rematch: bool | None = Field(
        None,
        description="Keep every published pair and match the rest. Left out: a rematch when "
        "the cohort has published pairs. false is refused then (the run could not be published).",
    )


class RunOut(Schema):
    id: int
    cohort_id: int
    number: int
    kind: str
    mode: str
    objective: str
    weights: dict[str, int]
    required_training_hours: float
    min_shared_slots: int
    is_rematch: bool
    parent_id: int | None
    status: str
    stage: str
    progress: int
    mentee_count: int
    matched_count: int
    total_score: int
    certified: bool
    edited: bool
    proof: str | None
    preferences: str | None = Field(
        None, description="Stable runs: whether real rankings or the scores gave the order."
    )
    preferences_source: Literal["scores", "rankings", "mixed"] | None = None
    unmatched: dict[str, str]
    mentors_set_aside: dict[str, str]
    mentors_set_aside_reasons: dict[str, str] = Field(
        description="Why each was set aside, in the language of the request: for the training "
        "rule, the hours she has and each screening item missing"
    )
    fairness: dict[str, Any]
    failure: str
    created_at: datetime
    finished_at: datetime | None
    published_at: datetime | None

    @staticmethod
    def resolve_proof(obj: MatchingRun) -> str | None:
        proof = obj.result.get("proof")
        return shown(proof, "text") if proof else None

    @staticmethod
    def resolve_preferences(obj: MatchingRun) -> str | None:
        used = obj.result.get("preferences")
        return shown(used, "text") if used else None

    @staticmethod
    def resolve_preferences_source(obj: MatchingRun) -> str | None:
        used = obj.result.get("preferences")
        return used.get("source") if used else None

    @staticmethod
    def resolve_stage(obj: MatchingRun) -> str:
        return shown(obj.stage)

    @staticmethod
    def resolve_unmatched(obj: MatchingRun) -> dict[str, str]:
        return obj.result.get("unmatched", {})

    @staticmethod
    def resolve_mentors_set_aside(obj: MatchingRun) -> dict[str, str]:
        return obj.result.get("excluded_mentors", {})

    @staticmethod
    def resolve_mentors_set_aside_reasons(obj: MatchingRun) -> dict[str, str]:
        mentors = {p["key"]: p for p in obj.inputs.get("mentors", [])}
        required = float(obj.required_training_hours)
        return {
            k: set_aside_reason(code, mentors.get(k), required)
            for k, code in obj.result.get("excluded_mentors", {}).items()
        }

    @staticmethod
    def resolve_fairness(obj: MatchingRun) -> dict[str, Any]:
        return obj.result.get("fairness", {})


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


class LockIn(Schema):
    locked: bool = True


class SwapIn(Schema):
    first_pair_id: int = Field(..., ge=1, le=MAX_ID)
    second_pair_id: int = Field(..., ge=1, le=MAX_ID)


class PublishOut(Schema):
    run: RunOut
    created_pairing_ids: list[int]
    undelivered: list[str] = Field(
        default_factory=list, description="People whose match email could not be sent"
    )
    announcement_held: bool = Field(
        False,
        description="True if the cohort does not announce pairs yet (it is still being set "
        "up): both people are emailed when it moves to a status that does",
    )


class RuleIn(Schema):
    mentor_id: int = Field(..., ge=1, le=MAX_ID)
    mentee_id: int = Field(..., ge=1, le=MAX_ID)
    kind: Literal["lock", "exclude"]
    note: Text = Field("", max_length=200)


class RuleOut(Schema):
    id: int
    cohort_id: int
    mentor_id: int
    mentee_id: int
    kind: str
    note: str
    created_at: datetime


class GroupingIn(Schema):
    min_size: int = Field(5, ge=2, le=20)
    target_size: int = Field(6, ge=2, le=20)
    max_size: int = Field(8, ge=2, le=20)


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


class GroupRuleIn(Schema):
    first_id: int = Field(..., ge=1, le=MAX_ID)
    second_id: int = Field(..., ge=1, le=MAX_ID)
    kind: Literal["together", "apart"]


class GroupRuleOut(Schema):
    id: int
    cohort_id: int
    first_id: int
    second_id: int
    kind: str


class MoveIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID)
    group_id: int = Field(..., ge=1, le=MAX_ID)


class ProfileIO(Schema):
    tags: list[Tag] = Field(default_factory=list, max_length=5)
    job_family: Literal[
        "",
        "a&r",
        "marketing",
        "digital",
        "commercial",
        "catalogue",
        "data",
        "technology",
        "finance",
        "legal",
        "people",
        "communications",
        "creative",
        "operations",
    ] = ""
    aspired_division_id: int | None = Field(None, ge=1, le=MAX_ID)
    seniority: int = Field(2, ge=0, le=6)
    availability: list[Slot] = Field(
        default_factory=list,
        max_length=10,
        description="Weekly slots in your own time: day × 3 + "
        "part of day (0 Monday morning … 20 Sunday evening)",
    )
    meeting_format: Literal["either", "online"] = "either"
    capacity: int = Field(
        1,
        ge=1,
        le=8,
        description="Mentors (at most 3) and coaches (at most 8): the people you can take",
    )
    share_background_match_with_mentee: bool = Field(
        False,
        description="Mentors and coaches: let your mentee see, in why you were matched, that "
        "you share the background she asked for. Off: that line is shown to nobody",
    )


class MyMatchOut(Schema):
    cohort: str = Field(..., alias="pair.run.cohort.name")
    kind: str = Field(..., alias="pair.run.kind")
    mentor_id: int = Field(..., alias="pair.mentor_id")
    mentor_name: str = Field(..., alias="pair.mentor.name")
    mentee_id: int = Field(..., alias="pair.mentee_id")
    mentee_name: str = Field(..., alias="pair.mentee.name")
    score: int = Field(..., description="The points of the criteria shown in the breakdown")
    breakdown: list[Contribution]
    private_left_out: bool = Field(
        ...,
        description="The match also counted private preferences (the background a mentee "
        "asked her mentor to share), left out of this score and breakdown: only the mentee "
        "sees them, and only if her mentor agreed",
    )


def _managed_cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=cohort_id
    )
    require(request.user, "programmes.manage_cohort", cohort)
    return cohort


def _run(request: AuthedRequest, run_id: int) -> MatchingRun:
    run = get_object_or_404(
        MatchingRun.objects.for_user(request.user).select_related("cohort__programme"), pk=run_id
    )
    require(request.user, "programmes.manage_cohort", run.cohort)
    return run


def _pair(request: AuthedRequest, pair_id: int) -> ProposedPair:
    pair = get_object_or_404(
        ProposedPair.objects.for_user(request.user).select_related(
            "run__cohort", "mentor", "mentee"
        ),
        pk=pair_id,
    )
    require(request.user, "programmes.manage_cohort", pair.run.cohort)
    return pair


def _grouping(request: AuthedRequest, run_id: int) -> GroupingRun:
    run = get_object_or_404(
        GroupingRun.objects.for_user(request.user).select_related("cohort__programme"), pk=run_id
    )
    require(request.user, "programmes.manage_cohort", run.cohort)
    return run


def _member(cohort: Cohort, person_id: int, field: str) -> Person:
    person = Person.objects.filter(pk=person_id, enrolments__cohort=cohort).first()
    if person is None:
        raise ValidationError(
            {field: _("No person %(person_id)s in this cohort.") % {"person_id": person_id}}
        )
    return person


# ---------- Matching runs ----------


@router.get(
    "/cohorts/{cohort_id}/matching-runs",
    response={200: list[RunOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_runs(request: AuthedRequest, cohort_id: IdPath) -> Any:
    return MatchingRun.objects.for_user(request.user).filter(
        cohort=_managed_cohort(request, cohort_id)
    )


@router.post(
    "/cohorts/{cohort_id}/matching-runs",
    response={202: RunOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def start_run(request: AuthedRequest, cohort_id: IdPath, payload: RunIn) -> Status[MatchingRun]:
    """Snapshot the cohort and queue the run; poll it until its status is `ready`."""
    cohort = _managed_cohort(request, cohort_id)
    run = services.matching_run_start(
        cohort=cohort,
        created_by=request.user,
        weights=payload.weights.dict(),
        mode=payload.mode,
        objective=payload.objective,
        required_training_hours=payload.required_training_hours,
        min_shared_slots=payload.min_shared_slots,
        rematch=payload.rematch,
    )
    return Status(202, run)


@router.get(
    "/matching-runs/{run_id}",
    response={200: RunOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def get_run(request: AuthedRequest, run_id: IdPath) -> MatchingRun:
    run = _run(request, run_id)
    heartbeat.job_fail_if_stopped(run)
    return run


@router.get(
    "/matching-runs/{run_id}/pairs",
    response={200: list[PairOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_pairs(request: AuthedRequest, run_id: IdPath) -> Any:
    return _run(request, run_id).pairs.select_related("mentor", "mentee")


@router.post(
    "/matching-runs/{run_id}/publish",
    response={200: PublishOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def publish_run(request: AuthedRequest, run_id: IdPath) -> dict[str, Any]:
    """Create the pairs and email both people of each new pair (held until the cohort
    announces pairs, see `announcement_held`)."""
    run = _run(request, run_id)
    undelivered: list[str] = []
    created = services.matching_run_publish(
        run=run, published_by=request.user, undelivered=undelivered
    )
    run = _run(request, run_id)
    return {
        "run": run,
        "created_pairing_ids": [p.pk for p in created],
        "undelivered": undelivered,
        "announcement_held": bool(created) and not run.cohort.announces_pairs,
    }


@router.post(
    "/matching-runs/{run_id}/rerun",
    response={202: RunOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def rerun(request: AuthedRequest, run_id: IdPath) -> Status[MatchingRun]:
    """The same settings on today's profiles, around every lock and exclusion."""
    return Status(
        202, services.matching_run_rerun(run=_run(request, run_id), created_by=request.user)
    )


@router.post(
    "/matching-runs/{run_id}/discard",
    response={200: RunOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def discard_run(request: AuthedRequest, run_id: IdPath) -> MatchingRun:
    return services.matching_run_discard(run=_run(request, run_id), changed_by=request.user)


@router.post(
    "/matching-runs/{run_id}/swap",
    response={200: RunOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def swap(request: AuthedRequest, run_id: IdPath, payload: SwapIn) -> MatchingRun:
    """Swap the mentees of two pairs; both new pairs are locked."""
    run = _run(request, run_id)
    pairs = run.pairs.in_bulk([payload.first_pair_id, payload.second_pair_id])
    if len(pairs) != 2:
        raise ValidationError(_("Choose two different pairs of this run."))
    services.proposed_pairs_swap(
        first=pairs[payload.first_pair_id],
        second=pairs[payload.second_pair_id],
        changed_by=request.user,
    )
    return _run(request, run_id)


@router.post(
    "/proposed-pairs/{pair_id}/lock",
    response={200: PairOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def lock_pair(request: AuthedRequest, pair_id: IdPath, payload: LockIn) -> ProposedPair:
    """Keep (or stop keeping) this pair in every re-run."""
    return services.proposed_pair_lock(
        pair=_pair(request, pair_id), locked=payload.locked, changed_by=request.user
    )


@router.post(
    "/proposed-pairs/{pair_id}/exclude",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def exclude_pair(request: AuthedRequest, pair_id: IdPath) -> Status[None]:
    """Never pair these two; the pair leaves this run."""
    services.proposed_pair_exclude(pair=_pair(request, pair_id), changed_by=request.user)
    return Status(204, None)


# ---------- Pair rules ----------


@router.get(
    "/cohorts/{cohort_id}/pair-rules",
    response={200: list[RuleOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_rules(request: AuthedRequest, cohort_id: IdPath) -> Any:
    return (
        PairRule.objects.for_user(request.user)
        .filter(cohort=_managed_cohort(request, cohort_id))
        .order_by("pk")
    )


@router.post(
    "/cohorts/{cohort_id}/pair-rules",
    response={201: RuleOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def set_rule(request: AuthedRequest, cohort_id: IdPath, payload: RuleIn) -> Status[PairRule]:
    cohort = _managed_cohort(request, cohort_id)
    rule = services.pair_rule_set(
        cohort=cohort,
        mentor=_member(cohort, payload.mentor_id, "mentor_id"),
        mentee=_member(cohort, payload.mentee_id, "mentee_id"),
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


# ---------- Home groups ----------


@router.get(
    "/cohorts/{cohort_id}/grouping-runs",
    response={200: list[GroupingOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_groupings(request: AuthedRequest, cohort_id: IdPath) -> Any:
    return GroupingRun.objects.for_user(request.user).filter(
        cohort=_managed_cohort(request, cohort_id)
    )


@router.post(
    "/cohorts/{cohort_id}/grouping-runs",
    response={202: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def start_grouping(
    request: AuthedRequest, cohort_id: IdPath, payload: GroupingIn
) -> Status[GroupingRun]:
    cohort = _managed_cohort(request, cohort_id)
    return Status(
        202, grouping.grouping_run_start(cohort=cohort, created_by=request.user, **payload.dict())
    )


@router.get(
    "/grouping-runs/{run_id}",
    response={200: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def get_grouping(request: AuthedRequest, run_id: IdPath) -> GroupingRun:
    run = _grouping(request, run_id)
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
        202, grouping.grouping_run_rerun(run=_grouping(request, run_id), created_by=request.user)
    )


@router.post(
    "/grouping-runs/{run_id}/publish",
    response={200: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def publish_grouping(request: AuthedRequest, run_id: IdPath) -> GroupingRun:
    return grouping.grouping_run_publish(run=_grouping(request, run_id), published_by=request.user)


@router.post(
    "/grouping-runs/{run_id}/discard",
    response={200: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def discard_grouping(request: AuthedRequest, run_id: IdPath) -> GroupingRun:
    return grouping.grouping_run_discard(run=_grouping(request, run_id), changed_by=request.user)


@router.post(
    "/grouping-runs/{run_id}/move",
    response={200: GroupingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def move(request: AuthedRequest, run_id: IdPath, payload: MoveIn) -> GroupingRun:
    """Move one person to another group of the same band while the run is in review."""
    run = _grouping(request, run_id)
    person = Person.objects.filter(pk=payload.person_id, home_groups__run=run).first()
    group = run.groups.filter(pk=payload.group_id).first()
    if person is None or group is None:
        raise ValidationError(_("Choose a person and a group of this run."))
    grouping.home_group_move(run=run, person=person, to=group, changed_by=request.user)
    return _grouping(request, run_id)


@router.get(
    "/cohorts/{cohort_id}/group-rules",
    response={200: list[GroupRuleOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_group_rules(request: AuthedRequest, cohort_id: IdPath) -> Any:
    return GroupRule.objects.filter(cohort=_managed_cohort(request, cohort_id)).order_by("pk")


@router.post(
    "/cohorts/{cohort_id}/group-rules",
    response={201: GroupRuleOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def set_group_rule(
    request: AuthedRequest, cohort_id: IdPath, payload: GroupRuleIn
) -> Status[GroupRule]:
    cohort = _managed_cohort(request, cohort_id)
    rule = grouping.group_rule_set(
        cohort=cohort,
        first=_member(cohort, payload.first_id, "first_id"),
        second=_member(cohort, payload.second_id, "second_id"),
        kind=payload.kind,
        created_by=request.user,
    )
    return Status(201, rule)


# ---------- Everyone: own profile and match ----------


def _me(request: AuthedRequest) -> Person:
    return get_object_or_404(Person, user=request.user)


def _profile_out(profile: MatchProfile | None) -> dict[str, Any]:
    if profile is None:
        return ProfileIO.model_validate({}).dict()
    return {
        "tags": profile.tags,
        "job_family": profile.job_family,
        "aspired_division_id": profile.aspired_division_id,
        "seniority": profile.seniority,
        "availability": profile.availability,
        "meeting_format": profile.meeting_format,
        "capacity": profile.capacity,
        "share_background_match_with_mentee": profile.share_background_match_with_mentee,
    }


@router.get(
    "/me/match-profile",
    response={200: ProfileIO, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the caller's own matching profile"),
)
def get_my_profile(request: AuthedRequest, response: HttpResponse) -> dict[str, Any]:
    """The `ETag` header is the profile's version: send it back in `If-Match` to change it."""
    profile = MatchProfile.objects.filter(person=_me(request)).first()
    set_version(response, version_of(profile, services.PROFILE_FIELDS))
    return _profile_out(profile)


@router.put(
    "/me/match-profile",
    response={200: ProfileIO, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the caller's own matching profile"),
)
@transaction.atomic
def put_my_profile(
    request: AuthedRequest, payload: ProfileIO, response: HttpResponse
) -> dict[str, Any]:
    """Requires `If-Match` with the ETag of your last read once you have a profile (428
    without it, 409 if it changed since); the first save needs none."""
    person = _me(request)
    exists = MatchProfile.objects.filter(person=person).exists()
    version = if_match(request, required=exists) or ABSENT
    data = payload.dict()
    division_id = data.pop("aspired_division_id")
    division = None
    if division_id is not None:
        division = Division.objects.filter(pk=division_id).first()
        if division is None:
            raise ValidationError(
                {
                    "aspired_division_id": _("No division %(division_id)s.")
                    % {"division_id": division_id}
                }
            )
    profile = services.match_profile_save(
        person=person,
        changed_by=request.user,
        aspired_division=division,
        version=version,
        **data,
    )
    set_version(response, version_of(profile, services.PROFILE_FIELDS))
    return _profile_out(profile)


@router.get(
    "/me/matches",
    response={200: list[MyMatchOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the caller's own published matches"),
)
def my_matches(request: AuthedRequest) -> list[Explanation]:
    """Your current published matches, each with its score explained criterion by criterion."""
    return services.my_matches(request.user)
