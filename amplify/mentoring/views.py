"""The relationship's pages: "Our mentoring" for the two people of a pair (the agreement,
the goals, how it ends), and the programme manager's view of a pair and of a cohort's
relationships (numbers, never the goals' text)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.home.formerrors import add_service_errors
from amplify.mentoring import services
from amplify.mentoring.forms import AgreementForm, CommentForm, EndForm, GoalForm, ProgressForm
from amplify.mentoring.models import (
    AgreementAcceptance,
    AgreementSection,
    AgreementState,
    AgreementVersion,
    EndRequest,
    Goal,
    GoalSummary,
    Relationship,
)
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Pairing, Programme

# ---------- The pair's own pages ----------


def _states(pairings: Any) -> Any:
    return Relationship.objects.pairings_with_agreement_state(pairings)


@signed_in
def my_pairs(request: AuthedRequest) -> HttpResponse:
    """The user's own pairs, current ones first, with where each stands."""
    pairings = _states(
        services.pairings_of(request.user)
        .with_is_current()
        .select_related("cohort", "mentor", "mentee")
        .order_by("-is_current", "-started_on", "pk")
    )
    rows = []
    for pairing in pairings[:50]:
        me_mentor = pairing.mentor.user_id == request.user.pk
        rows.append((pairing, pairing.mentee if me_mentor else pairing.mentor, me_mentor))
    return render(request, "mentoring/mine.html", {"rows": rows})


def _own_pair(request: AuthedRequest, pk: int) -> tuple[Pairing, Person]:
    """One of the user's own pairs (404 for anyone else, her managers included), and her
    person in it."""
    pairing = get_object_or_404(
        services.pairings_of(request.user)
        .with_is_current()
        .select_related("cohort__programme", "mentor", "mentee"),
        pk=pk,
    )
    me = pairing.mentor if pairing.mentor.user_id == request.user.pk else pairing.mentee
    return pairing, me


def _pair_page(
    request: AuthedRequest,
    pairing: Pairing,
    me: Person,
    *,
    end_form: EndForm | None = None,
    status: int = 200,
) -> HttpResponse:
    relationship = services.relationship_start(pairing=pairing)
    agreement = AgreementVersion.objects.select_related("programme").get(
        pk=relationship.agreement_id
    )
    accepted = {
        a.person_id: a
        for a in AgreementAcceptance.objects.filter(relationship=relationship, agreement=agreement)
    }
    goals = (
        Goal.objects.for_user(request.user)
        .filter(pairing=pairing)
        .annotate(comment_count=Count("comments"))
    )
    other = pairing.mentee if me.pk == pairing.mentor_id else pairing.mentor
    context = {
        "pairing": pairing,
        "relationship": relationship,
        "agreement": agreement,
        "me": me,
        "other": other,
        "i_am_mentee": me.pk == pairing.mentee_id,
        "mine_accepted": accepted.get(me.pk),
        "other_accepted": accepted.get(other.pk),
        "is_current": pairing.is_current,  # type: ignore[attr-defined]
        "goals": goals,
        "today": timezone.localdate(),
        "open_request": relationship.end_requests.filter(status=EndRequest.Status.OPEN)
        .select_related("requested_by")
        .first(),
        "end_form": end_form or EndForm(),
    }
    return render(request, "mentoring/pair.html", context, status=status)


@signed_in
def pair_page(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _own_pair(request, pk)
    return _pair_page(request, pairing, me)


@require_POST
@signed_in
def agreement_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _own_pair(request, pk)
    require(request.user, "mentoring.accept_agreement", pairing)
    try:
        services.agreement_accept(pairing=pairing, by=me)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("You accepted the agreement."))
    return redirect("mentoring:pair", pk=pairing.pk)


