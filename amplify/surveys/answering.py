"""Answering a survey: saving a draft and submitting it.

A draft is checked answer by answer (a number must be a number) but may leave anything
out; a submission must answer every required question. The submission is one locked
transaction: the wave must be open and her invitation not answered yet, so a link used
twice, or two submits at the same moment, give exactly one response. The response carries
her name only in an attributed wave, her pseudonymous code only in a confidential one, and
neither in an anonymous one; it is dated by the day, never the time.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amplify.home.control_characters import describe_control_character
from amplify.surveys import links
from amplify.surveys.models import (
    AGREEMENT_POINTS,
    RECOMMENDATION_MAX,
    TEXT_MAX_LENGTH,
    Answer,
    Invitation,
    Item,
    ItemKind,
    Mode,
    Response,
    Wave,
    WaveQuestion,
)

AGREEMENT_LABELS = {
    1: gettext_lazy("Strongly disagree"),
    2: gettext_lazy("Disagree"),
    3: gettext_lazy("Neither agree nor disagree"),
    4: gettext_lazy("Agree"),
    5: gettext_lazy("Strongly agree"),
}

MODE_EXPLAINED = {
    Mode.ATTRIBUTED: gettext_lazy(
        "Your name is kept with your answers; the programme team can see what you answered."
    ),
    Mode.CONFIDENTIAL: gettext_lazy(
        "Your answers are kept under a code, not your name; the team sees only totals of 5 or "
        "more people; your answers before and after the programme are linked by the code so "
        "change can be measured."
    ),
    Mode.ANONYMOUS: gettext_lazy("Nothing links your answers to you."),
}


def mode_explained(mode: str) -> str:
    return str(MODE_EXPLAINED[Mode(mode)])


def questions_of(wave: Wave) -> list[WaveQuestion]:
    return list(
        WaveQuestion.objects.filter(wave=wave).select_related("item").order_by("position", "pk")
    )


def _day(moment: Any) -> str:
    return formats.date_format(timezone.localtime(moment).date(), "DATE_FORMAT")


def wave_state_error(wave: Wave, invitation: Invitation | None = None) -> str | None:
    """Why she cannot answer now, in plain words, or None."""
    now = timezone.now()
    if invitation is not None and invitation.responded_on is not None:
        return _("You have already answered this survey, thank you.")
    if now >= wave.closes_at:
        return _("This survey closed on %(day)s.") % {"day": _day(wave.closes_at)}
    if wave.launched_at is None or now < wave.opens_at:
        return _("This survey opens on %(day)s.") % {"day": _day(wave.opens_at)}
    return None


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "") or raw == []


def _whole(raw: Any, low: int, high: int) -> int:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, str):
        raw = raw.strip()
    value = float(raw) if not isinstance(raw, int) else raw
    if not (isinstance(value, int) or value.is_integer()) or not low <= value <= high:
        raise ValueError
    return int(value)


def _choice_values(item: Item) -> list[str]:
    return [str(c.get("value")) for c in item.choices if isinstance(c, dict)]


def clean_answer(item: Item, raw: Any) -> Any:
    """Her answer to `item` as stored in a draft (None when blank); ValidationError with a
    message she can act on when it is not a possible answer."""
    if _blank(raw):
        return None
    kind = item.kind
    if kind == ItemKind.AGREEMENT:
        try:
            return _whole(raw, 1, AGREEMENT_POINTS)
        except (TypeError, ValueError):
            raise ValidationError(
                _("Choose one of the five points, from strongly disagree to strongly agree.")
            ) from None
    if kind == ItemKind.RECOMMENDATION:
        try:
            return _whole(raw, 0, RECOMMENDATION_MAX)
        except (TypeError, ValueError):
            raise ValidationError(_("Choose a number from 0 to 10.")) from None
    if kind == ItemKind.YES_NO:
        if raw in (True, "yes", "true", "1", 1):
            return True
        if raw in (False, "no", "false", "0", 0):
            return False
        raise ValidationError(_("Answer yes or no."))
    if kind == ItemKind.NUMBER:
        return _clean_number(item, raw)
    if kind == ItemKind.SINGLE:
        if not isinstance(raw, str) or raw not in _choice_values(item):
            raise ValidationError(_("Choose one of the options given."))
        return raw
    if kind == ItemKind.MULTIPLE:
        values = [raw] if isinstance(raw, str) else raw
        allowed = _choice_values(item)
        if not isinstance(values, list) or any(
            not isinstance(v, str) or v not in allowed for v in values
        ):
            raise ValidationError(_("Choose only among the options given."))
        return [v for v in allowed if v in values]  # the options' order, once each
    return _clean_text(raw)


def _clean_number(item: Item, raw: Any) -> float | int:
    try:
        if isinstance(raw, bool):
            raise ValueError
        value = float(raw.strip().replace(",", ".") if isinstance(raw, str) else raw)
    except (TypeError, ValueError):
        raise ValidationError(_("Enter a number, such as 3 or 2.5.")) from None
    if not math.isfinite(value):
        raise ValidationError(_("Enter a number, such as 3 or 2.5."))
    low, high = item.number_min, item.number_max
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            message = _("Enter a number from %(min)s to %(max)s.")
        elif low is not None:
            message = _("Enter a number of at least %(min)s.")
        else:
            message = _("Enter a number of at most %(max)s.")
        raise ValidationError(message % {"min": low, "max": high})
    return int(value) if value.is_integer() else value


def _clean_text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValidationError(_("Write your answer as text."))
    problem = describe_control_character(raw, multiline=True)
    if problem is not None:
        raise ValidationError(problem)
    value = raw.strip()
    if len(value) > TEXT_MAX_LENGTH:
        raise ValidationError(
            _("Keep your answer to %(max)s characters (it has %(count)s).")
            % {"max": TEXT_MAX_LENGTH, "count": len(value)}
        )
    return value


def _cleaned(
    questions: list[WaveQuestion], answers: dict[str, Any], *, complete: bool
) -> dict[str, Any]:
    """The answers checked against the wave's questions; ValidationError {item key: message}."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    keys = {q.item.key for q in questions}
    for key in answers:
        if key not in keys:
            errors[str(key)] = _("This survey has no such question.")
    for question in questions:
        key = question.item.key
        try:
            value = clean_answer(question.item, answers.get(key))
        except ValidationError as exc:
            errors[key] = " ".join(exc.messages)
            continue
        if value is None:
            if complete and question.required:
                errors[key] = _("Answer this question: it is required.")
            continue
        cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _locked(invitation: Invitation) -> tuple[Invitation, Wave]:
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=invitation.pk)
    )
    wave = Wave.objects.select_related("cohort").get(pk=locked.wave_id)
    problem = wave_state_error(wave, locked)
    if problem is not None:
        code = "answered" if locked.responded_on is not None else "closed"
        raise ValidationError(problem, code=code)
    return locked, wave


