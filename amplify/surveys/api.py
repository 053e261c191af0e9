"""Surveys API, the staff side: the item bank, a programme's survey settings and templates
(their waves and questions), applying a template to a cohort, a cohort's waves and their
questions, sending and closing a wave, and live response rates. The endpoints call the
services the pages call; a rule broken is a 422 naming the field."""

from datetime import datetime
from typing import Annotated, Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import (
    ERROR_CODES,
    MAX_ID,
    ErrorOut,
    IdPath,
    Moment,
    SlugPath,
    Text,
    access,
)
from amplify.programmes.models import Cohort, Programme
from amplify.surveys import schedule, services
from amplify.surveys.models import (
    Anchor,
    Item,
    ItemKind,
    Mode,
    Phase,
    Template,
    TemplateWave,
    Wave,
)

router = Router(tags=["Surveys"])
BANK = "programme managers, impact admins and administrators"
PROGRAMME_READ = "the programme's managers, impact admins and administrators (404 for others)"
PROGRAMME_WRITE = (
    "the programme's managers and administrators (403 for impact admins; 404 for others)"
)
COHORT_READ = "the cohort's managers, impact admins and administrators (404 for others)"
COHORT_WRITE = "the cohort's managers and administrators (403 for impact admins; 404 for others)"
Role = Annotated[str, Field(max_length=24)]
NUMBER_LIMIT = 1_000_000_000


class ChoiceIn(Schema):
    value: Text = Field(..., min_length=1, max_length=services.CHOICE_VALUE_MAX_LENGTH)
    label: Text = Field("", max_length=services.CHOICE_LABEL_MAX_LENGTH)


class ItemIn(Schema):
    key: str = Field(..., min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")
    kind: ItemKind
    text: Text = Field(..., min_length=1, max_length=300)
    help_text: Text = Field("", max_length=300)
    choices: list[ChoiceIn] = Field([], max_length=services.MAX_CHOICES + 1)
    number_min: int | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
    number_max: int | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)


class ItemPatch(Schema):
    key: str | None = Field(None, min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")
    kind: ItemKind | None = None
    text: Text | None = Field(None, min_length=1, max_length=300)
    help_text: Text | None = Field(None, max_length=300)
    choices: list[ChoiceIn] | None = Field(None, max_length=services.MAX_CHOICES + 1)
    number_min: int | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)
    number_max: int | None = Field(None, ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)


class ItemOut(Schema):
    id: int
    key: str
    kind: str
    text: str
    help_text: str
    choices: list[dict[str, str]]
    number_min: int | None
    number_max: int | None
    retired: bool


class ItemFilter(Schema):
    kind: ItemKind | None = None
    q: Text = Field("", max_length=100)
    retired: bool = Field(False, description="include retired items")


class RetireIn(Schema):
    retired: bool = True


class SurveySettingsIn(Schema):
    reminder_days: list[int] = Field(..., max_length=10)
    remind_before_close: bool = True
    max_reminders: int = Field(3, ge=0, le=3)
    follow_up_months: int = Field(6, ge=1, le=36)


class SurveySettingsOut(Schema):
    reminder_days: list[int]
    remind_before_close: bool
    max_reminders: int
    follow_up_months: int


class TemplateIn(Schema):
    name: Text = Field(..., min_length=1, max_length=160)


class QuestionOut(Schema):
    item_id: int
    item_key: str
    position: int
    required: bool

    @staticmethod
    def resolve_item_key(obj: Any) -> str:
        return obj.item.key


class TemplateWaveIn(Schema):
    title: Text = Field(..., min_length=1, max_length=160)
    phase: Phase
    audience: list[Role] = Field(..., min_length=1, max_length=5)
    mode: Mode
    anchor: Anchor
    opens_after_days: int = Field(0, ge=-365, le=3650)
    open_days: int = Field(14, ge=1, le=365)


class TemplateWavePatch(Schema):
    title: Text | None = Field(None, min_length=1, max_length=160)
    phase: Phase | None = None
    audience: list[Role] | None = Field(None, min_length=1, max_length=5)
    mode: Mode | None = None
    anchor: Anchor | None = None
    opens_after_days: int | None = Field(None, ge=-365, le=3650)
    open_days: int | None = Field(None, ge=1, le=365)


