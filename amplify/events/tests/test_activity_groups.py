"""Activity groups for the week: balanced by country and division, every participant in
one group, edited by the manager; each participant sees her own."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amplify.conftest import World
from amplify.events.activitygroups import (
    activity_group_add_member,
    activity_group_update,
    activity_groups_form,
    groupable,
)
from amplify.events.models import ActivityGroup
from amplify.events.tests.factories import global_week
from amplify.people.models import Country
from amplify.people.tests.factories import DivisionFactory, PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory

CODES = ("GB", "ES", "JP", "US")


def _participants(world: World, n: int) -> None:
    countries = [Country.objects.get_or_create(code=c, defaults={"name": c})[0] for c in CODES]
    divisions = [DivisionFactory() for _ in range(3)]
    for i in range(n):
        EnrolmentFactory(
            cohort=world.leadership_cohort,
            person=PersonFactory(country_id=countries[i % 4].pk, division=divisions[i % 3]),
            role=Enrolment.Role.PARTICIPANT,
        )


def test_it_forms_balanced_groups_of_everyone(world: World) -> None:
    # Given 24 participants besides the world's, from four countries and three divisions
    _participants(world, 24)
    week = global_week(world)
    # When Max forms groups of about six
    groups = activity_groups_form(event=week, formed_by=world.max, size=6)
    # Then every participant is in exactly one group, none of the coaches or sponsors
    members = [p.pk for g in groups for p in g.members.all()]
    assert sorted(members) == sorted(groupable(week).values_list("pk", flat=True))
    assert world.person(world.coco).pk not in members
    # And each group mixes the countries: each country's counts at most one apart
    for code in CODES:
        counts = [g.members.filter(country_id=code).count() for g in groups]
        assert max(counts) - min(counts) <= 1
    for group in groups:
        assert 5 <= group.members.count() <= 8
        assert len(Counter(p.country_id for p in group.members.all())) == 4


def test_it_forms_them_again_from_scratch(world: World) -> None:
    _participants(world, 10)
    week = global_week(world)
    activity_groups_form(event=week, formed_by=world.max, size=4)
    again = activity_groups_form(event=week, formed_by=world.max, size=6)
    assert ActivityGroup.objects.filter(event=week).count() == len(again)


def test_it_refuses_a_size_out_of_range(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        activity_groups_form(event=global_week(world), formed_by=world.max, size=1)
    assert "size" in error.value.message_dict


def test_it_moves_a_participant_and_renames_a_group(world: World) -> None:
    _participants(world, 10)
    week = global_week(world)
    first, second, *_ = activity_groups_form(event=week, formed_by=world.max, size=4)
    mover = first.members.first()
    # When Max moves her into the second group
    activity_group_add_member(group=second, person=mover, changed_by=world.max)
    # Then she is in the second only
    assert list(mover.activity_groups.filter(event=week)) == [second]
    # And a name another group has is refused, naming the field
    with pytest.raises(ValidationError) as error:
        activity_group_update(group=second, changed_by=world.max, name=first.name.upper())
    assert "name" in error.value.message_dict
    activity_group_update(group=second, changed_by=world.max, name="Los Flamencos")
    second.refresh_from_db()
    assert second.name == "Los Flamencos"


def test_it_refuses_a_member_from_outside_the_cohort(world: World) -> None:
    week = global_week(world)
    (group,) = activity_groups_form(event=week, formed_by=world.max, size=3)
    with pytest.raises(ValidationError) as error:
        activity_group_add_member(group=group, person=PersonFactory(), changed_by=world.max)
    assert "members" in error.value.message_dict


def test_the_groups_page_forms_moves_and_renames(world: World, as_user) -> None:
    _participants(world, 10)
    week = global_week(world)
    client = as_user(world.max)
    url = reverse("events:groups", args=[week.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"size": 4}).status_code == 302
    groups = list(ActivityGroup.objects.filter(event=week).order_by("pk"))
    assert len(groups) >= 2
    page = client.get(url).content.decode()
    assert groups[0].name in page
    mover = groups[0].members.first()
    change = reverse("events:group-change", args=[groups[1].pk])
    assert client.post(change, {"person": mover.pk}).status_code == 302
    assert groups[1].members.filter(pk=mover.pk).exists()
    client.post(change, {"name": "Los Flamencos"})
    groups[1].refresh_from_db()
    assert groups[1].name == "Los Flamencos"
    # Lena may not change her own group, nor see the others
    hers = ActivityGroup.objects.get(event=week, members=world.person(world.lena))
    lena = as_user(world.lena)
    assert (
        lena.post(reverse("events:group-change", args=[hers.pk]), {"name": "M"}).status_code == 403
    )
    other = ActivityGroup.objects.filter(event=week).exclude(pk=hers.pk).first()
    assert (
        lena.post(reverse("events:group-change", args=[other.pk]), {"name": "M"}).status_code == 404
    )
