"""The home page's card of the surveys waiting for the signed-in person (one include, so
the home view itself need not know about surveys)."""

from __future__ import annotations

from typing import Any

from django import template

from amplify.surveys.invitations import open_invitations_of

register = template.Library()
SHOWN = 5


@register.inclusion_tag("surveys/respond/_home_card.html", takes_context=True)
def surveys_waiting(context: dict[str, Any]) -> dict[str, Any]:
    waiting = list(open_invitations_of(context["request"].user)[: SHOWN + 1])
    return {"waiting": waiting[:SHOWN], "more": len(waiting) > SHOWN}
