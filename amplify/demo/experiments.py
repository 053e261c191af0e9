"""The demo's experiments, for Amplify (the leadership programme).

Every participant of the 2013–2015 cohorts ran one experiment (about 130), sponsored by one
of her cohort's managing directors: most reached a decision (persevere, pivot, scale up or
stop), a few stopped at the learning card or while running, as real cohorts do. Their test
and learning cards come from the seed's innovation stories — new ways of developing artists
(a nomination for best newcomer), a partnership releasing a track through a ride-hailing
app, moving into roles to earn untapped catalogue revenue, deals with high-net-worth clients
in Asia, converting older listeners to streaming in the Nordics, app development and
language teaching, vloggers, data to predict hits — and from everyday ones. The eight seed
experiments have their outcome records (confirmed) and their owners' stories, shared with
consent.

The running cohort is mid-way: experiments in every stage. The demo sponsor has test cards
waiting for approval and a learning card waiting for her view of the business impact; the
demo participant's test card came back with the sponsor's comments, to change and resubmit.

Built directly (the services' rules hold for what is built: one per participant, a sponsor
of the cohort, evidence before a learning card) so the demo stays fast and its dates lie in
the past.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from simple_history.utils import bulk_create_with_history

from amplify.core import outcomes as core
from amplify.demo.programmes import Demo
from amplify.experiments.models import Comment, Evidence, Experiment, Stage, Story
from amplify.outcomes.models import Outcome, Verification
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme


@dataclass(frozen=True)
class Idea:
    title: str
    themes: tuple[str, ...]
    hypothesis: str
    test: str
    metric: str
    criterion: str
    result: str
    observed: str
    learned: str
    therefore: str
    decision: str
    asks: str = ""  # "money", "people", "time" or nothing (most ask for nothing)


SEED = (
    Idea(
        "Developing artists in the open",
        ("artist_development",),
        "New artists grow faster when fans follow their development week by week.",
        "Share one emerging artist's studio diary with 2,000 fans for eight weeks.",
        "Weekly listeners and saves of her singles.",
        "Weekly listeners double within the eight weeks.",
        "Weekly listeners grew 2.7 times; the diary posts were shared 14,000 times.",
        "Fans stayed for the story as much as for the songs.",
        "Development in the open builds an audience before the album does.",
        "Run it for the label's whole new-artist roster.",
        "scale_up",
    ),
    Idea(
        "A track released through a ride-hailing app",
        ("partnerships", "streaming"),
        "Riders would listen to a new single if the ride itself offered it.",
        "Pitch one ride-hailing partner a one-week in-ride premiere of a single.",
        "Plays in the app and streams on the day of release.",
        "The partner says yes and first-day streams beat the artist's last single.",
        "The partner said yes; first-day streams were 40% above the last single.",
        "Partners outside music want cultural moments, not advertising.",
        "A partnership can be a release channel, not only a sponsorship.",
        "Build a partnerships playbook for premieres.",
        "scale_up",
        "people",
    ),
    Idea(
        "Untapped revenue in the catalogue",
        ("catalogue",),
        "Older catalogue earns more when someone owns each era's licensing.",
        "Move two people into catalogue roles for one quarter, one era each.",
        "Licensing revenue of the two eras against the quarter before.",
        "Licensing revenue of both eras rises by 20%.",
        "Revenue rose 35% and 18%: one era met the criterion, one nearly did.",
        "Buyers asked for someone who knew the era, not a catalogue number.",
        "Ownership of an era unlocks deals a shared team never sees.",
        "Make era owners a role in the catalogue division.",
        "persevere",
        "people",
    ),
    Idea(
        "High-net-worth clients in Asia",
        ("clients",),
        "Private clients in Asia would commission private performances by our artists.",
        "Offer three private-banking partners one curated evening each.",
        "Bookings and their value.",
        "At least one booking at a profitable fee.",
        "Two bookings, both profitable; one client asked for a yearly series.",
        "Private clients buy access and a story to tell.",
        "There is a premium market for intimate performances.",
        "Pivot to a membership offer for private clients.",
        "pivot",
        "time",
    ),
    Idea(
        "Older listeners to streaming in the Nordics",
        ("streaming",),
        "Listeners over sixty would stream if someone they trust showed them how.",
        "A radio presenter's playlist and a how-to, sent to 500 lapsed CD buyers.",
        "How many stream the playlist twice within a month.",
        "At least 10% stream it twice.",
        "14% streamed it twice; 6% started a subscription trial.",
        "The presenter's voice mattered more than the price.",
        "A trusted guide converts older listeners where advertising does not.",
        "Scale it to Denmark and Finland with local presenters.",
        "scale_up",
    ),
    Idea(
        "An app that teaches languages through songs",
        ("digital_products",),
        "Learners would practise a language longer with songs they love.",
        "A clickable prototype with five songs, tested with 30 learners.",
        "Minutes practised per learner against a textbook lesson.",
        "Learners practise at least twice as long.",
        "Learners practised 2.4 times as long; licensing the lyrics is the hard part.",
        "Songs keep learners going; lyrics rights slow everything.",
        "The idea works; the rights need a partner.",
        "Persevere with a publishing partner for the lyrics.",
        "persevere",
    ),
    Idea(
        "The future of vloggers in a music company",
        ("content",),
        "Vloggers can break a song to an audience our channels do not reach.",
        "Brief five vloggers with one unreleased song each.",
        "Pre-saves from their audiences.",
        "Pre-saves from vloggers exceed those from our own channels.",
        "Vloggers brought 1.6 times our own channels' pre-saves.",
        "Their audiences trusted the vloggers' taste.",
        "Vloggers are a channel with their own credibility: brief them, do not script them.",
        "Make vlogger briefs part of every release plan.",
        "scale_up",
    ),
    Idea(
        "Data to predict hits",
        ("data",),
        "Early listening data tells a hit from a miss within two weeks.",
        "Score 40 past releases on their first two weeks and compare with their year.",
        "How often the score ranks the year's top ten correctly.",
        "Seven of the top ten are in the score's top ten.",
        "Six of ten: close, and better than the A&R panel's five.",
        "Skips and saves told more than plays.",
        "Data helps A&R, it does not replace it.",
        "Pivot to an early-warning signal for A&R rather than a prediction.",
        "pivot",
    ),
)
EVERYDAY = (
    Idea(
        "A mentoring circle for new managers",
        ("people",),
        "New managers settle faster with peers than with a course.",
        "Three circles of five new managers, meeting monthly for a quarter.",
        "Confidence in the role, asked before and after.",
        "Confidence rises for four in five.",
        "Confidence rose for 12 of 15.",
        "They valued the peers more than the agenda.",
        "Peer circles work; they need a host, not a curriculum.",
        "Offer circles to every new manager.",
        "scale_up",
    ),
    Idea(
        "Fewer meetings, more making",
        ("ways_of_working",),
        "A meeting-free afternoon a week gives teams time to create.",
        "One team tries meeting-free Thursdays for six weeks.",
        "Hours of focused work, from calendars and a weekly check-in.",
        "Two more focused hours a week per person.",
        "1.5 more hours a week; the team asked to keep it.",
        "The time was used, but meetings crept back to other days.",
        "Protecting time needs a team agreement, not a rule.",
        "Persevere with a team agreement.",
        "persevere",
    ),
    Idea(
        "Greener tours",
        ("sustainability",),
        "Fans would pay a little more for a lower-carbon ticket.",
        "Offer a green ticket option at two concerts.",
        "Share of tickets sold as green.",
        "One in ten buys the green ticket.",
        "4% bought it.",
        "Fans liked the idea but not paying for it.",
        "The cost should sit with the tour, not the fan.",
        "Stop the ticket; plan the tour's own footprint instead.",
        "stop",
    ),
    Idea(
        "Local playlists for local shops",
        ("partnerships", "streaming"),
        "Independent shops would play our new artists if the playlist were free.",
        "Give 20 shops a curated in-store playlist for a month.",
        "Shazams and streams near the shops.",
        "Streams of the artists rise in the shops' towns.",
        "No measurable rise.",
        "Shops played it, customers did not notice.",
        "In-store background music does not discover artists.",
        "Stop.",
        "stop",
    ),
    Idea(
        "A sync pitch in a week",
        ("catalogue", "partnerships"),
        "Faster sync pitches win more placements.",
        "Answer every sync brief within 48 hours for a month.",
        "Placements won against the month before.",
        "Placements rise by a quarter.",
        "Placements rose by a third.",
        "Supervisors pick the first good answer.",
        "Speed wins sync.",
        "Persevere and staff a rota.",
        "persevere",
        "time",
    ),
    Idea(
        "Fan clubs on a messaging app",
        ("content", "digital_products"),
        "Super-fans would join an artist's channel on a messaging app.",
        "Open one channel for one artist for a month.",
        "Members and their weekly activity.",
        "5,000 members, half active weekly.",
        "3,200 members, 60% active weekly.",
        "Fewer joined, but they stayed.",
        "Small, active communities are worth more than big quiet ones.",
        "Pivot to channels for the artists with the most engaged fans.",
        "pivot",
    ),
    Idea(
        "Asking our own interns",
        ("people", "data"),
        "Our interns know what young listeners want before our research does.",
        "A monthly listening panel of the interns for a quarter.",
        "How often their picks chart within six months.",
        "A third of their picks chart.",
        "A fifth of their picks charted.",
        "Their picks were early, not always right.",
        "A panel helps as an early signal, with the data alongside.",
        "Persevere and pair the panel with the data team.",
        "persevere",
    ),
    Idea(
        "Concert tickets for employees' teams",
        ("people",),
        "Teams that go to a gig together work better together.",
        "Four teams go to one gig each in a quarter.",
        "Team survey on working together, before and after.",
        "The survey improves for three of four teams.",
        "It improved for two of four.",
        "Teams enjoyed it; it did not change how they work.",
        "A night out is a thank-you, not a team intervention.",
        "Stop as an experiment; keep it as a thank-you.",
        "stop",
    ),
)
IDEAS = SEED + EVERYDAY
STORIES = (
    # The seed's eight, each told by the owner of the seed idea of the same place.
    ("A nomination for best newcomer", "award", "Our artist was nominated for best newcomer."),
    ("A single premiered in a ride-hailing app", "deal", "A premiere partnership with the app."),
    ("Era owners in the catalogue", "new_role", "Two people moved into catalogue roles."),
    ("Private evenings in Asia", "deal", "A yearly series with a private-banking partner."),
    ("Streaming for the over-sixties", "other", "Subscription trials across the Nordics."),
    ("Songs that teach languages", "deal", "A publishing partner for the lyrics."),
    ("Vloggers on every release", "other", "Vlogger briefs in every release plan."),
    ("An early signal for hits", "other", "The early-warning signal now used by A&R."),
)
QUOTES = (
    "Think big, act small: the smallest thing that could prove it.",
    "I learned more from the test that failed than from the one that worked.",
    "My sponsor opened doors I did not know were there.",
    "We asked for nothing but permission, and that was enough.",
)
RUNNING_STAGES = (
    Stage.DRAFT,
    Stage.SUBMITTED,
    Stage.RETURNED,
    Stage.APPROVED,
    Stage.RUNNING,
    Stage.RUNNING,
    Stage.LEARNING,
    Stage.DECIDED,
)


def _at(day: Any, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo("Europe/London"))


def _fill(e: Experiment, idea: Idea, stage: str, start: Any, step: int) -> None:
    """Give the experiment the idea's cards up to `stage`, its dates `step` days apart."""
    e.title, e.themes = idea.title, list(idea.themes)
    e.hypothesis, e.test, e.metric, e.criterion = (
        idea.hypothesis,
        idea.test,
        idea.metric,
        idea.criterion,
    )
    e.hypothesis_criticality, e.test_cost, e.data_reliability, e.time_required = 3, 1, 2, 1
    e.asks_money, e.asks_people, e.asks_time = (
        idea.asks == "money",
        idea.asks == "people",
        idea.asks == "time",
    )
    e.ask_detail = "Nothing but permission." if not idea.asks else f"Some {idea.asks}, for a month."
    e.stage = stage
    e.created_at = _at(start + timedelta(days=step))
    order = [Stage.SUBMITTED, Stage.APPROVED, Stage.RUNNING, Stage.LEARNING, Stage.DECIDED]
    reached = order[: order.index(Stage(stage)) + 1] if stage in order else []
    if stage == Stage.RETURNED:
        reached = [Stage.SUBMITTED]
    for i, s in enumerate(reached):
        field = {
            Stage.SUBMITTED: "submitted_at",
            Stage.APPROVED: "approved_at",
            Stage.RUNNING: "started_at",
            Stage.LEARNING: "learning_at",
            Stage.DECIDED: "decided_at",
        }[s]
        setattr(e, field, _at(start + timedelta(days=step * (i + 2))))
    if stage in (Stage.RUNNING, Stage.LEARNING, Stage.DECIDED):
        e.result = idea.result
    if stage in (Stage.LEARNING, Stage.DECIDED):
        e.criterion_met = idea.decision in ("scale_up", "persevere")
        e.believed, e.observed = idea.hypothesis, idea.observed
        e.learned, e.therefore = idea.learned, idea.therefore
    if stage == Stage.DECIDED:
        e.decision = idea.decision
        e.sponsor_impact = (
            "A real opening for the business: worth the time it took."
            if idea.decision != "stop"
            else "A cheap lesson, learned early: it saved a larger spend."
        )


