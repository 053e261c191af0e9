"""Building surveys (the staff side): the item bank, a programme's survey settings and
templates, applying a template to a cohort, a cohort's waves and their questions, sending
and closing a wave, and its live response rate.

A wave can be edited (its fields and its questions) until its invitations are sent. Every
write to a wave locks the wave's row and reads `launched_at` again under the lock, and
sending locks the same row first, so an edit racing the launch either lands before the
launch or is refused: never an edit of a launched wave.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amplify.core import disclosure
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.surveys import invitations, schedule
from amplify.surveys.models import (
    AUDIENCE_ROLES,
    Answer,
    Invitation,
    Item,
    ItemKind,
    Mode,
    SurveySettings,
    Template,
    TemplateQuestion,
    TemplateWave,
    Wave,
    WaveQuestion,
)

CHOICE_KINDS = (ItemKind.SINGLE, ItemKind.MULTIPLE)
CHOICE_VALUE_MAX_LENGTH = 60  # Answer.choice
CHOICE_LABEL_MAX_LENGTH = 200
MAX_CHOICES = 40
ITEM_FIELDS = ("key", "kind", "text", "help_text", "choices", "number_min", "number_max")
WAVE_FIELDS = ("title", "phase", "audience", "mode", "opens_at", "closes_at")
TEMPLATE_WAVE_FIELDS = (
    "title",
    "phase",
    "audience",
    "mode",
    "anchor",
    "opens_after_days",
    "open_days",
)

MODE_EXPLAINED = {
    Mode.ATTRIBUTED: gettext_lazy(
        "Attributed: each answer carries the respondent's name, and staff can see who answered."
    ),
    Mode.CONFIDENTIAL: gettext_lazy(
        "Confidential: a pseudonymous key links a person's answers across waves (before and "
        "after); no page, API or export joins answers to names, and staff see only how many "
        "answered."
    ),
    Mode.ANONYMOUS: gettext_lazy(
        "Anonymous: nothing links an answer to a person or to her other answers; staff see "
        "only how many answered."
    ),
}


def _by(obj: Any, user: Any) -> Any:
    obj._history_user = user if getattr(user, "is_authenticated", False) else None
    return obj


def _full_clean(obj: Model, *, exclude: Sequence[str] = ()) -> None:
    obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


# ---------- The item bank ----------


def choices_check(kind: str, choices: Any) -> list[dict[str, str]]:
    """The options of a choice item, checked: 2 or more, values unique and short; none for
    other kinds."""
    if kind not in CHOICE_KINDS:
        if choices:
            raise ValidationError(
                {"choices": _("Only a single or multiple choice item has options.")}
            )
        return []
    if not isinstance(choices, list) or not all(
        isinstance(c, dict) and isinstance(c.get("value"), str) for c in choices
    ):
        raise ValidationError({"choices": _("Each option needs a value and a label.")})
    cleaned = []
    seen = set()
    for c in choices:
        value = c["value"].strip()
        label = str(c.get("label") or "").strip() or value
        if not value:
            raise ValidationError({"choices": _("An option has no value.")})
        if len(value) > CHOICE_VALUE_MAX_LENGTH or len(label) > CHOICE_LABEL_MAX_LENGTH:
            raise ValidationError(
                {
                    "choices": _(
                        "An option's value may have at most %(value)s characters and its label "
                        "%(label)s."
                    )
                    % {"value": CHOICE_VALUE_MAX_LENGTH, "label": CHOICE_LABEL_MAX_LENGTH}
                }
            )
        if value in seen:
            raise ValidationError(
                {
                    "choices": _("The value “%(value)s” is used twice: values must be unique.")
                    % {"value": value}
                }
            )
        seen.add(value)
        cleaned.append({"value": value, "label": label})
    if len(cleaned) < 2:
        raise ValidationError({"choices": _("A choice item needs at least two options.")})
    if len(cleaned) > MAX_CHOICES:
        raise ValidationError(
            {"choices": _("A choice item has at most %(n)s options.") % {"n": MAX_CHOICES}}
        )
    return cleaned


def _item_check(item: Item) -> None:
    item.choices = choices_check(item.kind, item.choices)
    if item.kind != ItemKind.NUMBER:
        item.number_min = item.number_max = None
    elif (
        item.number_min is not None
        and item.number_max is not None
        and item.number_min >= item.number_max
    ):
        raise ValidationError({"number_max": _("The largest number must be above the smallest.")})
    _full_clean(item)
    clash = Item.objects.filter(key=item.key).exclude(pk=item.pk)
    if clash.exists():
        raise ValidationError({"key": _("Another item already has this key.")})


def item_answered(item: Item) -> bool:
    return Answer.objects.filter(item=item).exists()


@transaction.atomic
def item_create(
    *,
    by: Any,
    key: str,
    kind: str,
    text: str,
    help_text: str = "",
    choices: Any = None,
    number_min: int | None = None,
    number_max: int | None = None,
) -> Item:
    item = Item(
        key=key,
        kind=kind,
        text=text,
        help_text=help_text,
        choices=choices or [],
        number_min=number_min,
        number_max=number_max,
    )
    _item_check(item)
    try:
        with transaction.atomic():
            _by(item, by).save()
    except IntegrityError as exc:
        raise ValidationError({"key": _("Another item already has this key.")}) from exc
    return item


@transaction.atomic
def item_update(*, item: Item, by: Any, **values: Any) -> Item:
    """Change an item. Its key and its type are fixed once it has been answered: the same
    key must keep meaning the same question."""
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    item = Item.objects.select_for_update().get(pk=item.pk)
    answered = item_answered(item)
    if answered and "key" in values and values["key"] != item.key:
        raise ValidationError({"key": _("The key cannot change: this item has been answered.")})
    if answered and "kind" in values and values["kind"] != item.kind:
        raise ValidationError({"kind": _("The type cannot change: this item has been answered.")})
    for name, value in values.items():
        setattr(item, name, value if name != "choices" else (value or []))
    if "choices" not in values and item.kind not in CHOICE_KINDS:
        item.choices = []  # a choice item made a scale drops its options
    _item_check(item)
    try:
        with transaction.atomic():
            _by(item, by).save()
    except IntegrityError as exc:
        raise ValidationError({"key": _("Another item already has this key.")}) from exc
    return item


@transaction.atomic
def item_retire(*, item: Item, by: Any, retired: bool = True) -> Item:
    """Retire (or bring back) an item: kept for past answers, no longer offered for new
    questions. Waves and templates already asking it keep it."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    item.retired = retired
    _by(item, by).save(update_fields=["retired"])
    return item


