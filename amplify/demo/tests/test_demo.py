"""The demo organisation tells the seeds' story, built through the real code."""

import pytest
from django.db import models

from amplify.accounts.models import User
from amplify.core.hierarchy import find_cycles
from amplify.demo.build import LOGINS
from amplify.demo.programmes import MENTORING_COHORTS
from amplify.events.models import ActivityGroup, Event, EventSession, SessionAttendance
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme


@pytest.mark.django_db
def test_it_runs_the_leadership_programme_since_2013(demo) -> None:
    amplify = Programme.objects.get(name="Amplify")
    first_three = Enrolment.objects.filter(
        cohort__programme=amplify, cohort__number__lte=3, role=Enrolment.Role.PARTICIPANT
    )
    assert first_three.count() == 130
    countries = first_three.values("person__country").distinct().count()
    assert countries >= 40
    assert amplify.cohorts.get(number=1).starts_on.year == 2013
    assert amplify.cohorts.get(number=4).status == Cohort.Status.RUNNING


@pytest.mark.django_db
def test_it_runs_six_mentoring_cohorts_then_a_current_one(demo) -> None:
    mentoring = Programme.objects.get(name="Positive Influence")
    closed = mentoring.cohorts.filter(status=Cohort.Status.CLOSED)
    assert sorted(closed.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert closed.get(number=1).starts_on.year == 2018
    mentees = Enrolment.objects.filter(cohort__in=closed, role=Enrolment.Role.MENTEE)
    assert mentees.count() >= 100
    enrolled = {number: size for number, _, size, _ in MENTORING_COHORTS}
    assert mentees.filter(cohort__number=5).count() == enrolled[5]
    assert all(e.person.referred_by_id for e in mentees.select_related("person"))


@pytest.mark.django_db
def test_it_gives_every_role_a_login(demo) -> None:
    for key, email, _, _ in LOGINS:
        user = User.objects.get(email=email)
        assert Person.objects.filter(user=user).exists(), key
        assert user.check_password("amplify-demo-2026")
    mentor = Person.objects.get(user__email="mentor@sony.example")
    assert mentor.pairings_as_mentor.filter(mentee__user__email="mentee@example.com").exists()


@pytest.mark.django_db
def test_it_has_clean_reporting_lines(demo) -> None:
    managers = dict(Person.objects.employees().values_list("pk", "manager_id"))
    assert find_cycles(managers) == []
    assert Person.objects.employees().filter(manager__isnull=True).count() == 6


@pytest.mark.django_db
def test_the_engine_matched_every_cohort_and_formed_home_groups(demo) -> None:
    from amplify.matching.models import GroupingRun, MatchingRun, ProposedPair, RunStatus
    from amplify.programmes.models import Pairing

    runs = MatchingRun.objects.filter(status=RunStatus.PUBLISHED)
    # Not yet matched: cohorts being set up, recruiting (Positive Influence cohort 8) or
    # being matched, with a run to review (cohort 9).
    unmatched = [Cohort.Status.DRAFT, Cohort.Status.RECRUITING, Cohort.Status.MATCHING]
    assert runs.count() == Cohort.objects.exclude(status__in=unmatched).count()
    assert all(run.certified for run in runs)
    # Every pair in the demo was proposed by a run, and explains itself.
    assert Pairing.objects.filter(proposal__isnull=True).count() == 0
    pair = ProposedPair.objects.get(mentee__user__email="mentee@example.com")
    assert pair.mentor.user.email == "mentor@sony.example"
    assert pair.score == sum(c["score"] for c in pair.breakdown) > 0
    amplify = Programme.objects.get(name="Amplify")
    grouped = GroupingRun.objects.filter(status=RunStatus.PUBLISHED, cohort__programme=amplify)
    # Every leadership cohort past recruiting has its home groups (the recruiting one has none)
    assert grouped.count() == amplify.cohorts.exclude(status__in=unmatched).count()
    for run in grouped:
        assert all(5 <= g.members.count() <= 8 for g in run.groups.all())


@pytest.mark.django_db
def test_a_closed_cohort_shows_who_took_part(demo, client) -> None:
    # Closed through the real workflow, its enrolments are completed, not gone
    cohort = Cohort.objects.get(programme__name="Amplify", number=1)
    took_part = cohort.enrolments.taking_part().count()
    assert took_part >= 44
    client.force_login(User.objects.get(email="pm@sony.example"))
    page = client.get(cohort.get_absolute_url()).content.decode()
    assert (
        f'<div class="stat-value">{took_part}</div><div class="stat-label">people took part</div>'
        in page
    )
    assert "Reopen…" in page


@pytest.mark.django_db
def test_the_mentors_past_mentees_are_shown_apart(demo, client) -> None:
    from amplify.programmes.models import Pairing

    mentor = Person.objects.get(user__email="mentor@sony.example")
    past = Pairing.objects.filter(mentor=mentor).past().select_related("mentee", "cohort")
    assert past.exists()
    client.force_login(mentor.user)
    page = client.get("/").content.decode()
    yours, _, rest = page.partition("Past pairs")
    for pair in past:
        assert (
            pair.mentee.display_name not in yours
            or Pairing.objects.filter(mentor=mentor, mentee=pair.mentee).current().exists()
        )
    assert f"Your mentee in {past.order_by('-cohort__starts_on').first().cohort.name}" in rest


@pytest.mark.django_db
def test_it_gives_the_safeguarding_lead_two_concerns_one_overdue(demo) -> None:
    from django.utils import timezone

    from amplify.safeguarding.models import Concern, SafeguardingTeam

    lead = User.objects.get(email="safeguarding@creativementor.example")
    team = SafeguardingTeam.objects.get(programme__name="Positive Influence")
    assert team.lead.user == lead
    assert team.deputy is not None
    assert team.deputy.user is not None
    concerns = Concern.objects.for_user(lead)
    assert concerns.count() == 2
    assert concerns.overdue(now=timezone.now()).count() == 1
    assert concerns.get(about__user__email="mentee@example.com").actions.count() == 2
    manager = User.objects.get(email="pm@sony.example")
    assert not Concern.objects.for_user(manager).exists()


def test_it_has_applications_decided_by_the_rules_and_a_saved_draft(demo) -> None:
    from amplify.applications.models import Application, ApplicationTally, Stage

    mentoring = Programme.objects.get(name="Positive Influence")
    ineligible = Application.objects.filter(cohort__programme=mentoring, stage=Stage.INELIGIBLE)
    codes = {f["code"] for a in ineligible for f in a.failures}
    assert {"too_young", "too_old", "no_criterion", "no_right_to_take_part"} <= codes
    recruiting = mentoring.cohorts.get(number=8)
    assert recruiting.status == Cohort.Status.RECRUITING
    assert recruiting.applications.filter(stage=Stage.REFERRED).count() == 3
    assert recruiting.applications.get(email="applicant@example.com").stage == Stage.DRAFT
    # Every mentee of cohort 5 applied; its evidence is minimised, its counts kept.
    five = mentoring.cohorts.get(number=5)
    enrolled = {number: size for number, _, size, _ in MENTORING_COHORTS}
    assert five.applications.filter(person__isnull=False).count() == enrolled[5]
    assert ApplicationTally.objects.filter(cohort=five, measure="stage").exists()


@pytest.mark.django_db
def test_five_mentees_of_cohort_5_gained_employment_during_the_programme(demo) -> None:
    from amplify.outcomes.models import Outcome, ShowcaseProject, Verification

    cohort = Cohort.objects.get(programme__slug="positive-influence", number=5)
    # Counted by the one method, from the records: never typed in.
    assert Outcome.objects.mentees_employed_during(cohort) == 5
    # The cohort also holds what does not count.
    of_cohort = Outcome.objects.filter(cohort=cohort)
    assert of_cohort.filter(during_programme=False, kind="job").exists()
    assert of_cohort.filter(kind="promotion").exists()
    assert of_cohort.employment().filter(verification=Verification.SELF_REPORTED).exists()
    assert of_cohort.filter(verification=Verification.REJECTED).exists()
    assert ShowcaseProject.objects.filter(cohort=cohort).count() == 4
    running = Cohort.objects.get(programme__slug="positive-influence", number=7)
    assert Outcome.objects.filter(cohort=running).awaiting_confirmation().exists()


def test_it_has_volunteers_and_rankings_in_a_cohort_being_matched(demo) -> None:
    from amplify.matching.models import MatchProfile, Ranking
    from amplify.volunteering.models import MentorOffer

    cohort = Programme.objects.get(name="Positive Influence").cohorts.get(number=9)
    assert cohort.status == Cohort.Status.MATCHING
    offers = MentorOffer.objects.filter(cohort=cohort)
    assert sorted(set(offers.values_list("status", flat=True))) == [
        "accepted",
        "declined",
        "pending",
    ]
    for offer in offers.filter(status="accepted"):
        # Accepted by the service: enrolled as a mentor, capacity in the matching profile.
        assert offer.enrolment is not None
        assert offer.enrolment.role == Enrolment.Role.MENTOR
        assert MatchProfile.objects.get(person=offer.person).capacity == offer.capacity
    assert offers.get(status="declined").decline_reason
    rankings = Ranking.objects.filter(cohort=cohort)
    assert rankings.filter(side="mentee").values("person").distinct().count() >= 3
    assert rankings.filter(side="mentor").exists()
    mentor = User.objects.get(email__startswith="mentor@")
    assert MentorOffer.objects.filter(person__user=mentor, status="pending").exists()
    # A stable run to review there says it used the rankings it found.
    run = cohort.matching_runs.get()
    assert run.mode == "stable"
    assert run.result["preferences"]["source"] == "mixed"


def test_it_trains_and_screens_the_mentors_and_sets_aside_those_not_ready(demo) -> None:
    from amplify.matching.models import MatchingRun
    from amplify.training.models import Activity
    from amplify.training.readiness import cohort_readiness, curriculum_of

    mentoring = Programme.objects.get(name="Positive Influence")
    assert curriculum_of(mentoring).requirements.hours == 10
    reasons = set()
    for run in MatchingRun.objects.filter(cohort__programme=mentoring, status="published"):
        mentors = {p["key"]: p for p in run.inputs["mentors"]}
        screened = [k for k in run.result["excluded_mentors"] if mentors[k]["screening"]]
        assert screened, run.cohort.name  # every cohort sets aside someone not screened
        reasons |= {code for k in screened for code in mentors[k]["screening"]}
    assert {"check_pending", "code_not_accepted", "check_expired", "safeguarding"} <= reasons
    # The demo mentor is ready in the cohort running now; a course waits to be verified.
    seven = mentoring.cohorts.get(number=7)
    mentor = Person.objects.get(user__email="mentor@sony.example")
    assert cohort_readiness(seven, [mentor.pk])[mentor.pk].ready
    assert Activity.objects.to_verify().filter(module__programme=mentoring).exists()


def test_it_gives_the_pairs_agreements_goals_and_closures(demo) -> None:
    from amplify.mentoring.models import AgreementState, Goal, Relationship

    cohort7 = Cohort.objects.get(programme__name="Positive Influence", number=7)
    states = Relationship.objects.agreement_states(cohort=cohort7)
    awaiting = [s for s in states.values() if s.startswith("awaiting")]
    assert 1 <= len(awaiting) <= 3
    assert list(states.values()).count(AgreementState.ACTIVE) >= 15
    mentee = Person.objects.get(user__email="mentee@example.com")
    own = Goal.objects.filter(pairing__mentee=mentee, pairing__cohort=cohort7)
    assert own.exists()
    assert any(g.updates.exists() for g in own)
    closed = Relationship.objects.filter(pairing__cohort__number__lt=7, closed_at__isnull=False)
    assert {"withdrew", "moved_away", "other"} <= set(
        closed.values_list("closure_reason", flat=True)
    )
    assert Goal.objects.filter(progress=100, pairing__cohort__number__lt=7).exists()


def test_cohort_7_has_live_cadence_health_with_stalled_pairs_alerted(demo) -> None:
    from django.utils import timezone

    from amplify.core.cadence import Status
    from amplify.meetings import health
    from amplify.meetings.models import CadenceNotice, Meeting, MeetingSlot
    from amplify.programmes.models import Pairing

    cohort = Cohort.objects.get(programme__name="Positive Influence", number=7)
    rows = health.rows(Pairing.objects.filter(cohort=cohort), today=timezone.localdate())
    statuses = {r.health.status for r in rows}
    assert {Status.ON_TRACK, Status.AT_RISK, Status.STALLED} <= statuses
    assert CadenceNotice.objects.filter(pairing__cohort=cohort, kind="alert").exists()
    assert MeetingSlot.objects.live().filter(pairing__cohort=cohort).exists()
    own = Pairing.objects.get(cohort=cohort, mentee__user__email="mentee@example.com")
    assert Meeting.objects.filter(pairing=own).unconfirmed().exists()
    closed = Meeting.objects.filter(
        pairing__cohort__number=5, pairing__cohort__programme=cohort.programme
    )
    assert closed.count() >= 100


@pytest.mark.django_db
def test_the_showcases_are_judged_and_the_demo_judge_has_marks_to_give(demo, client) -> None:
    from amplify.showcase.models import JudgeAssignment, Publication, Score

    amplify = Programme.objects.get(name="Amplify")
    # The past cohorts' showcases: judged, published, no judge marking what she sponsors
    published = Publication.objects.filter(
        event__cohort__programme=amplify, published_at__isnull=False
    )
    assert published.count() == 3
    assert Score.objects.filter(assignment__slot__event__in=published.values("event")).exists()
    conflicted = JudgeAssignment.objects.filter(slot__experiment__sponsor=models.F("judge")).count()
    assert conflicted == 0
    # The demo judge: presentations of the running cohort waiting for her marks
    judge = User.objects.get(email="judge@sony.example")
    waiting = JudgeAssignment.objects.filter(judge__user=judge, scored_at__isnull=True)
    assert waiting.exists()
    client.force_login(judge)
    page = client.get("/showcase/").content.decode()
    assert "wait for your marks" in page or "waits for your marks" in page


def test_it_gives_the_past_leadership_cohorts_talent_pages_and_books(demo) -> None:
    from amplify.talentbook.models import Book, TalentPage

    # Every past cohort's participants have pages; each past cohort has its book (the
    # newest built after the load commits, the older two queued for the demo worker)
    past = Cohort.objects.filter(programme__name="Amplify", status="closed")
    assert TalentPage.objects.filter(cohort__in=past).count() == 130
    assert sorted(Book.objects.values_list("cohort__name", flat=True)) == [
        "Amplify 2013",
        "Amplify 2014",
        "Amplify 2015",
    ]


# The global weeks (amplify/demo/globalweek.py)


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
