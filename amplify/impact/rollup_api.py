"""The organisation roll-up as JSON: the page's tables with the same suppression (a hidden
count is null with its reason), the same filters, and a 422 naming why a filter is refused."""

from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, MAX_ID, ErrorOut, access
from amplify.impact import rollup
from amplify.impact.rollup_forms import RollupFilterForm

router = Router(tags=["Impact"])


class RollupFilters(Schema):
    programme: int | None = Field(None, ge=1, le=MAX_ID)
    cohort: int | None = Field(None, ge=1, le=MAX_ID)
    pillar: str | None = Field(None, max_length=16, description="a MILES pillar's code")
    country: str | None = Field(None, max_length=2, description="ISO 3166-1 code")
    division: int | None = Field(None, ge=1, le=MAX_ID)
    year: int | None = Field(None, ge=1990, le=2100, description="cohorts starting that year")


class RollupTableOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = Field(
        ...,
        description='a label as text; a count as {"value": n or null, "reason": "" | "small" |'
        ' "complementary" | "differencing"}; a figure as its fields (value null when hidden)',
    )
    definitions: list[dict[str, str]]
    note: str


class RollupOut(Schema):
    level: str = Field(..., description="organisation, programme or cohort")
    filters: dict[str, str]
    tables: list[RollupTableOut]


@router.get(
    "/organisation",
    response={200: RollupOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "impact admins and administrators (every programme); programme managers (their own"
        " programmes' rows); 403 for anyone else; 422 for a filter describing a small group"
    ),
)
def organisation(request: AuthedRequest, filters: Query[RollupFilters]) -> Any:
    require(request.user, "impact.view_organisation")
    data = {k: v for k, v in filters.model_dump().items() if v is not None}
    form = RollupFilterForm(data, user=request.user)
    if not form.is_valid():
        raise ValidationError(form.error_text())
    try:
        return rollup.organisation_payload(user=request.user, filters=form.filters())
    except rollup.Refused as refusal:
        raise ValidationError(refusal.message) from refusal