@require_POST
@signed_in
def ask_to_end(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _own_pair(request, pk)
    require(request.user, "mentoring.ask_to_end", pairing)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.relationship_end_ask(pairing=pairing, by=me, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The programme manager has been told, and will be in touch.")
            )
            return redirect("mentoring:pair", pk=pairing.pk)
    return _pair_page(request, pairing, me, end_form=form, status=422)


@signed_in
def goal_new(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _own_pair(request, pk)
    require(request.user, "mentoring.set_goals", pairing)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_set(pairing=pairing, by=me, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your goal is saved."))
            return redirect(goal)
    status = 422 if form.errors else 200
    return render(
        request, "mentoring/goal_form.html", {"pairing": pairing, "form": form}, status=status
    )


def _goal(request: AuthedRequest, pk: int) -> Goal:
    return get_object_or_404(
        Goal.objects.for_user(request.user).select_related(
            "pairing__cohort", "pairing__mentor", "pairing__mentee"
        ),
        pk=pk,
    )


def _goal_page(
    request: AuthedRequest,
    goal: Goal,
    *,
    progress_form: ProgressForm | None = None,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    pairing = goal.pairing
    context = {
        "goal": goal,
        "pairing": pairing,
        "i_am_mentee": pairing.mentee.user_id == request.user.pk,
        "is_current": Pairing.objects.current().filter(pk=pairing.pk).exists(),
        "today": timezone.localdate(),
        "updates": goal.updates.select_related("by")[:100],
        "comments": goal.comments.select_related("author")[:200],
        "progress_form": progress_form or ProgressForm(initial={"progress": goal.progress}),
        "comment_form": comment_form or CommentForm(),
    }
    return render(request, "mentoring/goal_detail.html", context, status=status)


@signed_in
def goal_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _goal_page(request, _goal(request, pk))


@signed_in
def goal_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    require(request.user, "mentoring.set_goals", goal.pairing)
    initial = {
        "title": goal.title,
        "why_it_matters": goal.why_it_matters,
        "success_criterion": goal.success_criterion,
        "target_date": goal.target_date,
    }
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "request_key"}
        try:
            services.goal_change(
                goal=goal, by=services.person_in(goal.pairing, request.user), **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your goal is saved."))
            return redirect(goal)
    status = 422 if form.errors else 200
    context = {"pairing": goal.pairing, "goal": goal, "form": form}
    return render(request, "mentoring/goal_form.html", context, status=status)


@require_POST
@signed_in
def goal_progress(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    require(request.user, "mentoring.set_goals", goal.pairing)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.goal_progress_update(
                goal=goal, by=services.person_in(goal.pairing, request.user), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your progress is saved."))
            return redirect(goal)
    return _goal_page(request, goal, progress_form=form, status=422)


@require_POST
@signed_in
def goal_comment(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    require(request.user, "mentoring.comment_goal", goal.pairing)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.goal_comment_add(
                goal=goal, by=services.person_in(goal.pairing, request.user), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your comment is saved."))
            return redirect(goal)
    return _goal_page(request, goal, comment_form=form, status=422)


# ---------- The programme manager ----------


def _managed_pair(request: AuthedRequest, pk: int) -> Pairing:
    pairing = get_object_or_404(
        Pairing.objects.for_user(request.user)
        .with_is_current()
        .select_related("cohort__programme", "mentor", "mentee"),
        pk=pk,
    )
    require(request.user, "mentoring.manage_relationship", pairing)
    return pairing


def _manage_page(
    request: AuthedRequest,
    pairing: Pairing,
    *,
    close_form: EndForm | None = None,
    status: int = 200,
) -> HttpResponse:
    relationship = services.relationship_start(pairing=pairing)
    state = _states(Pairing.objects.filter(pk=pairing.pk)).values_list(
        "agreement_state", flat=True
    )[0]
    accepted = {
        a.person_id: a
        for a in AgreementAcceptance.objects.filter(relationship=relationship).select_related(
            "agreement"
        )
    }
    requests = list(relationship.end_requests.select_related("requested_by", "decided_by"))
    open_request = next((r for r in requests if r.status == EndRequest.Status.OPEN), None)
    # Numbers only: the goals' own words are the pair's.
    today = timezone.localdate()
    goals: list[dict[str, Any]] = [
        {**row, "overdue": row["progress"] < 100 and row["target_date"] < today}
        for row in Goal.objects.filter(pairing=pairing)
        .annotate(update_count=Count("updates", distinct=True))
        .values("pk", "progress", "target_date", "created_at", "updated_at", "update_count")
    ]
    summary = Relationship.objects.goal_summaries(cohort=pairing.cohort).get(
        pairing.pk, GoalSummary()
    )
    initial = {"reason": open_request.reason} if open_request else {}
    context = {
        "pairing": pairing,
        "relationship": relationship,
        "state": AgreementState(state),
        "mentor_accepted": accepted.get(pairing.mentor_id),
        "mentee_accepted": accepted.get(pairing.mentee_id),
        "goals": goals,
        "summary": summary,
        "requests": requests,
        "open_request": open_request,
        "close_form": close_form or EndForm(initial=initial),
        "is_current": pairing.is_current,  # type: ignore[attr-defined]
    }
    return render(request, "mentoring/manage_pair.html", context, status=status)


@signed_in
def manage_pair(request: AuthedRequest, pk: int) -> HttpResponse:
    return _manage_page(request, _managed_pair(request, pk))


@require_POST
@signed_in
def close_pair(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing = _managed_pair(request, pk)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.relationship_close(
                pairing=pairing, closed_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The relationship is closed; both people are told."))
            return redirect("mentoring:manage-pair", pk=pairing.pk)
    return _manage_page(request, pairing, close_form=form, status=422)


@require_POST
@signed_in
def decline_request(request: AuthedRequest, pk: int) -> HttpResponse:
    end_request = get_object_or_404(
        EndRequest.objects.filter(
            relationship__pairing__in=Pairing.objects.for_user(request.user)
        ).select_related("relationship__pairing__cohort", "relationship__pairing__mentor"),
        pk=pk,
    )
    pairing = end_request.relationship.pairing
    require(request.user, "mentoring.manage_relationship", pairing)
    services.relationship_end_decline(end_request=end_request, decided_by=request.user)
    messages.success(request, _("The relationship goes on."))
    return redirect("mentoring:manage-pair", pk=pairing.pk)


@signed_in
def cohort_relationships(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every pair of the cohort: its agreement state and its goals in numbers."""
    cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=pk)
    require(request.user, "programmes.manage_cohort", cohort)
    pairings = _states(
        Pairing.objects.filter(cohort=cohort).select_related("mentor", "mentee", "relationship")
    ).order_by("mentor__name", "pk")
    summaries = Relationship.objects.goal_summaries(cohort=cohort)
    show = request.GET.get("state", "")
    if show in AgreementState.values:
        pairings = pairings.filter(agreement_state=show)
    rows = [
        (p, AgreementState(p.agreement_state), summaries.get(p.pk, GoalSummary()))
        for p in pairings[:1000]
    ]
    counts = dict(
        _states(Pairing.objects.filter(cohort=cohort))
        .values_list("agreement_state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    context = {
        "cohort": cohort,
        "rows": rows,
        "show": show,
        "states": [(s, s.label, counts.get(s.value, 0)) for s in AgreementState],
    }
    return render(request, "mentoring/cohort.html", context)


@signed_in
def agreement_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "mentoring.publish_agreement", programme)
    current = services.agreement_current(programme)
    initial = {key: getattr(current, key) for key in AgreementSection.values}
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.agreement_publish(
                programme=programme, published_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Version %(number)s is the agreement for pairs published from now on.")
                % {"number": version.number},
            )
            return redirect("mentoring:agreement", slug=programme.slug)
    versions = (
        AgreementVersion.objects.filter(programme=programme)
        .annotate(pairs=Count("relationships", distinct=True))
        .select_related("published_by__person")
    )
    context = {"programme": programme, "current": current, "form": form, "versions": versions}
    return render(
        request, "mentoring/agreement_form.html", context, status=422 if form.errors else 200
    )
