"""The coaching pages: the coach's coachees, the pair page (book, move, cancel, log through
the forms), the cohort's coaching tab and the programme's settings."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from amplify.coaching.models import CoachingSession, CoachingSettings
from amplify.coaching.tests.factories import booked_for, coco_and_lena, free_time, held_for
from amplify.conftest import World


def test_the_coachees_page_lists_each_coachee_with_held_planned_and_next(
    world: World, as_user
) -> None:
    # Given Coco held one session with Lena and booked the next
    held_for(world)
    booked_for(world)
    # When she opens her coachees page
    page = as_user(world.coco).get(reverse("coaching:coachees"))
    # Then Lena is there: 1 held of 6 planned, the next session, a link to book or log
    text = page.content.decode()
    assert page.status_code == 200
    assert "Lena Staff" in text
    assert "<td>1</td>" in text
    assert "<td>6</td>" in text
    assert reverse("coaching:pair", args=[coco_and_lena(world).pk]) in text
    # And Lena sees her coach and her home group on the same page, not a coachee
    from amplify.coaching.tests.factories import home_group

    group = home_group(world)
    lena = as_user(world.lena).get(reverse("coaching:coachees")).content.decode()
    assert "Coco Staff" in lena
    assert reverse("coaching:group", args=[group.pk]) in lena
    assert 'id="coachees"' not in lena


def test_booking_through_the_form_shows_times_in_both_zones(world: World, as_user) -> None:
    free_time(world)
    pair = coco_and_lena(world)
    client = as_user(world.lena)
    page = client.get(reverse("coaching:pair", args=[pair.pk])).content.decode()
    assert "your time" in page
    assert "for Coco Staff" in page
    response = client.post(
        reverse("coaching:book", args=[pair.pk]),
        {"choice": "1-18", "week_of": (timezone.localdate() + timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 302
    assert CoachingSession.objects.booked().count() == 1
    # A bad choice is named on its field
    bad = client.post(reverse("coaching:book", args=[pair.pk]), {"choice": "0-3", "week_of": ""})
    assert bad.status_code == 422


def test_moving_cancelling_and_logging_through_the_forms(world: World, as_user) -> None:
    session = booked_for(world)
    pair = coco_and_lena(world)
    coco = as_user(world.coco)
    moved = coco.post(
        reverse("coaching:reschedule", args=[session.pk]),
        {"choice": "3-13", "week_of": (timezone.localdate() + timedelta(days=1)).isoformat()},
    )
    assert moved.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1
    logged = coco.post(
        reverse("coaching:log", args=[pair.pk]),
        {
            "session": session.pk,
            "held_on": timezone.localdate().isoformat(),
            "duration_minutes": 55,
            "mode": "phone",
            "themes": ["led_by_me", "experiment"],
            "actions": "Book the sponsor meeting",
            "coach_notes": "private",
        },
    )
    assert logged.status_code == 302
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.HELD
    assert session.themes == ["led_by_me", "experiment"]
    # The participant may not log
    refused = as_user(world.lena).post(reverse("coaching:log", args=[pair.pk]), {})
    assert refused.status_code == 403
    other = booked_for(world)
    assert coco.post(reverse("coaching:cancel", args=[other.pk])).status_code == 302
    other.refresh_from_db()
    assert other.status == CoachingSession.Status.CANCELLED


def test_the_cohort_tab_flags_pairs_behind_plan(world: World, as_user) -> None:
    # Given the cohort is a month in, 12 sessions are planned over its 7 months, and Coco
    # and Lena have held none
    from amplify.coaching.services import coaching_settings_set

    coaching_settings_set(programme=world.leadership, changed_by=world.max, sessions_planned=12)
    page = as_user(world.max).get(reverse("coaching:cohort", args=[world.leadership_cohort.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'aria-current="page">Coaching cadence' in text
    assert "Behind plan" in text
    # The mentoring cohort has no such tab
    assert (
        as_user(world.harriet).get(reverse("coaching:cohort", args=[world.cohort.pk])).status_code
        == 404
    )


def test_the_manager_sets_the_coaching_plan(world: World, as_user) -> None:
    client = as_user(world.max)
    url = reverse("coaching:settings", args=["amplify"])
    page = client.get(url)
    assert page.status_code == 200
    version = page.context["form"].initial["version"]
    response = client.post(
        url,
        {
            "sessions_planned": 8,
            "session_minutes": 90,
            "round_every_days": 21,
            "quiet_days": 35,
            "version": version,
        },
    )
    assert response.status_code == 302
    assert CoachingSettings.objects.get().sessions_planned == 8
    bad = client.post(
        url,
        {
            "sessions_planned": 8,
            "session_minutes": 90,
            "round_every_days": 30,
            "quiet_days": 10,
            "version": client.get(url).context["form"].initial["version"],
        },
    )
    assert bad.status_code == 200
    assert "quiet" in bad.content.decode()
