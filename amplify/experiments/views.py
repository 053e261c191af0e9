"""Experiment pages: the participant's own experiments and her test card, an experiment's
page (the cards, the timeline, evidence, comments, outcomes and stories, and the forms of
whoever acts next), the sponsor's page, a cohort's board and stories, and the programme's
portfolio. Every write calls the service the API calls."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.experiments import board, services
from amplify.experiments.forms import (
    ApproveForm,
    CommentForm,
    DecideForm,
    EvidenceForm,
    ImpactForm,
    LearningForm,
    ResultForm,
    ReturnForm,
    StartForm,
    StoryForm,
    TestCardForm,
)
from amplify.experiments.models import (
    EDITABLE_STAGES,
    Evidence,
    Experiment,
    Stage,
    Story,
)
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.outcomes.models import Outcome
from amplify.people.models import Person
from amplify.programmes.models import Programme
from amplify.programmes.views import cohort_tabs_context, visible_cohort


def _me(request: AuthedRequest) -> Person | None:
    return Person.objects.filter(user=request.user).first()


def _me_or_404(request: AuthedRequest) -> Person:
    person = _me(request)
    if person is None:
        raise Http404
    return person


def _experiment(request: AuthedRequest, pk: int) -> Experiment:
    return get_object_or_404(
        Experiment.objects.for_user(request.user).select_related(
            "owner", "sponsor", "cohort__programme", "country", "division"
        ),
        pk=pk,
    )


# ---------- The participant's own ----------


@signed_in
def experiments_mine(request: AuthedRequest) -> HttpResponse:
    """Her experiments (one per cohort) and where she may start one."""
    person = _me(request)
    own = Experiment.objects.owned_by(request.user).select_related("cohort", "sponsor")
    cohorts = services.experiment_cohorts(person) if person else []
    context = {"experiments": own, "cohorts": cohorts, "form": StartForm()}
    return render(request, "experiments/mine.html", context)


@require_POST
@signed_in
def experiment_start_new(request: AuthedRequest, pk: int) -> HttpResponse:
    person = _me_or_404(request)
    cohort = visible_cohort(request, pk)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            experiment = services.experiment_create(
                cohort=cohort, owner=person, title=form.cleaned_data["title"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your experiment is started: write its test card."))
            return redirect("experiments:edit", pk=experiment.pk)
    own = Experiment.objects.owned_by(request.user).select_related("cohort", "sponsor")
    context = {"experiments": own, "cohorts": services.experiment_cohorts(person), "form": form}
    return render(request, "experiments/mine.html", context, status=400)


def _card_initial(experiment: Experiment) -> dict[str, Any]:
    initial = {name: getattr(experiment, name) for name in services.TEST_CARD_FIELDS}
    initial.update({name: getattr(experiment, name) for name in services.RESULT_FIELDS})
    initial["version"] = version_of(experiment, services.VERSION_FIELDS)
    return initial


@signed_in
def experiment_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """My experiment: the test card while it is a draft or returned, the measured result
    while it runs."""
    experiment = _experiment(request, pk)
    require(request.user, "experiments.run_experiment", experiment)
    me = experiment.owner
    editable = experiment.stage in EDITABLE_STAGES
    if not editable and experiment.stage != Stage.RUNNING:
        messages.info(request, _("The test card cannot be changed at this stage."))
        return redirect(experiment)
    sponsors = services.cohort_sponsors(experiment.cohort)
    form: Any
    if editable:
        form = TestCardForm(
            request.POST or None, initial=_card_initial(experiment), sponsors=sponsors
        )
    else:
        form = ResultForm(request.POST or None, initial=_card_initial(experiment))
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version") or None
        try:
            services.experiment_update(experiment=experiment, by=me, version=version, **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if editable and request.POST.get("then") == "submit":
                return _submit(request, experiment, me)
            messages.success(request, _("Saved."))
            return redirect(experiment)
    status = 400 if form.is_bound and form.errors else 200
    context = {"experiment": experiment, "form": form, "editable": editable}
    return render(request, "experiments/edit.html", context, status=status)


def _submit(request: AuthedRequest, experiment: Experiment, me: Person) -> HttpResponse:
    try:
        services.experiment_submit(
            experiment=experiment, by=me, expected_stage=request.POST.get("expected_stage")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("experiments:edit", pk=experiment.pk)
    messages.success(request, _("Submitted: your sponsor is told and reviews your test card."))
    return redirect(experiment)


# ---------- An experiment's page ----------


def _detail(
    request: AuthedRequest,
    experiment: Experiment,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    is_owner = user.has_perm("experiments.run_experiment", experiment)
    is_sponsor = user.has_perm("experiments.sponsor_experiment", experiment)
    forms = forms or {}
    stage = experiment.stage
    context = {
        "experiment": experiment,
        "cohort": experiment.cohort,
        "is_owner": is_owner,
        "is_sponsor": is_sponsor,
        "may_comment": user.has_perm("experiments.comment_experiment", experiment),
        "may_decide": stage == Stage.LEARNING
        and (is_sponsor or (is_owner and services.sponsor_has_spoken(experiment))),
        "comments": experiment.comments.select_related("author"),
        "evidence": experiment.evidence.select_related("added_by"),
        "outcomes": Outcome.objects.for_user(user).filter(experiment=experiment),
        "stories": Story.objects.for_user(user)
        .filter(experiment=experiment)
        .select_related("person"),
        "comment_form": forms.get("comment") or CommentForm(),
        "approve_form": forms.get("approve") or ApproveForm(),
        "return_form": forms.get("return") or ReturnForm(),
        "learning_form": forms.get("learning")
        or LearningForm(initial={n: getattr(experiment, n) for n in services.LEARNING_FIELDS}),
        "decide_form": forms.get("decide") or DecideForm(),
        "impact_form": forms.get("impact")
        or ImpactForm(initial={"sponsor_impact": experiment.sponsor_impact}),
        "evidence_form": forms.get("evidence") or EvidenceForm(),
        "may_add_evidence": is_owner and stage in services.EVIDENCE_STAGES,
        "may_record_impact": is_sponsor and stage in services.IMPACT_STAGES,
    }
    return render(request, "experiments/detail.html", context, status=status)


@signed_in
def experiment_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, _experiment(request, pk))


def _move(
    request: AuthedRequest, pk: int, perm: str, key: str, form_class: Any, call: Any, done: str
) -> HttpResponse:
    """A stage move from the experiment's page: the form (if any), the service, its answer."""
    experiment = _experiment(request, pk)
    require(request.user, perm, experiment)
    me = _me_or_404(request)
    form = form_class(request.POST, request.FILES or None) if form_class else None
    if form is None or form.is_valid():
        values = dict(form.cleaned_data) if form else {}
        try:
            call(experiment=experiment, by=me, **values)
        except ValidationError as exc:
            if form is None:
                for message in exc.messages:
                    messages.error(request, message)
                return redirect(experiment)
            if "stage" in getattr(exc, "error_dict", {}):
                # Moved meanwhile (another tab, the other sponsor): its form is gone from
                # the page, so the message is told above the fresh page.
                for message in exc.message_dict["stage"]:
                    messages.error(request, message)
                return _detail(request, _experiment(request, pk), status=409)
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(experiment)
    return _detail(request, _experiment(request, pk), {key: form}, status=400)


