"""The nominations pages: nominating, my nominations with endorsing and withdrawing, and the
selection board with its htmx decisions."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from amplify.accounts.models import User
from amplify.conftest import World
from amplify.nominations.models import Nomination
from amplify.nominations.tests.factories import line, nia_nominated, otto_self_nominated
from amplify.programmes.models import Enrolment


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_lets_a_line_manager_nominate_a_report_from_the_page(world: World) -> None:
    # Given Otto, Nia's line manager, on the nominate page of the recruiting cohort
    ln = line(world)
    client = _client(world.otto)
    url = reverse("nominations:nominate", args=[ln.cohort.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Nia Staff" in page.content.decode()
    # When he nominates her
    nia = ln.person(ln.nia)
    response = client.post(url, {"nominee": nia.pk, "case": "Ready.", "seniority": "manager"})
    # Then she is nominated and submitted
    assert response.status_code == 302
    n = Nomination.objects.get(nominee=nia)
    assert n.status == Nomination.Status.SUBMITTED
    assert n.seniority == "manager"


def test_it_shows_the_field_error_of_an_empty_case(world: World) -> None:
    ln = line(world)
    url = reverse("nominations:nominate", args=[ln.cohort.pk])
    response = _client(world.otto).post(url, {"nominee": "me", "case": ""})
    assert response.status_code == 422
    assert not Nomination.objects.exists()


def test_it_does_not_offer_a_cohort_not_recruiting(world: World) -> None:
    line(world)
    url = reverse("nominations:nominate", args=[world.leadership_cohort.pk])
    assert _client(world.otto).get(url).status_code == 404


def test_it_lists_what_waits_for_my_endorsement_and_endorses_it(world: World) -> None:
    # Given Otto's self-nomination
    ln = line(world)
    n = otto_self_nominated(world)
    client = _client(ln.bob)
    # When Bob opens his nominations, then it waits for him
    page = client.get(reverse("nominations:mine")).content.decode()
    assert "Otto Staff" in page
    assert "Endorse" in page
    # When he endorses it, then it is submitted
    response = client.post(reverse("nominations:endorse", args=[n.pk]))
    assert response.status_code == 302
    n.refresh_from_db()
    assert n.status == Nomination.Status.SUBMITTED


def test_it_lets_the_nominator_withdraw_from_my_nominations(world: World) -> None:
    n = nia_nominated(world)
    client = _client(world.otto)
    assert "Nia Staff" in client.get(reverse("nominations:mine")).content.decode()
    client.post(reverse("nominations:withdraw", args=[n.pk]))
    n.refresh_from_db()
    assert n.status == Nomination.Status.WITHDRAWN


def test_it_shows_the_board_with_filters_and_the_balance(world: World) -> None:
    # Given Nia nominated and Otto's self-nomination not yet endorsed
    ln = line(world)
    nia_nominated(world)
    otto_self_nominated(world)
    client = _client(world.max)
    url = reverse("nominations:board", args=[ln.cohort.pk])
    # When Max opens the board
    page = client.get(url).content.decode()
    # Then Nia is there, Otto's not yet, and the balance says fewer than 5
    assert "Nia Staff" in page
    assert "I want to learn" not in page
    assert "fewer than 5" in page
    assert "Selection" in page  # the tab
    # And a filter that matches nothing finds nothing (htmx partial)
    partial = client.get(url + "?status=declined", headers={"HX-Request": "true"})
    assert "Nia Staff" not in partial.content.decode()
    assert "<html" not in partial.content.decode()
    assert "Nia Staff" in client.get(url + "?seniority=manager&region=").content.decode()


def test_it_selects_from_the_board_with_htmx(world: World) -> None:
    # Given Nia on the board
    ln = line(world)
    n = nia_nominated(world)
    client = _client(world.max)
    url = reverse("nominations:decide", args=[n.pk])
    # When Max declines without a reason, then the row says why
    row = client.post(
        url, {"decision": "decline", "expected_status": "submitted"}, headers={"HX-Request": "true"}
    )
    assert row.status_code == 200
    assert "reason" in row.content.decode().lower()
    # When she selects Nia, then the row shows it and Nia is enrolled
    row = client.post(
        url, {"decision": "select", "expected_status": "submitted"}, headers={"HX-Request": "true"}
    )
    assert "Selected" in row.content.decode()
    assert Enrolment.objects.filter(cohort=ln.cohort, person=n.nominee).exists()


def test_it_redirects_a_decision_without_htmx(world: World) -> None:
    ln = line(world)
    n = nia_nominated(world)
    response = _client(world.max).post(
        reverse("nominations:decide", args=[n.pk]), {"decision": "waitlist"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:board", args=[ln.cohort.pk])
    n.refresh_from_db()
    assert n.status == Nomination.Status.WAITLISTED
