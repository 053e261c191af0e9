"""Training pages: a mentor's own progress, a programme's curriculum and screening (its
managers), the cohort's readiness table and one mentor's record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, role, signed_in
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.views import cohort_tabs_context
from amplify.training import services
from amplify.training.forms import (
    FILTERS,
    ActivityForm,
    CheckForm,
    CodeForm,
    ReturnForm,
    SettingsForm,
)
from amplify.training.labels import GAPS, gap_labels
from amplify.training.models import Activity, BackgroundCheck, CodeOfConduct, Module
from amplify.training.readiness import cohort_readiness, curriculum_of, readiness_for
from amplify.training.rules import is_mentor


def _me(request: AuthedRequest) -> Person | None:
    return Person.objects.filter(user=request.user).first()


# ---------- The mentor's own ----------


@role(is_mentor, gettext_lazy("mentors"))
def mine(request: AuthedRequest) -> HttpResponse:
    """Her training in each programme she mentors in: hours by module, what is left, her
    screening, for the latest cohort she is enrolled in as a mentor."""
    me = _me(request)
    enrolments = (
        Enrolment.objects.filter(person=me, role=Enrolment.Role.MENTOR)
        .select_related("cohort__programme")
        .order_by("cohort__programme_id", "-cohort__starts_on")
        if me
        else Enrolment.objects.none()
    )
    seen: set[int] = set()
    programmes = []
    for enrolment in enrolments:
        cohort = enrolment.cohort
        if cohort.programme_id in seen:
            continue
        seen.add(cohort.programme_id)
        programmes.append(_mentor_view(cohort, me))  # type: ignore[arg-type]
    return render(request, "training/mine.html", {"programmes": programmes})


def _mentor_view(cohort: Cohort, person: Person) -> dict[str, Any]:
    curriculum = curriculum_of(cohort.programme)
    result = readiness_for(
        programme=cohort.programme, people=[person.pk], on=cohort.starts_on, curriculum=curriculum
    )[person.pk]
    activities = {
        a.module_id: a
        for a in Activity.objects.filter(person=person, module__programme=cohort.programme)
    }
    progress = {p.key: p for p in result.modules}
    modules = [
        {
            "module": m,
            "progress": progress[str(m.pk)],
            "activity": activities.get(m.pk),
            "form": ActivityForm(prefix=f"m{m.pk}"),
        }
        for m in curriculum.modules
    ]
    accepted = (
        curriculum.code.acceptances.filter(person=person).first() if curriculum.code else None
    )
    return {
        "cohort": cohort,
        "programme": cohort.programme,
        "readiness": result,
        "gaps": gap_labels(result.gaps),
        "modules": modules,
        "code": curriculum.code,
        "accepted": accepted,
        "requirements": curriculum.requirements,
        "checks": BackgroundCheck.objects.filter(person=person, programme=cohort.programme)[:5],
    }


@require_POST
@signed_in
def activity_done(request: AuthedRequest, pk: int) -> HttpResponse:
    module = get_object_or_404(Module.objects.for_user(request.user), pk=pk)
    me = _me(request)
    form = ActivityForm(request.POST, prefix=f"m{module.pk}")
    if me is None or not form.is_valid():
        messages.error(request, _("Say what you did: a course, a reading, a recording."))
        return redirect("training:mine")
    try:
        services.activity_mark_done(module=module, person=me, summary=form.cleaned_data["summary"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Marked done: the programme manager will verify it."))
    return redirect("training:mine")


@require_POST
@signed_in
def code_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    code = get_object_or_404(CodeOfConduct.objects.for_user(request.user), pk=pk)
    me = _me(request)
    try:
        if me is None:
            raise ValidationError(_("Only the programme's mentors accept its code."))
        services.code_accept(code=code, person=me)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: you accepted the code of conduct."))
    return redirect("training:mine")


# ---------- The programme's managers ----------


def _managed_programme(request: AuthedRequest, slug: str) -> Programme:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "training.manage", programme)
    return programme


@signed_in
def programme_training(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _managed_programme(request, slug)
    return _programme_page(request, programme)


def _programme_page(
    request: AuthedRequest,
    programme: Programme,
    *,
    settings_form: SettingsForm | None = None,
    code_form: CodeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    curriculum = curriculum_of(programme)
    context = {
        "programme": programme,
        "curriculum": curriculum,
        "total_hours": curriculum.requirements.hours if curriculum.modules else None,
        "settings_form": settings_form or SettingsForm(instance=curriculum.settings),
        "code_form": code_form
        or CodeForm(initial={"text": curriculum.code.text if curriculum.code else ""}),
        "to_verify": Activity.objects.to_verify()
        .filter(module__programme=programme)
        .select_related("module", "person")[:200],
        "cohorts": programme.cohorts.order_by("-starts_on")[:12],
        "return_form": ReturnForm(),
    }
    return render(request, "training/programme.html", context, status=status)


@require_POST
@signed_in
def curriculum_default(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _managed_programme(request, slug)
    try:
        services.curriculum_create_default(programme=programme, created_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The default curriculum is set up."))
    return redirect("training:programme", slug=programme.slug)


@require_POST
@signed_in
def settings_set(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _managed_programme(request, slug)
    form = SettingsForm(request.POST)
    if form.is_valid():
        services.training_settings_set(
            programme=programme, changed_by=request.user, **form.cleaned_data
        )
        messages.success(request, _("The screening settings are saved."))
        return redirect("training:programme", slug=programme.slug)
    return _programme_page(request, programme, settings_form=form, status=400)


@require_POST
@signed_in
def code_publish(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _managed_programme(request, slug)
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            code = services.code_publish(
                programme=programme, text=form.cleaned_data["text"], published_by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Version %(version)s is published.") % {"version": code.version}
            )
            return redirect("training:programme", slug=programme.slug)
    return _programme_page(request, programme, code_form=form, status=400)


def _activity(request: AuthedRequest, pk: int) -> Activity:
    activity = get_object_or_404(
        Activity.objects.for_user(request.user).select_related("module__programme", "person"),
        pk=pk,
    )
    require(request.user, "training.verify_activity", activity)
    return activity


@require_POST
@signed_in
def activity_verify(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    try:
        services.activity_verify(activity=activity, verified_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Verified: %(name)s has been told.") % {"name": activity.person.display_name},
        )
    return redirect("training:programme", slug=activity.module.programme.slug)


@require_POST
@signed_in
def activity_return(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Tell the mentor what is missing."))
        services.activity_return(
            activity=activity, returned_by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Returned to the mentor with your note."))
    return redirect("training:programme", slug=activity.module.programme.slug)


# ---------- A cohort's readiness ----------


def _managed_cohort(request: AuthedRequest, pk: int) -> Cohort:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=pk
    )
    require(request.user, "programmes.manage_cohort", cohort)
    return cohort


@signed_in
def cohort_readiness_table(request: AuthedRequest, pk: int) -> HttpResponse:
    """Who of the cohort's mentors is ready to be matched, and why not; filtered by
    ready, not ready, or one missing item."""
    cohort = _managed_cohort(request, pk)
    mentors = list(
        Person.objects.filter(
            enrolments__cohort=cohort,
            enrolments__role=Enrolment.Role.MENTOR,
            enrolments__status=Enrolment.Status.ACTIVE,
        )
        .distinct()
        .order_by("name", "pk")
    )
    ready = cohort_readiness(cohort, [p.pk for p in mentors])
    show = request.GET.get("show", "all")
    choices = [*FILTERS, *GAPS.items()]
    if show not in dict(choices):
        show = "all"
    rows = []
    for person in mentors:
        r = ready[person.pk]
        if (
            (show == "ready" and not r.ready)
            or (show == "not_ready" and r.ready)
            or (show in GAPS and show not in r.gaps)
        ):
            continue
        rows.append((person, r, gap_labels(r.gaps)))
    context = cohort_tabs_context(request, cohort, "training")
    context.update(
        rows=rows,
        show=show,
        choices=choices,
        ready_count=sum(1 for r in ready.values() if r.ready),
        mentor_count=len(mentors),
    )
    return render(request, "training/cohort.html", context)


@signed_in
def mentor_record(request: AuthedRequest, pk: int, person: int) -> HttpResponse:
    """One mentor's training and screening, for the cohort's managers; they record her
    background checks here."""
    cohort = _managed_cohort(request, pk)
    mentor = get_object_or_404(
        Person.objects.filter(
            enrolments__cohort=cohort, enrolments__role=Enrolment.Role.MENTOR
        ).distinct(),
        pk=person,
    )
    form = CheckForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require(request.user, "training.manage", cohort.programme)
        if form.is_valid():
            try:
                services.background_check_record(
                    programme=cohort.programme,
                    person=mentor,
                    verified_by=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The background check is recorded."))
                return redirect("training:mentor", pk=cohort.pk, person=mentor.pk)
        status = 400
    context = cohort_tabs_context(request, cohort, "training")
    context.update(
        mentor=mentor,
        view=_mentor_view(cohort, mentor),
        form=form,
        all_checks=BackgroundCheck.objects.filter(
            person=mentor, programme=cohort.programme
        ).select_related("verified_by__person")[:50],
    )
    return render(request, "training/mentor.html", context, status=status)