# ---------- A programme's survey settings ----------


def _days_check(days: Any) -> list[int]:
    if not isinstance(days, list) or not all(
        isinstance(d, int) and not isinstance(d, bool) for d in days
    ):
        raise ValidationError({"reminder_days": _("Give whole numbers of days, e.g. 3, 7.")})
    if any(d < 1 or d > 365 for d in days):
        raise ValidationError({"reminder_days": _("Each reminder day must be between 1 and 365.")})
    return sorted(set(days))


@transaction.atomic
def survey_settings_save(
    *,
    programme: Programme,
    by: Any,
    reminder_days: list[int],
    remind_before_close: bool,
    max_reminders: int,
    follow_up_months: int,
) -> SurveySettings:
    found = SurveySettings.objects.select_for_update().filter(programme=programme).first()
    settings = found or SurveySettings(programme=programme)
    settings.reminder_days = _days_check(reminder_days)
    settings.remind_before_close = remind_before_close
    settings.max_reminders = max_reminders
    settings.follow_up_months = follow_up_months
    _full_clean(settings, exclude=["programme"])
    _by(settings, by).save()
    return settings


# ---------- Templates ----------


def _template_name_check(programme: Programme, name: str, *, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the template a name.")})
    clash = Template.objects.filter(programme=programme, name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"name": _("The programme already has a template with this name.")})
    return name


