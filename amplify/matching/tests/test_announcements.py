"""Pair announcements: both people are emailed a link to their pair, only once the cohort
announces pairs (matching or running); pairs published while it is being set up are held
and announced when it moves on."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from amplify.conftest import World
from amplify.matching import services
from amplify.matching.models import ProposedPair
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_pages import ready_run
from amplify.programmes.lifecycle import cohort_set_status
from amplify.programmes.models import Cohort, Pairing
from amplify.tests.pages import form_data

SITE = "https://amplify.example.com"


@pytest.fixture
def m(world: World, settings) -> Matchable:
    settings.SITE_ROOT = SITE
    return build_matchable(world)


def _draft(m: Matchable) -> None:
    Cohort.objects.filter(pk=m.cohort.pk).update(status=Cohort.Status.DRAFT)
    m.cohort.refresh_from_db()


def _pair_link(pair: ProposedPair) -> str:
    return f"{SITE}{reverse('matching:my-match')}#pair-{pair.pk}"


def _assert_each_email_links_to_its_pair(m: Matchable) -> None:
    pairs = {p.mentee_id: p for p in ProposedPair.objects.filter(pairing__isnull=False)}
    people = {p.email: p for p in (m.alice, m.bea, m.carl, m.dan)}
    assert sorted(msg.to[0] for msg in mail.outbox) == sorted(people)
    for msg in mail.outbox:
        person = people[msg.to[0]]
        pair = next(p for p in pairs.values() if person.pk in (p.mentor_id, p.mentee_id))
        assert f"plan your first meeting: {_pair_link(pair)}\n" in msg.body
        assert f"{SITE}/\n" not in msg.body


def test_it_emails_both_people_a_link_to_their_pair(
    world: World, m: Matchable, django_capture_on_commit_callbacks
) -> None:
    run = ready_run(world, m)
    with django_capture_on_commit_callbacks(execute=True):
        services.matching_run_publish(run=run, published_by=world.harriet)
    # The mentor's email and the mentee's: two kinds, each pointing at the same pair page.
    _assert_each_email_links_to_its_pair(m)
    to_alice = next(msg for msg in mail.outbox if msg.to == [m.alice.email])
    assert "Bea Young is your mentee" in to_alice.body
    assert not ProposedPair.objects.filter(announcement_held=True).exists()


def test_the_linked_pair_is_on_the_page_the_link_opens(
    world: World, m: Matchable, as_user, django_capture_on_commit_callbacks
) -> None:
    run = ready_run(world, m)
    with django_capture_on_commit_callbacks(execute=True):
        services.matching_run_publish(run=run, published_by=world.harriet)
    pair = ProposedPair.objects.get(mentee=m.bea, pairing__isnull=False)
    page = as_user(world.bea).get(reverse("matching:my-match"))
    assert page.status_code == 200
    assert f'id="pair-{pair.pk}"' in page.content.decode()


def test_it_holds_announcements_until_the_cohort_announces_pairs(
    world: World, m: Matchable, django_capture_on_commit_callbacks
) -> None:
    # Given a cohort still in draft, with a run ready
    _draft(m)
    run = ready_run(world, m)
    # When the run is published, nobody is told
    with django_capture_on_commit_callbacks(execute=True):
        created = services.matching_run_publish(run=run, published_by=world.harriet)
    assert len(created) == 2
    assert mail.outbox == []
    assert ProposedPair.objects.filter(announcement_held=True).count() == 2
    # Nor when recruiting opens
    with django_capture_on_commit_callbacks(execute=True):
        cohort_set_status(cohort=m.cohort, status="recruiting", changed_by=world.harriet)
    assert mail.outbox == []
    # Then, when matching starts, both people of each pair hear, with a link to the pair
    undelivered: list[str] = []
    with django_capture_on_commit_callbacks(execute=True):
        cohort_set_status(
            cohort=m.cohort, status="matching", changed_by=world.harriet, undelivered=undelivered
        )
    _assert_each_email_links_to_its_pair(m)
    assert undelivered == []
    assert not ProposedPair.objects.filter(announcement_held=True).exists()
    # And only once
    with django_capture_on_commit_callbacks(execute=True):
        cohort_set_status(cohort=m.cohort, status="running", changed_by=world.harriet)
    assert len(mail.outbox) == 4


def test_a_pair_ended_while_held_is_never_announced(
    world: World, m: Matchable, django_capture_on_commit_callbacks
) -> None:
    _draft(m)
    run = ready_run(world, m)
    services.matching_run_publish(run=run, published_by=world.harriet)
    ended = Pairing.objects.get(cohort=m.cohort, mentee=m.dan)
    Pairing.objects.filter(pk=ended.pk).update(ended_on=ended.started_on)
    cohort_set_status(cohort=m.cohort, status="recruiting", changed_by=world.harriet)
    with django_capture_on_commit_callbacks(execute=True):
        cohort_set_status(cohort=m.cohort, status="matching", changed_by=world.harriet)
    assert sorted(msg.to[0] for msg in mail.outbox) == sorted([m.alice.email, m.bea.email])
    assert not ProposedPair.objects.filter(announcement_held=True).exists()


def test_the_pages_say_the_announcement_is_held_then_send_it(
    world: World, m: Matchable, as_user, django_capture_on_commit_callbacks
) -> None:
    _draft(m)
    run = ready_run(world, m)
    client = as_user(world.harriet)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("matching:run-action", args=[run.pk, "publish"]), follow=True)
    assert mail.outbox == []
    assert "The cohort is draft: both people are told when it moves to one of: matching, " in (
        page.content.decode()
    )
    status = reverse("programmes:cohort-status", args=[m.cohort.pk])
    for step in ("recruiting", "matching"):
        confirm = client.get(status, {"to": step})
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(status, form_data(confirm))
        assert response.status_code == 302
    _assert_each_email_links_to_its_pair(m)


def test_the_api_says_the_announcement_is_held_then_sends_it(
    world: World, m: Matchable, as_user, django_capture_on_commit_callbacks
) -> None:
    _draft(m)
    run = ready_run(world, m)
    client = as_user(world.harriet)
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(f"/api/matching-runs/{run.pk}/publish")
    assert published.status_code == 200
    assert published.json()["announcement_held"] is True
    assert mail.outbox == []
    for step in ("recruiting", "matching"):
        with django_capture_on_commit_callbacks(execute=True):
            moved = client.post(
                f"/api/cohorts/{m.cohort.pk}/status",
                {"status": step},
                content_type="application/json",
                headers={"If-Match": "*"},
            )
        assert moved.status_code == 200, moved.content
        assert moved.json()["undelivered"] == []
    _assert_each_email_links_to_its_pair(m)


def test_the_api_says_a_published_pair_is_announced_at_once(
    world: World, m: Matchable, as_user, django_capture_on_commit_callbacks
) -> None:
    run = ready_run(world, m)
    with django_capture_on_commit_callbacks(execute=True):
        published = as_user(world.harriet).post(f"/api/matching-runs/{run.pk}/publish")
    assert published.json()["announcement_held"] is False
    assert len(mail.outbox) == 4
