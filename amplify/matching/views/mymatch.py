"""Each person's own published matches."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from amplify.accounts.access import AuthedRequest, permission
from amplify.matching.explanations import PRIVATE_NOTE, my_matches
from amplify.programmes.models import Programme


@permission("matching.keep_own_profile")
def my_match(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "matching/my_match.html",
        {
            "matches": my_matches(request.user),
            "kinds": dict(Programme.Kind.choices),
            "private_note": PRIVATE_NOTE,
        },
    )