@transaction.atomic
def template_create(*, programme: Programme, by: Any, name: str) -> Template:
    template = Template(programme=programme, name=_template_name_check(programme, name))
    _full_clean(template, exclude=["programme"])
    try:
        with transaction.atomic():
            _by(template, by).save()
    except IntegrityError as exc:
        raise ValidationError(
            {"name": _("The programme already has a template with this name.")}
        ) from exc
    return template


@transaction.atomic
def template_rename(*, template: Template, by: Any, name: str) -> Template:
    template = Template.objects.select_for_update().get(pk=template.pk)
    template.name = _template_name_check(template.programme, name, exclude=template.pk)
    _full_clean(template, exclude=["programme"])
    try:
        with transaction.atomic():
            _by(template, by).save(update_fields=["name"])
    except IntegrityError as exc:
        raise ValidationError(
            {"name": _("The programme already has a template with this name.")}
        ) from exc
    return template


@transaction.atomic
def template_delete(*, template: Template, by: Any) -> None:
    """Delete a template and its waves. Waves already applied to cohorts stay (they only
    forget which template they came from)."""
    _by(template, by).delete()


def _audience_check(audience: Any, programme: Programme) -> list[str]:
    allowed = [r.value for r in programme.roles if r in AUDIENCE_ROLES]
    if not isinstance(audience, list) or not audience:
        raise ValidationError({"audience": _("Choose at least one role to ask.")})
    wrong = [r for r in audience if r not in allowed]
    if wrong:
        raise ValidationError(
            {
                "audience": _(
                    "This programme has no such role: %(roles)s. Choose among: %(allowed)s."
                )
                % {"roles": ", ".join(map(str, wrong)), "allowed": ", ".join(allowed)}
            }
        )
    return [r for r in allowed if r in audience]


