"""The respondent's pages: a survey opened from her emailed link (no account needed:
mentees are external), and, for people who sign in, the list of surveys waiting for them
and the same form reached from there. Both save a draft and submit through
amplify.surveys.answering."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from amplify.accounts.access import AuthedRequest, public, signed_in
from amplify.home.formerrors import add_service_errors
from amplify.surveys import answering, emails, links
from amplify.surveys.answer_form import AnswerForm
from amplify.surveys.invitations import invitations_of, open_invitations_of
from amplify.surveys.models import Invitation


@public
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = links.invitation_for(token)
    if invitation is None:
        return render(request, "surveys/respond/link_expired.html", status=404)
    return _survey(request, invitation, here=request.path)


@signed_in
def mine(request: AuthedRequest) -> HttpResponse:
    waiting = list(open_invitations_of(request.user))
    return render(request, "surveys/respond/mine.html", {"waiting": waiting})


@signed_in
def mine_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        invitations_of(request.user).select_related("wave__cohort__programme", "person"), pk=pk
    )
    return _survey(request, invitation, here=request.path)


def _survey(request: HttpRequest, invitation: Invitation, *, here: str) -> HttpResponse:
    wave = invitation.wave
    context = {
        "invitation": invitation,
        "wave": wave,
        "programme": wave.cohort.programme,
        "mode_text": answering.mode_explained(wave.mode),
        "closes_on": emails.closing_day(wave),
    }
    problem = answering.wave_state_error(wave, invitation)
    if problem is not None:
        return render(request, "surveys/respond/closed.html", {**context, "problem": problem})
    questions = answering.questions_of(wave)
    form = AnswerForm(request.POST or None, questions=questions, draft=invitation.draft)
    if request.method == "POST" and form.is_valid():
        submitting = bool(request.POST.get("submit"))
        try:
            if submitting:
                answering.survey_submit(invitation=invitation, answers=form.answers())
            else:
                answering.survey_draft_save(invitation=invitation, answers=form.answers())
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # answered or closed meanwhile
                return render(
                    request, "surveys/respond/closed.html", {**context, "problem": exc.messages[0]}
                )
            add_service_errors(form, exc)
        else:
            if submitting:
                return render(request, "surveys/respond/thanks.html", context)
            messages.success(
                request,
                _("Your answers are saved. Come back with the same link to finish and submit."),
            )
            return redirect(here)
    return render(
        request, "surveys/respond/answer.html", {**context, "form": form, "rows": form.rows()}
    )
