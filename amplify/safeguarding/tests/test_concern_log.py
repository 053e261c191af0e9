"""The concern log: the leads' list and a concern's page, its actions, escalations and
views. No one else reads a concern: not the programme manager, not an administrator, not
the impact admin, not the pair."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.safeguarding.models import Concern, ConcernView, Escalation
from amplify.safeguarding.services import concern_act, safeguarding_team_set
from amplify.safeguarding.tests.conftest import WHAT, WORDS, Leads, raise_one

OUTSIDERS = ["harriet", "ada", "ina", "alice", "bea", "carl", "dan", "pat", "otto"]


def test_it_lists_the_urgent_first_with_deadlines_and_flags_the_overdue(
    world: World, leads: Leads, as_user
) -> None:
    later = raise_one(world, urgency="not_urgent")
    soon = raise_one(world, urgency="within_24_hours")
    late = raise_one(world, urgency="same_day")
    Concern.objects.filter(pk=late.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    response = as_user(leads.lena).get(reverse("safeguarding:log"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [c.pk for c, _ in rows] == [late.pk, soon.pk, later.pk]
    assert [overdue for _, overdue in rows] == [True, False, False]
    page = response.content.decode()
    assert "Overdue" in page
    assert "1 concern is past its deadline" in page
    assert WHAT not in page  # the list is no read of the content


def test_it_records_every_view_and_shows_them(world: World, leads: Leads, as_user) -> None:
    concern = raise_one(world)
    url = reverse("safeguarding:concern", args=[concern.pk])
    as_user(leads.lena).get(url)
    page = as_user(leads.desmond).get(url).content.decode()
    assert WHAT in page
    assert WORDS in page
    views = ConcernView.objects.filter(concern=concern)
    assert [v.viewer for v in views] == [leads.desmond, leads.lena]
    assert "Lena Safe" in page
    assert "Desmond Safe" in page


@pytest.mark.parametrize("who", OUTSIDERS)
def test_it_is_a_404_for_everyone_but_the_leads(
    world: World, leads: Leads, as_user, who: str
) -> None:
    concern = raise_one(world)
    client = as_user(getattr(world, who))
    for url in (
        reverse("safeguarding:log"),
        reverse("safeguarding:concern", args=[concern.pk]),
        f"/api/safeguarding/concerns/{concern.pk}",
        "/api/safeguarding/concerns",
    ):
        response = client.get(url)
        assert response.status_code == 404, (who, url)
        assert WHAT not in response.content.decode()
    for url in (
        reverse("safeguarding:act", args=[concern.pk]),
        reverse("safeguarding:escalate", args=[concern.pk]),
    ):
        assert client.post(url, {"note": "x", "to_whom": "x"}).status_code == 404
    assert not ConcernView.objects.exists()


def test_it_lets_the_programme_manager_in_once_she_is_a_lead(
    world: World, leads: Leads, as_user
) -> None:
    concern = raise_one(world)
    safeguarding_team_set(
        programme=world.programme,
        lead=world.person(world.harriet),
        deputy=None,
        changed_by=world.ada,
    )
    url = reverse("safeguarding:concern", args=[concern.pk])
    assert as_user(world.harriet).get(url).status_code == 200
    # Lena is no longer a lead: her access went with the role.
    assert as_user(leads.lena).get(url).status_code == 404


def test_it_shows_the_admin_no_content(world: World, leads: Leads, as_user) -> None:
    concern = raise_one(world)
    concern_act(concern=concern, by=leads.lena, note="Spoke to the LADO", status="in_progress")
    client = as_user(world.ada)
    for url in (
        "/admin/safeguarding/concern/",
        f"/admin/safeguarding/concern/{concern.pk}/change/",
        f"/admin/safeguarding/concern/{concern.pk}/history/",
        "/admin/safeguarding/concernaction/",
        f"/admin/safeguarding/concernaction/{concern.actions.get().pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert WHAT not in page, url
        assert WORDS not in page, url
        assert "LADO" not in page, url
        assert "Bea" not in page, url
    assert client.get(f"/admin/safeguarding/concern/{concern.pk}/delete/").status_code == 403
    # The admin's opening is in the concern's views, for the leads to see.
    assert ConcernView.objects.filter(viewer=world.ada, route="admin").count() == 1


def test_it_moves_a_concern_on_and_closes_it_with_its_outcome(
    world: World, leads: Leads, as_user
) -> None:
    concern = raise_one(world)
    client = as_user(leads.lena)
    page = client.get(reverse("safeguarding:concern", args=[concern.pk]))
    version = page.context["action_form"].initial["version"]
    url = reverse("safeguarding:act", args=[concern.pk])
    response = client.post(
        url, {"note": "Called Bea", "status": "acknowledged", "version": version}
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "acknowledged"
    # A stale page: the status changed since it was read.
    response = client.post(url, {"note": "Closing", "status": "closed", "version": version})
    assert response.status_code == 422
    assert "Someone else saved a change" in response.content.decode()
    fresh = client.get(reverse("safeguarding:concern", args=[concern.pk]))
    version = fresh.context["action_form"].initial["version"]
    response = client.post(url, {"note": "Closing", "status": "closed", "version": version})
    assert "outcome" in response.context["action_form"].errors
    response = client.post(
        url,
        {"note": "Closing", "status": "closed", "outcome": "Housed safely", "version": version},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert (concern.status, concern.outcome) == ("closed", "Housed safely")
    assert concern.closed_at is not None
    assert [a.taken_by for a in concern.actions.all()] == [leads.lena, leads.lena]


def test_it_escalates_with_a_deadline(world: World, leads: Leads, as_user) -> None:
    concern = raise_one(world, urgency="not_urgent")
    url = reverse("safeguarding:escalate", args=[concern.pk])
    data = {"to_whom": "LADO", "urgency": "within_24_hours", "request_key": str(concern.pk)}
    data["request_key"] = "2b1b5c1e-4a5e-4c47-8a8e-2c7a7b0f6f11"
    client = as_user(leads.desmond)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # sent twice: escalated once
    escalation = Escalation.objects.get()
    assert escalation.deadline - escalation.escalated_at == timedelta(hours=24)
    concern.refresh_from_db()
    assert concern.status == "escalated"
    page = client.get(reverse("safeguarding:concern", args=[concern.pk])).content.decode()
    assert "LADO" in page
    assert "Answer due by" in page
