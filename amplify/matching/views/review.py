"""Reviewing a proposed pair: lock, unlock or exclude it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.matching import services
from amplify.matching.models import ProposedPair


@require_POST
@signed_in
def pair_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    pair = get_object_or_404(
        ProposedPair.objects.for_user(request.user).select_related(
            "run__cohort", "mentor", "mentee"
        ),
        pk=pk,
    )
    require(request.user, "programmes.manage_cohort", pair.run.cohort)
    run = pair.run
    try:
        if action in ("lock", "unlock"):
            services.proposed_pair_lock(pair=pair, locked=action == "lock", changed_by=request.user)
        elif action == "exclude":
            services.proposed_pair_exclude(pair=pair, changed_by=request.user)
            messages.success(
                request,
                _("%(mentor)s and %(mentee)s will never be paired; re-run to match them elsewhere.")
                % {"mentor": pair.mentor, "mentee": pair.mentee},
            )
        else:
            raise ValidationError(_("Unknown action “%(action)s”.") % {"action": action})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.htmx and action in ("lock", "unlock"):
        pair.refresh_from_db()
        return render(request, "matching/_pair_lock.html", {"pair": pair, "run": run})
    return redirect(run)
