"""The programme manager's pages: a cohort's review queue, one application with its
decisions, and the cohort's application settings. She sees eligibility as "eligible: yes,
by criterion X"; the evidence itself only if she is an impact admin."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.applications import services
from amplify.applications.forms import DecisionForm, SettingsForm
from amplify.applications.models import (
    STAGE_TONES,
    Application,
    ApplicationEvidence,
    ApplicationSettings,
    Stage,
)
from amplify.applications.reasons import eligibility_summary, failure_label
from amplify.applications.rules import may_read_evidence
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Partner
from amplify.programmes.views import cohort_tabs_context, visible_cohort

PAGE_SIZE = 50


def queue_filter(applications: Any, params: Any) -> tuple[Any, dict[str, str]]:
    """The queue's filters, from the query string (the page and the API share them)."""
    chosen = {
        k: (params.get(k) or "").strip() for k in ("stage", "eligible", "partner", "complete", "q")
    }
    if chosen["stage"] in Stage.values:
        applications = applications.filter(stage=chosen["stage"])
    if chosen["eligible"] in ("yes", "no"):
        applications = applications.filter(eligible=chosen["eligible"] == "yes")
    elif chosen["eligible"] == "undecided":
        applications = applications.filter(eligible__isnull=True)
    if chosen["partner"] == "none":
        applications = applications.filter(referred_by__isnull=True)
    elif chosen["partner"].isdigit():
        applications = applications.filter(referred_by_id=int(chosen["partner"]))
    if chosen["complete"] in ("yes", "no"):
        applications = applications.filter(complete=chosen["complete"] == "yes")
    if chosen["q"]:
        applications = applications.filter(name__icontains=chosen["q"]) | applications.filter(
            email__icontains=chosen["q"]
        )
    return applications, chosen


@signed_in
def cohort_queue(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "applications.review", cohort)
    applications = (
        Application.objects.for_user(request.user)
        .filter(cohort=cohort)
        .select_related("referred_by")
    )
    applications, chosen = queue_filter(applications, request.GET)
    page = Paginator(applications.order_by("-submitted_at", "name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(a, eligibility_summary(a)) for a in page.object_list]
    context = cohort_tabs_context(request, cohort, "applications")
    context.update(
        page=page,
        rows=rows,
        chosen=chosen,
        stages=Stage.choices,
        partners=Partner.objects.filter(applications__cohort=cohort).distinct().order_by("name"),
        counts=dict(
            Application.objects.filter(cohort=cohort)
            .values_list("stage")
            .annotate(n=Count("pk"))
            .order_by()
        ),
    )
    return render(request, "applications/cohort_queue.html", context)


def _application(
    request: AuthedRequest, pk: int, perm: str = "applications.review_application"
) -> Application:
    application = get_object_or_404(
        Application.objects.for_user(request.user).select_related(
            "cohort__programme", "referred_by", "person"
        ),
        pk=pk,
    )
    require(request.user, perm, application)
    return application


@signed_in
def application_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk, "applications.view_application")
    evidence = None
    if may_read_evidence(request.user):
        evidence = ApplicationEvidence.objects.filter(application=application).first()
    context = {
        "application": application,
        "cohort": application.cohort,
        "summary": eligibility_summary(application),
        "failures": [failure_label(f) for f in application.failures],
        "missing": services.missing_answers(application) if application.is_open else [],
        "evidence": evidence,
        "form": DecisionForm(),
        "can_decide": request.user.has_perm("applications.review_application", application),
        "history": [
            {
                "label": Stage(h.stage).label,
                "tone": STAGE_TONES[Stage(h.stage)],
                "when": h.history_date,
                "who": h.history_user.email if h.history_user else "",
            }
            for h in application.history.select_related("history_user").order_by("-history_date")[
                :20
            ]
        ],
    }
    return render(request, "applications/application_detail.html", context)


@require_POST
@signed_in
def application_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            application = services.application_decide(
                application=application,
                action=form.cleaned_data["action"],
                decided_by=request.user,
                reason=form.cleaned_data["reason"],
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(name)s: %(stage)s.")
                % {"name": application.name, "stage": application.get_stage_display()},
            )
    else:
        messages.error(request, _("Choose a decision."))
    return redirect(application)


@signed_in
def cohort_settings(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "applications.review", cohort)
    settings = ApplicationSettings.for_cohort(cohort)
    saved = settings if settings.pk else None
    initial: dict[str, Any] = SettingsForm.initial_for(settings)
    initial["version"] = version_of(saved, services.SETTINGS_FIELDS)
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_settings_save(
                cohort=cohort, changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The application settings are saved."))
            return redirect("applications:cohort", cohort.pk)
    context = cohort_tabs_context(request, cohort, "applications")
    context["form"] = form
    return render(request, "applications/cohort_settings.html", context)
