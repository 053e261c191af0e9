"""The pages and API calls of the load bench (bench/load.py) cost the same number of queries
whether there is little or much to show: a loop that queries per row would show here as
the data grows. Query counts, not time: time on a shared machine says nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.events.models import Rsvp
from amplify.events.tests.factories import EventFactory
from amplify.people.tests.factories import ExternalPersonFactory, PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import CohortFactory, EnrolmentFactory, PairingFactory


def _more_of_everything(world: World, n: int) -> None:
    """n more people in the world's cohort, events with their replies, and for Alice more
    cohorts, mentees and reports."""
    alice = world.person(world.alice)
    people = PersonFactory.create_batch(n)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=world.cohort, person=p, role=Enrolment.Role.MENTOR) for p in people
    )
    for p in people[: n // 2]:
        p.manager = alice
        p.save(update_fields=["manager"])
    for _ in range(max(1, n // 20)):
        cohort = CohortFactory(programme=world.programme)
        EnrolmentFactory(cohort=cohort, person=alice, role=Enrolment.Role.MENTOR)
        PairingFactory(cohort=cohort, mentor=alice, mentee=ExternalPersonFactory())
        event = EventFactory(cohort=world.cohort, starts_at=timezone.now() + timedelta(days=3))
        Rsvp.objects.bulk_create(
            Rsvp(event=event, person=p, response=Rsvp.Response.GOING) for p in people[:20]
        )
        Rsvp.objects.create(event=event, person=alice, response=Rsvp.Response.GOING)
    # Volunteers for the world's cohort (amplify/volunteering), made directly.
    from amplify.volunteering.models import MentorOffer

    MentorOffer.objects.bulk_create(
        MentorOffer(cohort=world.cohort, person=p, why="To give back.", tags=["A&R"])
        for p in people
    )


def _session(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(user: User) -> Client:
    _, raw = api_token_create(user=user, name="query count")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _with_curriculum(url: Callable[[World], str]) -> Callable[[World], str]:
    """The programme's default curriculum set up, then the address."""

    def address(w: World) -> str:
        from amplify.training.services import curriculum_create_default

        curriculum_create_default(programme=w.programme, created_by=w.harriet)
        return url(w)

    return address


