"""The demo's two programmes and their history, built through the same services the pages
and the API call."""

from __future__ import annotations

import random
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from faker import Faker

from amplify.demo.employees import Company, Employee, ascii_slug
from amplify.demo.matching import group_and_publish, match_and_publish, profiles_for
from amplify.demo.profiles import mentee_profiles, mentor_profiles, participant_profiles
from amplify.demo.training import prepare_mentors
from amplify.events.models import Event, Rsvp
from amplify.events.services import event_create, event_record_attendance, event_rsvp
from amplify.people.models import Partner, Person
from amplify.people.services import person_create_external
from amplify.programmes.lifecycle import cohort_set_status
from amplify.programmes.models import Cohort, Enrolment, Pairing, Phase, Pillar, Programme
from amplify.programmes.services import (
    cohort_create,
    cohort_enrol,
    enrolment_withdraw,
    phase_add,
    programme_create,
)

R = Enrolment.Role
LONDON = zoneinfo.ZoneInfo("Europe/London")


@dataclass
class Demo:
    rng: random.Random
    today: date
    company: Company
    people: dict[str, Person]  # employee id -> person
    demo: dict[str, Person]  # "pm", "mentor", ... -> person
    partner: Partner
    by: Any  # the user recorded as making the changes (the programme manager)
    used: set[str] = field(default_factory=set)
    mentees: list[Person] = field(default_factory=list)
    participants: list[Person] = field(default_factory=list)

    def person(self, employee: Employee) -> Person:
        return self.people[employee.employee_id]

    @cached_property
    def employees_by_person(self) -> dict[int, Employee]:
        return {
            self.people[key].pk: e for key, e in self.company.people.items() if key in self.people
        }


def _months(start: date, months: int, days: int = 0) -> date:
    year, month = divmod(start.month - 1 + months, 12)
    return date(start.year + year, month + 1, min(start.day, 28)) + timedelta(days=days)


