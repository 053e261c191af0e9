"""What the matching pages share: the cohort a manager manages, the progress bar's poll."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from amplify.accounts.access import AuthedRequest, require
from amplify.programmes.views import visible_cohort


def managed_cohort(request: AuthedRequest, pk: int) -> Any:
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    return cohort


def progress_poll(request: AuthedRequest, run: Any, partial: str) -> HttpResponse:
    """The progress bar's poll: the bar while the run works, else reload the whole page."""
    if run.is_working:
        return render(request, partial, {"run": run})
    response = HttpResponse()
    response["HX-Refresh"] = "true"
    return response