ROUTES: list[tuple[str, str, Callable[[World], str], Callable[[User], Client]]] = [
    (
        "my profile",
        "alice",
        lambda w: reverse("people:detail", args=[w.person(w.alice).pk]),
        _session,
    ),
    ("events", "alice", lambda w: reverse("events:list"), _session),
    ("api me", "alice", lambda w: "/api/me", _token),
    ("api my matches", "alice", lambda w: "/api/me/matches", _token),
    ("api cohort", "alice", lambda w: f"/api/cohorts/{w.cohort.pk}", _token),
    ("api events", "alice", lambda w: "/api/events", _token),
    ("api people", "harriet", lambda w: "/api/people?limit=50", _token),
    (
        "api cohort enrolments",
        "harriet",
        lambda w: f"/api/cohorts/{w.cohort.pk}/enrolments",
        _token,
    ),
    (
        "cohort outcomes",
        "harriet",
        lambda w: reverse("outcomes:cohort", args=[w.cohort.pk]),
        _session,
    ),
    ("showcase", "alice", lambda w: reverse("outcomes:showcase", args=[w.cohort.pk]), _session),
    ("api outcomes", "harriet", lambda w: "/api/outcomes", _token),
    (
        "volunteers",
        "harriet",
        lambda w: reverse("volunteering:queue", args=[w.cohort.pk]),
        _session,
    ),
    ("api volunteers", "harriet", lambda w: f"/api/cohorts/{w.cohort.pk}/mentor-offers", _token),
    ("volunteer", "otto", lambda w: reverse("volunteering:index"), _session),
    ("my ranking", "bea", lambda w: reverse("matching:ranking", args=[w.cohort.pk]), _session),
    ("api my ranking", "bea", lambda w: f"/api/cohorts/{w.cohort.pk}/my-ranking", _token),
    ("my training", "alice", _with_curriculum(lambda w: reverse("training:mine")), _session),
    (
        "training readiness",
        "harriet",
        _with_curriculum(lambda w: reverse("training:cohort", args=[w.cohort.pk])),
        _session,
    ),
    (
        "api training readiness",
        "harriet",
        _with_curriculum(lambda w: f"/api/training/cohorts/{w.cohort.pk}/readiness"),
        _token,
    ),
    ("our mentoring", "alice", lambda w: reverse("mentoring:mine"), _session),
    ("api my mentoring pairs", "alice", lambda w: "/api/mentoring/pairs", _token),
    (
        "cohort relationships",
        "harriet",
        lambda w: reverse("mentoring:cohort", args=[w.cohort.pk]),
        _session,
    ),
]


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("label", "who", "url", "client"), ROUTES, ids=[r[0] for r in ROUTES])
def test_it_costs_the_same_queries_with_little_or_much_data(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given a little data, the cost of a request once the session or token is settled
    _more_of_everything(world, 4)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When there is a hundred times more to show
    _more_of_everything(world, 200)
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def _more_pairs_and_meetings(world: World, n: int) -> None:
    """n more pairs in the world's cohort, each with a few meetings (meetings app)."""
    from amplify.meetings.models import Meeting

    mentors = PersonFactory.create_batch(n)
    mentees = ExternalPersonFactory.create_batch(n)
    today = timezone.localdate()
    for mentor, mentee in zip(mentors, mentees, strict=True):
        pairing = PairingFactory(
            cohort=world.cohort, mentor=mentor, mentee=mentee, started_on=today - timedelta(60)
        )
        Meeting.objects.bulk_create(
            Meeting(
                pairing=pairing,
                held_on=today - timedelta(days=14 * i + 1),
                duration_minutes=60,
                mode=Meeting.Mode.REMOTE,
                logged_by=mentee,
            )
            for i in range(3)
        )


MEETING_ROUTES: list[tuple[str, str, Callable[[World], str], Callable[[User], Client]]] = [
    (
        "cohort health",
        "harriet",
        lambda w: reverse("meetings:health", args=[w.cohort.pk]),
        _session,
    ),
    (
        "cohort health htmx",
        "harriet",
        lambda w: reverse("meetings:health", args=[w.cohort.pk]) + "?sort=last&status=open",
        _session,
    ),
    (
        "api cohort health",
        "harriet",
        lambda w: f"/api/meetings/cohorts/{w.cohort.pk}/health",
        _token,
    ),
    (
        "pair meetings",
        "alice",
        lambda w: reverse(
            "meetings:pair", args=[w.person(w.alice).pairings_as_mentor.order_by("pk")[0].pk]
        ),
        _session,
    ),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), MEETING_ROUTES, ids=[r[0] for r in MEETING_ROUTES]
)
def test_meetings_pages_cost_the_same_queries_with_few_or_many_pairs(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    from amplify.meetings.tests.factories import meeting_for

    # Given a few pairs with meetings, Alice and Bea's among them
    meeting_for(world)
    _more_pairs_and_meetings(world, 3)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When the cohort has many more pairs and meetings
    _more_pairs_and_meetings(world, 60)
    for days in range(5, 60, 7):
        meeting_for(world, days_ago=days)
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def _more_nominations(world: World, n: int) -> None:
    """n more nominations in the recruiting leadership cohort (nominations app), made
    directly, across countries, seniority bands and statuses."""
    from amplify.nominations.models import Nomination
    from amplify.nominations.tests.factories import line

    ln = line(world)
    otto = world.person(world.otto)
    people = [PersonFactory(manager=otto, country_id=("GB", "DE", "FR")[i % 3]) for i in range(n)]
    Nomination.objects.bulk_create(
        Nomination(
            cohort=ln.cohort,
            nominee=p,
            nominated_by=otto,
            case="Ready.",
            seniority=("manager", "director", "")[i % 3],
            status=("submitted", "selected", "waitlisted")[i % 3],
        )
        for i, p in enumerate(people)
    )


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_the_selection_board_costs_the_same_queries_with_few_or_many_nominations(
    world: World, htmx: bool
) -> None:
    from amplify.nominations.tests.factories import recruiting_cohort

    # Given a few nominations on the board
    _more_nominations(world, 3)
    browser = _session(world.max)
    address = reverse("nominations:board", args=[recruiting_cohort(world).pk])
    if htmx:
        browser.defaults["HTTP_HX_REQUEST"] = "true"
        address += "?status=submitted"
    small = _count(browser, address)
    # When there are many more
    _more_nominations(world, 60)
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def test_my_nominations_cost_the_same_queries_with_few_or_many(world: World) -> None:
    # Given Otto with a few nominations he made
    _more_nominations(world, 3)
    browser = _session(world.otto)
    address = reverse("nominations:mine")
    small = _count(browser, address)
    # When he has made many more
    _more_nominations(world, 40)
    # Then his page costs no more queries
    assert _count(browser, address) <= small


def _more_coaching(world: World, n: int) -> None:
    """n more of Coco's coachees and of other coaches' pairs, and n // 2 home groups with a
    round each (coaching app)."""
    from amplify.coaching.tests.factories import home_group, more_pairs, round_for

    more_pairs(world, n, coach=True)
    more_pairs(world, n)
    for _i in range(max(1, n // 2)):
        round_for(world, home_group(world, extra=1), days_ago=3)


COACHING_ROUTES: list[tuple[str, str, Callable[[World], str], Callable[[User], Client]]] = [
    ("coachees", "coco", lambda w: reverse("coaching:coachees"), _session),
    ("api coachees", "coco", lambda w: "/api/coaching/coachees", _token),
    (
        "cohort coaching tab",
        "max",
        lambda w: reverse("coaching:cohort", args=[w.leadership_cohort.pk]),
        _session,
    ),
    (
        "api cohort coaching",
        "max",
        lambda w: f"/api/coaching/cohorts/{w.leadership_cohort.pk}",
        _token,
    ),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), COACHING_ROUTES, ids=[r[0] for r in COACHING_ROUTES]
)
def test_coaching_pages_cost_the_same_queries_with_few_or_many_pairs(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given a few coaching pairs with sessions and a few home groups with rounds
    _more_coaching(world, 2)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When there are many more
    _more_coaching(world, 20)
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def _more_experiments(world: World, n: int) -> None:
    """n more participants of the leadership cohort, each with an experiment at some stage,
    with comments and evidence (experiments app); Sam sponsors them all."""
    from amplify.experiments.models import Comment, Evidence, Experiment, Stage

    sam = world.person(world.sam)
    people = PersonFactory.create_batch(n)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=world.leadership_cohort, person=p, role=Enrolment.Role.PARTICIPANT)
        for p in people
    )
    stages = list(Stage)
    made = Experiment.objects.bulk_create(
        Experiment(
            cohort=world.leadership_cohort,
            owner=p,
            sponsor=sam,
            title=f"Experiment {p.pk}",
            stage=stages[i % len(stages)],
            themes=["data", "streaming"],
            country=p.country,
            division=p.division,
        )
        for i, p in enumerate(people)
    )
    Comment.objects.bulk_create(Comment(experiment=e, author=sam, body="Go on.") for e in made)
    Evidence.objects.bulk_create(
        Evidence(experiment=e, title="A link", link="https://example.com", added_by=e.owner)
        for e in made
    )


def _lena_experiment(w: World) -> str:
    from amplify.experiments.tests.factories import experiment_of

    return experiment_of(w, stage="running").get_absolute_url()


EXPERIMENT_ROUTES = [
    (
        "experiment board",
        "max",
        lambda w: reverse("experiments:board", args=[w.leadership_cohort.pk]),
        _session,
    ),
    (
        "experiment board filtered",
        "lena",
        lambda w: reverse("experiments:board", args=[w.leadership_cohort.pk]) + "?theme=data",
        _session,
    ),
    ("sponsor page", "sam", lambda w: reverse("experiments:sponsor"), _session),
    ("experiment page", "sam", _lena_experiment, _session),
    ("portfolio", "max", lambda w: reverse("experiments:portfolio", args=["amplify"]), _session),
    ("home of a sponsor", "sam", lambda w: reverse("home:index"), _session),
    (
        "api board",
        "coco",
        lambda w: f"/api/experiments/cohorts/{w.leadership_cohort.pk}/board",
        _token,
    ),
    ("api experiments", "sam", lambda w: "/api/experiments/?sponsored=true", _token),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), EXPERIMENT_ROUTES, ids=[r[0] for r in EXPERIMENT_ROUTES]
)
def test_experiment_pages_cost_the_same_queries_with_few_or_many_experiments(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given a few experiments, Lena's running among them
    _more_experiments(world, 4)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When the cohort has many more
    _more_experiments(world, 60)
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def _more_presentations(world: World, n: int) -> None:
    """n more participants with experiments in the leadership cohort, scheduled, each judged
    by Sam and scored (showcase app)."""
    from amplify.experiments.models import Experiment
    from amplify.showcase import services
    from amplify.showcase.models import Slot
    from amplify.showcase.tests.factories import marks, showcase_for

    show = showcase_for(world)
    sam = world.person(world.sam)
    for person in PersonFactory.create_batch(n):
        EnrolmentFactory(cohort=world.leadership_cohort, person=person, role="participant")
        Experiment.objects.create(cohort=world.leadership_cohort, owner=person, title="x")
    services.slots_generate(event=show.event, changed_by=world.max, minutes=5)
    for slot in Slot.objects.filter(event=show.event).exclude(judges__judge=sam):
        if slot.experiment.sponsor_id != sam.pk:
            services.judge_assign(slot=slot, judge=sam, changed_by=world.max)
    for a in sam.showcase_assignments.filter(scored_at__isnull=True):
        services.scores_save(assignment=a, judge=sam, values=marks(show.rubric, a.pk % 5 + 1))


SHOWCASE_ROUTES: list[tuple[str, str, Callable[[World], str], Callable[[User], Client]]] = [
    (
        "showcase tab",
        "max",
        lambda w: reverse("showcase:cohort", args=[w.leadership_cohort.pk]),
        _session,
    ),
    (
        "showcase results",
        "max",
        lambda w: reverse("showcase:results", args=[w.leadership_cohort.pk]),
        _session,
    ),
    ("my showcase slots", "sam", lambda w: reverse("showcase:mine"), _session),
    (
        "api showcase results",
        "max",
        lambda w: f"/api/showcase/cohorts/{w.leadership_cohort.pk}/results",
        _token,
    ),
    (
        "api showcase slots",
        "max",
        lambda w: f"/api/showcase/cohorts/{w.leadership_cohort.pk}/slots",
        _token,
    ),
    ("api my showcase slots", "sam", lambda w: "/api/showcase/mine", _token),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), SHOWCASE_ROUTES, ids=[r[0] for r in SHOWCASE_ROUTES]
)
def test_showcase_pages_cost_the_same_queries_with_few_or_many_presentations(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given a showcase with a few scored presentations
    _more_presentations(world, 2)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When it has many more
    _more_presentations(world, 25)
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def book_for_walks(w: World, **kwargs: Any) -> Any:
    from amplify.talentbook.tests.factories import book_for_walks

    return book_for_walks(w, **kwargs)


def _more_in_the_talent_book(world: World, n: int) -> None:
    from amplify.talentbook.tests.factories import more_participants

    more_participants(world, n)


def _talent_book(w: World) -> str:
    return reverse("talentbook:book", args=[book_for_walks(w, rebuild=True).pk])


TALENT_BOOK_ROUTES: list[tuple[str, str, Callable[[World], str], Callable[[User], Client]]] = [
    ("talent book web edition", "sam", _talent_book, _session),
    (
        "talent book cohort tab",
        "max",
        lambda w: reverse("talentbook:cohort", args=[w.leadership_cohort.pk]),
        _session,
    ),
    (
        "api talent book",
        "sam",
        lambda w: f"/api/talent-book/books/{book_for_walks(w, rebuild=True).pk}",
        _token,
    ),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), TALENT_BOOK_ROUTES, ids=[r[0] for r in TALENT_BOOK_ROUTES]
)
def test_talent_book_pages_cost_the_same_queries_with_few_or_many_people(
    world: World,
    label: str,
    who: str,
    url: Callable[[World], str],
    client: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "amplify.talentbook.render.book_pdf", lambda book, snapshot, progress: b"%PDF-1.7\n"
    )
    # Given a book of a few people
    _more_in_the_talent_book(world, 3)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When the next edition prints many more
    _more_in_the_talent_book(world, 60)
    address = url(world)
    # Then the same page costs no more queries
    assert _count(browser, address) <= small