def _expected(request: AuthedRequest) -> str | None:
    return request.POST.get("expected_stage") or None


@require_POST
@signed_in
def experiment_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    experiment = _experiment(request, pk)
    require(request.user, "experiments.run_experiment", experiment)
    return _submit(request, experiment, experiment.owner)


@require_POST
@signed_in
def experiment_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    expected = _expected(request)
    return _move(
        request,
        pk,
        "experiments.sponsor_experiment",
        "approve",
        ApproveForm,
        lambda **kw: services.experiment_approve(expected_stage=expected, **kw),
        _("Approved: the owner is told and can start."),
    )


@require_POST
@signed_in
def experiment_return(request: AuthedRequest, pk: int) -> HttpResponse:
    expected = _expected(request)
    return _move(
        request,
        pk,
        "experiments.sponsor_experiment",
        "return",
        ReturnForm,
        lambda **kw: services.experiment_return(expected_stage=expected, **kw),
        _("Returned with your comments: the owner is told."),
    )


@require_POST
@signed_in
def experiment_start(request: AuthedRequest, pk: int) -> HttpResponse:
    expected = _expected(request)
    return _move(
        request,
        pk,
        "experiments.run_experiment",
        "start",
        None,
        lambda **kw: services.experiment_start(expected_stage=expected, **kw),
        _("Your experiment is running: add evidence as you go."),
    )


@require_POST
@signed_in
def experiment_learning(request: AuthedRequest, pk: int) -> HttpResponse:
    expected = _expected(request)
    return _move(
        request,
        pk,
        "experiments.run_experiment",
        "learning",
        LearningForm,
        lambda **kw: services.experiment_capture_learning(expected_stage=expected, **kw),
        _("Your learning card is captured: your sponsor is told."),
    )


