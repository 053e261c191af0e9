"""Experiments API: the experiments a user sees, the owner's writes and moves, the sponsor's
approval, return and impact, comments, evidence (a link, or a file as multipart), a cohort's
board, the programme's portfolio, and stories. The endpoints call the services the pages
call; a move refused because someone else moved first is a 422 naming `stage`."""

from datetime import datetime
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import (
    ERROR_CODES,
    MAX_ID,
    ErrorOut,
    IdPath,
    LongText,
    Page,
    SlugPath,
    Text,
    WebLink,
    access,
)
from amplify.experiments import board, services
from amplify.experiments.models import (
    CARD_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Decision,
    Evidence,
    Experiment,
    Stage,
    Story,
    Theme,
)
from amplify.people.models import Country, Division, Person
from amplify.programmes.models import Cohort, Programme

router = Router(tags=["Experiments"])
OWNER = "the experiment's owner (403 for others who see it; 404 for those who do not)"
SPONSOR = "the experiment's executive sponsor (403 for others who see it; 404 otherwise)"
SEES = (
    "the owner; the cohort's participants, coaches, sponsors and managers; impact admins and"
    " administrators (404 for anyone else)"
)
Rating = int | None


class ExperimentOut(Schema):
    id: int
    cohort_id: int
    owner_id: int
    owner_name: str
    sponsor_id: int | None
    title: str
    stage: Stage
    hypothesis: str
    hypothesis_criticality: int | None
    test: str
    test_cost: int | None
    data_reliability: int | None
    metric: str
    time_required: int | None
    criterion: str
    division_id: int | None
    country_id: str | None
    themes: list[str]
    asks_money: bool
    asks_people: bool
    asks_time: bool
    ask_detail: str
    result: str
    criterion_met: bool | None
    believed: str
    observed: str
    learned: str
    therefore: str
    decision: str
    sponsor_impact: str
    created_at: datetime
    submitted_at: datetime | None
    approved_at: datetime | None
    started_at: datetime | None
    learning_at: datetime | None
    decided_at: datetime | None
    version: str

    @staticmethod
    def resolve_owner_name(obj: Experiment) -> str:
        return obj.owner.display_name

    @staticmethod
    def resolve_version(obj: Experiment) -> str:
        from amplify.home.concurrency import version_of

        return version_of(obj, services.VERSION_FIELDS)


class ExperimentFilter(Schema):
    cohort_id: int | None = Field(None, ge=1, le=MAX_ID)
    stage: Stage | None = None
    mine: bool = Field(False, description="only the user's own")
    sponsored: bool = Field(False, description="only those the user sponsors")


class CreateIn(Schema):
    cohort_id: int = Field(..., ge=1, le=MAX_ID)
    title: Text = Field(..., min_length=1, max_length=160)


class CardIn(Schema):
    """Any of the test card's fields (while a draft or returned) or the results (running)."""

    version: str | None = Field(None, max_length=2000, description="from ExperimentOut.version")
    title: Text | None = Field(None, max_length=160)
    hypothesis: LongText | None = Field(None, max_length=CARD_MAX_LENGTH)
    hypothesis_criticality: Rating = Field(None, ge=1, le=3)
    test: LongText | None = Field(None, max_length=CARD_MAX_LENGTH)
    test_cost: Rating = Field(None, ge=1, le=3)
    data_reliability: Rating = Field(None, ge=1, le=3)
    metric: LongText | None = Field(None, max_length=CARD_MAX_LENGTH)
    time_required: Rating = Field(None, ge=1, le=3)
    criterion: LongText | None = Field(None, max_length=CARD_MAX_LENGTH)
    division_id: int | None = Field(None, ge=1, le=MAX_ID)
    country_id: str | None = Field(None, pattern="^[A-Z]{2}$")
    themes: list[Theme] | None = Field(None, max_length=len(Theme.values))
    asks_money: bool | None = None
    asks_people: bool | None = None
    asks_time: bool | None = None
    ask_detail: LongText | None = Field(None, max_length=CARD_MAX_LENGTH)
    sponsor_id: int | None = Field(None, ge=1, le=MAX_ID)
    result: LongText | None = Field(None, max_length=CARD_MAX_LENGTH)
    criterion_met: bool | None = None


class MoveIn(Schema):
    expected_stage: Stage | None = Field(
        None, description="the stage the caller saw: refused (422) if it has moved since"
    )