def _people(cohort: Cohort, role: str) -> list[Person]:
    ids = Enrolment.objects.filter(cohort=cohort, role=role).values("person_id")
    return list(Person.objects.filter(pk__in=ids).select_related("country").order_by("name", "pk"))


def build_experiments(d: Demo) -> str:
    cohorts = list(
        Cohort.objects.filter(programme__kind=Programme.Kind.LEADERSHIP).order_by("starts_on")
    )
    made: list[Experiment] = []
    seeded: list[Experiment] = []
    waiting = 0
    for number, cohort in enumerate(cohorts):
        participants = _people(cohort, Enrolment.Role.PARTICIPANT)
        sponsors = _people(cohort, Enrolment.Role.SPONSOR)
        if not sponsors:
            continue
        running = cohort.status != Cohort.Status.CLOSED
        for i, owner in enumerate(participants):
            seed_index = i if not running and number < 3 and i < 3 else None
            if seed_index is not None:
                idea = SEED[(number * 3 + seed_index) % len(SEED)]
            else:
                idea = EVERYDAY[(i * 3 + number) % len(EVERYDAY)]
            sponsor = sponsors[i % len(sponsors)]
            if running:
                stage = RUNNING_STAGES[i % len(RUNNING_STAGES)]
                step = 6
                demo_sponsor = d.demo["sponsor"]
                if stage in (Stage.SUBMITTED, Stage.LEARNING) and demo_sponsor in sponsors:
                    sponsor = demo_sponsor
                    waiting += 1
                if owner == d.demo["participant"]:
                    stage = Stage.RETURNED
                    idea = SEED[4]
                    sponsor = demo_sponsor if demo_sponsor in sponsors else sponsor
            else:
                roll = d.rng.random()
                stage = (
                    Stage.DECIDED
                    if roll < 0.9 or seed_index is not None
                    else (Stage.LEARNING if roll < 0.96 else Stage.RUNNING)
                )
                step = 25
            e = Experiment(
                cohort=cohort,
                owner=owner,
                sponsor=sponsor,
                country_id=owner.country_id,
                division_id=owner.division_id,
            )
            _fill(e, idea, stage, cohort.starts_on, step)
            if idea in EVERYDAY and owner.country is not None:
                # The same everyday idea tried in many places: each is told by its place.
                e.title = f"{idea.title} in {owner.country.name}"[:160]
            if running and stage == Stage.LEARNING:
                e.sponsor_impact = ""  # waiting for the sponsor's view
            made.append(e)
            if seed_index is not None:
                seeded.append(e)
    bulk_create_with_history(made, Experiment, default_user=d.by)
    made = list(
        Experiment.objects.filter(cohort__in=cohorts).select_related("cohort", "sponsor", "owner")
    )
    started = [e for e in made if e.started_at is not None]
    Evidence.objects.bulk_create(
        Evidence(
            experiment=e,
            title="Results, week by week",
            link="https://intranet.example/amplify/experiments/results",
            added_by=e.owner,
            added_at=(e.started_at or e.created_at) + timedelta(days=20),
        )
        for e in started
    )
    comments = []
    for e in made:
        if e.stage == Stage.RETURNED and e.submitted_at and e.sponsor:
            comments.append(
                Comment(
                    experiment=e,
                    author=e.sponsor,
                    body="Make the test smaller: one town before the whole region. And say what"
                    " you will measure in numbers.",
                    returned=True,
                    created_at=e.submitted_at + timedelta(days=3),
                )
            )
        elif e.approved_at and e.sponsor:
            comments.append(
                Comment(
                    experiment=e,
                    author=e.sponsor,
                    body="Approved: small, cheap and it will tell us something. Go.",
                    created_at=e.approved_at,
                )
            )
    Comment.objects.bulk_create(comments)
    keys = {(e.cohort_id, e.owner_id) for e in seeded}
    _seed_outcomes_and_stories(d, [e for e in made if (e.cohort_id, e.owner_id) in keys])
    return (
        f"{len(made)} experiments ({len(started)} started), "
        f"{waiting} waiting for sponsors in the running cohort"
    )


