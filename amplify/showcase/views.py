"""Showcase pages: the judge's own slots and her scoring form, the manager's showcase tab of
a leadership cohort (rubric, schedule, judges with conflict warnings, scoring progress, the
results preview, publishing, the audience vote), and the published results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, role, signed_in
from amplify.events.models import Event
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.views import cohort_tabs_context, visible_cohort
from amplify.showcase import results, services
from amplify.showcase.forms import (
    AssignForm,
    CriterionForm,
    ScheduleForm,
    ScoreForm,
    SlotEditForm,
)
from amplify.showcase.models import (
    AudienceVote,
    Criterion,
    JudgeAssignment,
    Publication,
    Rubric,
    Score,
    Slot,
)


def _leadership_cohort(request: AuthedRequest, pk: int) -> Cohort:
    cohort = visible_cohort(request, pk)
    if cohort.programme.kind != Programme.Kind.LEADERSHIP:
        raise Http404
    return cohort


def _me(request: AuthedRequest) -> Person | None:
    return Person.objects.filter(user=request.user).first()


def _criteria(programme_id: int) -> list[Criterion]:
    return list(Criterion.objects.filter(rubric__programme_id=programme_id))


def sponsors_of(cohort: Cohort) -> Any:
    return (
        Person.objects.filter(
            enrolments__cohort=cohort,
            enrolments__role=Enrolment.Role.SPONSOR,
            user__isnull=False,
        )
        .distinct()
        .order_by("name")
    )


# ---------- The judge ----------


def is_judge(user: Any) -> bool:
    """Named to judge at least one showcase presentation (the menu shows her slots)."""
    return bool(user.is_authenticated and JudgeAssignment.objects.filter(judge__user=user).exists())


@role(is_judge, _lazy("showcase judges"))
def mine(request: AuthedRequest) -> HttpResponse:
    assignments = list(
        JudgeAssignment.objects.filter(judge__user=request.user)
        .select_related("slot__event__cohort", "slot__experiment__owner", "slot__home_group")
        .annotate(marks=Count("scores"))
        .order_by("-slot__event__starts_at", "slot__position", "pk")[:500]
    )
    published = set(
        Publication.objects.filter(
            event_id__in={a.slot.event_id for a in assignments}, published_at__isnull=False
        ).values_list("event_id", flat=True)
    )
    waiting = sum(
        1 for a in assignments if a.scored_at is None and a.slot.event_id not in published
    )
    context = {"assignments": assignments, "published": published, "waiting": waiting}
    return render(request, "showcase/mine.html", context)


def _own_assignment(request: AuthedRequest, slot_pk: int) -> JudgeAssignment:
    """The user's assignment to this slot: a slot she was not named to judge is a 404."""
    assignment = get_object_or_404(
        JudgeAssignment.objects.select_related(
            "judge", "slot__event__cohort__programme", "slot__experiment__owner", "slot__home_group"
        ),
        slot_id=slot_pk,
        judge__user=request.user,
    )
    require(request.user, "showcase.score", assignment)
    return assignment


