"""Diversity API: identifiable data, impact admins only."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from amplify.accounts.access import AuthedRequest
from amplify.apischema import ERROR_CODES, MAX_ID, ErrorOut, IdPath, Page, Text, access
from amplify.diversity import services
from amplify.diversity.models import AccessRecord, DiversityProfile
from amplify.home.concurrency import ABSENT, if_match, set_version, version_of
from amplify.people.models import Person

router = Router(tags=["diversity"])
Answer = Literal["", "yes", "no", "unknown", "declined"]


class ProfileOut(Schema):
    person_id: int
    gender: str
    gender_self_description: str
    ethnicity: str
    disability: str
    lgbtq: str
    parental_occupation: str
    school_type: str
    free_school_meals: str
    first_generation_university: str
    consent_recorded_at: datetime
    consent_to_matching: bool
    share_with_mentor: list[str]


class ProfileIn(Schema):
    consent_given: bool = Field(..., description="Must be true: no data is held without consent")
    gender: Literal["", "woman", "man", "non_binary", "self_described", "declined"] = ""
    gender_self_description: Text = Field("", max_length=100)
    ethnicity: Text = Field("", max_length=100)
    disability: Answer = ""
    lgbtq: Answer = ""
    parental_occupation: Literal[
        "", "professional", "intermediate", "working_class", "other", "declined"
    ] = ""
    school_type: Literal[
        "",
        "state_non_selective",
        "state_selective",
        "independent",
        "independent_bursary",
        "abroad",
        "declined",
    ] = ""
    free_school_meals: Answer = ""
    first_generation_university: Answer = ""
    consent_to_matching: bool = False
    share_with_mentor: list[
        Literal[
            "gender", "parental_occupation", "first_generation_university", "lgbtq", "disability"
        ]
    ] = Field(
        default_factory=list,
        max_length=2,
        description="Background the person would like a mentor to share (up to two)",
    )


def _impact_admin(request: AuthedRequest) -> None:
    if not getattr(request.user, "is_impact_admin", False):
        raise PermissionDenied(_("Only impact admins may read or change diversity data."))


@router.get(
    "/profiles/{person_id}",
    response={200: ProfileOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("impact admins only (not administrators)"),
)
def get_profile(
    request: AuthedRequest, person_id: IdPath, response: HttpResponse
) -> DiversityProfile:
    """The `ETag` header is the profile's version: send it back in `If-Match` to change it."""
    _impact_admin(request)
    profile = get_object_or_404(
        DiversityProfile.objects.for_user(request.user), person_id=person_id
    )
    services.diversity_access_record(
        reader=request.user, person_ids=[profile.person_id], route=AccessRecord.Route.API_PROFILE
    )
    set_version(response, version_of(profile, services.FIELDS))
    return profile


@router.put(
    "/profiles/{person_id}",
    response={200: ProfileOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("impact admins only (not administrators)"),
)
def put_profile(
    request: AuthedRequest, person_id: IdPath, payload: ProfileIn, response: HttpResponse
) -> Any:
    """Changing a profile requires `If-Match` with the ETag of your last read (428 without
    it, 409 if someone saved since); creating one needs none (409 if someone else created
    it at the same moment)."""
    _impact_admin(request)
    person = get_object_or_404(Person.objects.for_user(request.user), pk=person_id)
    exists = DiversityProfile.objects.for_user(request.user).filter(person=person).exists()
    version = if_match(request, required=exists) or ABSENT
    data = payload.dict()
    consent = data.pop("consent_given")
    profile = services.diversity_profile_save(
        person=person, changed_by=request.user, consent_given=consent, version=version, **data
    )
    set_version(response, version_of(profile, services.FIELDS))
    return profile


class AccessRecordOut(Schema):
    id: int
    read_at: datetime
    reader_id: int | None
    reader_email: str | None
    person_id: int | None = Field(..., alias="subject_id", description="None once erased")
    route: str
    route_label: str

    @staticmethod
    def resolve_reader_email(obj: AccessRecord) -> str | None:
        return obj.reader.email if obj.reader is not None else None

    @staticmethod
    def resolve_route_label(obj: AccessRecord) -> str:
        return obj.get_route_display()


class AccessLogFilter(Schema):
    reader: int | None = Field(None, ge=1, le=MAX_ID, description="A reader's user id")
    person: int | None = Field(None, ge=1, le=MAX_ID, description="Whose profile was read")


@router.get(
    "/access-log",
    response={200: list[AccessRecordOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("impact admins only (not administrators)"),
)
@paginate(Page)
def list_access_log(request: AuthedRequest, filters: Query[AccessLogFilter]) -> Any:
    """Reads of identifiable diversity profiles, newest first."""
    _impact_admin(request)
    records = AccessRecord.objects.for_user(request.user).select_related("reader")
    if filters.reader is not None:
        records = records.filter(reader_id=filters.reader)
    if filters.person is not None:
        records = records.filter(subject_id=filters.person)
    return records