def _seed_outcomes_and_stories(d: Demo, made: list[Experiment]) -> None:
    by_title: dict[str, Experiment] = {}
    for e in sorted(made, key=lambda e: (e.cohort.starts_on, e.pk)):
        by_title.setdefault(e.title, e)
    for n, (idea, (title, kind, description)) in enumerate(zip(SEED, STORIES, strict=True)):
        found = by_title.get(idea.title)
        decided_at = found.decided_at if found is not None else None
        if found is None or decided_at is None:
            continue
        e = found
        happened_on = (decided_at + timedelta(days=30 + 20 * n)).date()
        Outcome.objects.create(
            person=e.owner,
            cohort=e.cohort,
            experiment=e,
            kind=kind,
            happened_on=happened_on,
            organisation="Sony Music",
            description=description,
            during_programme=core.during_programme(
                happened_on, starts_on=e.cohort.starts_on, ends_on=e.cohort.ends_on
            ),
            recorded_by=d.by,
            recorded_at=_at(happened_on),
            verification=Verification.CONFIRMED,
            verified_by=d.by,
            verified_at=_at(happened_on, 15),
        )
        Story.objects.create(
            person=e.owner,
            cohort=e.cohort,
            experiment=e,
            title=title,
            tried=idea.test,
            happened=f"{idea.result} {description}",
            quote=QUOTES[n % len(QUOTES)],
            consent_to_share=True,
            consented_at=_at(happened_on + timedelta(days=7)),
        )
