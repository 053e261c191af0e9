"""People pages: the directory, profiles, audit history and the HR import."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, permission, require, signed_in
from amplify.home.audit import changes_of
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.home.storedtext import shown
from amplify.operations import heartbeat
from amplify.people import services
from amplify.people.forms import (
    DirectoryFilterForm,
    ExternalPersonForm,
    ImportUploadForm,
    ProfileForm,
)
from amplify.people.importing.columns import COLUMNS
from amplify.people.importing.encoding import split_warnings
from amplify.people.models import Language, PeopleImport, Person
from amplify.programmes.models import Cohort, Enrolment, Pairing

PAGE_SIZE = 50


@signed_in
def person_list(request: AuthedRequest) -> HttpResponse:
    visible = Person.objects.for_user(request.user)
    form = DirectoryFilterForm(request.GET or None, people=visible)
    people = visible.select_related("country", "division")
    if form.is_valid():
        data = form.cleaned_data
        people = people.search(data["q"])
        if data["country"]:
            people = people.filter(country=data["country"])
        if data["division"]:
            people = people.filter(division=data["division"])
        if data["kind"] == "employees":
            people = people.employees()
        elif data["kind"] == "externals":
            people = people.externals()
    page = Paginator(people.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_add": request.user.has_perm("people.add_external_person"),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "people/person_list.html#results", context)
    return render(request, "people/person_list.html", context)


@signed_in
def person_me(request: AuthedRequest) -> HttpResponse:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        messages.info(request, _("Your account is not linked to a person record yet."))
        return redirect("home:index")
    return redirect(person)


@signed_in
def person_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.for_user(request.user).select_related(
            "country__region", "division", "manager", "partner", "referred_by"
        ),
        pk=pk,
    )
    visible = Person.objects.for_user(request.user)
    enrolments = (
        Enrolment.objects.for_user(request.user)
        .filter(person=person)
        .select_related("cohort__programme")
        .order_by("-cohort__starts_on")
    )
    pairings = (
        Pairing.objects.for_user(request.user)
        .filter(Q(mentor=person) | Q(mentee=person))
        .with_is_current()
        .select_related("mentor", "mentee", "cohort")
    )
    reports = visible.filter(manager=person).order_by("name")[:12]
    manager = (
        person.manager
        if person.manager_id and visible.filter(pk=person.manager_id).exists()
        else None
    )
    names = dict(Language.objects.filter(code__in=person.languages).values_list("code", "name"))
    context = {
        "person": person,
        "languages": [names.get(code, code) for code in person.languages],
        "manager": manager,
        "reports": reports,
        "enrolments": enrolments,
        # A partner sees a referral's enrolments, not the cohort's page: link only those seen.
        "open_cohorts": set(
            Cohort.objects.for_user(request.user)
            .filter(pk__in=enrolments.values("cohort_id"))
            .values_list("pk", flat=True)
        ),
        "pairings": pairings,
        "can_edit": request.user.has_perm("people.change_profile", person),
        "can_see_history": request.user.has_perm("people.view_person_history", person),
    }
    return render(request, "people/person_detail.html", context)


@signed_in
def person_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_user(request.user), pk=pk)
    require(request.user, "people.change_profile", person)
    initial = {f: getattr(person, f) for f in services.EDITABLE_BY_OWNER}
    initial["version"] = version_of(person, services.EDITABLE_BY_OWNER)
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, changed_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect(person)
    return render(request, "people/person_edit.html", {"person": person, "form": form})


@signed_in
def person_history(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_user(request.user), pk=pk)
    require(request.user, "people.view_person_history", person)
    return render(
        request,
        "people/person_history.html",
        {"person": person, "changes": changes_of(person, limit=100)},
    )


@permission("people.add_external_person")
def person_add(request: AuthedRequest) -> HttpResponse:
    form = ExternalPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create_external(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(person)s is added.") % {"person": person})
            return redirect(person)
    return render(request, "people/person_add.html", {"form": form})


@permission("people.import_people")
def import_list(request: AuthedRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.people_import_start(
                user=request.user, filename=upload.name, content=upload.read()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(job)
    jobs = (
        PeopleImport.objects.for_user(request.user)
        .select_related("uploaded_by")
        .defer("content", "errors", "preview")[:20]
    )
    return render(
        request, "people/import_list.html", {"form": form, "jobs": jobs, "columns": COLUMNS}
    )


@permission("people.import_people")
def import_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(PeopleImport.objects.for_user(request.user).defer("content"), pk=pk)
    heartbeat.job_fail_if_stopped(job)
    encoding, stored = split_warnings(job.warnings)
    warnings = [shown(w) for w in stored]
    context = {"job": job, "columns": COLUMNS, "encoding": encoding, "warnings": warnings}
    if request.htmx:
        return render(request, "people/import_detail.html#status", context)
    return render(request, "people/import_detail.html", context)


@require_POST
@permission("people.import_people")
def import_commit(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(PeopleImport.objects.for_user(request.user).defer("content"), pk=pk)
    try:
        services.people_import_commit(job=job, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(job)


@permission("people.import_people")
def import_template(request: AuthedRequest) -> HttpResponse:
    """An empty file with the right header row, and one example person."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.key for c in COLUMNS])
    writer.writerow(
        [
            "E10001",
            "Ana Souza",
            "ana.souza@example.com",
            "BR",
            "",
            "A&R Manager",
            "",
            "pt; en",
            "America/Sao_Paulo",
        ]
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="amplify-people-template.csv"'
    return response


@permission("people.import_people")
def import_errors_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(PeopleImport.objects.for_user(request.user).defer("content"), pk=pk)
    if not job.errors:
        raise Http404("This import has no errors.")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "column", "message"])
    for error in job.errors:
        writer.writerow([error["row"], error["column"] or "", shown(error)])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response
