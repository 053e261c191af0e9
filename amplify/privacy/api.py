"""Subject access and erasure over the API: the same services as the pages."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, ErrorOut, IdPath, Text, access
from amplify.people.models import Person
from amplify.privacy import services
from amplify.privacy.models import Erasure
from amplify.privacy.rules import require_may_erase
from amplify.privacy.views import zip_response

router = Router(tags=["privacy"])


def _zip_doc(who: str) -> dict[str, Any]:
    return {
        **access(who),
        "responses": {
            200: {
                "description": "A ZIP of JSON and CSV files: everything held about the person.",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    }


class ErasureOut(Schema):
    reference: str
    status: str
    requested_at: datetime | None
    erased_at: datetime | None


class ErasureRequestIn(Schema):
    email: Text = Field(
        ..., max_length=254, description="The email address of your profile, to confirm."
    )


def _erasure_out(record: Erasure) -> ErasureOut:
    return ErasureOut(
        reference=record.reference.hex,
        status=record.status,
        requested_at=record.requested_at,
        erased_at=record.erased_at,
    )


@router.post(
    "/me/erasure-request",
    response={201: ErasureOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "any signed-in user with a person record: asks for her own erasure, which an "
        "administrator or impact admin then carries out; asking again answers the same request"
    ),
)
def request_erasure(request: AuthedRequest, payload: ErasureRequestIn) -> Status[ErasureOut]:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise ValidationError(_("Your account is not linked to a person record."))
    record = services.erasure_request(person=person, requested_by=request.user, email=payload.email)
    return Status(201, _erasure_out(record))


@router.get(
    "/me/export",
    response={ERROR_CODES: ErrorOut},
    openapi_extra=_zip_doc("any signed-in user with a person record: their own data"),
)
def export_mine(request: AuthedRequest) -> StreamingHttpResponse:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise ValidationError(_("Your account is not linked to a person record."))
    return zip_response(request, person)


@router.get(
    "/people/{person_id}/export",
    response={ERROR_CODES: ErrorOut},
    openapi_extra=_zip_doc(
        "the person themself, administrators and impact admins (diversity data only for "
        "the person and impact admins); 404 unless the caller may see the person"
    ),
)
def export_person(request: AuthedRequest, person_id: IdPath) -> StreamingHttpResponse:
    person = get_object_or_404(Person.objects.for_user(request.user), pk=person_id)
    require(request.user, "privacy.export_person_data", person)
    return zip_response(request, person)


@router.post(
    "/people/{person_id}/erase",
    response={200: ErasureOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "administrators and impact admins, never on their own record; erasing twice "
        "answers the same reference"
    ),
)
def erase_person(request: AuthedRequest, person_id: IdPath) -> ErasureOut:
    """Anonymise the person everywhere (UK GDPR art. 17). Enrolments, pairs and every count
    stay, as anonymous rows. Cannot be undone."""
    person = get_object_or_404(Person.objects.for_user(request.user), pk=person_id)
    require_may_erase(request.user, person)
    record = services.person_erase(person=person, erased_by=request.user)
    return _erasure_out(record)