class CommentIn(Schema):
    body: LongText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)


class ReviewIn(MoveIn):
    comment: LongText = Field("", max_length=TEXT_MAX_LENGTH)


class LearningIn(MoveIn):
    believed: LongText = Field(..., max_length=CARD_MAX_LENGTH)
    observed: LongText = Field(..., max_length=CARD_MAX_LENGTH)
    learned: LongText = Field(..., max_length=CARD_MAX_LENGTH)
    therefore: LongText = Field(..., max_length=CARD_MAX_LENGTH)


class DecideIn(MoveIn):
    decision: Decision
    comment: LongText = Field("", max_length=TEXT_MAX_LENGTH)


class ImpactIn(Schema):
    impact: LongText = Field(..., max_length=CARD_MAX_LENGTH)


class CommentOut(Schema):
    id: int
    author_id: int
    body: str
    returned: bool
    created_at: datetime


class EvidenceIn(Schema):
    title: Text = Field(..., max_length=160)
    link: WebLink = ""


class EvidenceOut(Schema):
    id: int
    title: str
    link: str
    has_file: bool
    added_by_id: int
    added_at: datetime

    @staticmethod
    def resolve_has_file(obj: Evidence) -> bool:
        return bool(obj.file)


class BoardCardOut(Schema):
    id: int
    title: str
    stage: str
    decision: str
    owner_name: str
    country_id: str | None
    division_id: int | None
    themes: list[str]


class BoardColumnOut(Schema):
    stage: str
    count: int
    shown: list[BoardCardOut]


class BoardFilter(Schema):
    region: str = Field("", max_length=8)
    country: str = Field("", max_length=2)
    division: str = Field("", max_length=12)
    theme: str = Field("", max_length=40)


class PortfolioRowOut(Schema):
    cohort_id: int
    cohort_name: str
    total: int | None = Field(..., description="null when fewer than 5")
    stages: dict[str, int | None]
    decisions: dict[str, int | None]
    themes: dict[str, int | None]


class StoryIn(Schema):
    title: Text = Field(..., min_length=1, max_length=160)
    tried: LongText = Field("", max_length=CARD_MAX_LENGTH)
    happened: LongText = Field("", max_length=CARD_MAX_LENGTH)
    quote: Text = Field("", max_length=400)
    consent_to_share: bool = False


class StoryCreateIn(StoryIn):
    cohort_id: int = Field(..., ge=1, le=MAX_ID)


class StoryOut(Schema):
    id: int
    person_id: int
    cohort_id: int
    experiment_id: int | None
    title: str
    tried: str
    happened: str
    quote: str
    consent_to_share: bool
    consented_at: datetime | None


# ---------- Helpers ----------


def _me(request: AuthedRequest) -> Person:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise Http404
    return person


def _seen(request: AuthedRequest, experiment_id: int) -> Experiment:
    return get_object_or_404(
        Experiment.objects.for_user(request.user).select_related("owner", "sponsor", "cohort"),
        pk=experiment_id,
    )


def _run(request: AuthedRequest, experiment_id: int, perm: str) -> tuple[Experiment, Person]:
    experiment = _seen(request, experiment_id)
    require(request.user, perm, experiment)
    return experiment, _me(request)


# ---------- Experiments ----------


