"""Home groups at work: the group's page (members, their experiments, its rounds) for its
members and the cohort's managers, and peer-coaching rounds logged by a member."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amplify.coaching.models import PeerRound
from amplify.coaching.services import peer_round_log
from amplify.coaching.tests.factories import home_group, round_for
from amplify.conftest import World
from amplify.experiments.models import Experiment


def test_the_group_page_shows_members_experiments_and_rounds(world: World, as_user) -> None:
    group = home_group(world)
    Experiment.objects.create(
        cohort=world.leadership_cohort, owner=world.person(world.lena), title="Vinyl in vending"
    )
    round_for(world, group)
    for who in ("leo", "max"):
        page = as_user(getattr(world, who)).get(reverse("coaching:group", args=[group.pk]))
        assert page.status_code == 200
        text = page.content.decode()
        assert "Vinyl in vending" in text
        assert "Lena Staff" in text
        assert "saying no to a project" in text
    # The manager reads, but does not log
    assert (
        'id="round-form"'
        not in as_user(world.max).get(reverse("coaching:group", args=[group.pk])).content.decode()
    )


def test_outsiders_get_a_404_and_managers_cannot_log(world: World, as_user) -> None:
    group = home_group(world)
    for who in ("coco", "otto", "harriet", "sam"):
        page = as_user(getattr(world, who)).get(reverse("coaching:group", args=[group.pk]))
        assert page.status_code == 404, who
    refused = as_user(world.max).post(reverse("coaching:round-log", args=[group.pk]), {})
    assert refused.status_code == 403


def test_a_member_logs_a_round_once(world: World, as_user) -> None:
    group = home_group(world)
    lena, leo = world.person(world.lena), world.person(world.leo)
    response = as_user(world.leo).post(
        reverse("coaching:round-log", args=[group.pk]),
        {
            "held_on": timezone.localdate().isoformat(),
            "challenge_by": leo.pk,
            "coaches": [lena.pk],
            "theme": "influence",
            "note": "Leo's stakeholder map",
        },
    )
    assert response.status_code == 302
    _again, created = peer_round_log(
        group=group,
        logged_by=lena,
        held_on=timezone.localdate(),
        challenge_by=leo,
        coaches=[lena],
        theme="influence",
    )
    assert not created
    assert PeerRound.objects.count() == 1


def test_only_members_coach_and_the_challenger_is_not_a_coach(world: World) -> None:
    group = home_group(world)
    lena = world.person(world.lena)
    with pytest.raises(ValidationError) as error:
        peer_round_log(
            group=group,
            logged_by=lena,
            held_on=timezone.localdate() + timedelta(days=1),
            challenge_by=world.person(world.coco),
            coaches=[world.person(world.otto)],
            theme="x",
        )
    assert set(error.value.message_dict) == {"held_on", "challenge_by", "coaches", "theme"}
    with pytest.raises(ValidationError) as error:
        peer_round_log(
            group=group,
            logged_by=lena,
            held_on=timezone.localdate(),
            challenge_by=lena,
            coaches=[lena],
            theme="who_am_i",
        )
    assert "coached, not coaching" in str(error.value)
    with pytest.raises(ValidationError, match="Only the group's members log"):
        peer_round_log(
            group=group,
            logged_by=world.person(world.otto),
            held_on=timezone.localdate(),
            challenge_by=lena,
            coaches=[world.person(world.leo)],
            theme="who_am_i",
        )


def test_the_managers_tab_lists_quiet_groups_first(world: World, as_user) -> None:
    # Given rounds every 14 days, quiet after 21: a month in, a group with none is quiet
    from amplify.coaching.services import coaching_settings_set

    coaching_settings_set(
        programme=world.leadership, changed_by=world.max, round_every_days=14, quiet_days=21
    )
    quiet = home_group(world)
    busy = home_group(world)
    round_for(world, busy, days_ago=3)
    page = as_user(world.max).get(reverse("coaching:cohort", args=[world.leadership_cohort.pk]))
    text = page.content.decode()
    assert text.index(quiet.name + "</a>") < text.index(busy.name + "</a>")
    assert "1 quiet" in text
