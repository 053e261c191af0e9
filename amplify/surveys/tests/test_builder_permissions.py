"""Who builds surveys: programme managers and impact admins keep the item bank; a
programme's managers its settings and templates; a cohort's managers its waves; impact
admins read all of it; administrators do everything. Others 403 or 404; anonymous callers
go to the login page (401 on the API)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from amplify.conftest import World
from amplify.surveys import services
from amplify.surveys.tests.builder_factories import draft_wave, stand_in_launch
from amplify.surveys.tests.factories import ItemFactory


def _pages(world: World) -> list[str]:
    wave = draft_wave(world)
    template = services.template_create(programme=world.programme, by=world.harriet, name="T")
    item = ItemFactory(key="walk")
    return [
        reverse("surveys:items"),
        reverse("surveys:item-new"),
        reverse("surveys:item-edit", args=[item.pk]),
        reverse("surveys:programme", args=[world.programme.slug]),
        reverse("surveys:template", args=[template.pk]),
        reverse("surveys:template-wave-new", args=[template.pk]),
        reverse("surveys:cohort", args=[world.cohort.pk]),
        reverse("surveys:wave-new", args=[world.cohort.pk]),
        reverse("surveys:wave", args=[wave.pk]),
        reverse("surveys:wave-edit", args=[wave.pk]),
        reverse("surveys:wave-send", args=[wave.pk]),
    ]


def test_anonymous_callers_are_sent_to_sign_in(world: World) -> None:
    client = Client()
    for url in _pages(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"]
    assert client.get("/api/surveys/items").status_code == 401
    assert client.get(f"/api/surveys/cohorts/{world.cohort.pk}/waves").status_code == 401


def test_the_manager_and_the_administrator_open_every_page(world: World, as_user) -> None:
    urls = _pages(world)
    for user in (world.harriet, world.ada):
        client = as_user(user)
        for url in urls:
            assert client.get(url).status_code == 200, (user, url)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("alice", 403), ("otto", 403), ("bea", 403), ("max", 200), ("ina", 200)],
)
def test_the_item_bank_is_for_managers_and_impact_admins(
    world: World, as_user, who: str, expected: int
) -> None:
    client = as_user(getattr(world, who))
    assert client.get(reverse("surveys:items")).status_code == expected
    assert client.get("/api/surveys/items").status_code == expected


def test_another_programmes_manager_sees_nothing_of_the_cohort(world: World, as_user) -> None:
    wave = draft_wave(world)
    max_ = as_user(world.max)
    assert max_.get(reverse("surveys:cohort", args=[world.cohort.pk])).status_code == 404
    assert max_.get(reverse("surveys:wave", args=[wave.pk])).status_code == 404
    assert max_.get(reverse("surveys:programme", args=[world.programme.slug])).status_code in (
        403,
        404,
    )
    assert max_.get(f"/api/surveys/waves/{wave.pk}").status_code == 404
    with mock.patch(
        "amplify.surveys.invitations.wave_launch", side_effect=stand_in_launch
    ) as launch:
        assert max_.post(f"/api/surveys/waves/{wave.pk}/launch").status_code == 404
        assert max_.post(reverse("surveys:wave-send", args=[wave.pk])).status_code == 404
    assert launch.call_count == 0


def test_a_mentor_of_the_cohort_may_not_open_its_surveys(world: World, as_user) -> None:
    wave = draft_wave(world)
    alice = as_user(world.alice)
    assert alice.get(reverse("surveys:cohort", args=[world.cohort.pk])).status_code == 403
    assert alice.get(reverse("surveys:wave", args=[wave.pk])).status_code == 404
    assert alice.get(f"/api/surveys/cohorts/{world.cohort.pk}/response-rates").status_code == 403


def test_an_impact_admin_reads_but_does_not_run_a_cohorts_waves(world: World, as_user) -> None:
    wave = draft_wave(world)
    ina = as_user(world.ina)
    assert ina.get(f"/api/surveys/cohorts/{world.cohort.pk}/waves").status_code == 200
    assert ina.get(f"/api/surveys/programmes/{world.programme.slug}/templates").status_code == 200
    with mock.patch(
        "amplify.surveys.invitations.wave_launch", side_effect=stand_in_launch
    ) as launch:
        assert ina.post(f"/api/surveys/waves/{wave.pk}/launch").status_code == 403
    assert launch.call_count == 0
    body = {"name": "Mine"}
    assert (
        ina.post(
            f"/api/surveys/programmes/{world.programme.slug}/templates",
            body,
            content_type="application/json",
        ).status_code
        == 403
    )