@transaction.atomic
def template_wave_create(*, template: Template, by: Any, **values: Any) -> TemplateWave:
    unknown = set(values) - set(TEMPLATE_WAVE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be set: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    wave = TemplateWave(template=template, **values)
    wave.audience = _audience_check(wave.audience, template.programme)
    _full_clean(wave, exclude=["template"])
    wave.save()
    return wave


@transaction.atomic
def template_wave_update(*, wave: TemplateWave, by: Any, **values: Any) -> TemplateWave:
    unknown = set(values) - set(TEMPLATE_WAVE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    wave = (
        TemplateWave.objects.select_for_update()
        .select_related("template__programme")
        .get(pk=wave.pk)
    )
    for name, value in values.items():
        setattr(wave, name, value)
    wave.audience = _audience_check(wave.audience, wave.template.programme)
    _full_clean(wave, exclude=["template"])
    wave.save()
    return wave


@transaction.atomic
def template_wave_delete(*, wave: TemplateWave, by: Any) -> None:
    wave.delete()


# ---------- Questions (of a template wave or of a wave) ----------


def _question_model(wave: TemplateWave | Wave) -> Any:
    """TemplateQuestion or WaveQuestion: the two have the same fields."""
    return TemplateQuestion if isinstance(wave, TemplateWave) else WaveQuestion


def _locked(wave: TemplateWave | Wave) -> TemplateWave | Wave:
    """The wave's row, locked; a (cohort) wave must not have been sent meanwhile."""
    if isinstance(wave, TemplateWave):
        return TemplateWave.objects.select_for_update().get(pk=wave.pk)
    locked = Wave.objects.select_for_update().get(pk=wave.pk)
    if locked.launched_at is not None:
        raise ValidationError(
            _("The invitations of this wave have been sent: it can no longer be changed.")
        )
    return locked


@transaction.atomic
def question_add(*, wave: TemplateWave | Wave, item: Item, by: Any, required: bool = True) -> Any:
    """Ask one more item of the bank, at the end."""
    wave = _locked(wave)
    if item.retired:
        raise ValidationError({"item": _("This item is retired: it is no longer offered.")})
    model = _question_model(wave)
    questions = model.objects.filter(wave_id=wave.pk)
    if questions.filter(item=item).exists():
        raise ValidationError({"item": _("This wave already asks this item.")})
    last = max((q.position for q in questions), default=-1)
    question = model(wave_id=wave.pk, item=item, position=last + 1, required=required)
    question.save()
    return question


@transaction.atomic
def question_remove(*, wave: TemplateWave | Wave, item: Item, by: Any) -> None:
    wave = _locked(wave)
    deleted, _rows = _question_model(wave).objects.filter(wave_id=wave.pk, item=item).delete()
    if not deleted:
        raise ValidationError({"item": _("This wave does not ask this item.")})


@transaction.atomic
def question_set_required(
    *, wave: TemplateWave | Wave, item: Item, by: Any, required: bool
) -> None:
    wave = _locked(wave)
    changed = (
        _question_model(wave).objects.filter(wave_id=wave.pk, item=item).update(required=required)
    )
    if not changed:
        raise ValidationError({"item": _("This wave does not ask this item.")})


@transaction.atomic
def questions_reorder(*, wave: TemplateWave | Wave, item_ids: Sequence[int], by: Any) -> None:
    """Put the wave's questions in this order of item ids (every one, once)."""
    wave = _locked(wave)
    model = _question_model(wave)
    questions = {q.item_id: q for q in model.objects.filter(wave_id=wave.pk)}
    if sorted(item_ids) != sorted(questions) or len(set(item_ids)) != len(item_ids):
        raise ValidationError(
            {"item_ids": _("Give every question of the wave once, in the new order.")}
        )
    for position, item_id in enumerate(item_ids):
        question = questions[item_id]
        if question.position != position:
            question.position = position
            question.save(update_fields=["position"])


def question_move(*, wave: TemplateWave | Wave, item: Item, by: Any, up: bool) -> None:
    """One place up or down (a button on the page)."""
    order = list(
        _question_model(wave).objects.filter(wave_id=wave.pk).values_list("item_id", flat=True)
    )
    if item.pk not in order:
        raise ValidationError({"item": _("This wave does not ask this item.")})
    i = order.index(item.pk)
    j = i - 1 if up else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
        questions_reorder(wave=wave, item_ids=order, by=by)


# ---------- Applying a template ----------


@transaction.atomic
def template_apply(*, template: Template, cohort: Cohort, by: Any) -> list[Wave]:
    """Give the cohort a wave (with its questions) for each of the template's waves, dated
    from the cohort's dates (amplify.surveys.schedule). A template wave already applied to
    this cohort is skipped, so applying twice adds nothing; the waves made."""
    if template.programme_id != cohort.programme_id:
        raise ValidationError(_("This template belongs to another programme."))
    # Two managers applying at once queue here, so the "already applied" check holds.
    Cohort.objects.select_for_update(no_key=True, of=("self",)).get(pk=cohort.pk)
    settings = schedule.settings_for(cohort.programme)
    done = set(
        Wave.objects.filter(cohort=cohort, template_wave__template=template).values_list(
            "template_wave_id", flat=True
        )
    )
    made = []
    for tw in template.waves.prefetch_related("questions"):
        if tw.pk in done:
            continue
        opens_at, closes_at = schedule.wave_dates(tw, cohort, settings)
        wave = Wave(
            cohort=cohort,
            template_wave=tw,
            title=tw.title,
            phase=tw.phase,
            audience=[r for r in tw.audience if r in {x.value for x in cohort.programme.roles}],
            mode=tw.mode,
            opens_at=opens_at,
            closes_at=closes_at,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        _by(wave, by).save()
        WaveQuestion.objects.bulk_create(
            WaveQuestion(wave=wave, item_id=q.item_id, position=q.position, required=q.required)
            for q in tw.questions.all()
        )
        made.append(wave)
    return made


# ---------- A cohort's waves ----------


def _wave_check(wave: Wave) -> None:
    wave.audience = _audience_check(wave.audience, wave.cohort.programme)
    if wave.opens_at and wave.closes_at and wave.closes_at <= wave.opens_at:
        raise ValidationError({"closes_at": _("The wave must close after it opens.")})
    _full_clean(wave, exclude=["cohort", "template_wave", "created_by"])


@transaction.atomic
def wave_create(
    *,
    cohort: Cohort,
    by: Any,
    title: str,
    phase: str,
    audience: list[str],
    mode: str,
    opens_at: datetime,
    closes_at: datetime,
) -> Wave:
    wave = Wave(
        cohort=cohort,
        title=title,
        phase=phase,
        audience=audience,
        mode=mode,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _wave_check(wave)
    _by(wave, by).save()
    return wave


@transaction.atomic
def wave_update(*, wave: Wave, by: Any, **values: Any) -> Wave:
    """Change a wave that has not been sent. Locked, and `launched_at` read again under the
    lock: a launch that got there first wins and this edit is refused."""
    unknown = set(values) - set(WAVE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    locked = Wave.objects.select_for_update().get(pk=wave.pk)
    if locked.launched_at is not None:
        if "mode" in values and values["mode"] != locked.mode:
            raise ValidationError(
                {"mode": _("The response mode cannot change once the invitations are sent.")}
            )
        raise ValidationError(
            _("The invitations of this wave have been sent: it can no longer be changed.")
        )
    locked.cohort = wave.cohort
    for name, value in values.items():
        setattr(locked, name, value)
    _wave_check(locked)
    _by(locked, by).save()
    return locked


@transaction.atomic
def wave_delete(*, wave: Wave, by: Any) -> None:
    """Delete a wave that was never sent (nothing was asked of anyone yet)."""
    locked = Wave.objects.select_for_update().get(pk=wave.pk)
    if locked.launched_at is not None:
        raise ValidationError(_("A wave whose invitations were sent cannot be deleted."))
    _by(locked, by).delete()


@transaction.atomic
def wave_send(*, wave: Wave, by: Any) -> int:
    """Send the wave's invitations (amplify.surveys.invitations.wave_launch) once its checks
    pass; the number invited. The wave's row is locked first, so no edit of it runs while
    it is being launched."""
    locked = Wave.objects.select_for_update().get(pk=wave.pk)
    if locked.launched_at is not None:
        raise ValidationError(_("The invitations of this wave have already been sent."))
    if not WaveQuestion.objects.filter(wave=locked).exists():
        raise ValidationError(_("Add at least one question before sending the invitations."))
    if locked.closes_at <= timezone.now():
        raise ValidationError(_("This wave's closing date has passed: change its dates first."))
    locked.cohort = wave.cohort
    return invitations.wave_launch(wave=locked, by=by)


@transaction.atomic
def wave_close(*, wave: Wave, by: Any) -> Wave:
    """Close an open wave now: no more answers are taken, and no more reminders go."""
    locked = Wave.objects.select_for_update().get(pk=wave.pk)
    now = timezone.now()
    if locked.launched_at is None:
        raise ValidationError(_("This wave has not been sent: there is nothing to close."))
    if locked.closes_at <= now:
        raise ValidationError(_("This wave is already closed."))
    if locked.opens_at >= now:
        raise ValidationError(_("This wave has not opened yet: change its dates instead."))
    locked.closes_at = now
    _by(locked, by).save(update_fields=["closes_at"])
    return locked


# ---------- Status and response rates ----------


class WaveStatus:
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


STATUS_LABELS = {
    WaveStatus.DRAFT: gettext_lazy("Draft"),
    WaveStatus.SCHEDULED: gettext_lazy("Scheduled"),
    WaveStatus.OPEN: gettext_lazy("Open"),
    WaveStatus.CLOSED: gettext_lazy("Closed"),
}


def wave_status(wave: Wave, *, now: datetime | None = None) -> str:
    """Draft until sent; then scheduled before it opens, open, and closed after it closes."""
    now = now or timezone.now()
    if wave.launched_at is None:
        return WaveStatus.DRAFT
    if now < wave.opens_at:
        return WaveStatus.SCHEDULED
    if now < wave.closes_at:
        return WaveStatus.OPEN
    return WaveStatus.CLOSED


@dataclass
class RoleRate:
    role: str
    label: str
    invited: disclosure.Cell
    answered: disclosure.Cell
    percent: int | None  # None when the share may not be shown

    def as_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "invited": self.invited.value,
            "answered": self.answered.value,
            "percent": self.percent,
        }


@dataclass
class WaveRate:
    wave: Wave
    status: str
    total: RoleRate
    roles: list[RoleRate] = field(default_factory=list)
    # Attributed waves only: the names of those who answered.
    answered_by: list[str] | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def mode_text(self) -> str:
        return str(MODE_EXPLAINED[Mode(self.wave.mode)])


def _rate(role: str, label: str, invited: int, answered: int, cells: tuple[Any, Any]) -> RoleRate:
    # No share where a count is hidden: the share and the other count would give it away.
    shown = not (cells[0].hidden or cells[1].hidden) and disclosure.share_shown(answered, invited)
    percent = round(100 * answered / invited) if shown else None
    return RoleRate(role, label, cells[0], cells[1], percent)


def response_rates(waves: Iterable[Wave], *, with_names: bool = False) -> list[WaveRate]:
    """Each wave's live response rate, in total and per role, from the invitations (one
    query for all the waves): counts only, each through small-group suppression. Names of
    those who answered only for attributed waves, and only when asked."""
    waves = list(waves)
    counts: dict[tuple[int, str], tuple[int, int]] = {}
    rows = (
        Invitation.objects.filter(wave__in=[w.pk for w in waves])
        .values("wave_id", "role")
        .annotate(n=Count("id"), answered=Count("id", filter=Q(responded_on__isnull=False)))
        .order_by()
    )
    for row in rows:
        counts[(row["wave_id"], row["role"])] = (row["n"], row["answered"])
    names: dict[int, list[str]] = {}
    attributed = [w.pk for w in waves if w.mode == Mode.ATTRIBUTED]
    if with_names and attributed:
        answered = (
            Invitation.objects.filter(wave__in=attributed, responded_on__isnull=False)
            .select_related("person")
            .order_by("person__name")
        )
        for invitation in answered:
            names.setdefault(invitation.wave_id, []).append(invitation.person.display_name)
    labels = dict(Enrolment.Role.choices)
    now = timezone.now()
    result = []
    for wave in waves:
        per_role = {r: counts.get((wave.pk, r), (0, 0)) for r in wave.audience}
        invited_cells = disclosure.protect({r: v[0] for r, v in per_role.items()})
        answered_cells = disclosure.protect({r: v[1] for r, v in per_role.items()})
        roles = [
            _rate(r, str(labels.get(r, r)), v[0], v[1], (invited_cells[r], answered_cells[r]))
            for r, v in per_role.items()
        ]
        invited = sum(v[0] for v in per_role.values())
        answered_n = sum(v[1] for v in per_role.values())
        total = _rate(
            "",
            _("All"),
            invited,
            answered_n,
            (disclosure.count(invited), disclosure.count(answered_n)),
        )
        result.append(
            WaveRate(
                wave=wave,
                status=wave_status(wave, now=now),
                total=total,
                roles=roles,
                answered_by=names.get(wave.pk, [])
                if with_names and wave.mode == Mode.ATTRIBUTED
                else None,
            )
        )
    return result