@transaction.atomic
def survey_draft_save(*, invitation: Invitation, answers: dict[str, Any]) -> Invitation:
    """Keep her answers so far (each checked; none required yet) for her to finish later."""
    locked, wave = _locked(invitation)
    locked.draft = _cleaned(questions_of(wave), answers, complete=False)
    locked.draft_saved_at = timezone.now()
    locked.save(update_fields=["draft", "draft_saved_at"])
    return locked


def _answer_rows(
    response: Response, questions: list[WaveQuestion], cleaned: dict[str, Any]
) -> Iterator[Answer]:
    for question in questions:
        item = question.item
        value = cleaned.get(item.key)
        if value is None:
            continue
        if item.kind == ItemKind.MULTIPLE:
            for option in value:
                yield Answer(response=response, item=item, choice=option)
        elif item.kind == ItemKind.SINGLE:
            yield Answer(response=response, item=item, choice=value)
        elif item.kind == ItemKind.TEXT:
            yield Answer(response=response, item=item, text=value)
        elif item.kind == ItemKind.YES_NO:
            yield Answer(response=response, item=item, number=1.0 if value else 0.0)
        else:
            yield Answer(response=response, item=item, number=float(value))


@transaction.atomic
def survey_submit(*, invitation: Invitation, answers: dict[str, Any]) -> Response:
    """Record her answers as one response and mark her invitation answered (today)."""
    locked, wave = _locked(invitation)
    questions = questions_of(wave)
    cleaned = _cleaned(questions, answers, complete=True)
    person = locked.person
    today = timezone.localdate()
    response = Response.objects.create(
        wave=wave,
        role=locked.role,
        respondent=person if wave.mode == Mode.ATTRIBUTED else None,
        pseudonym=(
            links.pseudonym(wave.cohort_id, person.pk) if wave.mode == Mode.CONFIDENTIAL else ""
        ),
        country_id=person.country_id,
        division_id=person.division_id,
        submitted_on=today,
    )
    Answer.objects.bulk_create(list(_answer_rows(response, questions, cleaned)))
    locked.responded_on = today
    locked.draft = {}
    locked.draft_saved_at = None
    locked.save(update_fields=["responded_on", "draft", "draft_saved_at"])
    return response
