"""Programme and cohort pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, permission, require, signed_in
from amplify.events.models import Event
from amplify.home.audit import changes_in
from amplify.home.concurrency import EditConflict, version_of
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Person
from amplify.programmes import lifecycle, services
from amplify.programmes.forms import (
    CohortEditForm,
    CohortForm,
    EnrolForm,
    PairingForm,
    PhaseForm,
    ProgrammeEditForm,
    ProgrammeForm,
    StatusForm,
)
from amplify.programmes.models import Cohort, Enrolment, Pairing, Phase, Programme

PAGE_SIZE = 50


@permission("programmes.view_programmes")
def programme_list(request: AuthedRequest) -> HttpResponse:
    visible_cohorts = Cohort.objects.for_user(request.user).with_counts().order_by("-starts_on")
    programmes = (
        Programme.objects.for_user(request.user)
        .prefetch_related("pillars", Prefetch("cohorts", queryset=visible_cohorts))
        .annotate(cohort_count=Count("cohorts", distinct=True))
    )
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


@permission("programmes.add_programme")
def programme_create(request: AuthedRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(programme)s is created. Add its first cohort.") % {"programme": programme},
            )
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form})


@signed_in
def programme_detail(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    cohorts = (
        Cohort.objects.for_user(request.user)
        .filter(programme=programme)
        .with_counts()
        .order_by("-starts_on")
    )
    context = {
        "programme": programme,
        "cohorts": cohorts,
        "managers": programme.managers.all(),
        "pillars": programme.pillars.all(),
        "can_change": request.user.has_perm("programmes.change_programme", programme),
        # The programme's impact report (amplify/impact): managers, impact admins.
        "can_report": request.user.has_perm("impact.view_programme_report", programme),
        "today": timezone.localdate(),
    }
    return render(request, "programmes/programme_detail.html", context)


@signed_in
def programme_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "programmes.change_programme", programme)
    initial = {
        "name": programme.name,
        "summary": programme.summary,
        "description": programme.description,
        "pillars": programme.pillars.all(),
        "managers": programme.managers.all(),
        "version": version_of(programme, services.PROGRAMME_FIELDS),
    }
    form = ProgrammeEditForm(request.POST or None, initial=initial, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                programme=programme, changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect(programme)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


@signed_in
def cohort_create(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "programmes.add_cohort", programme)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(
                programme=programme, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(cohort)s is created as a draft.") % {"cohort": cohort})
            return redirect(cohort)
    return render(request, "programmes/cohort_form.html", {"form": form, "programme": programme})


def visible_cohort(request: AuthedRequest, pk: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=pk
    )


def cohort_tabs_context(request: AuthedRequest, cohort: Cohort, tab: str) -> dict[str, object]:
    can_manage = request.user.has_perm("programmes.manage_cohort", cohort)
    return {
        "cohort": cohort,
        "programme": cohort.programme,
        "tab": tab,
        "can_manage": can_manage,
        # The "Impact" tab (amplify/impact): managers, impact admins and administrators.
        "can_report": request.user.has_perm("impact.view_cohort_report", cohort),
        # Each a link to its confirmation: a status never changes in one click.
        "transitions": [
            t
            for t in lifecycle.cohort_transitions(cohort)
            if can_manage and request.user.has_perm(t.permission, cohort)
        ],
    }


@signed_in
def cohort_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    today = timezone.localdate()
    # Those taking part, or who took part until the close (not those who withdrew).
    counts = dict(
        cohort.enrolments.taking_part().values_list("role").annotate(n=Count("id")).order_by()
    )
    roles = [
        (
            r.label.lower() if counts.get(r.value) == 1 else Enrolment.PLURALS[r],
            counts.get(r.value, 0),
        )
        for r in cohort.programme.roles
    ]
    context = cohort_tabs_context(request, cohort, "overview")
    context.update(
        roles=roles,
        active_count=sum(counts.values()),
        closed=cohort.status == Cohort.Status.CLOSED,
        phases=list(cohort.phases.all()),
        events=Event.objects.for_user(request.user)
        .filter(cohort=cohort)
        .upcoming(now=timezone.now())
        .with_rsvp_counts()[:5],
        my_roles=[
            e.get_role_display() for e in cohort.enrolments.filter(person__user=request.user)
        ],
        progress=cohort.progress(today=today),
        today=today,
        phase_form=PhaseForm() if context["can_manage"] else None,
        pillars=cohort.programme.pillars.all(),
    )
    return render(request, "programmes/cohort_detail.html", context)


@signed_in
def cohort_people(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    role = request.GET.get("role", "")
    text = request.GET.get("q", "").strip()
    enrolments = (
        Enrolment.objects.for_user(request.user)
        .filter(cohort=cohort)
        .select_related("person__country", "person__division")
        .in_role_order(cohort.programme.roles)
    )
    if role in Enrolment.Role.values:
        enrolments = enrolments.filter(role=role)
    if text:
        enrolments = enrolments.filter(person__in=Person.objects.search(text))
    page = Paginator(enrolments, PAGE_SIZE).get_page(request.GET.get("page"))
    context = cohort_tabs_context(request, cohort, "people")
    context.update(page=page, role=role, q=text, roles=cohort.programme.roles)
    if request.htmx and request.htmx.target == "roster":
        return render(request, "programmes/cohort_people.html#roster", context)
    return render(request, "programmes/cohort_people.html", context)


@signed_in
def cohort_candidates(request: AuthedRequest, pk: int) -> HttpResponse:
    """People a manager may enrol: a search box fills this list as she types."""
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    text = request.GET.get("q", "").strip()
    people = Person.objects.none()
    if len(text) >= 2:
        people = (
            Person.objects.for_user(request.user)
            .search(text)
            .exclude(pk__in=cohort.enrolments.active().values("person_id"))
            .select_related("division", "country")
            .order_by("name")[:10]
        )
    return render(
        request,
        "programmes/_candidates.html",
        {"cohort": cohort, "people": people, "q": text, "roles": cohort.programme.roles},
    )


@require_POST
@signed_in
def cohort_enrol(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    form = EnrolForm(request.POST, cohort=cohort, user=request.user)
    if form.is_valid():
        try:
            enrolment = services.cohort_enrol(
                cohort=cohort, enrolled_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(person)s is enrolled as %(role)s.")
                % {"person": enrolment.person, "role": enrolment.get_role_display().lower()},
            )
    else:
        messages.error(
            request,
            _("Choose a person and a role: %(errors)s")
            % {"errors": " ".join(str(e) for errs in form.errors.values() for e in errs)},
        )
    return redirect("programmes:cohort-people", pk=cohort.pk)


@require_POST
@signed_in
def enrolment_withdraw(request: AuthedRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    enrolment = get_object_or_404(cohort.enrolments.select_related("person"), pk=enrolment_pk)
    try:
        services.enrolment_withdraw(
            enrolment=enrolment, changed_by=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(person)s is withdrawn.") % {"person": enrolment.person})
    return redirect("programmes:cohort-people", pk=cohort.pk)


@signed_in
def cohort_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    initial = {
        "name": cohort.name,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "description": cohort.description,
        "version": version_of(cohort, services.COHORT_FIELDS),
    }
    form = CohortEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(cohort=cohort, changed_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The cohort is saved."))
            return redirect(cohort)
    return render(
        request,
        "programmes/cohort_form.html",
        {"form": form, "programme": cohort.programme, "cohort": cohort},
    )


@signed_in
def cohort_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET ?to=<status>: what the move will do, and a button to confirm it; POST: make it."""
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    if request.method == "POST":
        form = StatusForm(request.POST)
    else:
        current = version_of(cohort, lifecycle.STATUS_FIELDS)
        form = StatusForm({"status": request.GET.get("to", ""), "version": current})
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(cohort)
    status = form.cleaned_data["status"]
    offered = {t.target: t for t in lifecycle.cohort_transitions(cohort)}
    transition = offered.get(status)
    if transition is not None:
        require(request.user, transition.permission, cohort)
    if request.method == "GET":
        if transition is None:
            try:
                lifecycle.cohort_transition(cohort, status)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            return redirect(cohort)
        context = cohort_tabs_context(request, cohort, "")
        context.update(
            transitions=[],  # the page is about this one
            form=form,
            transition=transition,
            effects=lifecycle.cohort_status_effects(cohort, transition),
        )
        return render(request, "programmes/cohort_status.html", context)
    undelivered: list[str] = []
    try:
        cohort = lifecycle.cohort_set_status(
            cohort=cohort,
            changed_by=request.user,
            status=status,
            version=form.cleaned_data["version"],
            undelivered=undelivered,
        )
    except EditConflict:
        cohort.refresh_from_db()
        messages.error(
            request,
            _(
                "Someone else changed this cohort's status since you opened the confirmation; "
                "it is now %(status)s. Nothing was changed."
            )
            % {"status": cohort.get_status_display().lower()},
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(cohort)s is now %(status)s.")
            % {"cohort": cohort, "status": cohort.get_status_display().lower()},
        )
        if undelivered:
            # Held pair announcements went out with the move; some did not arrive.
            messages.warning(
                request,
                _(
                    "The email to %(names)s could not be sent; tell them yourself "
                    "(the failure is in the server log)."
                )
                % {"names": ", ".join(undelivered)},
            )
    return redirect(cohort)


