"""The public application pages: apply to a recruiting cohort without an account, save a
draft and resume it from the emailed link, submit and hear the eligibility decision, and
accept an offer. The applicant's links are signed and expire (amplify.applications.links)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from amplify.accounts.access import public
from amplify.applications import emails, links, services
from amplify.applications.forms import ApplicationForm, ResumeForm
from amplify.applications.models import Application, ApplicationSettings, Stage
from amplify.applications.reasons import failure_text
from amplify.applications.throttle import over_limit
from amplify.home.formerrors import add_service_errors
from amplify.programmes.models import Cohort


def _recruiting(pk: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.select_related("programme"), pk=pk, status=Cohort.Status.RECRUITING
    )


def _refused(request: HttpRequest, form: Any) -> bool:
    """A bot (the trap field filled) or too many forms from one address."""
    if request.POST.get("website"):
        form.add_error(None, _("This form could not be sent. Please try again."))
        return True
    if over_limit(request, "apply"):
        form.add_error(None, _("Too many forms were sent from your network: try again later."))
        return True
    return False


def _context(cohort: Cohort, form: Any, **extra: Any) -> dict[str, Any]:
    settings = ApplicationSettings.for_cohort(cohort)
    return {"cohort": cohort, "form": form, "settings": settings, **extra}


@public
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _recruiting(pk)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and not _refused(request, form) and form.is_valid():
        try:
            application, created = services.application_start(
                cohort=cohort,
                email=form.cleaned_data["email"],
                consent=form.cleaned_data["consent"],
                language=get_language() or "",
                **form.answers(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if not created:
                # Whoever typed this email: only its owner may go on, through the link.
                emails.resume_link_send(application)
                return render(
                    request, "applications/application_sent.html", {"cohort": cohort, "known": True}
                )
            if request.POST.get("submit"):
                return _submit(request, application)
            emails.resume_link_send(application)
            return render(request, "applications/application_sent.html", {"cohort": cohort})
    return render(request, "applications/application_form.html", _context(cohort, form))


def _submit(request: HttpRequest, application: Application) -> HttpResponse:
    token = links.token_for(application, links.RESUME)
    try:
        services.application_submit(application=application)
    except ValidationError:
        emails.resume_link_send(application)
        messages.warning(
            request,
            _(
                "Your answers are saved, but some questions are still to answer. We emailed "
                "you a link to come back to this page."
            ),
        )
    return redirect("applications:resume", token)


@public
def resume(request: HttpRequest, token: str) -> HttpResponse:
    application = links.application_for(token, links.RESUME)
    if application is None:
        return render(request, "applications/link_expired.html", status=404)
    cohort = application.cohort
    if not application.is_open:
        return _result(request, application)
    initial = ResumeForm.initial_for(application)
    form = ResumeForm(request.POST or None, initial=initial)
    if request.method == "POST" and not _refused(request, form) and form.is_valid():
        try:
            services.application_update(
                application=application, consent=form.cleaned_data["consent"], **form.answers()
            )
            if request.POST.get("submit"):
                services.application_submit(application=application)
                return redirect("applications:resume", token)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Your answers are saved. Come back any time with this link.")
            )
            return redirect("applications:resume", token)
    missing = services.missing_answers(application) if request.method == "GET" else []
    return render(
        request,
        "applications/application_form.html",
        _context(cohort, form, application=application, missing=missing),
    )


def _result(request: HttpRequest, application: Application) -> HttpResponse:
    reasons = [
        failure_text(f, starts_on=application.cohort.starts_on) for f in application.failures
    ]
    return render(
        request,
        "applications/application_result.html",
        {"application": application, "cohort": application.cohort, "reasons": reasons},
    )


@public
def offer(request: HttpRequest, token: str) -> HttpResponse:
    application = links.application_for(token, links.OFFER)
    if application is None or application.stage not in (Stage.OFFERED, Stage.ACCEPTED):
        return render(request, "applications/link_expired.html", status=404)
    error = None
    if request.method == "POST" and application.stage == Stage.OFFERED:
        try:
            application = services.application_accept(application=application)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "applications/offer.html",
        {"application": application, "cohort": application.cohort, "error": error},
    )
