"""One rule for who sees nothing and who sees every programme, shared by every for_user()."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.conftest import World
from amplify.events.models import Event
from amplify.matching.models import MatchingRun, PairRule
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Pairing, Programme

QUERYSETS = (Person, Programme, Cohort, Enrolment, Pairing, Event, MatchingRun, PairRule)


def test_a_deactivated_or_anonymous_user_sees_nothing_anywhere(world: World) -> None:
    # Given a programme manager who has left (deactivated) and an anonymous visitor
    world.harriet.is_active = False
    world.harriet.save()
    for user in (world.harriet, AnonymousUser()):
        assert sees_nothing(user)
        # Then no queryset shows them anything, not even what the manager ran
        for model in QUERYSETS:
            assert not model.objects.for_user(user).exists(), model


def test_administrators_and_impact_admins_see_every_programme(world: World) -> None:
    assert sees_every_programme(world.ada)
    assert sees_every_programme(world.ina)
    assert not sees_every_programme(world.harriet)
    assert Programme.objects.for_user(world.ina).count() == Programme.objects.count()
