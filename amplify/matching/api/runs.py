"""Matching runs: start (and rematch), read, publish, rerun and discard."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import create_model

from amplify.accounts.access import AuthedRequest
from amplify.apischema import ERROR_CODES, ErrorOut, IdPath, Page, access
from amplify.core.matching.preferences import SOURCES
from amplify.core.matching.profiles import DEFAULT_WEIGHTS, MAX_WEIGHT, Criterion, Objective
from amplify.home.storedtext import shown
from amplify.matching import services
from amplify.matching.api._common import MANAGERS, PairOut, managed_cohort, managed_run
from amplify.matching.explanations import set_aside_reason
from amplify.matching.models import MatchingRun
from amplify.operations import heartbeat

router = Router()

Weight = Annotated[int, Field(ge=0, le=MAX_WEIGHT)]
# The criteria and their defaults are the core's: a criterion added there is in the API too.
if TYPE_CHECKING:
    Weights = Schema
    Mode = str
    ObjectiveName = str
    Source = str
else:
    Weights = create_model(
        "Weights",
        __base__=Schema,
        **{c.value: (Weight, DEFAULT_WEIGHTS.get(c, 0)) for c in Criterion},
    )
    Mode = Literal[tuple(MatchingRun.Mode.values)]
    ObjectiveName = Literal[tuple(o.value for o in Objective)]
    Source = Literal[SOURCES]


class RunIn(Schema):
    """A setting left out takes the value of the cohort's latest published run (a rematch goes
    on as the pairs it keeps were made); in a cohort with none, the default shown."""

    mode: Mode = MatchingRun.Mode.OPTIMAL.value
    objective: ObjectiveName = Objective.MOST_MATCHED.value
    weights: Weights = Field(default_factory=Weights)
    required_training_hours: float | None = Field(
        None,
        ge=0,
        le=services.MAX_TRAINING_HOURS,
        description="Default: 10 for mentoring, 0 for coaching",
    )
    min_shared_slots: int = Field(1, ge=1, le=services.MAX_SHARED_SLOTS)
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
    preferences_source: Source | None = None
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


@router.get(
    "/cohorts/{cohort_id}/matching-runs",
    response={200: list[RunOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_runs(request: AuthedRequest, cohort_id: IdPath) -> Any:
    return MatchingRun.objects.for_user(request.user).filter(
        cohort=managed_cohort(request, cohort_id)
    )


@router.post(
    "/cohorts/{cohort_id}/matching-runs",
    response={202: RunOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def start_run(request: AuthedRequest, cohort_id: IdPath, payload: RunIn) -> Status[MatchingRun]:
    """Snapshot the cohort and queue the run; poll it until its status is `ready`."""
    cohort = managed_cohort(request, cohort_id)
    data = payload.dict()
    given = {k: data[k] for k in payload.model_fields_set if k != "rematch"}
    # The settings left out are the service's to choose, as for the rematch page.
    run = services.matching_run_start_defaulted(
        cohort=cohort, created_by=request.user, rematch=payload.rematch, **given
    )
    return Status(202, run)


@router.get(
    "/matching-runs/{run_id}",
    response={200: RunOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def get_run(request: AuthedRequest, run_id: IdPath) -> MatchingRun:
    run = managed_run(request, run_id)
    heartbeat.job_fail_if_stopped(run)
    return run


@router.get(
    "/matching-runs/{run_id}/pairs",
    response={200: list[PairOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
@paginate(Page)
def list_pairs(request: AuthedRequest, run_id: IdPath) -> Any:
    return managed_run(request, run_id).pairs.select_related("mentor", "mentee")


@router.post(
    "/matching-runs/{run_id}/publish",
    response={200: PublishOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def publish_run(request: AuthedRequest, run_id: IdPath) -> dict[str, Any]:
    """Create the pairs and email both people of each new pair (held until the cohort
    announces pairs, see `announcement_held`)."""
    run = managed_run(request, run_id)
    undelivered: list[str] = []
    created = services.matching_run_publish(
        run=run, published_by=request.user, undelivered=undelivered
    )
    run = managed_run(request, run_id)
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
        202, services.matching_run_rerun(run=managed_run(request, run_id), created_by=request.user)
    )


@router.post(
    "/matching-runs/{run_id}/discard",
    response={200: RunOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def discard_run(request: AuthedRequest, run_id: IdPath) -> MatchingRun:
    return services.matching_run_discard(run=managed_run(request, run_id), changed_by=request.user)
