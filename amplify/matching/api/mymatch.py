"""Each person's own published matches, explained."""

from ninja import Field, Router, Schema

from amplify.accounts.access import AuthedRequest
from amplify.apischema import ERROR_CODES, ErrorOut, access
from amplify.matching import explanations
from amplify.matching.api._common import Contribution
from amplify.matching.explanations import Explanation

router = Router()


class MyMatchOut(Schema):
    cohort: str = Field(..., alias="pair.run.cohort.name")
    kind: str = Field(..., alias="pair.run.kind")
    mentor_id: int = Field(..., alias="pair.mentor_id")
    mentor_name: str = Field(..., alias="pair.mentor.name")
    mentee_id: int = Field(..., alias="pair.mentee_id")
    mentee_name: str = Field(..., alias="pair.mentee.name")
    score: int = Field(..., description="The points of the criteria shown in the breakdown")
    breakdown: list[Contribution]
    private_left_out: bool = Field(
        ...,
        description="The match also counted private preferences (the background a mentee "
        "asked her mentor to share), left out of this score and breakdown: only the mentee "
        "sees them, and only if her mentor agreed",
    )


@router.get(
    "/me/matches",
    response={200: list[MyMatchOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the caller's own published matches"),
)
def my_matches(request: AuthedRequest) -> list[Explanation]:
    """Your current published matches, each with its score explained criterion by criterion."""
    return explanations.my_matches(request.user)