class TemplateWaveOut(Schema):
    id: int
    title: str
    phase: str
    audience: list[str]
    mode: str
    anchor: str
    opens_after_days: int
    open_days: int
    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(obj: TemplateWave) -> list[Any]:
        return list(obj.questions.all())


class TemplateOut(Schema):
    id: int
    programme_id: int
    name: str
    waves: list[TemplateWaveOut]

    @staticmethod
    def resolve_waves(obj: Template) -> list[Any]:
        return list(obj.waves.prefetch_related("questions__item"))


class QuestionIn(Schema):
    item_id: int = Field(..., ge=1, le=MAX_ID)
    required: bool = True


class QuestionPatch(Schema):
    required: bool


class OrderIn(Schema):
    item_ids: list[int] = Field(..., max_length=500)


class ApplyIn(Schema):
    cohort_id: int = Field(..., ge=1, le=MAX_ID)


class WaveIn(Schema):
    title: Text = Field(..., min_length=1, max_length=160)
    phase: Phase
    audience: list[Role] = Field(..., min_length=1, max_length=5)
    mode: Mode
    opens_at: Moment
    closes_at: Moment


class WavePatch(Schema):
    title: Text | None = Field(None, min_length=1, max_length=160)
    phase: Phase | None = None
    audience: list[Role] | None = Field(None, min_length=1, max_length=5)
    mode: Mode | None = None
    opens_at: Moment | None = None
    closes_at: Moment | None = None


class WaveOut(Schema):
    id: int
    cohort_id: int
    template_wave_id: int | None
    title: str
    phase: str
    audience: list[str]
    mode: str
    opens_at: datetime
    closes_at: datetime
    launched_at: datetime | None
    status: str
    questions: list[QuestionOut]

    @staticmethod
    def resolve_status(obj: Wave) -> str:
        return services.wave_status(obj)

    @staticmethod
    def resolve_questions(obj: Wave) -> list[Any]:
        return list(obj.questions.all())


class RoleRateOut(Schema):
    role: str
    invited: int | None = Field(..., description="null: fewer than 5, not shown")
    answered: int | None = Field(..., description="null: fewer than 5, not shown")
    percent: int | None = Field(..., description="null when the share may not be shown")


class RateOut(Schema):
    wave_id: int
    status: str
    mode: str
    total: RoleRateOut
    roles: list[RoleRateOut]
    answered_by: list[str] | None = Field(
        ..., description="attributed waves only: the names of those who answered"
    )


class LaunchOut(Schema):
    invited: int


# ---------- Helpers ----------


def _programme(request: AuthedRequest, slug: str, perm: str) -> Programme:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "surveys.view_programme_surveys", programme)
    require(request.user, perm, programme)
    return programme


def _template(request: AuthedRequest, pk: int, write: bool = False) -> Template:
    template = get_object_or_404(
        Template.objects.select_related("programme").filter(
            programme__in=Programme.objects.for_user(request.user)
        ),
        pk=pk,
    )
    require(request.user, "surveys.view_programme_surveys", template.programme)
    if write:
        require(request.user, "surveys.manage_template", template)
    return template


def _template_wave(request: AuthedRequest, pk: int) -> TemplateWave:
    wave = get_object_or_404(
        TemplateWave.objects.select_related("template__programme").filter(
            template__programme__in=Programme.objects.for_user(request.user)
        ),
        pk=pk,
    )
    require(request.user, "surveys.view_programme_surveys", wave.template.programme)
    require(request.user, "surveys.manage_template", wave.template)
    return wave


def _cohort(request: AuthedRequest, pk: int, write: bool = False) -> Cohort:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=pk
    )
    require(request.user, "surveys.view_cohort_surveys", cohort)
    if write:
        require(request.user, "surveys.manage_cohort_surveys", cohort)
    return cohort


def _wave(request: AuthedRequest, pk: int, write: bool = False) -> Wave:
    wave = get_object_or_404(
        Wave.objects.for_user(request.user).select_related("cohort__programme"), pk=pk
    )
    require(request.user, "surveys.view_cohort_surveys", wave.cohort)
    if write:
        require(request.user, "surveys.manage_cohort_surveys", wave.cohort)
    return wave


