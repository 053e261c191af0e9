"""Safeguarding's pieces on other apps' pages, so that they need one line each: the "Raise
a concern" button on a mentee's or mentor's page, the home page card, the programme page's
leads."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from amplify.people.models import Person
from amplify.programmes.models import Enrolment, Programme
from amplify.safeguarding import services
from amplify.safeguarding.models import Concern, SafeguardingTeam

register = template.Library()


@register.inclusion_tag("safeguarding/_raise_button.html", takes_context=True)
def raise_concern_button(context: dict[str, Any], person: Person) -> dict[str, Any]:
    user = context["request"].user
    return {"person": person, "show": services.concern_may_be_raised(about=person, by=user)}


@register.inclusion_tag("safeguarding/_home_card.html", takes_context=True)
def safeguarding_home(context: dict[str, Any]) -> dict[str, Any]:
    user = context["request"].user
    me = Person.objects.filter(user=user).first()
    takes_part = (
        me is not None
        and Enrolment.objects.filter(person=me, role__in=services.CONCERN_ROLES).exists()
    )
    pairs = (
        services.pairings_of(user).current().select_related("mentor", "mentee")
        if me is not None
        else []
    )
    led = Concern.objects.for_user(user) if SafeguardingTeam.objects.led_by(user).exists() else None
    return {
        "me": me if takes_part else None,
        "pairs": [(p, services.other_person(p, me)) for p in pairs] if me else [],
        "raised": Concern.objects.raised_by(user).exists(),
        "led_open": led.open().count() if led is not None else None,
        "led_overdue": led.overdue(now=timezone.now()).count() if led is not None else 0,
    }


@register.inclusion_tag("safeguarding/_team_card.html", takes_context=True)
def safeguarding_team(context: dict[str, Any], programme: Programme) -> dict[str, Any]:
    user = context["request"].user
    team = (
        SafeguardingTeam.objects.filter(programme=programme)
        .select_related("lead", "deputy")
        .first()
    )
    return {
        "programme": programme,
        "team": team,
        "can_set": user.has_perm("safeguarding.set_team", programme),
    }
