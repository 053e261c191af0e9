"""The home page's card of what waits for a sponsor or a participant (one include, so the
home view itself need not know about experiments)."""

from __future__ import annotations

from typing import Any

from django import template

from amplify.experiments.models import Experiment, Stage

register = template.Library()
SHOWN = 5


@register.inclusion_tag("experiments/_home_card.html", takes_context=True)
def experiments_waiting(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    for_sponsor = list(
        Experiment.objects.sponsored_by(user)
        .waiting_for_sponsor()
        .select_related("owner")
        .order_by("submitted_at", "pk")[: SHOWN + 1]
    )
    mine = list(
        Experiment.objects.owned_by(user)
        .waiting_for_owner()
        .exclude(cohort__status="closed")
        .select_related("cohort")[:SHOWN]
    )
    return {
        "for_sponsor": for_sponsor[:SHOWN],
        "more_for_sponsor": len(for_sponsor) > SHOWN,
        "mine": mine,
        "Stage": Stage,
    }