@router.get(
    "/",
    response={200: list[ExperimentOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the experiments the user sees (" + SEES + ")"),
)
@paginate(Page)
def list_experiments(request: AuthedRequest, filters: Query[ExperimentFilter]) -> Any:
    found = Experiment.objects.for_user(request.user).select_related("owner")
    if filters.cohort_id:
        found = found.filter(cohort_id=filters.cohort_id)
    if filters.stage:
        found = found.filter(stage=filters.stage)
    if filters.mine:
        found = found.owned_by(request.user)
    if filters.sponsored:
        found = found.sponsored_by(request.user)
    return found.order_by("pk")


@router.post(
    "/",
    response={201: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "a participant of the cohort, for herself: one experiment per participant and cohort"
    ),
)
def create_experiment(request: AuthedRequest, payload: CreateIn) -> Any:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=payload.cohort_id
    )
    experiment = services.experiment_create(cohort=cohort, owner=_me(request), title=payload.title)
    return Status(201, experiment)


# ---------- Stories (before /{experiment_id}, whose one segment would take /stories) ----------


@router.get(
    "/cohorts/{cohort_id}/stories",
    response={200: list[StoryOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "as the board; others' stories only when shared with consent, one's own always"
    ),
)
def cohort_stories(request: AuthedRequest, cohort_id: IdPath) -> Any:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=cohort_id
    )
    require(request.user, "experiments.view_board", cohort)
    return list(Story.objects.for_user(request.user).filter(cohort=cohort)[:500])


@router.post(
    "/stories",
    response={201: StoryOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("a participant of the cohort, her own story"),
)
def create_story(request: AuthedRequest, payload: StoryCreateIn) -> Any:
    me = _me(request)
    cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=payload.cohort_id)
    experiment = Experiment.objects.filter(owner=me, cohort=cohort).first()
    story = services.story_save(
        person=me, cohort=cohort, experiment=experiment, **payload.dict(exclude={"cohort_id"})
    )
    return Status(201, story)


@router.put(
    "/stories/{story_id}",
    response={200: StoryOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the person whose story it is (404 for anyone else)"),
)
def update_story(request: AuthedRequest, story_id: IdPath, payload: StoryIn) -> Any:
    me = _me(request)
    story = get_object_or_404(Story.objects.filter(person=me), pk=story_id)
    return services.story_save(
        person=me, story=story, experiment=story.experiment, **payload.dict()
    )


# ---------- One experiment ----------


@router.get(
    "/{experiment_id}",
    response={200: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(SEES),
)
def get_experiment(request: AuthedRequest, experiment_id: IdPath) -> Any:
    return _seen(request, experiment_id)


@router.patch(
    "/{experiment_id}",
    response={200: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        OWNER + "; the test card while a draft or returned, the results while running; a"
        " stale version is a 409"
    ),
)
def update_experiment(request: AuthedRequest, experiment_id: IdPath, payload: CardIn) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.run_experiment")
    values = payload.dict(exclude_unset=True)
    version = values.pop("version", None)
    if "division_id" in values:
        found = values.pop("division_id")
        values["division"] = get_object_or_404(Division, pk=found) if found else None
    if "country_id" in values:
        found = values.pop("country_id")
        values["country"] = get_object_or_404(Country, pk=found) if found else None
    if "sponsor_id" in values:
        found = values.pop("sponsor_id")
        values["sponsor"] = get_object_or_404(Person, pk=found) if found else None
    if "themes" in values:
        values["themes"] = [str(t) for t in values["themes"] or []]
    return services.experiment_update(experiment=experiment, by=me, version=version, **values)


@router.post(
    "/{experiment_id}/submit",
    response={200: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(OWNER + "; needs a complete test card and a sponsor of the cohort"),
)
def submit_experiment(request: AuthedRequest, experiment_id: IdPath, payload: MoveIn) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.run_experiment")
    return services.experiment_submit(
        experiment=experiment, by=me, expected_stage=payload.expected_stage
    )


@router.post(
    "/{experiment_id}/approve",
    response={200: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(SPONSOR + "; a submitted experiment"),
)
def approve_experiment(request: AuthedRequest, experiment_id: IdPath, payload: ReviewIn) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.sponsor_experiment")
    return services.experiment_approve(
        experiment=experiment, by=me, comment=payload.comment, expected_stage=payload.expected_stage
    )


@router.post(
    "/{experiment_id}/return",
    response={200: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(SPONSOR + "; a submitted experiment; the comment is required"),
)
def return_experiment(request: AuthedRequest, experiment_id: IdPath, payload: ReviewIn) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.sponsor_experiment")
    return services.experiment_return(
        experiment=experiment, by=me, comment=payload.comment, expected_stage=payload.expected_stage
    )


@router.post(
    "/{experiment_id}/start",
    response={200: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(OWNER + "; an approved experiment"),
)
def start_experiment(request: AuthedRequest, experiment_id: IdPath, payload: MoveIn) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.run_experiment")
    return services.experiment_start(
        experiment=experiment, by=me, expected_stage=payload.expected_stage
    )


@router.post(
    "/{experiment_id}/learning",
    response={200: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(OWNER + "; a running experiment with at least one piece of evidence"),
)
def capture_learning(request: AuthedRequest, experiment_id: IdPath, payload: LearningIn) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.run_experiment")
    return services.experiment_capture_learning(experiment=experiment, by=me, **payload.dict())


@router.post(
    "/{experiment_id}/decision",
    response={200: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the sponsor, or the owner once her sponsor has given her view (403 for others who"
        " see it; 404 otherwise); learning captured"
    ),
)
def decide_experiment(request: AuthedRequest, experiment_id: IdPath, payload: DecideIn) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.decide_experiment")
    return services.experiment_decide(
        experiment=experiment,
        by=me,
        decision=payload.decision,
        comment=payload.comment,
        expected_stage=payload.expected_stage,
    )


@router.post(
    "/{experiment_id}/impact",
    response={200: ExperimentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(SPONSOR + "; from the start on"),
)
def record_impact(request: AuthedRequest, experiment_id: IdPath, payload: ImpactIn) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.sponsor_experiment")
    return services.sponsor_impact_record(experiment=experiment, by=me, impact=payload.impact)


@router.get(
    "/{experiment_id}/comments",
    response={200: list[CommentOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(SEES),
)
def list_comments(request: AuthedRequest, experiment_id: IdPath) -> Any:
    return list(_seen(request, experiment_id).comments.all()[:500])


@router.post(
    "/{experiment_id}/comments",
    response={201: CommentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the owner, the sponsor, the cohort's coaches and managers (403 for others who see"
        " it; 404 otherwise)"
    ),
)
def add_comment(request: AuthedRequest, experiment_id: IdPath, payload: CommentIn) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.comment_experiment")
    return Status(201, services.experiment_comment(experiment=experiment, by=me, body=payload.body))


@router.get(
    "/{experiment_id}/evidence",
    response={200: list[EvidenceOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(SEES + "; a file is downloaded through the page's evidence link"),
)
def list_evidence(request: AuthedRequest, experiment_id: IdPath) -> Any:
    return list(_seen(request, experiment_id).evidence.all()[:500])


@router.post(
    "/{experiment_id}/evidence",
    response={201: EvidenceOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        OWNER + "; from the approval on; multipart: a title and a link or a file (type and"
        " size checked)"
    ),
)
def add_evidence(
    request: AuthedRequest,
    experiment_id: IdPath,
    payload: Form[EvidenceIn],
    file: UploadedFile | None = File(None),  # noqa: B008 (how ninja declares an optional file)
) -> Any:
    experiment, me = _run(request, experiment_id, "experiments.run_experiment")
    evidence = services.evidence_add(
        experiment=experiment, by=me, title=payload.title, link=payload.link, file=file
    )
    return Status(201, evidence)


# ---------- Board, portfolio ----------


@router.get(
    "/cohorts/{cohort_id}/board",
    response={200: list[BoardColumnOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the cohort's managers, participants, coaches and sponsors; impact admins and"
        " administrators (403 for others who see the cohort; 404 otherwise)"
    ),
)
def cohort_board(request: AuthedRequest, cohort_id: IdPath, filters: Query[BoardFilter]) -> Any:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=cohort_id
    )
    require(request.user, "experiments.view_board", cohort)
    found = board.board(cohort, filters.dict())
    return [
        {
            "stage": col["stage"],
            "count": col["count"],
            "shown": [
                {
                    "id": e.pk,
                    "title": e.title,
                    "stage": e.stage,
                    "decision": e.decision,
                    "owner_name": e.owner.display_name,
                    "country_id": e.country_id,
                    "division_id": e.division_id,
                    "themes": e.themes,
                }
                for e in col["shown"]
            ],
        }
        for col in found["columns"]
    ]


@router.get(
    "/programmes/{slug}/portfolio",
    response={200: list[PortfolioRowOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the programme's managers, impact admins and administrators; counts below 5 are null"
    ),
)
def programme_portfolio(request: AuthedRequest, slug: SlugPath) -> Any:
    programme = get_object_or_404(
        Programme.objects.for_user(request.user), slug=slug, kind=Programme.Kind.LEADERSHIP
    )
    require(request.user, "experiments.view_portfolio", programme)
    found = board.portfolio(programme)
    from amplify.experiments.models import STAGE_ORDER

    return [
        {
            "cohort_id": r["cohort"].pk,
            "cohort_name": r["cohort"].name,
            "total": r["total"],
            "stages": dict(zip([s.value for s in STAGE_ORDER], r["stages"], strict=True)),
            "decisions": dict(zip(Decision.values, r["decisions"], strict=True)),
            "themes": dict(zip(Theme.values, r["themes"], strict=True)),
        }
        for r in found["rows"]
    ]
