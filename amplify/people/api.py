"""People API: the directory, profiles, external people and HR imports."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, ErrorOut, IdPath, LongText, Page, Text, access
from amplify.home.concurrency import if_match, set_version, version_of
from amplify.home.storedtext import shown
from amplify.operations import heartbeat
from amplify.people import services
from amplify.people.importing.encoding import split_warnings
from amplify.people.models import (
    BIO_MAX_LENGTH,
    Country,
    Partner,
    PeopleImport,
    Person,
    PersonQuerySet,
)

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    employee_id: str | None
    name: str
    preferred_name: str
    pronouns: str
    email: str
    country: str | None = Field(None, alias="country_id")
    division: str | None
    job_title: str
    manager_id: int | None
    languages: list[str]
    time_zone: str
    bio: str
    is_external: bool

    @staticmethod
    def resolve_division(obj: Person) -> str | None:
        return obj.division.name if obj.division_id else None  # type: ignore[union-attr]


class PersonFilter(Schema):
    q: Text = Field("", max_length=200, description="Name, email, job title or employee id")
    country: Text | None = Field(None, max_length=2, description="ISO 3166-1 alpha-2 code")
    division: Text | None = Field(None, max_length=120, description="Division name")
    kind: Literal["employees", "externals"] | None = None


class ProfileIn(Schema):
    preferred_name: Text | None = Field(None, max_length=100)
    pronouns: Text | None = Field(None, max_length=40)
    bio: LongText | None = Field(None, max_length=BIO_MAX_LENGTH)
    languages: list[Text] | None = Field(None, max_length=20)
    time_zone: Text | None = Field(None, max_length=64)
    interface_language: Text | None = Field(
        None, max_length=16, description="The language of Amplify for this person (en-gb, es, ja)."
    )


class ExternalPersonIn(Schema):
    name: Text = Field(..., min_length=1, max_length=200)
    email: Text = Field(..., min_length=3, max_length=254)
    country: Text | None = Field(None, max_length=2)
    referred_by: Text | None = Field(None, max_length=160, description="Partner slug")
    languages: list[Text] = Field(default_factory=list, max_length=20)


class ImportError_(Schema):
    row: int
    column: str | None
    message: str = Field(description="The error in the language of the request.")

    @staticmethod
    def resolve_message(obj: dict[str, Any]) -> str:
        return shown(obj)


class ImportOut(Schema):
    id: int
    filename: str
    status: str
    stage: str
    progress: int
    failure: str = Field(description="Why the import failed, when its status is `failed`.")
    encoding: str | None = Field(
        description="How a CSV's text was decoded (UTF-8, UTF-16, Shift-JIS (cp932), "
        "Windows-1252…); null for XLSX or before the check."
    )
    rows_total: int
    create_count: int
    update_count: int
    unchanged_count: int
    error_count: int
    errors: list[ImportError_] = Field(
        description="Row errors of the dry run or the commit's re-check (the first 1,000)."
    )
    warnings: list[str] = Field(description="Notes on the file, in the language of the request.")
    preview: list[dict[str, Any]]
    created_at: datetime
    checked_at: datetime | None
    finished_at: datetime | None
    heartbeat_at: datetime | None = Field(
        description="The worker's last sign of life on this import; one that stops beating "
        "is failed (status `failed`) and can be committed again."
    )
    file_deleted_at: datetime | None = Field(
        description="When retention deleted the file, its preview and its row errors."
    )

    @staticmethod
    def resolve_stage(obj: PeopleImport) -> str:
        return shown(obj.stage)

    @staticmethod
    def resolve_encoding(obj: PeopleImport) -> str | None:
        return split_warnings(obj.warnings)[0]

    @staticmethod
    def resolve_warnings(obj: PeopleImport) -> list[str]:
        return [shown(w) for w in split_warnings(obj.warnings)[1]]


def _visible(request: AuthedRequest) -> PersonQuerySet:
    return Person.objects.for_user(request.user).select_related("division")


@router.get(
    "",
    response={200: list[PersonOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; lists only the people the caller may see"),
)
@paginate(Page)
def list_people(request: AuthedRequest, filters: Query[PersonFilter]) -> Any:
    people = _visible(request).search(filters.q)
    if filters.country:
        people = people.filter(country_id=filters.country.upper())
    if filters.division:
        people = people.filter(division__name__iexact=filters.division)
    if filters.kind == "employees":
        people = people.employees()
    elif filters.kind == "externals":
        people = people.externals()
    return people.order_by("name", "pk")


@router.post(
    "/external",
    response={201: PersonOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("programme managers and administrators"),
)
def create_external(request: AuthedRequest, payload: ExternalPersonIn) -> Status[Person]:
    require(request.user, "people.add_external_person")
    country = referred_by = None
    if payload.country:
        country = Country.objects.filter(code=payload.country.upper()).first()
        if country is None:
            raise ValidationError(
                {"country": _("Unknown country code “%(country)s”.") % {"country": payload.country}}
            )
    if payload.referred_by:
        referred_by = Partner.objects.filter(slug=payload.referred_by).first()
        if referred_by is None:
            raise ValidationError(
                {
                    "referred_by": _("Unknown partner “%(referred_by)s”.")
                    % {"referred_by": payload.referred_by}
                }
            )
    person = services.person_create_external(
        name=payload.name,
        email=payload.email,
        country=country,
        referred_by=referred_by,
        languages=payload.languages,
        created_by=request.user,
    )
    return Status(201, person)


@router.get(
    "/{person_id}",
    response={200: PersonOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; 404 unless the caller may see the person"),
)
def get_person(request: AuthedRequest, person_id: IdPath, response: HttpResponse) -> Person:
    """The `ETag` header is the profile's version: send it back in `If-Match` to change it."""
    person = get_object_or_404(_visible(request), pk=person_id)
    set_version(response, version_of(person, services.EDITABLE_BY_OWNER))
    return person


