"""Each person's own matching profile."""

from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from amplify.accounts.access import AuthedRequest
from amplify.apischema import ERROR_CODES, MAX_ID, ErrorOut, access
from amplify.core.matching.profiles import MAX_CAPACITY, MAX_SLOTS, MAX_TAGS, SLOTS_PER_WEEK
from amplify.home.concurrency import ABSENT, if_match, set_version, version_of
from amplify.matching import services
from amplify.matching.models import MatchProfile
from amplify.matching.vocabulary import TAGS, JobFamily, Seniority
from amplify.people.models import Division, Person

router = Router()

Slot = Annotated[int, Field(ge=0, le=SLOTS_PER_WEEK - 1)]
# The vocabularies are the models': an interest or job family added there is in the API too.
if TYPE_CHECKING:
    Tag = str
    Family = str
    Format = str
else:
    Tag = Literal[tuple(TAGS)]  # the vocabulary, listed in the schema
    Family = Literal[("", *JobFamily.values)]
    Format = Literal[tuple(MatchProfile.Format.values)]


class ProfileIO(Schema):
    tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)
    job_family: Family = ""
    aspired_division_id: int | None = Field(None, ge=1, le=MAX_ID)
    seniority: int = Field(
        Seniority.EXECUTIVE.value, ge=min(Seniority.values), le=max(Seniority.values)
    )
    availability: list[Slot] = Field(
        default_factory=list,
        max_length=MAX_SLOTS,
        description="Weekly slots in your own time: day × 3 + "
        "part of day (0 Monday morning … 20 Sunday evening)",
    )
    meeting_format: Format = MatchProfile.Format.EITHER.value
    capacity: int = Field(
        1,
        ge=1,
        le=MAX_CAPACITY,
        description="Mentors (at most 3) and coaches (at most 8): the people you can take",
    )
    share_background_match_with_mentee: bool = Field(
        False,
        description="Mentors and coaches: let your mentee see, in why you were matched, that "
        "you share the background she asked for. Off: that line is shown to nobody",
    )


def _me(request: AuthedRequest) -> Person:
    return get_object_or_404(Person, user=request.user)


def _profile_out(profile: MatchProfile | None) -> dict[str, Any]:
    if profile is None:
        return ProfileIO.model_validate({}).dict()
    return {
        "tags": profile.tags,
        "job_family": profile.job_family,
        "aspired_division_id": profile.aspired_division_id,
        "seniority": profile.seniority,
        "availability": profile.availability,
        "meeting_format": profile.meeting_format,
        "capacity": profile.capacity,
        "share_background_match_with_mentee": profile.share_background_match_with_mentee,
    }


@router.get(
    "/me/match-profile",
    response={200: ProfileIO, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the caller's own matching profile"),
)
def get_my_profile(request: AuthedRequest, response: HttpResponse) -> dict[str, Any]:
    """The `ETag` header is the profile's version: send it back in `If-Match` to change it."""
    profile = MatchProfile.objects.filter(person=_me(request)).first()
    set_version(response, version_of(profile, services.PROFILE_FIELDS))
    return _profile_out(profile)


@router.put(
    "/me/match-profile",
    response={200: ProfileIO, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the caller's own matching profile"),
)
@transaction.atomic
def put_my_profile(
    request: AuthedRequest, payload: ProfileIO, response: HttpResponse
) -> dict[str, Any]:
    """Requires `If-Match` with the ETag of your last read once you have a profile (428
    without it, 409 if it changed since); the first save needs none."""
    person = _me(request)
    exists = MatchProfile.objects.filter(person=person).exists()
    version = if_match(request, required=exists) or ABSENT
    data = payload.dict()
    division_id = data.pop("aspired_division_id")
    division = None
    if division_id is not None:
        division = Division.objects.filter(pk=division_id).first()
        if division is None:
            raise ValidationError(
                {
                    "aspired_division_id": _("No division %(division_id)s.")
                    % {"division_id": division_id}
                }
            )
    profile = services.match_profile_save(
        person=person,
        changed_by=request.user,
        aspired_division=division,
        version=version,
        **data,
    )
    set_version(response, version_of(profile, services.PROFILE_FIELDS))
    return _profile_out(profile)
