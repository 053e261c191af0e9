"""Changing a cohort's status from its pages and through the API: every move is confirmed on
a page (or an ETag) that said what it will do, and a closed cohort can be reopened."""

from typing import Any

from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.programmes.lifecycle import cohort_set_status
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.tests.factories import CohortFactory, EnrolmentFactory
from amplify.tests.pages import form_data


def status_url(cohort: Cohort) -> str:
    return reverse("programmes:cohort-status", args=[cohort.pk])


def status_of(cohort: Cohort) -> str:
    return Cohort.objects.get(pk=cohort.pk).status


def test_it_does_not_make_closing_the_main_button_of_a_running_cohort(
    world: World, as_user
) -> None:
    client = as_user(world.harriet)
    for name in ("programmes:cohort", "programmes:cohort-people", "matching:cohort"):
        page = client.get(reverse(name, args=[world.cohort.pk])).content.decode()
        assert 'btn btn-primary" href="/events/cohort/' in page  # plan an event
        assert (
            f'<a class="btn" href="{status_url(world.cohort)}?to=closed">Close the cohort…</a>'
            in page
        )
        assert "Move back to matching…" in page
        assert "Back to" not in page
        # No status changes in one click: the head only links to the confirmations
        assert f'action="{status_url(world.cohort)}"' not in page


def test_it_closes_only_after_saying_what_will_happen(world: World, as_user) -> None:
    client = as_user(world.harriet)
    confirm = client.get(status_url(world.cohort), {"to": "closed"})
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Close this cohort?" in text
    assert "4 active enrolments will be marked completed." in text
    assert status_of(world.cohort) == Cohort.Status.RUNNING
    done = client.post(status_url(world.cohort), form_data(confirm))
    assert done.status_code == 302
    assert status_of(world.cohort) == Cohort.Status.CLOSED


def test_it_refuses_a_status_post_that_skipped_the_confirmation(world: World, as_user) -> None:
    client = as_user(world.harriet)
    response = client.post(status_url(world.cohort), {"status": "closed"}, follow=True)
    assert "This page is out of date" in response.content.decode()
    assert status_of(world.cohort) == Cohort.Status.RUNNING


def test_it_tells_the_second_of_two_managers_that_someone_moved_the_cohort(
    world: World, as_user
) -> None:
    client = as_user(world.harriet)
    confirm = client.get(status_url(world.cohort), {"to": "closed"})
    cohort_set_status(cohort=world.cohort, status="matching", changed_by=world.ada)
    response = client.post(status_url(world.cohort), form_data(confirm), follow=True)
    assert "it is now matching. Nothing was changed." in response.content.decode()
    assert status_of(world.cohort) == Cohort.Status.MATCHING


def test_it_reopens_a_closed_cohort_from_its_page(world: World, as_user) -> None:
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.harriet)
    client = as_user(world.harriet)
    page = client.get(reverse("programmes:cohort", args=[world.cohort.pk])).content.decode()
    assert f'href="{status_url(world.cohort)}?to=running">Reopen…</a>' in page
    confirm = client.get(status_url(world.cohort), {"to": "running"})
    assert "4 enrolments completed by the close will be active again." in confirm.content.decode()
    client.post(status_url(world.cohort), form_data(confirm))
    assert status_of(world.cohort) == Cohort.Status.RUNNING
    assert world.cohort.enrolments.active().count() == 4


def test_it_shows_a_member_no_status_moves(world: World, as_user) -> None:
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.harriet)
    page = as_user(world.alice).get(reverse("programmes:cohort", args=[world.cohort.pk]))
    assert "Reopen" not in page.content.decode()
    assert as_user(world.alice).get(status_url(world.cohort), {"to": "running"}).status_code == 403


def test_it_shows_who_took_part_in_a_closed_cohort(world: World, as_user) -> None:
    # An old cohort: 59 people took part, one more withdrew
    cohort = CohortFactory(programme=world.programme, name="Cohort 1 (2013)")
    for _ in range(59):
        EnrolmentFactory(cohort=cohort, role=Enrolment.Role.MENTEE)
    EnrolmentFactory(cohort=cohort, role=Enrolment.Role.MENTEE, status="withdrawn")
    cohort_set_status(cohort=cohort, status="closed", changed_by=world.harriet)
    page = as_user(world.harriet).get(reverse("programmes:cohort", args=[cohort.pk]))
    text = page.content.decode()
    assert '<div class="stat-value">59</div><div class="stat-label">people took part</div>' in text
    assert '<div class="stat-value">59</div><div class="stat-label">mentees</div>' in text


# ---------- API ----------


def api(user: Any):
    from django.test import Client

    token = api_token_create(user=user, name="tests")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_it_describes_and_makes_moves_through_the_api(world: World) -> None:
    client = api(world.harriet)
    url = f"/api/cohorts/{world.cohort.pk}/status"
    seen = client.get(url)
    assert seen.status_code == 200
    body = seen.json()
    assert body["status"] == "running"
    close = next(m for m in body["moves"] if m["status"] == "closed")
    assert close["action"] == "Close the cohort"
    assert close["effects"] == ["4 active enrolments will be marked completed."]
    # Without the ETag nothing moves
    bare = client.post(url, {"status": "closed"}, content_type="application/json")
    assert bare.status_code == 428
    moved = client.post(
        url,
        {"status": "closed"},
        content_type="application/json",
        headers={"If-Match": seen["ETag"]},
    )
    assert moved.status_code == 200
    assert moved.json()["status"] == "closed"
    # The same request again is refused: the status moved since its ETag
    again = client.post(
        url,
        {"status": "closed"},
        content_type="application/json",
        headers={"If-Match": seen["ETag"]},
    )
    assert again.status_code == 409
    reopen = client.post(
        url,
        {"status": "running"},
        content_type="application/json",
        headers={"If-Match": moved["ETag"]},
    )
    assert reopen.status_code == 200
    assert world.cohort.enrolments.active().count() == 4


def test_it_lists_no_moves_for_a_member_and_refuses_hers(world: World) -> None:
    client = api(world.alice)
    url = f"/api/cohorts/{world.cohort.pk}/status"
    assert client.get(url).json() == {"status": "running", "moves": []}
    refused = client.post(
        url, {"status": "closed"}, content_type="application/json", headers={"If-Match": "*"}
    )
    assert refused.status_code == 403


def test_it_refuses_a_reopen_by_the_cohorts_enrolled_manager_through_the_api(
    world: World,
) -> None:
    # Ina-like staff who ran the cohort without managing the programme: once it closes,
    # she no longer runs it, and reopening is for the programme's managers
    otto = world.person(world.otto)
    EnrolmentFactory(cohort=world.cohort, person=otto, role=Enrolment.Role.PROGRAMME_MANAGER)
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.otto)
    refused = api(world.otto).post(
        f"/api/cohorts/{world.cohort.pk}/status",
        {"status": "running"},
        content_type="application/json",
        headers={"If-Match": "*"},
    )
    assert refused.status_code == 403
    assert status_of(world.cohort) == Cohort.Status.CLOSED
