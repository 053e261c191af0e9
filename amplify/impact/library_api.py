"""The indicator library, figures with their traces, breakdowns, and published reports
(snapshots) over the API. Each operation calls the service or the computation the pages
call; bad parameters are a 422 with a message."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, MAX_ID, ErrorOut, IdPath, LongText, Page, Text, access
from amplify.impact import library, snapshots
from amplify.impact.compute import figure_breakdown, indicator_figure
from amplify.impact.models import Indicator, IndicatorKind, Scope, Snapshot
from amplify.impact.tables import Table
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.surveys.models import Item, Phase

router = Router(tags=["Impact"])
KeyPath = Annotated[str, Field(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
READS = "impact admins, administrators and programme managers"
CHANGES = "impact admins and administrators"
COHORT_REPORT = (
    "who may read the cohort's report: its managers, impact admins and administrators (404 for"
    " a cohort the user does not see, 403 for one she sees but may not report on)"
)


class IndicatorOut(Schema):
    key: str
    name: str
    definition: str
    kind: str
    programme_kind: str
    item: str | None
    phase: str
    role: str
    success_values: list[Any]
    outcome_kind: str
    during_programme: bool
    since_year: int | None
    stage: str
    position: int
    active: bool

    @staticmethod
    def resolve_item(obj: Indicator) -> str | None:
        return obj.item.key if obj.item is not None else None


class IndicatorIn(Schema):
    name: Text = Field(max_length=200)
    definition: LongText = Field(max_length=2000)
    kind: IndicatorKind
    programme_kind: Programme.Kind | Literal[""] = ""
    item: Text | None = Field(None, max_length=60, description="the item's key")
    phase: Phase | Literal[""] = ""
    role: Enrolment.Role | Literal[""] = ""
    success_values: list[int | float | Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, max_length=20
    )
    outcome_kind: Text = Field("", max_length=24)
    during_programme: bool = False
    since_year: int | None = Field(None, ge=1990, le=2100)
    stage: Text = Field("", max_length=24)
    position: int = Field(0, ge=0, le=32767)
    active: bool = True


class IndicatorCreateIn(IndicatorIn):
    key: KeyPath


def _fields(payload: IndicatorIn) -> dict[str, Any]:
    data = payload.dict(exclude={"key"})
    item_key = data.pop("item")
    data["item"] = None
    if item_key:
        data["item"] = Item.objects.filter(key=item_key).first()
        if data["item"] is None:
            raise ValidationError({"item": [_("No item has this key.")]})
    for name in ("kind", "programme_kind", "phase", "role"):
        data[name] = str(data[name]) if data[name] else ""
    return data


@router.get(
    "/indicators",
    response={200: list[IndicatorOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(READS),
)
@paginate(Page)
def list_indicators(request: AuthedRequest) -> Any:
    require(request.user, "impact.view_indicators")
    return Indicator.objects.select_related("item").order_by("position", "key")


@router.post(
    "/indicators",
    response={201: IndicatorOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(CHANGES),
)
def create_indicator(request: AuthedRequest, payload: IndicatorCreateIn) -> Any:
    require(request.user, "impact.change_indicators")
    indicator = library.indicator_save(by=request.user, key=payload.key, **_fields(payload))
    return Status(201, indicator)


@router.put(
    "/indicators/{key}",
    response={200: IndicatorOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(CHANGES + "; the key stays"),
)
def update_indicator(request: AuthedRequest, key: str, payload: IndicatorIn) -> Any:
    require(request.user, "impact.change_indicators")
    indicator = get_object_or_404(Indicator, key=key[:60])
    return library.indicator_save(by=request.user, indicator=indicator, **_fields(payload))


class FigureQuery(Schema):
    cohort: int = Field(..., ge=1, le=MAX_ID)
    country: str = Field("", max_length=2, pattern=r"^[A-Za-z]{0,2}$")
    division: int | None = Field(None, ge=1, le=MAX_ID)


def _report_cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=cohort_id
    )
    require(request.user, "impact.view_cohort_report", cohort)
    return cohort


@router.get(
    "/indicators/{key}/figure",
    response={200: dict[str, Any], ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_REPORT),
)
def get_figure(request: AuthedRequest, key: str, query: Query[FigureQuery]) -> Any:
    """The figure with its trace: definition, waves, filters, numerator, denominator, the
    suppression applied and when it was computed."""
    cohort = _report_cohort(request, query.cohort)
    indicator = get_object_or_404(Indicator.objects.select_related("item"), key=key[:60])
    filters = {"country": query.country.upper(), "division": query.division}
    return indicator_figure(indicator, cohorts=[cohort], filters=filters).as_dict()


class BreakdownQuery(Schema):
    cohort: int = Field(..., ge=1, le=MAX_ID)
    by: Literal["country", "division", "role"] = "country"


class TableOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    definitions: list[list[str]]
    note: str


def table_out(table: Table) -> dict[str, Any]:
    """A table as the reader sees it: every cell as text ("fewer than 5" when hidden)."""
    return {
        "key": table.key,
        "title": table.title,
        "columns": table.columns,
        "rows": table.text_rows(),
        "definitions": [list(d) for d in table.definitions],
        "note": table.note,
    }


@router.get(
    "/indicators/{key}/breakdown",
    response={200: TableOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_REPORT + "; groups of fewer than 5 are hidden"),
)
def get_breakdown(request: AuthedRequest, key: str, query: Query[BreakdownQuery]) -> Any:
    cohort = _report_cohort(request, query.cohort)
    indicator = get_object_or_404(Indicator.objects.select_related("item"), key=key[:60])
    return table_out(figure_breakdown(indicator, cohorts=[cohort], by=query.by))


# ---------- Snapshots ----------


class SnapshotOut(Schema):
    id: int
    scope: str
    cohort_id: int | None
    programme_id: int | None
    version: int
    title: str
    note: str
    published_at: Any
    published_by_id: int | None


class SnapshotDetailOut(SnapshotOut):
    payload: dict[str, Any]


class PublishIn(Schema):
    scope: Scope
    cohort_id: int | None = Field(None, ge=1, le=MAX_ID)
    programme_id: int | None = Field(None, ge=1, le=MAX_ID)
    note: Text = Field("", max_length=300)


class ComparisonOut(Schema):
    key: str
    name: str
    published: dict[str, Any]
    now: dict[str, Any] | None
    difference: float | None
    definition_changed: bool


@router.get(
    "/snapshots",
    response={200: list[SnapshotOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "signed in; the published reports the user may read (impact admins and administrators"
        " all; managers their programmes' and cohorts')"
    ),
)
@paginate(Page)
def list_snapshots(request: AuthedRequest) -> Any:
    return Snapshot.objects.for_user(request.user)


@router.post(
    "/snapshots",
    response={201: SnapshotOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "who may publish the scope: a cohort's or programme's managers, impact admins and"
        " administrators; the organisation: impact admins and administrators"
    ),
)
def publish_snapshot(request: AuthedRequest, payload: PublishIn) -> Any:
    scope: dict[str, Any] = {"scope": payload.scope}
    if payload.scope == Scope.COHORT:
        if payload.cohort_id is None:
            raise ValidationError({"cohort_id": [_("Give the cohort to publish.")]})
        cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=payload.cohort_id)
        require(request.user, "impact.publish_cohort_report", cohort)
        scope["cohort"] = cohort
    elif payload.scope == Scope.PROGRAMME:
        if payload.programme_id is None:
            raise ValidationError({"programme_id": [_("Give the programme to publish.")]})
        programme = get_object_or_404(
            Programme.objects.for_user(request.user), pk=payload.programme_id
        )
        require(request.user, "impact.publish_programme_report", programme)
        scope["programme"] = programme
    else:
        require(request.user, "impact.publish_organisation")
    snapshot = snapshots.snapshot_publish(by=request.user, note=payload.note, **scope)
    return Status(201, snapshot)


def _snapshot(request: AuthedRequest, snapshot_id: int) -> Snapshot:
    snapshot = get_object_or_404(Snapshot.objects.for_user(request.user), pk=snapshot_id)
    if snapshot.scope == Scope.COHORT:
        require(request.user, "impact.view_cohort_report", snapshot.cohort)
    elif snapshot.scope == Scope.PROGRAMME:
        require(request.user, "impact.view_programme_report", snapshot.programme)
    elif not request.user.has_perm("impact.publish_organisation"):
        raise PermissionDenied
    return snapshot


@router.get(
    "/snapshots/{snapshot_id}",
    response={200: SnapshotDetailOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("who may read the report it publishes (404 otherwise)"),
)
def get_snapshot(request: AuthedRequest, snapshot_id: IdPath) -> Any:
    return _snapshot(request, snapshot_id)


@router.get(
    "/snapshots/{snapshot_id}/compare",
    response={200: list[ComparisonOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("who may read the report it publishes (404 otherwise)"),
)
def compare_snapshot(request: AuthedRequest, snapshot_id: IdPath) -> Any:
    snapshot = _snapshot(request, snapshot_id)
    return [
        {
            "key": c.key,
            "name": c.name,
            "published": c.published,
            "now": c.now.as_dict() if c.now is not None else None,
            "difference": c.difference,
            "definition_changed": c.definition_changed,
        }
        for c in snapshots.snapshot_compare(snapshot)
    ]
