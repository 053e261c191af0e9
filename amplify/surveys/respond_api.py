"""The respondent's API: her open surveys, one survey's questions and her draft, saving the
draft and submitting. The endpoints call the services the pages call; another person's
invitation is a 404."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from amplify.accounts.access import AuthedRequest
from amplify.apischema import ERROR_CODES, ErrorOut, IdPath, access
from amplify.surveys import answering
from amplify.surveys.invitations import invitations_of, open_invitations_of
from amplify.surveys.models import Invitation

router = Router(tags=["Surveys: answering"])
HERS = "signed in; her own invitations only (another person's invitation is a 404)"


class SurveyOut(Schema):
    id: int
    wave_id: int
    title: str
    programme: str
    cohort: str
    mode: str
    mode_explained: str
    opens_at: datetime
    closes_at: datetime
    draft_saved_at: datetime | None


def _summary(invitation: Invitation) -> dict[str, Any]:
    wave = invitation.wave
    return {
        "id": invitation.pk,
        "wave_id": wave.pk,
        "title": wave.title,
        "programme": wave.cohort.programme.name,
        "cohort": wave.cohort.name,
        "mode": wave.mode,
        "mode_explained": answering.mode_explained(wave.mode),
        "opens_at": wave.opens_at,
        "closes_at": wave.closes_at,
        "draft_saved_at": invitation.draft_saved_at,
    }


class AskedQuestionOut(Schema):
    key: str
    kind: str
    text: str
    help_text: str
    required: bool
    choices: list[dict[str, Any]]
    number_min: int | None
    number_max: int | None


class SurveyDetailOut(SurveyOut):
    answered_on: date | None = Field(None, description="set once she has submitted")
    questions: list[AskedQuestionOut]
    draft: dict[str, Any]
    closed: str | None = Field(None, description="why it cannot be answered now, if so")


class AnswersIn(Schema):
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="item key → answer: 1–5, 0–10, true/false, a number, an option's value, "
        "a list of option values, or text",
    )


class SubmittedOut(Schema):
    submitted_on: date
    detail: str


def _hers(request: AuthedRequest, invitation_id: int) -> Invitation:
    return get_object_or_404(
        invitations_of(request.user).select_related("wave__cohort__programme", "person"),
        pk=invitation_id,
    )


def _detail(invitation: Invitation) -> dict[str, Any]:
    questions = answering.questions_of(invitation.wave)
    return {
        **_summary(invitation),
        "answered_on": invitation.responded_on,
        "questions": [
            {
                "key": q.item.key,
                "kind": q.item.kind,
                "text": q.item.text,
                "help_text": q.item.help_text,
                "required": q.required,
                "choices": q.item.choices,
                "number_min": q.item.number_min,
                "number_max": q.item.number_max,
            }
            for q in questions
        ],
        "draft": invitation.draft,
        "closed": answering.wave_state_error(invitation.wave, invitation),
    }


@router.get(
    "/my/surveys",
    response={200: list[SurveyOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; her own open, unanswered surveys"),
)
def list_my_surveys(request: AuthedRequest) -> Any:
    return [_summary(i) for i in open_invitations_of(request.user)]


@router.get(
    "/my/surveys/{invitation_id}",
    response={200: SurveyDetailOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(HERS),
)
def get_my_survey(request: AuthedRequest, invitation_id: IdPath) -> Any:
    return _detail(_hers(request, invitation_id))


@router.put(
    "/my/surveys/{invitation_id}/draft",
    response={200: SurveyDetailOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(HERS + "; 422 when closed, answered or an answer is not possible"),
)
def put_my_draft(request: AuthedRequest, invitation_id: IdPath, payload: AnswersIn) -> Any:
    invitation = _hers(request, invitation_id)
    answering.survey_draft_save(invitation=invitation, answers=payload.answers)
    return _detail(_hers(request, invitation_id))


@router.post(
    "/my/surveys/{invitation_id}/submit",
    response={200: SubmittedOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(HERS + "; 422 with the errors per item key"),
)
def submit_my_survey(request: AuthedRequest, invitation_id: IdPath, payload: AnswersIn) -> Any:
    invitation = _hers(request, invitation_id)
    response = answering.survey_submit(invitation=invitation, answers=payload.answers)
    return {
        "submitted_on": response.submitted_on,
        "detail": str(_("Thank you: your answers are recorded.")),
    }
