"""The demo's meetings: every Positive Influence pair has a fortnightly slot and logs its
meetings, most of them confirmed by the other person. The closed cohorts met about every two
weeks (some pairs faded towards the end); in the running cohort 7, dated back from today,
most pairs are on track, a few are at risk, and some have stalled: the periodic job has
nudged them and alerted the programme manager, so the cohort health page shows live
statuses. The demo mentor and mentee are on track, with one meeting waiting for the
mentee to confirm."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from amplify.demo.programmes import Demo
from amplify.meetings.models import Meeting, MeetingSlot, Topic
from amplify.meetings.periodic import cadence_notices_send
from amplify.meetings.services import (
    meeting_confirm,
    meeting_log,
    meeting_settings_set,
    meeting_slot_set,
)
from amplify.meetings.slots import choices, zone_of
from amplify.programmes.models import Cohort, Pairing, Programme

TOPICS = list(Topic.values)
NOTES = [
    "Went through her CV line by line; she will rewrite the personal statement.",
    "Talked about the A&R graduate scheme and who to ask about it.",
    "Practised answers for the marketing internship interview.",
    "Mapped the people she already knows in the industry and who could introduce her.",
    "Looked back at the goals: the portfolio is on track, the course application is late.",
    "Met at the office: a tour of the studios and lunch with the digital team.",
    "",
]


def _slot_for_closed(pairing: Pairing, d: Demo) -> None:
    """A closed cohort's series, as the service would have made it, cancelled when the
    cohort ended (its emails went long ago)."""
    offered, _shared = choices(pairing, on=pairing.started_on, minutes=60)
    pick = offered[d.rng.randrange(len(offered))]
    zone = zone_of(pairing.mentor)
    MeetingSlot.objects.create(
        pairing=pairing,
        starts_at=pick.first_at(pairing.started_on + timedelta(days=1)).astimezone(zone),
        time_zone=str(zone.key),
        every_days=14,
        duration_minutes=60,
        until=pairing.cohort.ends_on,
        chosen_by=pairing.mentee,
        sequence=1,
        cancelled_at=datetime.combine(pairing.cohort.ends_on, datetime.min.time(), tzinfo=UTC),
    )


def _meet(pairing: Pairing, d: Demo, *, first: int, last_gap: int, fade: bool = False) -> int:
    """Log meetings about fortnightly from `first` days after the start until `last_gap`
    days before the end of the relationship (today for a running pair)."""
    end = min(pairing.ended_on or d.today, pairing.cohort.ends_on, d.today)
    stop = end - timedelta(days=last_gap)
    day = pairing.started_on + timedelta(days=first)
    logged = 0
    while day <= stop:
        by, other = d.rng.choice(
            [(pairing.mentee, pairing.mentor), (pairing.mentor, pairing.mentee)]
        )
        meeting, created = meeting_log(
            pairing=pairing,
            logged_by=by,
            held_on=day,
            duration_minutes=d.rng.choice([45, 60, 60, 60, 75, 90]),
            mode=d.rng.choice([Meeting.Mode.REMOTE, Meeting.Mode.REMOTE, Meeting.Mode.IN_PERSON]),
            topics=d.rng.sample(TOPICS, d.rng.randint(1, 3)),
            notes=d.rng.choice(NOTES),
        )
        logged += created
        if d.rng.random() < 0.8 and (d.today - day).days > 2:
            meeting_confirm(meeting=meeting, confirmed_by=other)
        gap = 14 + d.rng.randint(-3, 4)
        if fade and logged > 4:
            gap += 10 * (logged - 4)
        day += timedelta(days=gap)
    return logged


def build_meetings(d: Demo) -> dict[str, int]:
    programme = Programme.objects.get(slug="positive-influence")
    meeting_settings_set(programme=programme, changed_by=d.by, every_days=14, duration_minutes=60)
    pairs = list(
        Pairing.objects.filter(cohort__programme=programme)
        .select_related("mentor", "mentee", "cohort__programme")
        .order_by("cohort__number", "pk")
    )
    demo_pair = (d.demo.get("mentor"), d.demo.get("mentee"))
    logged = 0
    running = []
    for pairing in pairs:
        if pairing.cohort.status == Cohort.Status.CLOSED:
            _slot_for_closed(pairing, d)
            logged += _meet(
                pairing, d, first=d.rng.randint(3, 10), last_gap=0, fade=d.rng.random() < 0.2
            )
        elif pairing.cohort.status == Cohort.Status.RUNNING and pairing.ended_on is None:
            running.append(pairing)
    # Cohort 7: a mix that the health page shows live (dates from today).
    for i, pairing in enumerate(running):
        is_demo = (pairing.mentor, pairing.mentee) == demo_pair
        if is_demo:
            kind = "on_track"
        else:
            kind = ["on_track", "on_track", "on_track", "at_risk", "stalled", "never"][i % 6]
        offered, _shared = choices(pairing, on=d.today, minutes=60)
        if kind != "never":
            meeting_slot_set(
                pairing=pairing,
                chosen_by=pairing.mentee if i % 2 else pairing.mentor,
                choice=offered[d.rng.randrange(len(offered))].code,
                today=d.today,
            )
        if kind == "on_track":
            logged += _meet(pairing, d, first=d.rng.randint(2, 6), last_gap=d.rng.randint(2, 9))
        elif kind == "at_risk":
            logged += _meet(pairing, d, first=4, last_gap=d.rng.randint(22, 26))
        elif kind == "stalled":
            logged += _meet(pairing, d, first=5, last_gap=d.rng.randint(31, 40))
        if is_demo:
            # One meeting two days ago, logged by the mentor: the mentee confirms it.
            meeting_log(
                pairing=pairing,
                logged_by=pairing.mentor,
                held_on=d.today - timedelta(days=1),
                duration_minutes=60,
                mode=Meeting.Mode.IN_PERSON,
                topics=[Topic.GOALS, Topic.APPLICATIONS],
                notes="Her first interview is on Friday: we rehearsed it twice.",
            )
    now = datetime.combine(d.today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
    sent = cadence_notices_send(now)
    return {"meetings": logged, "running pairs": len(running), **sent}
