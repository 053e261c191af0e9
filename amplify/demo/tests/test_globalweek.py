"""The demo's global weeks: a full agenda for every leadership cohort, activity groups,
attendance for the past weeks, and external speakers with attendance."""

import pytest
from django.apps import apps
from django.db import transaction

from amplify.demo.build import build
from amplify.events.models import ActivityGroup, Event, EventSession, SessionAttendance
from amplify.people.reference import load_reference_data


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            load_reference_data(apps)
            yield build(employees=1200, say=lambda _: None)
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


@pytest.mark.django_db
def test_every_leadership_cohort_has_a_full_week(demo) -> None:
    weeks = Event.objects.filter(kind=Event.Kind.GLOBAL_WEEK, cohort__programme__name="Amplify")
    assert weeks.count() == 4
    for week in weeks:
        sessions = EventSession.objects.filter(event=week)
        assert sessions.count() >= 12
        activities = set(sessions.values_list("activity", flat=True))
        assert {"charity", "nature", "street_theatre", "speaker"} <= activities
        assert ActivityGroup.objects.filter(event=week).count() >= 3


@pytest.mark.django_db
def test_past_weeks_have_attendance_and_cohorts_have_speakers(demo) -> None:
    past = SessionAttendance.objects.filter(session__event__cohort__number__lte=3)
    assert past.filter(attended=True).count() > 1000
    speakers = Event.objects.filter(kind=Event.Kind.SPEAKER, cohort__programme__name="Amplify")
    per_cohort = speakers.values_list("cohort_id", flat=True)
    assert all(2 <= list(per_cohort).count(c) <= 3 for c in set(per_cohort))
    assert speakers.filter(rsvps__attended=True).exists()