def _more_week(world: World, n: int) -> None:
    """n more participants of the leadership cohort, each day of its week n more sessions,
    each attended by some of them, and their activity groups."""
    from amplify.events.models import ActivityGroup, Event, SessionAttendance
    from amplify.events.tests.factories import SessionFactory, global_week

    week = Event.objects.filter(kind=Event.Kind.GLOBAL_WEEK).first() or global_week(
        world, days_from_now=-3
    )
    people = PersonFactory.create_batch(n)
    for person in people:
        EnrolmentFactory(cohort=world.leadership_cohort, person=person, role="participant")
    group = ActivityGroup.objects.create(event=week, name=f"Group {ActivityGroup.objects.count()}")
    group.members.add(*people)
    for i in range(n):
        starts = week.starts_at + timedelta(days=i % 6, hours=i % 8, minutes=i)
        session = SessionFactory(event=week, starts_at=starts, ends_at=starts + timedelta(hours=1))
        SessionAttendance.objects.bulk_create(
            SessionAttendance(session=session, person=p, attended=True, recorded_at=starts)
            for p in [*people, world.person(world.lena)][:6]
        )
    mine = ActivityGroup.objects.filter(event=week, members=world.person(world.lena)).first()
    if mine is None:
        group.members.add(world.person(world.lena))