def _at(day: date, hour: int, zone: str = "Europe/London", minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def _enrol_all(d: Demo, cohort: Cohort, people: list[Person], role: str) -> None:
    when = _at(cohort.starts_on - timedelta(days=21), 10)
    for person in people:
        cohort_enrol(cohort=cohort, person=person, role=role, enrolled_by=d.by, now=when)


def _replies(
    d: Demo,
    event: Event,
    people: list[Person],
    *,
    answered: float = 1.0,
    attend: bool,
    skip: set[int] | None = None,
) -> None:
    """Members answer before the event; after it, the manager records who came."""
    asked_at = event.starts_at - timedelta(days=d.rng.randint(3, 20))
    for person in people:
        if skip and person.pk in skip:
            continue
        if d.rng.random() > answered:
            continue
        response = d.rng.choices(
            [Rsvp.Response.GOING, Rsvp.Response.MAYBE, Rsvp.Response.NOT_GOING], [88, 5, 7]
        )[0]
        event_rsvp(event=event, person=person, response=response, now=asked_at)
        if attend:
            came = response == Rsvp.Response.GOING and d.rng.random() < 0.95
            event_record_attendance(
                event=event, person=person, attended=came, recorded_by=d.by, now=event.ends_at
            )


def _close(d: Demo, cohort: Cohort, status: str = Cohort.Status.CLOSED) -> None:
    order = [s.value for s in Cohort.Status]
    for step in order[1 : order.index(status) + 1]:
        cohort_set_status(cohort=cohort, status=step, changed_by=d.by, now=_at(cohort.ends_on, 18))


# ---------- Leadership and innovation: "Amplify" ----------

LEADERSHIP_COHORTS = (
    # number, name, start, participants, global week city and time zone
    (1, "Amplify 2013", date(2013, 9, 2), 44, "London", "Europe/London"),
    (2, "Amplify 2014", date(2014, 4, 7), 43, "Berlin", "Europe/Berlin"),
    (3, "Amplify 2015", date(2015, 1, 12), 43, "New York", "America/New_York"),
)


def build_leadership(d: Demo) -> Programme:
    programme = programme_create(
        name="Amplify",
        kind=Programme.Kind.LEADERSHIP,
        created_by=d.by,
        summary="Seven months to grow as a leader of people and as a leader of innovation.",
        description=(
            "High-potential people from around the world work on two things in equal measure: "
            "who they want to be as a leader, and how they can disrupt the business as an "
            "innovator.\n\nFive threads: personal development coaching; regional home groups "
            "that coach one another; one experiment per participant — the smallest possible "
            "thing that proves an idea — with an executive sponsor; a global week together; "
            "and a global showcase to the managing directors."
        ),
        pillars=Pillar.objects.filter(code__in=["L", "M"]),
        managers=[d.demo["pm"]],
    )
    pool = _leadership_pool(d)
    start = d.today - timedelta(days=75)
    plan = [*LEADERSHIP_COHORTS, (4, f"Amplify {start.year}", start, 24, "Madrid", "Europe/Madrid")]
    for number, name, starts_on, size, city, zone in plan:
        current = number == 4
        cohort = cohort_create(
            programme=programme,
            name=name,
            number=number,
            starts_on=starts_on,
            ends_on=_months(starts_on, 7, -3),
            created_by=d.by,
            description=f"Global week in {city}."
            if not current
            else f"Our current cohort. The global week is in {city}.",
        )
        participants = _pick_participants(d, pool, size - (1 if current else 0))
        if current:
            participants.insert(0, d.demo["participant"])
        d.participants += participants
        coaches = _coaches(d, cohort, current)
        sponsors = _sponsors(d, current)
        _enrol_all(d, cohort, participants, R.PARTICIPANT)
        _enrol_all(d, cohort, coaches, R.COACH)
        _enrol_all(d, cohort, sponsors, R.SPONSOR)
        _enrol_all(d, cohort, [d.demo["pm"]], R.PROGRAMME_MANAGER)
        participant_profiles(d, participants)
        profiles_for(d, participants, role="participant")
        profiles_for(d, coaches, role="coach")
        # Coaches are matched before the launch; home groups form in the first month.
        match_and_publish(
            d,
            cohort,
            at=_at(starts_on - timedelta(days=7), 10),
            locks=((d.demo["coach"], d.demo["participant"]),) if current else (),
        )
        group_and_publish(d, cohort, at=_at(starts_on + timedelta(days=25), 10))
        _leadership_calendar(d, cohort, city, zone, participants, coaches, sponsors)
        _close(d, cohort, Cohort.Status.RUNNING if current else Cohort.Status.CLOSED)
    return programme


def _leadership_pool(d: Demo) -> dict[str, list[Employee]]:
    pool: dict[str, list[Employee]] = {}
    for e in d.company.people.values():
        if (
            e.division in ("Sony Music Entertainment", "Sony Music UK")
            and e.level in ("Executive", "Manager", "Senior Manager")
            and e.email.split("@")[0]
            not in ("pm", "coach", "admin", "impact", "participant", "mentor", "sponsor")
        ):
            pool.setdefault(e.place.code, []).append(e)
    for people in pool.values():
        d.rng.shuffle(people)
    return pool


def _pick_participants(d: Demo, pool: dict[str, list[Employee]], size: int) -> list[Person]:
    """One per country in turn, so every cohort spans as many countries as it can."""
    chosen: list[Person] = []
    countries = sorted(pool)
    d.rng.shuffle(countries)
    while len(chosen) < size:
        progressed = False
        for code in countries:
            while pool[code] and pool[code][-1].employee_id in d.used:
                pool[code].pop()
            if pool[code] and len(chosen) < size:
                employee = pool[code].pop()
                d.used.add(employee.employee_id)
                chosen.append(d.person(employee))
                progressed = True
        if not progressed:
            break
    return chosen


def _coaches(d: Demo, cohort: Cohort, current: bool) -> list[Person]:
    hr = [
        e
        for e in d.company.people.values()
        if e.family == "People"
        and e.level in ("Senior Manager", "Director")
        and "@sony.example" in e.email
        and not e.email.startswith(("pm@", "impact@", "admin@"))
    ]
    internal = [d.person(e) for e in d.rng.sample(hr, k=min(4, len(hr)))]
    if current:
        internal = [d.demo["coach"], *[p for p in internal if p != d.demo["coach"]][:3]]
    faker = Faker("en_GB")
    faker.seed_instance(cohort.number)
    external = []
    for _ in range(2):
        name = f"{faker.first_name()} {faker.last_name()}"
        email = f"{ascii_slug(name)}@coaching.example"
        person = Person.objects.filter(email=email).first() or person_create_external(
            name=name,
            email=email,
            languages=["en"],
            time_zone="Europe/London",
            created_by=d.by,
        )
        external.append(person)
    return internal + external


def _sponsors(d: Demo, current: bool) -> list[Person]:
    mds = [
        e
        for e in d.company.people.values()
        if e.level == "Managing Director" and e.division == "Sony Music Entertainment"
    ]
    chosen = [d.person(e) for e in d.rng.sample(mds, k=min(8, len(mds)))]
    if current and d.demo["sponsor"] not in chosen:
        chosen = [d.demo["sponsor"], *chosen[:7]]
    return chosen


def _leadership_calendar(
    d: Demo,
    cohort: Cohort,
    city: str,
    zone: str,
    participants: list[Person],
    coaches: list[Person],
    sponsors: list[Person],
) -> None:
    start, end = cohort.starts_on, cohort.ends_on
    week = start + timedelta(days=100)
    showcase = end - timedelta(days=5)
    for name, s, e in (
        ("Personal development coaching", start, start + timedelta(days=60)),
        (
            "Regional home groups and peer coaching",
            start + timedelta(days=30),
            end - timedelta(days=14),
        ),
        ("Experiments", start + timedelta(days=30), end - timedelta(days=7)),
        ("Global week", week, week + timedelta(days=6)),
        ("Global showcase", showcase, end),
    ):
        phase_add(cohort=cohort, name=name, starts_on=s, ends_on=e, changed_by=d.by)
    everyone = participants + coaches
    now = datetime.now(tz=zoneinfo.ZoneInfo("UTC"))
    launch = event_create(
        cohort=cohort,
        created_by=d.by,
        kind=Event.Kind.LAUNCH,
        title=f"{cohort.name} launch",
        description="Meet your cohort and your coach. Who am I, what do I stand for — and why "
        "would anyone want to be led by me?",
        starts_at=_at(start, 15),
        ends_at=_at(start, 17),
        time_zone="Europe/London",
        format=Event.Format.ONLINE,
        online_url="https://meet.example/amplify-launch",
    )
    global_week = event_create(
        cohort=cohort,
        created_by=d.by,
        kind=Event.Kind.GLOBAL_WEEK,
        title=f"Global week, {city}",
        description="Seven days together: working with charities, a day in the forest, street "
        "theatre with actors, and the thinkers shaping innovation. Out of your comfort zone, "
        "and knowing where your zone is.",
        starts_at=_at(week, 9, zone),
        ends_at=_at(week + timedelta(days=6), 17, zone),
        time_zone=zone,
        format=Event.Format.IN_PERSON,
        venue=f"{city} — venue shared with guests",
        capacity=len(everyone) + 10,
    )
    show = event_create(
        cohort=cohort,
        created_by=d.by,
        kind=Event.Kind.SHOWCASE,
        title=f"{cohort.name} global showcase",
        description="Every participant presents their experiment to the managing directors: the "
        "smallest possible thing that proved an idea, and what it achieved.",
        starts_at=_at(showcase, 14),
        ends_at=_at(showcase, 18),
        time_zone="Europe/London",
        format=Event.Format.HYBRID,
        venue="London headquarters, auditorium",
        online_url="https://meet.example/amplify-showcase",
    )
    skip = {d.demo["participant"].pk, d.demo["coach"].pk, d.demo["sponsor"].pk}
    for event, guests in ((launch, everyone), (global_week, everyone), (show, everyone + sponsors)):
        over = event.ends_at < now
        if event.starts_at > now + timedelta(days=60):
            continue
        _replies(
            d,
            event,
            guests,
            attend=over,
            answered=1.0 if over else 0.6,
            skip=None if over else skip,
        )


# ---------- Mentoring: "Positive Influence" ----------

MENTORING_COHORTS = (
    # number, start, mentees, divisions mentors come from
    (1, date(2018, 4, 16), 12, ("Sony Music UK",)),
    (2, date(2019, 4, 15), 14, ("Sony Music UK",)),
    (3, date(2021, 4, 19), 16, ("Sony Music UK", "Sony Music Publishing")),
    (4, date(2022, 4, 11), 18, None),
    # 34 mentors and 34 mentees: the seed's 82% of mentees can be shown only from 28
    # answers (see amplify/demo/surveys.py).
    (5, date(2023, 4, 17), 34, None),
    (6, date(2024, 4, 15), 20, None),
)
TRAINING = (
    ("Barriers to entry for young people", 2, 30),
    ("Mentoring and coaching techniques", 3, 0),
    ("Social and cultural capital", 2, 30),
    ("Diversity and inclusion advocacy", 2, 0),
)
LONDON_LANGUAGES = ("pl", "ur", "bn", "yo", "so", "pt", "tr", "ar", "es", "ro")


def build_mentoring(d: Demo) -> Programme:
    programme = programme_create(
        name="Positive Influence",
        kind=Programme.Kind.MENTORING,
        created_by=d.by,
        summary="Six months of mentoring for young creatives aged 18–25 from lower "
        "socioeconomic backgrounds.",
        description=(
            "Staff from across the UK divisions mentor young people referred by our outreach "
            "partner. Mentors first complete 10 hours of training: barriers to entry, mentoring "
            "and coaching techniques, social and cultural capital, and diversity and inclusion "
            "advocacy. Pairs meet fortnightly for an hour, in person or remotely; mentees set "
            "goals and present their projects at the showcase."
        ),
        pillars=Pillar.objects.filter(code__in=["I", "M", "E"]),
        managers=[d.demo["pm"]],
    )
    faker = Faker("en_GB")
    faker.seed_instance(2018)
    start7 = d.today - timedelta(days=78)
    plan = [*MENTORING_COHORTS, (7, start7, 22, None)]
    returning: list[Person] = []
    for number, starts_on, size, divisions in plan:
        current = number == 7
        cohort = cohort_create(
            programme=programme,
            name=f"Positive Influence {starts_on.year} (cohort {number})",
            number=number,
            starts_on=starts_on,
            ends_on=_months(starts_on, 6, -4),
            created_by=d.by,
        )
        mentees = _mentees(d, faker, size - (1 if current else 0))
        if current:
            mentees.insert(0, d.demo["mentee"])
        mentors = _mentors(d, size, divisions, returning, current or number in (5, 6))
        returning = mentors
        sponsor = d.person(
            next(
                e
                for e in d.company.people.values()
                if e.division == "Sony Music UK" and e.level == "Chairman & CEO"
            )
        )
        _enrol_all(d, cohort, mentors, R.MENTOR)
        _enrol_all(d, cohort, mentees, R.MENTEE)
        _enrol_all(d, cohort, [sponsor], R.SPONSOR)
        _enrol_all(d, cohort, [d.demo["pm"]], R.PROGRAMME_MANAGER)
        mentee_profiles(d, mentees)
        mentor_profiles(d, mentors)
        profiles_for(d, mentees, role="mentee")
        profiles_for(d, mentors, role="mentor")
        _mentoring_calendar(d, cohort, mentors, mentees, current)
        prepare_mentors(d, cohort, mentors)  # curriculum, training records, screening
        # Matched once the mentors are trained, a week before the launch evening.
        match_and_publish(
            d,
            cohort,
            at=_at(starts_on + timedelta(days=25), 10),
            locks=((d.demo["mentor"], d.demo["mentee"]),) if current else (),
        )
        if not current and (number == 5 or d.rng.random() < 0.5):
            leaver = cohort.enrolments.get(person=mentees[-1], role=R.MENTEE)
            enrolment_withdraw(
                enrolment=leaver,
                changed_by=d.by,
                note="Started a full-time course; left with our best wishes.",
                now=_at(starts_on + timedelta(days=80), 12),
            )
        _close(d, cohort, Cohort.Status.RUNNING if current else Cohort.Status.CLOSED)
    cohort_create(
        programme=programme,
        name=f"Positive Influence {d.today.year + 1} (cohort 8)",
        number=8,
        starts_on=date(d.today.year + 1, 4, 12),
        ends_on=_months(date(d.today.year + 1, 4, 12), 6, -4),
        created_by=d.by,
        description="Next year's cohort: set the dates, then open recruitment with the partner.",
    )
    return programme


def _mentees(d: Demo, faker: Faker, size: int) -> list[Person]:
    people = []
    for _ in range(size):
        female = d.rng.random() < 0.55
        name = (
            f"{faker.first_name_female() if female else faker.first_name_male()} "
            f"{faker.last_name()}"
        )
        base, n = ascii_slug(name), 1
        email = f"{base}@example.com"
        while Person.objects.filter(email=email).exists():
            n += 1
            email = f"{base}{n}@example.com"
        languages = ["en"]
        if d.rng.random() < 0.35:
            languages.append(d.rng.choice(LONDON_LANGUAGES))
        person = person_create_external(
            name=name,
            email=email,
            country=d.demo["mentee"].country,
            referred_by=d.partner,
            languages=languages,
            time_zone="Europe/London",
            created_by=d.by,
        )
        people.append(person)
    d.mentees += people
    return people


def _mentors(
    d: Demo,
    size: int,
    divisions: tuple[str, ...] | None,
    returning: list[Person],
    with_demo_mentor: bool,
) -> list[Person]:
    """UK staff from the divisions taking part that year (a small demo company borrows from
    the other UK divisions when those run short)."""
    staff = [
        e
        for e in d.company.people.values()
        if e.place.code == "GB"
        and e.level in ("Executive", "Manager", "Senior Manager", "Director")
        and not e.email.startswith(("pm@", "coach@", "admin@", "mentor@"))
    ]
    preferred = [d.person(e) for e in staff if divisions is None or e.division in divisions]
    others = [d.person(e) for e in staff if divisions is not None and e.division not in divisions]
    # About a third of mentors come back the next year.
    keep = [p for p in returning if p in preferred and d.rng.random() < 0.35][:size]
    fresh = [p for p in preferred if p not in keep]
    d.rng.shuffle(fresh)
    d.rng.shuffle(others)
    mentors = (keep + fresh + others)[:size]
    if with_demo_mentor:
        mentors = [d.demo["mentor"], *[m for m in mentors if m != d.demo["mentor"]]][:size]
    return mentors


def _mentoring_calendar(
    d: Demo, cohort: Cohort, mentors: list[Person], mentees: list[Person], current: bool
) -> None:
    """Four weeks of mentor training, then the launch, fortnightly meetings and the showcase."""
    start, end = cohort.starts_on, cohort.ends_on
    launch_day = start + timedelta(days=28)
    for name, s, e in (
        ("Mentor training", start, launch_day - timedelta(days=1)),
        ("Launch and goal setting", launch_day, launch_day + timedelta(days=14)),
        ("Fortnightly mentoring", launch_day + timedelta(days=1), end - timedelta(days=10)),
        ("Projects and showcase", end - timedelta(days=45), end),
    ):
        phase_add(cohort=cohort, name=name, starts_on=s, ends_on=e, changed_by=d.by)
    now = datetime.now(tz=zoneinfo.ZoneInfo("UTC"))
    skip = {d.demo["mentor"].pk, d.demo["mentee"].pk}
    missed: dict[Event, list[Person]] = {}
    for i, (topic, hours, minutes) in enumerate(TRAINING):
        day = start + timedelta(days=7 * i + 1)
        event = event_create(
            cohort=cohort,
            created_by=d.by,
            kind=Event.Kind.TRAINING,
            title=f"Mentor training {i + 1}: {topic}",
            description="Part of the 10 hours every mentor completes before being matched.",
            starts_at=_at(day, 13),
            ends_at=_at(day, 13) + timedelta(hours=hours, minutes=minutes),
            time_zone="Europe/London",
            format=Event.Format.ONLINE,
            online_url="https://meet.example/pi-training",
        )
        _training(d, event, mentors, missed.setdefault(event, []))
    _catch_up(d, cohort, missed)
    launch = event_create(
        cohort=cohort,
        created_by=d.by,
        kind=Event.Kind.LAUNCH,
        title=f"{cohort.name}: launch evening",
        description="Mentors and mentees meet for the first time and set their first goals.",
        starts_at=_at(launch_day, 18),
        ends_at=_at(launch_day, 20, minute=30),
        time_zone="Europe/London",
        format=Event.Format.IN_PERSON,
        venue="Sony Music UK, Derry Street, London W8",
        capacity=len(mentors) + len(mentees) + 15,
    )
    midpoint = launch_day + timedelta(days=84)
    workshop = event_create(
        cohort=cohort,
        created_by=d.by,
        kind=Event.Kind.WORKSHOP,
        title="Mid-programme workshop: roles and routes into the creative industries",
        description="Panels with people from A&R, marketing, sync, games and film: what the "
        "jobs are, and the skills they need.",
        starts_at=_at(midpoint, 17),
        ends_at=_at(midpoint, 19),
        time_zone="Europe/London",
        format=Event.Format.HYBRID,
        venue="Sony Music Publishing, Golden Square, London",
        online_url="https://meet.example/pi-midpoint",
    )
    show = event_create(
        cohort=cohort,
        created_by=d.by,
        kind=Event.Kind.SHOWCASE,
        title=f"{cohort.name}: showcase",
        description="Mentees present their projects and achievements to Sony staff, then "
        "network with them.",
        starts_at=_at(end - timedelta(days=3), 18),
        ends_at=_at(end - timedelta(days=3), 21),
        time_zone="Europe/London",
        format=Event.Format.IN_PERSON,
        venue="Sony Music UK, Derry Street, London W8",
    )
    for event in (launch, workshop, show):
        over = event.ends_at < now
        if event.starts_at > now + timedelta(days=60):
            continue
        _replies(
            d,
            event,
            mentors + mentees,
            attend=over,
            answered=1.0 if over else 0.5,
            skip=None if over or not current else skip,
        )


def _training(d: Demo, event: Event, mentors: list[Person], missed: list[Person]) -> None:
    """Mentors book every session; now and then one misses a session (never the demo
    mentor, whose story needs her trained)."""
    for mentor in mentors:
        event_rsvp(
            event=event,
            person=mentor,
            response=Rsvp.Response.GOING,
            now=event.starts_at - timedelta(days=10),
        )
        came = mentor == d.demo["mentor"] or d.rng.random() > 0.05
        event_record_attendance(
            event=event, person=mentor, attended=came, recorded_by=d.by, now=event.ends_at
        )
        if not came:
            missed.append(mentor)


def _catch_up(d: Demo, cohort: Cohort, missed: dict[Event, list[Person]]) -> None:
    """A catch-up of each session someone missed, in the week before matching; most come.
    Those who do not are left out of the matching run until they complete the hours."""
    day = cohort.starts_on + timedelta(days=24)
    for session, people in missed.items():
        if not people:
            continue
        event = event_create(
            cohort=cohort,
            created_by=d.by,
            kind=Event.Kind.TRAINING,
            title=f"Catch-up: {session.title}",
            description="For mentors who missed the session.",
            starts_at=_at(day, 18),
            ends_at=_at(day, 18) + (session.ends_at - session.starts_at),
            time_zone="Europe/London",
            format=Event.Format.ONLINE,
            online_url="https://meet.example/pi-training",
        )
        _training(d, event, people, [])
        for person in people:
            if d.rng.random() < 0.3:
                event_record_attendance(
                    event=event, person=person, attended=False, recorded_by=d.by, now=event.ends_at
                )


def summary() -> dict[str, int]:
    return {
        "programmes": Programme.objects.count(),
        "cohorts": Cohort.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "pairings": Pairing.objects.count(),
        "phases": Phase.objects.count(),
        "events": Event.objects.count(),
        "replies": Rsvp.objects.count(),
    }
