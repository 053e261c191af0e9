from ninja import Router, Schema

from amplify.accounts.access import AuthedRequest
from amplify.apischema import ERROR_CODES, ErrorOut, access

router = Router(tags=["account"])


class MeOut(Schema):
    email: str
    role: str
    is_administrator: bool
    person_id: int | None


@router.get(
    "/me",
    response={200: MeOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("any signed-in user: their own account"),
)
def me(request: AuthedRequest) -> MeOut:
    user = request.user
    from amplify.people.models import Person

    person = Person.objects.filter(user=user).only("pk").first()
    return MeOut(
        email=user.email,
        role=user.role,
        is_administrator=user.is_superuser,
        person_id=person.pk if person else None,
    )
