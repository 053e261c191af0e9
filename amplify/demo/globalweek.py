"""The global week of every leadership cohort, as the seeds tell it: seven days immersed in
a city (working with charities, a day in the forest, street theatre with actors, the
thinkers shaping innovation), a day-by-day agenda, activity groups mixing countries and
divisions, who came to each session of the past weeks; and two or three external speakers
("exciting thinkers") per cohort with their attendance.

The running cohort's week is written through the services, as its manager would. The past
cohorts have closed since (the services refuse to change a closed cohort's agenda), so their
weeks are written as they were: each row checked by the same validation, then saved."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from amplify.core.activitygroups import Person as Dealt
from amplify.core.activitygroups import deal_groups
from amplify.demo.programmes import Demo
from amplify.events import services
from amplify.events import sessions as agenda
from amplify.events.activitygroups import activity_groups_form, groupable
from amplify.events.models import ActivityGroup, Event, EventSession, Rsvp, SessionAttendance
from amplify.programmes.models import Cohort, Enrolment

A = EventSession.Activity

# Each city's hosts: the charity, the forest, the street theatre company, the venue.
CITIES: dict[str, dict[str, str]] = {
    "London": {
        "charity": "Centrepoint (young people and homelessness)",
        "forest": "Epping Forest",
        "actors": "Complicité street ensemble",
        "venue": "Derry Street, London",
        "culture": "Abbey Road Studios",
    },
    "Berlin": {
        "charity": "Berliner Tafel (food bank)",
        "forest": "Grunewald",
        "actors": "Theater Anu",
        "venue": "Sony Center, Potsdamer Platz",
        "culture": "Hansa Studios",
    },
    "New York": {
        "charity": "City Harvest",
        "forest": "Harriman State Park",
        "actors": "Improv Everywhere",
        "venue": "25 Madison Avenue",
        "culture": "Electric Lady Studios",
    },
    "Madrid": {
        "charity": "Banco de Alimentos de Madrid",
        "forest": "Sierra de Guadarrama",
        "actors": "Teatro de la Calle",
        "venue": "Sony Music Madrid, Pradillo",
        "culture": "Teatro Real",
    },
}

# (day, start hour, hours, title, activity, host key or name, place key or name, description)
AGENDA: tuple[tuple[int, int, float, str, str, str, str, str], ...] = (
    (0, 9, 1.5, "Welcome breakfast", A.SOCIAL, "", "venue", "Meet the cohort from every region."),
    (
        0,
        11,
        3,
        "Who am I, what do I stand for?",
        A.WORKSHOP,
        "The Amplify coaching team",
        "venue",
        "Why would anyone be led by me? The week's opening conversation.",
    ),
    (0, 19, 2.5, "Welcome dinner", A.SOCIAL, "", "Old town", ""),
    (
        1,
        9,
        7,
        "A day with a charity",
        A.CHARITY,
        "charity",
        "charity",
        "Work alongside the charity's staff on a real problem of theirs: out of your comfort "
        "zone, and knowing where your zone is.",
    ),
    (
        1,
        17,
        1.5,
        "What the charity taught us",
        A.WORKSHOP,
        "The Amplify coaching team",
        "venue",
        "",
    ),
    (
        2,
        8,
        9,
        "A day in the forest",
        A.NATURE,
        "Outdoor guides",
        "forest",
        "Leading without a map: a day of tasks in the forest in your activity group.",
    ),
    (
        3,
        10,
        4,
        "Street theatre with actors",
        A.STREET_THEATRE,
        "actors",
        "Main square",
        "Performing in the street with professional actors: presence, risk and improvisation.",
    ),
    (
        3,
        16,
        2,
        "Exciting thinkers: innovation in the music business",
        A.SPEAKER,
        "A guest speaker",
        "venue",
        "",
    ),
    (
        4,
        9,
        3,
        "Experiment clinic: the smallest possible test",
        A.WORKSHOP,
        "The Amplify coaching team",
        "venue",
        "Bring your test card; leave with the smallest thing that proves the idea.",
    ),
    (
        4,
        14,
        2,
        "Exciting thinkers: de-risking innovation",
        A.SPEAKER,
        "A guest speaker",
        "venue",
        "",
    ),
    (
        5,
        10,
        3,
        "The city's music",
        A.CULTURE,
        "culture",
        "culture",
        "Behind the scenes where the city's music is made.",
    ),
    (
        5,
        15,
        2,
        "Home groups: peer coaching",
        A.WORKSHOP,
        "Your home group",
        "venue",
        "Coach one another on the challenge each of you brought.",
    ),
    (
        6,
        9,
        3,
        "What I take home",
        A.WORKSHOP,
        "The Amplify coaching team",
        "venue",
        "Commitments for the months to the showcase.",
    ),
    (6, 13, 2, "Farewell lunch", A.SOCIAL, "", "venue", ""),
)

SPEAKERS = (
    (
        "Dr Maya Lindqvist",
        "Innovation researcher; writes on the smallest possible experiment in large companies.",
        "Exciting thinkers: why big companies stop experimenting",
    ),
    (
        "Tomás Herrera",
        "Founder of a music-tech start-up; built and sold a streaming-data company.",
        "Exciting thinkers: what the data says about the next hit",
    ),
    (
        "Priya Natarajan",
        "Former label head; now advises artists on new partnerships.",
        "Exciting thinkers: partnerships nobody expected",
    ),
)


def _when(day: date, hour: float, zone: str) -> datetime:
    whole = int(hour)
    return datetime.combine(
        day, time(whole, int((hour - whole) * 60)), tzinfo=zoneinfo.ZoneInfo(zone)
    )


def _city(event: Event) -> str:
    return next((c for c in CITIES if c in event.title), "London")


def _sessions(d: Demo, week: Event, *, closed: bool) -> list[EventSession]:
    hosts = CITIES[_city(week)]
    zone = week.time_zone
    first = timezone.localtime(week.starts_at, zoneinfo.ZoneInfo(zone)).date()
    made = []
    for day, hour, hours, title, activity, host, place, description in AGENDA:
        starts = _when(first + timedelta(days=day), hour, zone)
        fields: dict[str, Any] = {
            "title": title,
            "activity": activity,
            "host": hosts.get(host, host),
            "place": hosts.get(place, place),
            "description": description,
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=hours),
        }
        if closed:
            session = EventSession(event=week, **fields)
            agenda._validate(session)
            session._history_user = d.by  # type: ignore[attr-defined]
            session.save()
        else:
            session = agenda.session_create(event=week, created_by=d.by, **fields)
        made.append(session)
    return made


def _groups(d: Demo, week: Event, *, closed: bool) -> None:
    if not closed:
        activity_groups_form(event=week, formed_by=d.by, size=6)
        return
    people = list(groupable(week))
    dealt = deal_groups(
        [Dealt(str(p.pk), p.country_id, str(p.division_id or "")) for p in people], size=6
    )
    for number, keys in enumerate(dealt, start=1):
        group = ActivityGroup(event=week, name=f"Group {number}")
        group._history_user = d.by  # type: ignore[attr-defined]
        group.save()
        group.members.set([int(k) for k in keys])


def _attendance(d: Demo, week: Event, items: list[EventSession]) -> int:
    """Who came to each session of a past week: most of those who came to the week."""
    came = list(week.rsvps.filter(attended=True).values_list("person_id", flat=True))
    rows = [
        SessionAttendance(
            session=s,
            person_id=pk,
            attended=d.rng.random() < 0.93,
            recorded_at=s.ends_at,
        )
        for s in items
        for pk in came
    ]
    bulk_create_with_history(rows, SessionAttendance, default_user=d.by)
    return len(rows)


def _speakers(d: Demo, cohort: Cohort, *, closed: bool, now: datetime) -> int:
    """Two or three external speakers over the cohort's months, online, with attendance."""
    members = sorted(
        set(
            Enrolment.objects.taking_part()
            .filter(cohort=cohort, role__in=(Enrolment.Role.PARTICIPANT, Enrolment.Role.COACH))
            .values_list("person_id", flat=True)
        )
    )
    count = 2 + cohort.number % 2
    made = 0
    for i, (name, bio, title) in enumerate(SPEAKERS[:count]):
        day = cohort.starts_on + timedelta(days=45 + 50 * i)
        starts = _when(day, 16, "Europe/London")
        fields: dict[str, Any] = {
            "kind": Event.Kind.SPEAKER,
            "title": title,
            "description": "An hour with one of the thinkers shaping innovation, then questions.",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=1, minutes=30),
            "time_zone": "Europe/London",
            "format": Event.Format.ONLINE,
            "online_url": "https://meet.example/amplify-thinkers",
            "speaker_name": name,
            "speaker_bio": bio,
        }
        if closed:
            fields["audience"] = Event.default_audience(kind=Event.Kind.SPEAKER, cohort=cohort)
            event = Event(cohort=cohort, **fields)
            services._validate(event)
            event._history_user = d.by  # type: ignore[attr-defined]
            event.save()
        else:
            event = services.event_create(cohort=cohort, created_by=d.by, **fields)
        made += 1
        if event.ends_at < now:
            rows = [
                Rsvp(
                    event=event,
                    person_id=pk,
                    response=Rsvp.Response.GOING,
                    responded_at=starts - timedelta(days=5),
                    attended=d.rng.random() < 0.8,
                )
                for pk in members
            ]
            bulk_create_with_history(rows, Rsvp, default_user=d.by)
    return made


def build_globalweek(d: Demo) -> dict[str, int]:
    now = timezone.now()
    counts = {"sessions": 0, "attendance": 0, "groups": 0, "speakers": 0}
    weeks = Event.objects.filter(
        kind=Event.Kind.GLOBAL_WEEK, cohort__programme__kind="leadership"
    ).select_related("cohort")
    for week in weeks.order_by("starts_at"):
        closed = week.cohort.status == Cohort.Status.CLOSED
        items = _sessions(d, week, closed=closed)
        counts["sessions"] += len(items)
        _groups(d, week, closed=closed)
        counts["groups"] += week.activity_groups.count()
        if week.ends_at < now:
            counts["attendance"] += _attendance(d, week, items)
        counts["speakers"] += _speakers(d, week.cohort, closed=closed, now=now)
    return counts