def _week_url(name: str, on: str = "week") -> Callable[[World], str]:
    def url(w: World) -> str:
        from amplify.events.models import Event

        week = Event.objects.get(kind=Event.Kind.GLOBAL_WEEK)
        if on == "session":
            return reverse(name, args=[week.sessions.order_by("pk")[0].pk])
        return reverse(name, args=[week.pk]) if ":" in name else name.format(pk=week.pk)

    return url


WEEK_ROUTES: list[tuple[str, str, Callable[[World], str], Callable[[User], Client]]] = [
    ("week agenda", "lena", _week_url("events:week"), _session),
    ("week agenda manager", "max", _week_url("events:week"), _session),
    (
        "cohort week tab",
        "leo",
        lambda w: reverse("events:cohort-week", args=[w.leadership_cohort.pk]),
        _session,
    ),
    ("week groups", "max", _week_url("events:groups"), _session),
    ("session attendance", "max", _week_url("events:session-attendance", "session"), _session),
    ("api week sessions", "lena", _week_url("/api/events/{pk}/sessions"), _token),
    ("api week groups", "max", _week_url("/api/events/{pk}/groups"), _token),
    ("week calendar", "lena", _week_url("events:week-ical"), _session),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), WEEK_ROUTES, ids=[r[0] for r in WEEK_ROUTES]
)
def test_global_week_pages_cost_the_same_queries_with_a_small_or_full_agenda(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given a week with a few sessions, people and one group
    _more_week(world, 3)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When the agenda is full and the cohort large
    _more_week(world, 40)
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def _more_ledger_lines(world: World, n: int) -> None:
    """n more ledger lines (amplify/giving), each to its own recipient, some under Harriet's
    programme, across funds, currencies and input types."""
    from datetime import date

    from amplify.giving.models import Fund, Gift, InputType, Recipient
    from amplify.people.models import Country

    funds = [Fund.objects.get_or_create(name=f"Fund {i}")[0] for i in range(3)]
    countries = list(Country.objects.order_by("code")[:5])
    recipients = Recipient.objects.bulk_create(
        Recipient(name=f"Org {Recipient.objects.count() + i}") for i in range(n)
    )
    Gift.objects.bulk_create(
        Gift(
            given_on=date(2020 + i % 4, 1 + i % 12, 1),
            fund=funds[i % 3],
            amount=100 + i,
            currency=("USD", "GBP")[i % 2],
            status=("paid", "committed")[i % 2],
            input_type=InputType.values[i % 4],
            recipient=recipients[i],
            country=countries[i % 5],
            programme=world.programme if i % 3 else world.leadership,
            recorded_by=world.ina,
        )
        for i in range(n)
    )


GIVING_ROUTES: list[tuple[str, str, Callable[[World], str], Callable[[User], Client]]] = [
    ("giving lines", "ina", lambda w: reverse("giving:list"), _session),
    ("giving lines, her programmes", "harriet", lambda w: reverse("giving:list"), _session),
    ("giving totals", "ina", lambda w: reverse("giving:summary") + "?by=country", _session),
    ("giving recipients", "ina", lambda w: reverse("giving:recipients"), _session),
    ("api giving lines", "ina", lambda w: "/api/giving/gifts?status=paid", _token),
    ("api giving summary", "ina", lambda w: "/api/giving/summary", _token),
    ("benefits", "harriet", lambda w: reverse("benefits:list"), _session),
    ("api benefits", "ina", lambda w: "/api/benefits", _token),
]


def _more_benefits(n: int) -> None:
    from datetime import date

    from amplify.benefits.models import Benefit
    from amplify.people.models import Country

    countries = list(Country.objects.order_by("code")[:20])
    Benefit.objects.bulk_create(
        Benefit(
            country=countries[i % 20] if i % 4 else None,
            kind="medical",
            title=f"Benefit {i}",
            starts_on=date(2020, 1, 1),
        )
        for i in range(n)
    )


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), GIVING_ROUTES, ids=[r[0] for r in GIVING_ROUTES]
)
def test_giving_and_benefits_pages_cost_the_same_queries_with_few_or_many_lines(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given a few ledger lines and benefits
    _more_ledger_lines(world, 6)
    _more_benefits(4)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When there are many more
    _more_ledger_lines(world, 300)
    _more_benefits(100)
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def _more_survey_waves(world: World, n: int) -> None:
    """n more mentors in the world's cohort and, per five of them, a sent wave (attributed
    and confidential in turn) in which some answered (amplify/surveys)."""
    from amplify.surveys.tests.builder_factories import answered, draft_wave, launched

    people = PersonFactory.create_batch(n)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=world.cohort, person=p, role=Enrolment.Role.MENTOR) for p in people
    )
    for i in range(max(1, n // 5)):
        wave = launched(draft_wave(world, mode="attributed" if i % 2 else "confidential"))
        answered(wave, people[: n // 2])


SURVEY_ROUTES: list[tuple[str, str, Callable[[World], str], Callable[[User], Client]]] = [
    (
        "cohort surveys tab",
        "harriet",
        lambda w: reverse("surveys:cohort", args=[w.cohort.pk]),
        _session,
    ),
    (
        "api cohort response rates",
        "harriet",
        lambda w: f"/api/surveys/cohorts/{w.cohort.pk}/response-rates",
        _token,
    ),
    ("api cohort waves", "ina", lambda w: f"/api/surveys/cohorts/{w.cohort.pk}/waves", _token),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), SURVEY_ROUTES, ids=[r[0] for r in SURVEY_ROUTES]
)
def test_the_surveys_tab_costs_the_same_queries_with_few_or_many_waves(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given a cohort with one sent wave
    _more_survey_waves(world, 5)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When it has many waves, each answered by many
    _more_survey_waves(world, 40)
    # Then the same request costs no more queries
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def _more_indicators_and_snapshots(world: World, n: int) -> None:
    """n more indicators in the library and n more published versions of the cohort's
    report (impact app)."""
    from amplify.impact.models import Indicator, Scope, Snapshot

    start = Indicator.objects.count()
    Indicator.objects.bulk_create(
        Indicator(key=f"count-{start + i}", name="People", definition="People.", kind="people")
        for i in range(n)
    )
    version = Snapshot.objects.filter(cohort=world.cohort).count()
    Snapshot.objects.bulk_create(
        Snapshot(
            scope=Scope.COHORT,
            cohort=world.cohort,
            version=version + i + 1,
            title="Report",
            published_by=world.harriet,
        )
        for i in range(n)
    )


IMPACT_ROUTES = [
    ("indicator library", "harriet", lambda w: reverse("impact:indicators"), _session),
    ("api indicators", "ina", lambda w: "/api/impact/indicators", _token),
    (
        "published reports",
        "harriet",
        lambda w: reverse("impact:cohort-snapshots", args=[w.cohort.pk]),
        _session,
    ),
    ("api snapshots", "ina", lambda w: "/api/impact/snapshots", _token),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), IMPACT_ROUTES, ids=[r[0] for r in IMPACT_ROUTES]
)
def test_impact_lists_cost_the_same_queries_with_few_or_many_records(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    _more_indicators_and_snapshots(world, 3)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    _more_indicators_and_snapshots(world, 60)
    assert _count(browser, address) <= small


def _more_surveys(world: World, n: int) -> None:
    """n more launched surveys of the world's cohort, each inviting Bea (surveys app)."""
    from amplify.surveys import invitations
    from amplify.surveys.tests.factories import wave_of_every_kind

    for i in range(n):
        wave = wave_of_every_kind(cohort=world.cohort, title=f"Survey {i}")
        invitations.wave_launch(wave=wave, by=world.harriet)


SURVEY_ROUTES: list[tuple[str, Callable[[World], str], Callable[[User], Client]]] = [
    ("your surveys", lambda w: reverse("answer:mine"), _session),
    ("home with the survey card", lambda w: reverse("home:index"), _session),
    ("api my surveys", lambda w: "/api/my/surveys", _token),
]


@pytest.mark.parametrize(
    ("label", "url", "client"), SURVEY_ROUTES, ids=[r[0] for r in SURVEY_ROUTES]
)
def test_a_respondents_survey_pages_cost_the_same_queries_with_few_or_many(
    world: World, label: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given Bea with one survey waiting
    _more_surveys(world, 1)
    browser = client(world.bea)
    small = _count(browser, url(world))
    # When many more wait for her
    _more_surveys(world, 8)
    # Then her page costs no more queries
    assert _count(browser, url(world)) <= small


def _more_impact(world: World, scale: int) -> None:
    """More programmes, cohorts, people, outcomes and experiments for the roll-up."""
    from amplify.impact.tests.rollup_data import grow
    from amplify.programmes.tests.factories import ProgrammeFactory

    grow(world.programme, scale=scale)
    for _ in range(scale):
        grow(ProgrammeFactory(kind="mentoring"), scale=1)


ROLLUP_ROUTES = [
    ("organisation roll-up", "ina", lambda w: reverse("impact:organisation"), _session),
    (
        "roll-up of a programme",
        "harriet",
        lambda w: f"/impact/?programme={w.programme.pk}",
        _session,
    ),
    ("roll-up by country", "ada", lambda w: "/impact/?country=GB&format=xlsx", _session),
    ("api organisation roll-up", "ina", lambda w: "/api/impact/organisation", _token),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), ROLLUP_ROUTES, ids=[r[0] for r in ROLLUP_ROUTES]
)
def test_the_organisation_roll_up_costs_the_same_queries_with_few_or_many_people(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given a programme with a cohort of a few dozen people
    _more_impact(world, 1)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When there are more programmes, cohorts and people
    _more_impact(world, 3)
    # Then the roll-up costs no more queries
    # Then the same request costs no more queries
    assert _count(browser, address) <= small


def _more_impact_records(world: World, n: int) -> None:
    """n more answers to each of the seed's items, n more mentees with a job outcome, for the
    world's cohort (amplify/impact's report)."""
    from amplify.impact.library import indicators_install
    from amplify.impact.tests.reportdata import answers, mentees_with_outcomes, post_wave

    indicators_install()
    wave = post_wave(world.cohort)
    answers(
        wave,
        role="mentor",
        items={
            "would_continue_meeting": [1.0] * n + [0.0] * n,
            "barriers_understood": [5.0] * n + [2.0] * n,
        },
    )
    answers(wave, role="mentee", items={"career_paths_understood": [4.0] * n})
    mentees_with_outcomes(world.cohort, n)


IMPACT_ROUTES: list[tuple[str, str, Callable[[World], str], Callable[[User], Client]]] = [
    (
        "cohort impact report",
        "harriet",
        lambda w: reverse("impact:cohort-report", args=[w.cohort.pk]),
        _session,
    ),
    (
        "api cohort impact report",
        "ina",
        lambda w: f"/api/impact/cohorts/{w.cohort.pk}/report",
        _token,
    ),
    (
        "programme impact report",
        "harriet",
        lambda w: reverse("impact:programme-report", args=[w.programme.slug]),
        _session,
    ),
]


@pytest.mark.parametrize(
    ("label", "who", "url", "client"), IMPACT_ROUTES, ids=[r[0] for r in IMPACT_ROUTES]
)
def test_impact_reports_cost_the_same_queries_with_few_or_many_answers(
    world: World, label: str, who: str, url: Callable[[World], str], client: Callable
) -> None:
    # Given a few answers and outcomes
    _more_impact_records(world, 6)
    browser = client(getattr(world, who))
    address = url(world)
    browser.get(address)
    small = _count(browser, address)
    # When the cohort has many more
    _more_impact_records(world, 150)
    # Then the same report costs no more queries
    assert _count(browser, address) <= small
