"""Outcome pages: a person's own outcomes and the form to record one; an outcome's page,
where a manager of its cohort confirms or rejects it; a cohort's outcomes and their counts
for its managers and impact admins; and the cohort's showcase."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, role, signed_in
from amplify.core.outcomes import shown_count
from amplify.experiments.models import Experiment
from amplify.home.formerrors import add_service_errors
from amplify.outcomes import services
from amplify.outcomes.forms import OutcomeForm, ShowcaseForm, VerifyForm
from amplify.outcomes.models import Kind, Outcome, ShowcaseProject, Verification, showcase_event
from amplify.outcomes.rules import reports_outcomes
from amplify.people.models import Person
from amplify.programmes.models import Cohort


def _me(request: AuthedRequest) -> Person:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise Http404
    return person


MENTEES = gettext_lazy("mentees and participants")


@role(reports_outcomes, MENTEES)
def outcome_mine(request: AuthedRequest) -> HttpResponse:
    """The user's own outcomes and where each stands."""
    outcomes = Outcome.objects.of_person(request.user).select_related("cohort", "verified_by")
    person = Person.objects.filter(user=request.user).first()
    may_add = person is not None and bool(services.outcome_cohorts(person))
    context = {"outcomes": outcomes[:200], "may_add": may_add}
    return render(request, "outcomes/outcome_mine.html", context)


@role(reports_outcomes, MENTEES)
def outcome_add(request: AuthedRequest) -> HttpResponse:
    """Record one's own outcome (self-reported: the cohort's manager confirms it)."""
    person = _me(request)
    cohorts = services.outcome_cohorts(person)
    if not cohorts:
        raise Http404
    initial: dict[str, Any] = {"cohort": cohorts[0].pk}
    asked = request.GET.get("cohort", "")
    if asked.isdigit() and int(asked) in {c.pk for c in cohorts}:
        initial["cohort"] = int(asked)
    own = Experiment.objects.filter(owner=person)
    asked_experiment = request.GET.get("experiment", "")
    if asked_experiment.isdigit() and own.filter(pk=int(asked_experiment)).exists():
        initial["experiment"] = int(asked_experiment)
    form = OutcomeForm(
        request.POST or None,
        request.FILES or None,
        cohorts=cohorts,
        experiments=own if own.exists() else None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(person=person, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Thank you! Your outcome was recorded; the programme team confirms it.")
            )
            return redirect("outcomes:mine")
    return render(request, "outcomes/outcome_form.html", {"form": form}, status=_status(form))


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


def _outcome(request: AuthedRequest, pk: int) -> Outcome:
    return get_object_or_404(
        Outcome.objects.for_user(request.user).select_related(
            "person", "cohort", "recorded_by", "verified_by"
        ),
        pk=pk,
    )


def _detail(
    request: AuthedRequest, outcome: Outcome, form: VerifyForm | None, status: int = 200
) -> HttpResponse:
    context = {
        "outcome": outcome,
        "may_verify": request.user.has_perm("outcomes.verify_outcome", outcome),
        "form": form or VerifyForm(),
        "evidence_name": services.evidence_name(outcome.evidence_file),
    }
    return render(request, "outcomes/outcome_detail.html", context, status=status)


@signed_in
def outcome_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, _outcome(request, pk), None)


@require_POST
@signed_in
def outcome_verify(request: AuthedRequest, pk: int) -> HttpResponse:
    outcome = _outcome(request, pk)
    require(request.user, "outcomes.verify_outcome", outcome)
    form = VerifyForm(request.POST)
    if form.is_valid():
        try:
            services.outcome_verify(
                outcome=outcome,
                by=request.user,
                confirm=form.cleaned_data["decision"] == "confirm",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(outcome)
    return _detail(request, outcome, form, status=400)


def _file_response(field: Any) -> Any:
    if not field:
        raise Http404
    name = services.evidence_name(field)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    # Always a download: an uploaded file is never shown inline as if it were our page.
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )


@signed_in
def outcome_evidence(request: AuthedRequest, pk: int) -> HttpResponse:
    return _file_response(_outcome(request, pk).evidence_file)


# ---------- A cohort's outcomes ----------


def _cohort(request: AuthedRequest, pk: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=pk
    )


@signed_in
def cohort_outcomes(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every outcome of the cohort's people, those waiting for confirmation first, and the
    counts by kind (a count under 5 is shown as "fewer than 5")."""
    cohort = _cohort(request, pk)
    require(request.user, "outcomes.view_cohort_outcomes", cohort)
    outcomes = Outcome.objects.filter(cohort=cohort).select_related("person", "verified_by")
    order = {Verification.SELF_REPORTED: 0, Verification.CONFIRMED: 1, Verification.REJECTED: 2}
    rows = sorted(outcomes[:500], key=lambda o: (order[Verification(o.verification)], o.pk))
    counted = (
        Outcome.objects.filter(cohort=cohort)
        .counted()
        .values("kind")
        .annotate(
            people=Count("person", distinct=True),
            during=Count("person", filter=Q(during_programme=True), distinct=True),
        )
    )
    by_kind: dict[str, Any] = {row["kind"]: row for row in counted}
    counts = [
        {
            "label": label,
            "people": shown_count(by_kind.get(value, {}).get("people", 0)),
            "during": shown_count(by_kind.get(value, {}).get("during", 0)),
        }
        for value, label in Kind.choices
    ]
    context = {
        "cohort": cohort,
        "rows": rows,
        "counts": counts,
        "employed": shown_count(Outcome.objects.mentees_employed_during(cohort)),
    }
    return render(request, "outcomes/cohort_outcomes.html", context)


# ---------- The showcase ----------


@signed_in
def showcase(request: AuthedRequest, pk: int) -> HttpResponse:
    """The presentations at the cohort's showcase, for its people and its managers."""
    cohort = _cohort(request, pk)
    projects = ShowcaseProject.objects.for_user(request.user).filter(cohort=cohort)
    person = Person.objects.filter(user=request.user).first()
    event = showcase_event(cohort)
    now = timezone.now()
    context = {
        "cohort": cohort,
        "event": event,
        "projects": projects.select_related("person")[:300],
        "may_present": person is not None
        and event is not None
        and now < event.starts_at
        and services.showcase_mentee(person, cohort),
    }
    return render(request, "outcomes/showcase.html", context)


@signed_in
def showcase_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The mentee's own project, editable until the showcase starts."""
    cohort = _cohort(request, pk)
    person = _me(request)
    if not services.showcase_mentee(person, cohort):
        raise Http404
    event = showcase_event(cohort)
    project = ShowcaseProject.objects.filter(person=person, cohort=cohort).first()
    initial = (
        {"title": project.title, "summary": project.summary, "link": project.link}
        if project
        else {}
    )
    form = ShowcaseForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.showcase_project_save(
                person=person, cohort=cohort, changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your showcase project was saved."))
            return redirect("outcomes:showcase", pk=cohort.pk)
    context = {
        "cohort": cohort,
        "event": event,
        "project": project,
        "form": form,
        "closed": event is None or timezone.now() >= event.starts_at,
        "file_name": services.evidence_name(project.file) if project else "",
    }
    return render(request, "outcomes/showcase_form.html", context, status=_status(form))


@signed_in
def showcase_file(request: AuthedRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(ShowcaseProject.objects.for_user(request.user), pk=pk)
    return _file_response(project.file)
