"""The relationship's piece of the home page: "Our mentoring", the user's current pairs and
where each stands with its agreement (one line on the home page)."""

from __future__ import annotations

from typing import Any

from django import template

from amplify.mentoring.models import AgreementState, Relationship
from amplify.mentoring.services import pairings_of

register = template.Library()


@register.inclusion_tag("mentoring/_home_card.html", takes_context=True)
def mentoring_home(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    if not user.is_authenticated:
        return {"rows": []}
    pairings = Relationship.objects.pairings_with_agreement_state(
        pairings_of(user).current().select_related("mentor", "mentee")
    )
    rows = []
    for pairing in pairings[:10]:
        me_mentor = pairing.mentor.user_id == user.pk
        other = pairing.mentee if me_mentor else pairing.mentor
        waiting_for_me = pairing.agreement_state in (
            AgreementState.AWAITING_BOTH,
            AgreementState.AWAITING_MENTOR if me_mentor else AgreementState.AWAITING_MENTEE,
        )
        rows.append((pairing, other, waiting_for_me))
    return {"rows": rows}


@register.inclusion_tag("mentoring/_agreement_card.html", takes_context=True)
def mentoring_agreement(context: dict[str, Any], programme: Any) -> dict[str, Any]:
    """The programme page's card: which agreement version pairs accept now."""
    from amplify.mentoring.models import AgreementVersion

    user = context["request"].user
    latest = AgreementVersion.objects.filter(programme=programme).order_by("-number").first()
    return {
        "programme": programme,
        "number": latest.number if latest else 1,
        "can_publish": user.has_perm("mentoring.publish_agreement", programme),
    }