@require_POST
@signed_in
def phase_add(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            services.phase_add(cohort=cohort, changed_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Phase “%(phase)s” is added.") % {"phase": form.cleaned_data["name"]}
            )
    else:
        messages.error(request, _("Give the phase a name, a start and an end date."))
    return redirect(cohort)


@require_POST
@signed_in
def phase_delete(request: AuthedRequest, pk: int, phase_pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    phase = get_object_or_404(Phase, cohort=cohort, pk=phase_pk)
    phase._history_user = request.user  # type: ignore[attr-defined]
    phase.delete()
    messages.success(request, _("Phase “%(phase)s” is removed.") % {"phase": phase.name})
    return redirect(cohort)


@signed_in
def cohort_pairs(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    context = cohort_tabs_context(request, cohort, "pairs")
    form = None
    if context["can_manage"]:
        form = PairingForm(
            request.POST or None,
            cohort=cohort,
            initial={"started_on": max(cohort.starts_on, timezone.localdate())},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.pairing_create(cohort=cohort, created_by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The pair is created."))
                return redirect("programmes:cohort-pairs", pk=cohort.pk)
    elif request.method == "POST":
        require(request.user, "programmes.manage_cohort", cohort)
    pairings = (
        Pairing.objects.for_user(request.user)
        .filter(cohort=cohort)
        .select_related("mentor", "mentee")
        .order_by("kind", "mentor__name", "pk")
    )
    context.update(pairings=pairings, form=form)
    return render(request, "programmes/cohort_pairs.html", context)


@signed_in
def cohort_history(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    histories = [
        Cohort.history.filter(id=cohort.pk),
        Enrolment.history.filter(cohort_id=cohort.pk),
        Phase.history.filter(cohort_id=cohort.pk),
        Pairing.history.filter(cohort_id=cohort.pk),
        Event.history.filter(cohort_id=cohort.pk),
    ]
    context = cohort_tabs_context(request, cohort, "history")
    context["changes"] = changes_in(histories, limit=100)
    return render(request, "programmes/cohort_history.html", context)
