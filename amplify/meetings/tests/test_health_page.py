"""The programme manager's cohort health page: every pair with its status, stalled first,
filtered and sorted (htmx swaps the table)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.meetings.tests.factories import alice_and_bea, carl_and_dan, meeting_for, started


def _setup(world: World) -> None:
    today = timezone.localdate()
    started(alice_and_bea(world), today - timedelta(days=40))
    meeting_for(world, days_ago=3)  # Alice and Bea: on track
    started(carl_and_dan(world), today - timedelta(days=40))  # Carl and Dan: stalled


def test_it_lists_the_stalled_pairs_first(world: World, as_user) -> None:
    _setup(world)
    page = as_user(world.harriet).get(reverse("meetings:health", args=[world.cohort.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("Carl Staff") < text.index("Alice Staff")
    assert "Stalled" in text
    assert "On track" in text
    assert "MERGE" not in text  # the marked place for the mentoring app's columns is a comment


def test_it_filters_by_status_and_answers_htmx_with_the_table_alone(world: World, as_user) -> None:
    _setup(world)
    url = reverse("meetings:health", args=[world.cohort.pk])
    response = as_user(world.harriet).get(url, {"status": "on_track"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith('<div id="results"')
    assert "Alice Staff" in text
    assert "Carl Staff" not in text


def test_it_sorts_by_a_column(world: World, as_user) -> None:
    _setup(world)
    url = reverse("meetings:health", args=[world.cohort.pk])
    text = as_user(world.harriet).get(url, {"sort": "mentor"}).content.decode()
    assert text.index("Alice Staff") < text.index("Carl Staff")
    text = as_user(world.harriet).get(url, {"sort": "mentor", "dir": "desc"}).content.decode()
    assert text.index("Carl Staff") < text.index("Alice Staff")
    assert as_user(world.harriet).get(url, {"sort": "nonsense", "page": "x"}).status_code == 200


def test_it_is_for_the_cohorts_managers(world: World, as_user) -> None:
    url = reverse("meetings:health", args=[world.cohort.pk])
    assert as_user(world.alice).get(url).status_code == 403
    assert as_user(world.otto).get(url).status_code == 404
    assert as_user(world.ina).get(url).status_code == 200
    api = f"/api/meetings/cohorts/{world.cohort.pk}/health"
    assert as_user(world.alice).get(api).status_code == 403
    rows = as_user(world.harriet).get(api, {"status": "stalled"}).json()["items"]
    assert {r["mentor_name"] for r in rows} == {"Alice Staff", "Carl Staff"}


def test_the_settings_page_saves_the_cadence(world: World, as_user) -> None:
    url = reverse("meetings:settings", args=[world.programme.slug])
    client = as_user(world.harriet)
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "every_days": 7,
        "duration_minutes": 45,
        "nudge_days": 10,
        "alert_days": 14,
        "reminder_days": 1,
        "at_risk_days": 10,
        "stalled_days": 14,
        "behind": 2,
        "version": page.context["form"].initial["version"],
    }
    assert client.post(url, data).status_code == 302
    settings = world.programme.meeting_settings
    assert (settings.every_days, settings.alert_days) == (7, 14)
    bad = client.post(url, data | {"alert_days": 5, "version": "*"})
    assert bad.status_code == 200
    assert "on or after" in bad.content.decode()
    assert as_user(world.alice).get(url).status_code == 403


def test_it_shows_the_agreement_and_goal_numbers_but_never_the_goals_text(
    world: World, as_user
) -> None:
    # Given Alice and Bea accepted their agreement and Bea set a goal, 30% done
    from amplify.mentoring.tests.factories import SECRET, make_everything

    _setup(world)
    make_everything(world)
    # When Harriet opens the cohort's health page
    page = as_user(world.harriet).get(reverse("meetings:health", args=[world.cohort.pk]))
    text = page.content.decode()
    # Then she sees where each agreement stands and the goals as numbers
    assert "Active" in text  # Alice and Bea both accepted
    assert "Awaiting both" in text  # Carl and Dan have not
    assert "1 goal, 0 achieved, 30% on average" in text
    assert SECRET not in text
    # And the API says the same
    from django.test import Client

    from amplify.accounts.services import api_token_create

    token = api_token_create(user=world.harriet, name="health")[1]
    api = Client(headers={"Authorization": f"Bearer {token}"})
    body = api.get(f"/api/meetings/cohorts/{world.cohort.pk}/health").json()
    bea = next(r for r in body["items"] if r["mentee_name"].startswith("Bea"))
    assert (bea["agreement_state"], bea["goals"], bea["goal_progress"]) == ("active", 1, 30)