def _item(pk: int) -> Item:
    return get_object_or_404(Item, pk=pk)


def _fresh_wave(wave: Wave) -> Wave:
    return Wave.objects.prefetch_related("questions__item").get(pk=wave.pk)


def _rate_out(rate: services.WaveRate) -> dict[str, Any]:
    return {
        "wave_id": rate.wave.pk,
        "status": rate.status,
        "mode": rate.wave.mode,
        "total": rate.total.as_dict(),
        "roles": [r.as_dict() for r in rate.roles],
        "answered_by": rate.answered_by,
    }


# ---------- The item bank ----------


@router.get(
    "/items",
    response={200: list[ItemOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(BANK),
)
def list_items(request: AuthedRequest, filters: Query[ItemFilter]) -> Any:
    require(request.user, "surveys.view_items")
    items = Item.objects.all()
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.q:
        items = items.filter(Q(key__icontains=filters.q) | Q(text__icontains=filters.q))
    if not filters.retired:
        items = items.filter(retired=False)
    return list(items[:1000])


@router.post(
    "/items",
    response={201: ItemOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(BANK),
)
def create_item(request: AuthedRequest, payload: ItemIn) -> Any:
    require(request.user, "surveys.edit_items")
    values = payload.dict()
    item = services.item_create(by=request.user, **values)
    return Status(201, item)


@router.get(
    "/items/{item_id}",
    response={200: ItemOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(BANK),
)
def get_item(request: AuthedRequest, item_id: IdPath) -> Any:
    require(request.user, "surveys.view_items")
    return _item(item_id)


@router.patch(
    "/items/{item_id}",
    response={200: ItemOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(BANK + "; key and type fixed once the item has been answered"),
)
def update_item(request: AuthedRequest, item_id: IdPath, payload: ItemPatch) -> Any:
    require(request.user, "surveys.edit_items")
    values = payload.dict(exclude_unset=True)
    return services.item_update(item=_item(item_id), by=request.user, **values)


@router.post(
    "/items/{item_id}/retire",
    response={200: ItemOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(BANK + "; retired: false offers the item again"),
)
def retire_item(request: AuthedRequest, item_id: IdPath, payload: RetireIn) -> Any:
    require(request.user, "surveys.edit_items")
    return services.item_retire(item=_item(item_id), by=request.user, retired=payload.retired)


# ---------- A programme's settings and templates ----------


@router.get(
    "/programmes/{slug}/settings",
    response={200: SurveySettingsOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_READ + "; the defaults when none were saved"),
)
def get_settings(request: AuthedRequest, slug: SlugPath) -> Any:
    return schedule.settings_for(_programme(request, slug, "surveys.view_programme_surveys"))


@router.put(
    "/programmes/{slug}/settings",
    response={200: SurveySettingsOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE),
)
def put_settings(request: AuthedRequest, slug: SlugPath, payload: SurveySettingsIn) -> Any:
    programme = _programme(request, slug, "surveys.manage_programme_surveys")
    return services.survey_settings_save(programme=programme, by=request.user, **payload.dict())


@router.get(
    "/programmes/{slug}/templates",
    response={200: list[TemplateOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_READ),
)
def list_templates(request: AuthedRequest, slug: SlugPath) -> Any:
    programme = _programme(request, slug, "surveys.view_programme_surveys")
    return list(Template.objects.filter(programme=programme))


@router.post(
    "/programmes/{slug}/templates",
    response={201: TemplateOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE),
)
def create_template(request: AuthedRequest, slug: SlugPath, payload: TemplateIn) -> Any:
    programme = _programme(request, slug, "surveys.manage_programme_surveys")
    template = services.template_create(programme=programme, by=request.user, name=payload.name)
    return Status(201, template)


@router.get(
    "/templates/{template_id}",
    response={200: TemplateOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_READ),
)
def get_template(request: AuthedRequest, template_id: IdPath) -> Any:
    return _template(request, template_id)


@router.patch(
    "/templates/{template_id}",
    response={200: TemplateOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE + "; renames the template"),
)
def rename_template(request: AuthedRequest, template_id: IdPath, payload: TemplateIn) -> Any:
    template = _template(request, template_id, write=True)
    return services.template_rename(template=template, by=request.user, name=payload.name)


@router.delete(
    "/templates/{template_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE + "; waves already applied to cohorts stay"),
)
def delete_template(request: AuthedRequest, template_id: IdPath) -> Any:
    services.template_delete(template=_template(request, template_id, write=True), by=request.user)
    return Status(204, None)


@router.post(
    "/templates/{template_id}/waves",
    response={201: TemplateWaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE + "; audience among the programme's roles"),
)
def create_template_wave(
    request: AuthedRequest, template_id: IdPath, payload: TemplateWaveIn
) -> Any:
    template = _template(request, template_id, write=True)
    wave = services.template_wave_create(template=template, by=request.user, **payload.dict())
    return Status(201, wave)


@router.patch(
    "/template-waves/{wave_id}",
    response={200: TemplateWaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE),
)
def update_template_wave(
    request: AuthedRequest, wave_id: IdPath, payload: TemplateWavePatch
) -> Any:
    wave = _template_wave(request, wave_id)
    values = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return services.template_wave_update(wave=wave, by=request.user, **values)


@router.delete(
    "/template-waves/{wave_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE),
)
def delete_template_wave(request: AuthedRequest, wave_id: IdPath) -> Any:
    services.template_wave_delete(wave=_template_wave(request, wave_id), by=request.user)
    return Status(204, None)


@router.post(
    "/template-waves/{wave_id}/questions",
    response={201: TemplateWaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE + "; an item of the bank not retired, at the end"),
)
def add_template_question(request: AuthedRequest, wave_id: IdPath, payload: QuestionIn) -> Any:
    wave = _template_wave(request, wave_id)
    services.question_add(
        wave=wave, item=_item(payload.item_id), by=request.user, required=payload.required
    )
    return Status(201, wave)


@router.put(
    "/template-waves/{wave_id}/questions",
    response={200: TemplateWaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE + "; every question's item id once, in the new order"),
)
def order_template_questions(request: AuthedRequest, wave_id: IdPath, payload: OrderIn) -> Any:
    wave = _template_wave(request, wave_id)
    services.questions_reorder(wave=wave, item_ids=payload.item_ids, by=request.user)
    return wave


@router.patch(
    "/template-waves/{wave_id}/questions/{item_id}",
    response={200: TemplateWaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE),
)
def change_template_question(
    request: AuthedRequest, wave_id: IdPath, item_id: IdPath, payload: QuestionPatch
) -> Any:
    wave = _template_wave(request, wave_id)
    services.question_set_required(
        wave=wave, item=_item(item_id), by=request.user, required=payload.required
    )
    return wave


@router.delete(
    "/template-waves/{wave_id}/questions/{item_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(PROGRAMME_WRITE),
)
def remove_template_question(request: AuthedRequest, wave_id: IdPath, item_id: IdPath) -> Any:
    services.question_remove(
        wave=_template_wave(request, wave_id), item=_item(item_id), by=request.user
    )
    return Status(204, None)


@router.post(
    "/templates/{template_id}/apply",
    response={200: list[WaveOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the template's programme managers who manage the cohort, and administrators; the"
        " waves made (already applied ones are skipped)"
    ),
)
def apply_template(request: AuthedRequest, template_id: IdPath, payload: ApplyIn) -> Any:
    template = _template(request, template_id, write=True)
    cohort = _cohort(request, payload.cohort_id, write=True)
    made = services.template_apply(template=template, cohort=cohort, by=request.user)
    return [_fresh_wave(w) for w in made]


# ---------- A cohort's waves ----------


@router.get(
    "/cohorts/{cohort_id}/waves",
    response={200: list[WaveOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_READ),
)
def list_waves(request: AuthedRequest, cohort_id: IdPath) -> Any:
    cohort = _cohort(request, cohort_id)
    return list(Wave.objects.filter(cohort=cohort).prefetch_related("questions__item"))


@router.post(
    "/cohorts/{cohort_id}/waves",
    response={201: WaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_WRITE + "; a draft until its invitations are sent"),
)
def create_wave(request: AuthedRequest, cohort_id: IdPath, payload: WaveIn) -> Any:
    cohort = _cohort(request, cohort_id, write=True)
    wave = services.wave_create(cohort=cohort, by=request.user, **payload.dict())
    return Status(201, _fresh_wave(wave))


@router.get(
    "/cohorts/{cohort_id}/response-rates",
    response={200: list[RateOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_READ + "; counts only, fewer than 5 shown as null"),
)
def cohort_rates(request: AuthedRequest, cohort_id: IdPath) -> Any:
    cohort = _cohort(request, cohort_id)
    return [_rate_out(r) for r in services.response_rates(Wave.objects.filter(cohort=cohort))]


@router.get(
    "/waves/{wave_id}",
    response={200: WaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_READ),
)
def get_wave(request: AuthedRequest, wave_id: IdPath) -> Any:
    return _fresh_wave(_wave(request, wave_id))


@router.patch(
    "/waves/{wave_id}",
    response={200: WaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_WRITE + "; only until the invitations are sent (422 after)"),
)
def update_wave(request: AuthedRequest, wave_id: IdPath, payload: WavePatch) -> Any:
    wave = _wave(request, wave_id, write=True)
    values = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return _fresh_wave(services.wave_update(wave=wave, by=request.user, **values))


@router.delete(
    "/waves/{wave_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_WRITE + "; only a wave never sent"),
)
def delete_wave(request: AuthedRequest, wave_id: IdPath) -> Any:
    services.wave_delete(wave=_wave(request, wave_id, write=True), by=request.user)
    return Status(204, None)


@router.post(
    "/waves/{wave_id}/questions",
    response={201: WaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_WRITE + "; until the invitations are sent"),
)
def add_wave_question(request: AuthedRequest, wave_id: IdPath, payload: QuestionIn) -> Any:
    wave = _wave(request, wave_id, write=True)
    services.question_add(
        wave=wave, item=_item(payload.item_id), by=request.user, required=payload.required
    )
    return Status(201, _fresh_wave(wave))


@router.put(
    "/waves/{wave_id}/questions",
    response={200: WaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_WRITE + "; every question's item id once, in the new order"),
)
def order_wave_questions(request: AuthedRequest, wave_id: IdPath, payload: OrderIn) -> Any:
    wave = _wave(request, wave_id, write=True)
    services.questions_reorder(wave=wave, item_ids=payload.item_ids, by=request.user)
    return _fresh_wave(wave)


@router.patch(
    "/waves/{wave_id}/questions/{item_id}",
    response={200: WaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_WRITE + "; until the invitations are sent"),
)
def change_wave_question(
    request: AuthedRequest, wave_id: IdPath, item_id: IdPath, payload: QuestionPatch
) -> Any:
    wave = _wave(request, wave_id, write=True)
    services.question_set_required(
        wave=wave, item=_item(item_id), by=request.user, required=payload.required
    )
    return _fresh_wave(wave)


@router.delete(
    "/waves/{wave_id}/questions/{item_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_WRITE + "; until the invitations are sent"),
)
def remove_wave_question(request: AuthedRequest, wave_id: IdPath, item_id: IdPath) -> Any:
    services.question_remove(
        wave=_wave(request, wave_id, write=True), item=_item(item_id), by=request.user
    )
    return Status(204, None)


@router.post(
    "/waves/{wave_id}/launch",
    response={200: LaunchOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_WRITE + "; sends the invitations once (422 if already sent)"),
)
def launch_wave(request: AuthedRequest, wave_id: IdPath) -> Any:
    wave = _wave(request, wave_id, write=True)
    return {"invited": services.wave_send(wave=wave, by=request.user)}


@router.post(
    "/waves/{wave_id}/close",
    response={200: WaveOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_WRITE + "; an open wave, now"),
)
def close_wave(request: AuthedRequest, wave_id: IdPath) -> Any:
    wave = _wave(request, wave_id, write=True)
    return _fresh_wave(services.wave_close(wave=wave, by=request.user))


@router.get(
    "/waves/{wave_id}/response-rate",
    response={200: RateOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        COHORT_READ + "; counts only, fewer than 5 as null; names only in attributed mode"
    ),
)
def wave_rate(request: AuthedRequest, wave_id: IdPath) -> Any:
    wave = _wave(request, wave_id)
    return _rate_out(services.response_rates([wave], with_names=True)[0])