@router.patch(
    "/{person_id}",
    response={200: PersonOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the person themself, or an administrator"),
)
def update_person(
    request: AuthedRequest, person_id: IdPath, payload: ProfileIn, response: HttpResponse
) -> Person:
    """Requires `If-Match` with the ETag of your last read (428 without it, 409 with the
    fields someone else changed since)."""
    person = get_object_or_404(_visible(request), pk=person_id)
    require(request.user, "people.change_profile", person)
    version = if_match(request)
    person = services.person_update(
        person=person, changed_by=request.user, version=version, **payload.dict(exclude_unset=True)
    )
    set_version(response, version_of(person, services.EDITABLE_BY_OWNER))
    return person


@router.get(
    "/imports/",
    response={200: list[ImportOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("programme managers (their own imports) and administrators"),
)
@paginate(Page)
def list_imports(request: AuthedRequest) -> Any:
    require(request.user, "people.import_people")
    return PeopleImport.objects.for_user(request.user).defer("content")


@router.post(
    "/imports/",
    response={202: ImportOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("programme managers and administrators"),
)
def start_import(request: AuthedRequest, file: File[UploadedFile]) -> Status[PeopleImport]:
    """Upload an HR export (CSV or XLSX). It is checked in the background (a dry run):
    poll the import until its status is `ready` (then commit it) or `invalid`."""
    require(request.user, "people.import_people")
    job = services.people_import_start(
        user=request.user, filename=file.name or "", content=file.read()
    )
    job.refresh_from_db()
    return Status(202, job)


@router.get(
    "/imports/{import_id}",
    response={200: ImportOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme manager who uploaded it, or an administrator"),
)
def get_import(request: AuthedRequest, import_id: IdPath) -> PeopleImport:
    require(request.user, "people.import_people")
    job = get_object_or_404(
        PeopleImport.objects.for_user(request.user).defer("content"), pk=import_id
    )
    heartbeat.job_fail_if_stopped(job)
    return job


@router.post(
    "/imports/{import_id}/commit",
    response={202: ImportOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme manager who uploaded it, or an administrator"),
)
def commit_import(request: AuthedRequest, import_id: IdPath) -> Status[PeopleImport]:
    """Write a checked import. It runs in the background; poll it until `done`."""
    require(request.user, "people.import_people")
    job = get_object_or_404(PeopleImport.objects.for_user(request.user), pk=import_id)
    services.people_import_commit(job=job, user=request.user)
    job.refresh_from_db()
    return Status(202, job)
