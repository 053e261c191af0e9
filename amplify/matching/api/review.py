"""Reviewing a run before it is published: swap, lock and exclude its pairs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest
from amplify.apischema import ERROR_CODES, MAX_ID, ErrorOut, IdPath, access
from amplify.matching import services
from amplify.matching.api._common import MANAGERS, PairOut, managed_pair, managed_run
from amplify.matching.api.runs import RunOut
from amplify.matching.models import MatchingRun, ProposedPair

router = Router()


class LockIn(Schema):
    locked: bool = True


class SwapIn(Schema):
    first_pair_id: int = Field(..., ge=1, le=MAX_ID)
    second_pair_id: int = Field(..., ge=1, le=MAX_ID)


@router.post(
    "/matching-runs/{run_id}/swap",
    response={200: RunOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def swap(request: AuthedRequest, run_id: IdPath, payload: SwapIn) -> MatchingRun:
    """Swap the mentees of two pairs; both new pairs are locked."""
    run = managed_run(request, run_id)
    pairs = run.pairs.in_bulk([payload.first_pair_id, payload.second_pair_id])
    if len(pairs) != 2:
        raise ValidationError(_("Choose two different pairs of this run."))
    services.proposed_pairs_swap(
        first=pairs[payload.first_pair_id],
        second=pairs[payload.second_pair_id],
        changed_by=request.user,
    )
    return managed_run(request, run_id)


@router.post(
    "/proposed-pairs/{pair_id}/lock",
    response={200: PairOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def lock_pair(request: AuthedRequest, pair_id: IdPath, payload: LockIn) -> ProposedPair:
    """Keep (or stop keeping) this pair in every re-run."""
    return services.proposed_pair_lock(
        pair=managed_pair(request, pair_id), locked=payload.locked, changed_by=request.user
    )


@router.post(
    "/proposed-pairs/{pair_id}/exclude",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def exclude_pair(request: AuthedRequest, pair_id: IdPath) -> Status[None]:
    """Never pair these two; the pair leaves this run."""
    services.proposed_pair_exclude(pair=managed_pair(request, pair_id), changed_by=request.user)
    return Status(204, None)