@require_POST
@signed_in
def experiment_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    expected = _expected(request)
    return _move(
        request,
        pk,
        "experiments.decide_experiment",
        "decide",
        DecideForm,
        lambda **kw: services.experiment_decide(expected_stage=expected, **kw),
        _("The decision is recorded."),
    )


@require_POST
@signed_in
def experiment_comment(request: AuthedRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        "experiments.comment_experiment",
        "comment",
        CommentForm,
        services.experiment_comment,
        _("Your comment is added."),
    )


@require_POST
@signed_in
def evidence_add(request: AuthedRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        "experiments.run_experiment",
        "evidence",
        EvidenceForm,
        services.evidence_add,
        _("The evidence is added."),
    )


@require_POST
@signed_in
def impact_record(request: AuthedRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        "experiments.sponsor_experiment",
        "impact",
        ImpactForm,
        lambda sponsor_impact, **kw: services.sponsor_impact_record(impact=sponsor_impact, **kw),
        _("Your view of the business impact is recorded: the owner is told."),
    )


@signed_in
def evidence_file(request: AuthedRequest, pk: int) -> HttpResponse:
    """An evidence file, to those who see its experiment; always a download, never shown
    inline as if it were our page."""
    evidence = get_object_or_404(
        Evidence.objects.filter(experiment__in=Experiment.objects.for_user(request.user)), pk=pk
    )
    if not evidence.file:
        raise Http404
    name = PurePath(evidence.file.name or "evidence").name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response: Any = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    return response  # a streaming response: what the outcomes' evidence view returns too


# ---------- The sponsor's page ----------


@signed_in
def sponsor_page(request: AuthedRequest) -> HttpResponse:
    """The experiments she sponsors, what waits for her first."""
    sponsored = Experiment.objects.sponsored_by(request.user).select_related("owner", "cohort")
    waiting = list(sponsored.waiting_for_sponsor().order_by("submitted_at", "pk")[:200])
    waiting_ids = {e.pk for e in waiting}
    rest = [
        e
        for e in sponsored.order_by("-cohort__starts_on", "owner__name")[:500]
        if e.pk not in waiting_ids
    ]
    return render(request, "experiments/sponsor.html", {"waiting": waiting, "rest": rest})


# ---------- A cohort's board and stories ----------


@signed_in
def cohort_board(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "experiments.view_board", cohort)
    context = cohort_tabs_context(request, cohort, "experiments")
    context.update(board.board(cohort, request.GET))
    if request.htmx and not request.htmx.boosted:
        return render(request, "experiments/board.html#columns", context)
    return render(request, "experiments/board.html", context)


@signed_in
def cohort_stories(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "experiments.view_board", cohort)
    context = cohort_tabs_context(request, cohort, "stories")
    context["stories"] = (
        Story.objects.for_user(request.user)
        .filter(cohort=cohort)
        .select_related("person", "experiment")[:300]
    )
    me = _me(request)
    context["may_tell"] = me is not None and cohort.pk in {c.pk for c in services.story_cohorts(me)}
    return render(request, "experiments/stories.html", context)


def _story_form_page(
    request: AuthedRequest, me: Person, cohort: Any, story: Story | None
) -> HttpResponse:
    initial: dict[str, Any] = {}
    if story is not None:
        initial = {
            n: getattr(story, n)
            for n in ("title", "tried", "happened", "quote", "consent_to_share")
        }
    form = StoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        own = Experiment.objects.filter(owner=me, cohort=cohort).first()
        try:
            services.story_save(
                person=me, cohort=cohort, story=story, experiment=own, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your story is saved."))
            return redirect("experiments:stories", pk=cohort.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "cohort": cohort, "story": story}
    return render(request, "experiments/story_form.html", context, status=status)


@signed_in
def story_new(request: AuthedRequest, pk: int) -> HttpResponse:
    me = _me_or_404(request)
    cohort = visible_cohort(request, pk)
    if cohort.pk not in {c.pk for c in services.story_cohorts(me)}:
        raise Http404
    return _story_form_page(request, me, cohort, None)


@signed_in
def story_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    me = _me_or_404(request)
    story = get_object_or_404(Story.objects.filter(person=me).select_related("cohort"), pk=pk)
    return _story_form_page(request, me, story.cohort, story)


# ---------- The programme's portfolio ----------


@signed_in
def portfolio(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.for_user(request.user), slug=slug, kind=Programme.Kind.LEADERSHIP
    )
    require(request.user, "experiments.view_portfolio", programme)
    context = {"programme": programme, **board.portfolio(programme)}
    return render(request, "experiments/portfolio.html", context)