@signed_in
def score(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = _own_assignment(request, pk)
    slot = assignment.slot
    criteria = _criteria(slot.event.cohort.programme_id)
    mine_now = {s.criterion_id: s.value for s in Score.objects.filter(assignment=assignment)}
    initial: dict[str, Any] = {f"criterion_{k}": v for k, v in mine_now.items()}
    initial["comment"] = assignment.comment
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    published = services.is_published(slot.event)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.scores_save(
                    assignment=assignment,
                    judge=assignment.judge,
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your marks for this presentation are saved."))
                return redirect("showcase:mine")
        status = 422
    context = {
        "assignment": assignment,
        "slot": slot,
        "form": form,
        "criteria": criteria,
        "published": published,
        "conflict": services.conflict_of(slot, assignment.judge),
        "guidance": Rubric.objects.filter(programme_id=slot.event.cohort.programme_id)
        .values_list("guidance", flat=True)
        .first(),
    }
    return render(request, "showcase/score.html", context, status=status)


# ---------- The manager's tab ----------


def _managed(request: AuthedRequest, pk: int) -> tuple[Cohort, Event | None]:
    cohort = _leadership_cohort(request, pk)
    require(request.user, "showcase.manage", cohort)
    return cohort, services.showcase_of(cohort.pk)


def _event_or_back(event: Event | None) -> Event:
    if event is None:
        raise Http404
    return event


@signed_in
def cohort(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort, event = _managed(request, pk)
    rubric = Rubric.objects.filter(programme=cohort.programme).first()
    context = cohort_tabs_context(request, cohort, "showcase")
    context.update(
        event=event,
        rubric=rubric,
        criteria=_criteria(cohort.programme_id),
        rubric_locked=bool(rubric and services.rubric_locked(rubric)),
        can_set_rubric=request.user.has_perm("showcase.set_rubric", cohort.programme),
        criterion_form=CriterionForm(),
        schedule_form=ScheduleForm(),
    )
    if event is not None:
        slots = list(
            Slot.objects.filter(event=event)
            .with_subject()
            .prefetch_related("judges__judge", "home_group__members")
        )
        sponsored = results.sponsored_owners(event)
        conflicts = 0
        for slot in slots:
            for a in slot.judges.all():
                # A sponsor named after the judge was assigned shows here as a warning; the
                # scoring service refuses her marks.
                a.conflict = results.conflict_shown(slot, a.judge, sponsored)  # type: ignore[attr-defined]
                conflicts += bool(a.conflict)  # type: ignore[attr-defined]
        publication = Publication.objects.filter(event=event).first()
        context.update(
            slots=slots,
            conflicts=conflicts,
            progress=results.progress(event),
            rows=results.rows(event),
            publication=publication,
            assign_form=AssignForm(judges=sponsors_of(cohort)),
            votes=results.votes(event) if publication and publication.audience_vote_open else [],
        )
    return render(request, "showcase/cohort.html", context)


def _form_errors(form: Any) -> str:
    return " ".join(str(m) for ms in form.errors.values() for m in ms)


def _done(request: AuthedRequest, cohort: Cohort, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("showcase:cohort", pk=cohort.pk)


def _refused(request: AuthedRequest, cohort: Cohort, exc: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(exc.messages))
    return redirect("showcase:cohort", pk=cohort.pk)


@require_POST
@signed_in
def rubric_default(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = _leadership_cohort(request, pk)
    require(request.user, "showcase.set_rubric", cohort.programme)
    services.rubric_create_default(programme=cohort.programme, changed_by=request.user)
    return _done(request, cohort, _("The rubric is set up with the default criteria."))


@require_POST
@signed_in
def criterion_save(
    request: AuthedRequest, pk: int, criterion_pk: int | None = None
) -> HttpResponse:
    cohort = _leadership_cohort(request, pk)
    require(request.user, "showcase.set_rubric", cohort.programme)
    rubric = get_object_or_404(Rubric, programme=cohort.programme)
    criterion = get_object_or_404(rubric.criteria, pk=criterion_pk) if criterion_pk else None
    form = CriterionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("showcase:cohort", pk=cohort.pk)
    try:
        services.criterion_save(
            rubric=rubric, changed_by=request.user, criterion=criterion, **form.cleaned_data
        )
    except ValidationError as exc:
        return _refused(request, cohort, exc)
    return _done(request, cohort, _("The rubric is saved."))


@require_POST
@signed_in
def criterion_delete(request: AuthedRequest, pk: int, criterion_pk: int) -> HttpResponse:
    cohort = _leadership_cohort(request, pk)
    require(request.user, "showcase.set_rubric", cohort.programme)
    criterion = get_object_or_404(
        Criterion.objects.select_related("rubric"),
        rubric__programme=cohort.programme,
        pk=criterion_pk,
    )
    try:
        services.criterion_delete(criterion=criterion, changed_by=request.user)
    except ValidationError as exc:
        return _refused(request, cohort, exc)
    return _done(request, cohort, _("The criterion is removed."))


@require_POST
@signed_in
def schedule(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort, event = _managed(request, pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("showcase:cohort", pk=cohort.pk)
    try:
        made = services.slots_generate(
            event=_event_or_back(event),
            changed_by=request.user,
            minutes=form.cleaned_data["minutes"],
            room=form.cleaned_data["room"],
        )
    except ValidationError as exc:
        return _refused(request, cohort, exc)
    return _done(request, cohort, _("%(count)s presentations scheduled.") % {"count": len(made)})


def _managed_slot(request: AuthedRequest, pk: int) -> tuple[Cohort, Slot]:
    slot = get_object_or_404(
        Slot.objects.for_user(request.user).select_related("event__cohort__programme"), pk=pk
    )
    require(request.user, "showcase.manage", slot.event.cohort)
    return slot.event.cohort, slot


@require_POST
@signed_in
def slot_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort, slot = _managed_slot(request, pk)
    form = SlotEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("showcase:cohort", pk=cohort.pk)
    try:
        services.slot_update(slot=slot, changed_by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _refused(request, cohort, exc)
    return _done(request, cohort, _("The presentation is rescheduled."))


@require_POST
@signed_in
def assign(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort, slot = _managed_slot(request, pk)
    form = AssignForm(request.POST, judges=sponsors_of(cohort))
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("showcase:cohort", pk=cohort.pk)
    try:
        services.judge_assign(slot=slot, judge=form.cleaned_data["judge"], changed_by=request.user)
    except ValidationError as exc:
        return _refused(request, cohort, exc)
    return _done(request, cohort, _("The judge is named."))


@require_POST
@signed_in
def assign_sponsors(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort, event = _managed(request, pk)
    try:
        made = services.judges_assign_sponsors(event=_event_or_back(event), changed_by=request.user)
    except ValidationError as exc:
        return _refused(request, cohort, exc)
    return _done(request, cohort, _("%(count)s judges named.") % {"count": len(made)})


@require_POST
@signed_in
def unassign(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        JudgeAssignment.objects.for_user(request.user).select_related("slot__event__cohort"), pk=pk
    )
    cohort = assignment.slot.event.cohort
    require(request.user, "showcase.manage", cohort)
    try:
        services.judge_unassign(assignment=assignment, changed_by=request.user)
    except ValidationError as exc:
        return _refused(request, cohort, exc)
    return _done(request, cohort, _("The judge is taken off the presentation."))


@require_POST
@signed_in
def publish(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort, event = _managed(request, pk)
    me = _me(request)
    if me is None:
        raise PermissionDenied
    try:
        services.results_publish(event=_event_or_back(event), published_by=me)
    except ValidationError as exc:
        return _refused(request, cohort, exc)
    return _done(request, cohort, _("The results are published to the cohort."))


@require_POST
@signed_in
def vote_open(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort, event = _managed(request, pk)
    is_open = request.POST.get("open") == "1"
    services.audience_vote_set(
        event=_event_or_back(event), is_open=is_open, changed_by=request.user
    )
    return _done(
        request,
        cohort,
        _("The audience vote is open.") if is_open else _("The audience vote is closed."),
    )


# ---------- The results and the vote, for the cohort's people ----------


@signed_in
def results_page(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = _leadership_cohort(request, pk)
    event = _event_or_back(services.showcase_of(cohort.pk))
    if not results.may_see(request.user, cohort, event):
        raise PermissionDenied(_("The results are shown once the programme team publishes them."))
    context = cohort_tabs_context(request, cohort, "showcase")
    context.update(
        event=event,
        rows=results.rows(event),
        criteria=_criteria(cohort.programme_id),
        publication=Publication.objects.filter(event=event).first(),
        votes=results.votes(event),
    )
    return render(request, "showcase/results.html", context)


@signed_in
def vote(request: AuthedRequest, pk: int) -> HttpResponse:
    """The audience vote: the cohort's people, one vote each, while the manager keeps it
    open. Counted apart from the judges' marks."""
    cohort = _leadership_cohort(request, pk)
    # The cohort's tab: before its showcase is planned, the page says so (a vote needs one).
    event = services.showcase_of(cohort.pk)
    me = _me(request)
    can_vote = me is not None and Enrolment.objects.filter(cohort=cohort, person=me).exists()
    publication = Publication.objects.filter(event=event).first()
    if request.method == "POST":
        event = _event_or_back(event)
        if me is None or not can_vote:
            raise PermissionDenied(_("The cohort's people vote."))
        slot = Slot.objects.filter(event=event, pk=_int(request.POST.get("slot"))).first()
        try:
            if slot is None:
                raise ValidationError({"slot": _("Choose a presentation of this showcase.")})
            services.audience_vote_cast(event=event, voter=me, slot=slot)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your vote is counted."))
        return redirect("showcase:vote", pk=cohort.pk)
    context = cohort_tabs_context(request, cohort, "showcase")
    context.update(
        event=event,
        is_open=bool(publication and publication.audience_vote_open),
        can_vote=can_vote,
        published=bool(publication and publication.is_published),
        slots=list(Slot.objects.filter(event=event).order_by("position", "pk")),
        my_vote=AudienceVote.objects.filter(event=event, voter=me)
        .values_list("slot_id", flat=True)
        .first(),
    )
    return render(request, "showcase/vote.html", context)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 19 else 0
