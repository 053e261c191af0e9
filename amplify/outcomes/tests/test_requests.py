"""The periodic job asks each mentee for her outcomes at the end of her cohort and six months
later: one request each, never twice, in plain text and HTML with a link to the form."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core import mail
from django.utils import timezone

from amplify.conftest import World
from amplify.core.outcomes import add_months
from amplify.outcomes.models import OutcomeRequest
from amplify.outcomes.periodic import outcome_requests_send
from amplify.programmes.models import Enrolment


def _on(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=9)


def test_it_asks_each_mentee_at_the_end_once(world: World) -> None:
    end = _on(world.cohort.ends_on)
    assert outcome_requests_send(end - timedelta(days=1)) == 0
    assert outcome_requests_send(end) == 2
    assert outcome_requests_send(end) == 0  # run again: nobody asked twice
    assert outcome_requests_send(end + timedelta(days=3)) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["bea@example.com", "dan@example.com"]
    rows = OutcomeRequest.objects.all()
    assert {r.round for r in rows} == {OutcomeRequest.Round.AT_END}
    assert all(r.sent_at is not None for r in rows)


def test_it_asks_again_six_months_later(world: World) -> None:
    outcome_requests_send(_on(world.cohort.ends_on))
    later = _on(add_months(world.cohort.ends_on, 6))
    assert outcome_requests_send(later) == 2
    assert outcome_requests_send(later) == 0
    assert OutcomeRequest.objects.filter(round=OutcomeRequest.Round.SIX_MONTHS_LATER).count() == 2
    assert "Six months after" in mail.outbox[-1].subject


def test_it_does_not_ask_mentors_or_who_withdrew(world: World) -> None:
    Enrolment.objects.filter(person__user=world.dan).update(status=Enrolment.Status.WITHDRAWN)
    outcome_requests_send(_on(world.cohort.ends_on))
    assert [m.to[0] for m in mail.outbox] == ["bea@example.com"]


def test_a_cohort_long_past_is_not_asked_now(world: World) -> None:
    years_later = _on(world.cohort.ends_on) + timedelta(days=900)
    assert outcome_requests_send(years_later) == 0


def test_the_email_is_plain_and_html_with_the_form_link(world: World) -> None:
    outcome_requests_send(_on(world.cohort.ends_on))
    message = next(m for m in mail.outbox if m.to == ["bea@example.com"])
    link = f"/outcomes/add/?cohort={world.cohort.pk}"
    assert link in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert link in html
    assert "Hello Bea Young" in message.body
