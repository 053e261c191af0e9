"""The indicator library's pages and API, the trace page, and published reports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from amplify.conftest import World
from amplify.impact.library import indicators_install
from amplify.impact.models import Indicator, Scope, Snapshot
from amplify.impact.snapshots import snapshot_compare, snapshot_publish
from amplify.impact.tests.test_compute import _answers

pytestmark = pytest.mark.django_db


def test_managers_and_impact_admins_read_the_library(world: World, as_user) -> None:
    indicators_install()
    for who in (world.harriet, world.ina):
        response = as_user(who).get(reverse("impact:indicators"))
        assert response.status_code == 200
        assert "mentors_would_continue" in response.content.decode()


def test_an_impact_admin_adds_an_indicator_with_a_checked_definition(world: World, as_user) -> None:
    indicators_install()
    client = as_user(world.ina)
    url = reverse("impact:indicator-new")
    bad = {"key": "k", "name": "K", "definition": "Yes, post.", "kind": "share", "position": 0}
    response = client.post(url, bad)
    assert response.status_code == 200
    text = response.content.decode()
    assert "needs the item" in text
    assert not Indicator.objects.filter(key="k").exists()
    item = Indicator.objects.get(key="mentors_would_continue").item
    no_definition = dict(bad, definition="", item=item.pk, phase="post", success_values="1")
    assert client.post(url, no_definition).status_code == 200
    good = dict(no_definition, definition="Yes, post.", role="")
    response = client.post(url, good)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Indicator.objects.get(key="k").success_values == [1]


def test_it_refuses_counted_answers_the_item_cannot_be_given(world: World, as_user) -> None:
    indicators_install()
    response = as_user(world.ina).put(
        "/api/impact/indicators/mentors_would_continue",
        {
            "name": "Would continue",
            "definition": "Yes answers.",
            "kind": "share",
            "item": "would_continue_meeting",
            "phase": "post",
            "success_values": [7],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "success_values" in response.json()["errors"]


def test_an_outcome_count_needs_a_real_outcome_kind(world: World, as_user) -> None:
    body = {"key": "o", "name": "O", "definition": "D", "kind": "outcomes", "outcome_kind": "x"}
    response = as_user(world.ina).post("/api/impact/indicators", body, "application/json")
    assert response.status_code == 422
    body["outcome_kind"] = "job"
    response = as_user(world.ina).post("/api/impact/indicators", body, "application/json")
    assert response.status_code == 201


def test_the_trace_page_says_how_and_drills_down_for_impact_admins(world: World, as_user) -> None:
    indicators_install()
    _answers(world, [1.0] * 14 + [0.0] * 5, invited=23)
    url = reverse("impact:trace", args=["mentors_would_continue"]) + f"?cohort={world.cohort.pk}"
    harriet = as_user(world.harriet).get(url).content.decode()
    assert "74% (14 of 19; 95% CI 51–88%)" in harriet
    assert "The records behind it" not in harriet
    ina = as_user(world.ina).get(url + "&country=ZZ&division=x").content.decode()
    assert "The records behind it" in ina
    assert "A division is given by its number" in ina
    people = reverse("impact:trace", args=["young_people_reached"]) + f"?cohort={world.cohort.pk}"
    assert as_user(world.ina).get(people).status_code == 200


def test_the_api_gives_a_figure_with_its_trace_and_a_breakdown(world: World, as_user) -> None:
    indicators_install()
    _answers(world, [1.0] * 14 + [0.0] * 5, invited=23)
    base = "/api/impact/indicators/mentors_would_continue"
    figure = as_user(world.harriet).get(f"{base}/figure?cohort={world.cohort.pk}").json()
    assert figure["display"] == "74% (14 of 19; 95% CI 51–88%)"
    assert figure["trace"]["denominator"] == 19
    table = as_user(world.ina).get(f"{base}/breakdown?cohort={world.cohort.pk}&by=role").json()
    assert table["rows"][0][1] == "19"
    bad = as_user(world.ina).get(f"{base}/breakdown?cohort={world.cohort.pk}&by=salary")
    assert bad.status_code == 422


def test_a_published_report_keeps_its_figures_and_compares_with_today(
    world: World, as_user
) -> None:
    indicators_install()
    _answers(world, [1.0] * 14 + [0.0] * 5, invited=23)
    client = as_user(world.harriet)
    response = client.post(
        reverse("impact:cohort-snapshots", args=[world.cohort.pk]), {"note": "Board"}
    )
    snapshot = Snapshot.objects.get(cohort=world.cohort)
    assert response.status_code == 302
    assert snapshot.version == 1
    published = {f["key"]: f for f in snapshot.payload["figures"]}
    assert published["mentors_would_continue"]["display"] == "74% (14 of 19; 95% CI 51–88%)"
    assert snapshot.payload["indicators"][0]["definition"]
    # More answers arrive: the published figure stays, the comparison shows the change.
    _answers(world, [1.0] * 6, invited=6)
    rows = {r.key: r for r in snapshot_compare(snapshot)}
    row = rows["mentors_would_continue"]
    assert row.published["value"] == pytest.approx(100 * 14 / 19)
    assert row.difference == pytest.approx(100 * 20 / 25 - 100 * 14 / 19)
    again = snapshot_publish(scope=Scope.COHORT, cohort=world.cohort, by=world.ina)
    assert again.version == 2
    for name in ("impact:snapshot", "impact:snapshot-compare"):
        assert client.get(reverse(name, args=[snapshot.pk])).status_code == 200
    assert as_user(world.ina).get(f"/api/impact/snapshots/{snapshot.pk}/compare").status_code == 200
    listed = as_user(world.ina).get("/api/impact/snapshots").json()
    assert [s["version"] for s in listed["items"]] == [2, 1]


def test_the_organisation_scope_waits_for_its_payload(world: World, as_user) -> None:
    response = as_user(world.ina).post(
        "/api/impact/snapshots", {"scope": "organisation"}, "application/json"
    )
    assert response.status_code in (201, 422)
    made = snapshot_publish(scope=Scope.ORGANISATION, by=world.ina, payload=lambda: {"figures": []})
    assert made.scope == Scope.ORGANISATION
