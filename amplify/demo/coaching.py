"""The demo's coaching: every leadership cohort's coaching pairs held their six sessions
(themes, actions shared with the participant, the coach's private notes), and its home
groups met for peer-coaching rounds about every four weeks. In the running cohort, dated
back from today, most pairs are on plan with their next session booked, a few are behind;
most groups meet, some have gone quiet, and the periodic job has nudged them, so the
cohort's coaching tab shows live cadence. The demo coach and participant are on plan, with
a session booked next week."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from amplify.coaching.models import CoachingSession, Mode, PeerRound, Theme
from amplify.coaching.periodic import coaching_notices_send
from amplify.coaching.services import coaching_settings_set
from amplify.demo.programmes import Demo
from amplify.matching.models import HomeGroup, RunStatus
from amplify.programmes.models import Cohort, Pairing, Programme

THEMES = list(Theme.values)
MODES = [Mode.VIDEO, Mode.VIDEO, Mode.IN_PERSON, Mode.PHONE]
NOTES = [
    "Still hiding behind the team's results; we worked on owning her part of them.",
    "Her values exercise: fairness and curiosity came out first, as she expected.",
    "Nervous about the sponsor meeting. Rehearsed the first two minutes.",
    "Tension with her line manager about time for the experiment: she will raise it.",
    "A breakthrough: she described the leader she wants to be without hedging.",
    "",
]
ACTIONS = [
    "Write a one-page 'who am I as a leader' and share it with the home group.",
    "Ask three colleagues what they count on you for.",
    "Book 30 minutes with the sponsor to agree the smallest test.",
    "Try saying no to one meeting a week and notice what happens.",
    "Draft the learning card before the showcase rehearsal.",
    "",
]
CHALLENGES = [
    "Getting a sceptical team to try something new",
    "Finding time for the experiment next to the day job",
    "Pitching to a managing director",
    "Leading people older and more senior than me",
    "Working across regions without a shared language",
]


def _session(d: Demo, pairing: Pairing, held_on: date) -> CoachingSession:
    return CoachingSession(
        pairing=pairing,
        status=CoachingSession.Status.HELD,
        uid=uuid.UUID(int=d.rng.getrandbits(128)),
        minutes=60,
        held_on=held_on,
        duration_minutes=d.rng.choice([45, 60, 60, 75, 90]),
        mode=d.rng.choice(MODES),
        themes=d.rng.sample(THEMES[:3], d.rng.randint(1, 2))
        + ([d.rng.choice(THEMES[3:])] if d.rng.random() < 0.5 else []),
        coach_notes=d.rng.choice(NOTES),
        actions=d.rng.choice(ACTIONS),
        logged_at=datetime.combine(held_on, time(17), tzinfo=UTC),
    )


def _held_days(start: date, end: date, n: int) -> list[date]:
    """n days spread evenly between start and end, the first a few weeks in."""
    span = (end - start).days
    return [start + timedelta(days=(i + 1) * span // (n + 1)) for i in range(n)]


def _sessions(d: Demo, cohort: Cohort, running: bool) -> int:
    pairs = list(
        Pairing.objects.filter(cohort=cohort, kind=Pairing.Kind.COACHING).select_related(
            "mentor", "mentee"
        )
    )
    made: list[CoachingSession] = []
    demo_pair = (d.demo["coach"].pk, d.demo["participant"].pk)
    for pairing in pairs:
        start = max(pairing.started_on, cohort.starts_on)
        if not running:
            days = _held_days(start, cohort.ends_on, d.rng.choice([5, 6, 6, 6]))
        else:
            is_demo = (pairing.mentor_id, pairing.mentee_id) == demo_pair
            # Two sessions by now keeps a pair on plan; a few pairs are behind.
            held = 2 if is_demo or d.rng.random() < 0.75 else d.rng.randint(0, 1)
            days = _held_days(start, d.today - timedelta(days=3), held)
            if is_demo or d.rng.random() < 0.6:
                # The next session booked (its invitation went when it was booked).
                made.append(
                    CoachingSession(
                        pairing=pairing,
                        status=CoachingSession.Status.BOOKED,
                        uid=uuid.UUID(int=d.rng.getrandbits(128)),
                        starts_at=datetime.combine(
                            d.today + timedelta(days=d.rng.randint(3, 14)), time(14), tzinfo=UTC
                        ),
                        minutes=60,
                        booked_by=pairing.mentee,
                    )
                )
        made.extend(_session(d, pairing, day) for day in days)
    CoachingSession.objects.bulk_create(made)
    return len(made)


def _rounds(d: Demo, cohort: Cohort, running: bool) -> int:
    groups = list(
        HomeGroup.objects.filter(run__cohort=cohort, run__status=RunStatus.PUBLISHED)
        .select_related("run")
        .prefetch_related("members")
    )
    made: list[tuple[PeerRound, list[int]]] = []
    for number, group in enumerate(groups):
        members = list(group.members.all())
        if len(members) < 3:
            continue
        published = group.run.published_at.date() if group.run.published_at else cohort.starts_on
        end = min(cohort.ends_on, d.today)
        # In the running cohort every third group went quiet after its first round or two.
        quiet = running and number % 3 == 2
        stop = published + timedelta(days=40) if quiet else end - timedelta(days=3)
        day = published + timedelta(days=d.rng.randint(3, 10))
        while day <= stop and day <= end:
            challenger = d.rng.choice(members)
            others = [m for m in members if m.pk != challenger.pk]
            coaches = d.rng.sample(others, min(len(others), d.rng.randint(2, 3)))
            made.append(
                (
                    PeerRound(
                        home_group=group,
                        held_on=day,
                        challenge_by=challenger,
                        theme=d.rng.choice(THEMES),
                        note=d.rng.choice(CHALLENGES),
                        logged_by=d.rng.choice(members),
                    ),
                    [c.pk for c in coaches],
                )
            )
            day += timedelta(days=d.rng.randint(24, 32))
    PeerRound.objects.bulk_create([r for r, _c in made])
    through = PeerRound.coaches.through
    through.objects.bulk_create(
        [through(peerround_id=r.pk, person_id=pk) for r, coaches in made for pk in coaches]
    )
    return len(made)


def build_coaching(d: Demo) -> dict[str, int]:
    programme = Programme.objects.get(kind=Programme.Kind.LEADERSHIP, slug="amplify")
    coaching_settings_set(
        programme=programme,
        changed_by=d.by,
        sessions_planned=6,
        session_minutes=60,
        round_every_days=28,
        quiet_days=42,
    )
    sessions = rounds = 0
    for cohort in Cohort.objects.filter(programme=programme).order_by("starts_on"):
        running = cohort.status == Cohort.Status.RUNNING
        sessions += _sessions(d, cohort, running)
        rounds += _rounds(d, cohort, running)
    now = datetime.combine(d.today, time(9), tzinfo=UTC)
    sent = coaching_notices_send(now)
    return {"coaching sessions": sessions, "peer rounds": rounds, **sent}
