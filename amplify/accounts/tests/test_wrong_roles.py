"""A person in the wrong role gets 403 (may see the thing, may not do this) or 404 (may not
see the thing at all)."""

from collections.abc import Callable

import pytest
from django.urls import reverse

from amplify.conftest import World
from amplify.matching.models import MatchingRun
from amplify.people.models import PeopleImport, Person

UrlFor = Callable[[World], str]


def person_url(name: str, who: str) -> UrlFor:
    return lambda w: reverse(name, args=[Person.objects.get(user=getattr(w, who)).pk])


def cohort_url(name: str, attr: str = "cohort") -> UrlFor:
    return lambda w: reverse(name, args=[getattr(w, attr).pk])


def matching_run(w: World) -> MatchingRun:
    return MatchingRun.objects.create(cohort=w.cohort, number=1, kind="mentoring", status="ready")


def import_url(w: World) -> str:
    job = PeopleImport.objects.create(uploaded_by=w.harriet, filename="x.csv", content=b"x", size=1)
    return reverse("people:import", args=[job.pk])


def concern_url(name: str) -> UrlFor:
    def url(w: World) -> str:
        from amplify.safeguarding.tests.factories import concern_for

        return reverse(name, args=[concern_for(w).pk])

    return url


def application_url(name: str) -> UrlFor:
    def url(w: World) -> str:
        from amplify.applications.models import Application

        application = Application.objects.create(cohort=w.cohort, name="Y", email="y@example.com")
        return reverse(name, args=[application.pk])

    return url


def pair_url(name: str) -> UrlFor:
    def url(w: World) -> str:
        from amplify.safeguarding.tests.factories import alice_and_bea

        return reverse(name, args=[alice_and_bea(w).pk]) if name else str(alice_and_bea(w).pk)

    return url


def offer_url(name: str, attr: str = "cohort") -> UrlFor:
    """An offer of Otto's to mentor in the world's cohort (or another), made directly."""

    def url(w: World) -> str:
        from amplify.volunteering.models import MentorOffer

        offer = MentorOffer.objects.create(
            cohort=getattr(w, attr), person=w.person(w.otto), why="x", tags=["A&R"]
        )
        return reverse(name, args=[offer.pk]) if name else str(offer.pk)

    return url


def api_concern(w: World) -> int:
    from amplify.safeguarding.tests.factories import concern_for

    return concern_for(w).pk


def outcome_url(name: str) -> UrlFor:
    def url(w: World) -> str:
        from amplify.outcomes.tests.factories import bea_outcome

        outcome = bea_outcome(w)
        return reverse(name, args=[outcome.pk]) if name else str(outcome.pk)

    return url


def report_pdf_url(name: str) -> UrlFor:
    """A report PDF of the world's (mentoring) cohort, ready (amplify/impact)."""

    def url(w: World) -> str:
        from amplify.impact.models import ReportPDF

        build = ReportPDF.objects.create(cohort=w.cohort, status="ready")
        return reverse(name, args=[build.pk]) if name else str(build.pk)

    return url


def meetings_pair(w: World) -> int:
    from amplify.meetings.tests.factories import alice_and_bea

    return alice_and_bea(w).pk


def meeting_url(name: str) -> UrlFor:
    def url(w: World) -> str:
        from amplify.meetings.tests.factories import meeting_for

        meeting = meeting_for(w)
        return reverse(name, args=[meeting.pk]) if name else str(meeting.pk)

    return url


def mentoring_goal(w: World) -> int:
    from amplify.mentoring.tests.factories import goal_for

    return goal_for(w).pk


def mentoring_pair(w: World, mentee: str = "bea") -> int:
    from amplify.mentoring.tests.factories import pair_of

    return pair_of(w, mentee).pk


def nomination_url(name: str, which: str = "nia") -> UrlFor:
    """Nia's nomination by Otto (submitted), or Otto's own (awaiting Bob's endorsement)."""

    def url(w: World) -> str:
        from amplify.nominations.tests.factories import nia_nominated, otto_self_nominated

        n = nia_nominated(w) if which == "nia" else otto_self_nominated(w)
        return reverse(name, args=[n.pk]) if name else str(n.pk)

    return url


def showcase_slot(name: str, who: str = "lena") -> UrlFor:
    """A slot of the leadership cohort's showcase (amplify/showcase): Lena's or Leo's."""

    def url(w: World) -> str:
        from amplify.showcase.tests.factories import showcase_for

        show = showcase_for(w)
        slot = show.lena_slot if who == "lena" else show.leo_slot
        return reverse(name, args=[slot.pk]) if name else str(slot.pk)

    return url


def experiment_url(name: str, of: str = "lena") -> UrlFor:
    """Lena's draft experiment (sponsored by Sam), or Leo's submitted one sponsored by
    another executive."""

    def url(w: World) -> str:
        from amplify.experiments.tests import factories

        if of == "leo":
            experiment = factories.experiment_sponsored_by_another(w)
        else:
            experiment = factories.experiment_of(w)
        return reverse(name, args=[experiment.pk]) if name else str(experiment.pk)

    return url


def showcase_cohort(name: str) -> UrlFor:
    def url(w: World) -> str:
        from amplify.showcase.tests.factories import showcase_for

        showcase_for(w)
        return reverse(name, args=[w.leadership_cohort.pk]) if name else str(w.leadership_cohort.pk)

    return url


def recruiting_pk(w: World) -> int:
    from amplify.nominations.tests.factories import recruiting_cohort

    return recruiting_cohort(w).pk


def recruiting_url(name: str) -> UrlFor:
    def url(w: World) -> str:
        from amplify.nominations.tests.factories import recruiting_cohort

        return reverse(name, args=[recruiting_cohort(w).pk])

    return url


# A body every nominations operation's schema accepts, so that the access check decides.
NOMINATIONS_BODY = {"nominee_id": 1, "case": "x", "decision": "select"}


def coaching_pair(w: World) -> int:
    from amplify.coaching.tests.factories import coco_and_lena

    return coco_and_lena(w).pk


def coaching_session(w: World) -> int:
    from amplify.coaching.tests.factories import held_for

    return held_for(w).pk


def coaching_group(w: World) -> int:
    from amplify.coaching.tests.factories import home_group

    return home_group(w).pk


# A body every coaching operation's schema accepts, so that the access check decides.
COACHING_BODY = {
    "choice": "1-18",
    "week_of": "2026-12-10",
    "held_on": "2026-11-20",
    "mode": "video",
    "challenge_by_id": 1,
    "coach_ids": [1],
    "theme": "who_am_i",
}


def api_experiment(tail: str = "", of: str = "lena") -> UrlFor:
    return lambda w: f"/api/experiments/{experiment_url('', of)(w)}{tail}"


# A body every experiments operation's schema accepts, so that the access check decides.
EXPERIMENTS_BODY = {"comment": "x", "body": "x", "impact": "x", "decision": "stop", "title": "x"}


# A body every showcase operation's schema accepts, so that the access check decides.
SHOWCASE_BODY = {
    "marks": [{"criterion_id": 1, "value": 3}],
    "slot_id": 1,
    "judge_id": 1,
    "open": True,
    "name": "x",
    "starts_at": "2030-01-01T10:00:00Z",
    "ends_at": "2030-01-01T10:20:00Z",
    "position": 1,
}


# A body every meetings operation's schema accepts, so that the access check decides.
def week_url(name: str, on: str = "week") -> UrlFor:
    """A page of the leadership cohort's global week (its event, a session or a group)."""

    def url(w: World) -> str:
        from amplify.events.models import ActivityGroup
        from amplify.events.tests.factories import SessionFactory, global_week

        week = global_week(w)
        session = SessionFactory(event=week)
        group = ActivityGroup.objects.create(event=week, name="Group 1")
        group.members.add(w.person(w.lena))
        pk = {"week": week.pk, "session": session.pk, "group": group.pk}[on]
        return reverse(name, args=[pk]) if ":" in name else name.format(pk=pk)

    return url


WEEK_BODY = {
    "title": "x",
    "place": "x",
    "activity": "other",
    "starts_at": "2026-10-01T10:00:00",
    "ends_at": "2026-10-01T11:00:00",
    "person_id": 1,
    "attended": True,
    "size": 6,
}
MEETINGS_BODY = {"choice": "1-18", "held_on": "2026-10-01", "mode": "remote"}

# A body every safeguarding operation's schema accepts, so that the access check decides.
SAFEGUARDING_BODY = {"note": "x", "to_whom": "x", "body": "x", "lead_id": 1, "shares_details": True}
# And every mentoring operation's.
MENTORING_BODY = {
    "title": "x",
    "why_it_matters": "x",
    "success_criterion": "x",
    "target_date": "2030-01-01",
    "progress": 10,
    "body": "x",
    "reason": "completed",
}

# A body every outcomes operation's schema accepts.
OUTCOMES_BODY = {"confirm": True, "title": "x", "summary": "x"}
# A body every training operation's schema accepts, so that the access check decides.
TRAINING_BODY = {
    "module_id": 1,
    "summary": "x",
    "note": "x",
    "person_id": 1,
    "kind": "dbs_basic",
    "status": "pending",
}


def talent_book_url(name: str, *, person: bool = False) -> UrlFor:
    """The leadership cohort's issued talent book (Lena and Leo in it), or Lena in it."""

    def url(w: World) -> str:
        from amplify.talentbook.tests.factories import book_for_walks

        book = book_for_walks(w)
        args = [book.pk, w.person(w.lena).pk] if person else [book.pk]
        return reverse(name, args=args) if name else str(book.pk)

    return url


def lena_talent_page(name: str) -> UrlFor:
    def url(w: World) -> str:
        from amplify.talentbook.tests.factories import page_for

        return reverse(name, args=[page_for(w, "lena").pk])

    return url


def giving_url(name: str, programme: str = "mentoring") -> UrlFor:
    """A ledger line under Harriet's programme (or the leadership one), made directly."""

    def url(w: World) -> str:
        from amplify.giving.tests.factories import gift_of

        gift = gift_of(w, programme)
        return reverse(name, args=[gift.pk]) if ":" in name else name.format(pk=gift.pk)

    return url


def giving_record_url(name: str, kind: str) -> UrlFor:
    """A fund, a recipient or a benefit, made directly."""

    def url(w: World) -> str:
        from amplify.benefits.tests.factories import benefit
        from amplify.giving.tests.factories import fund, recipient

        made = {"fund": fund, "recipient": recipient}.get(kind)
        pk = made().pk if made else benefit(w).pk
        return reverse(name, args=[pk]) if ":" in name else name.format(pk=pk)

    return url


# A body every giving and benefits operation's schema accepts, so that the access check
# decides.
GIVING_BODY = {
    "name": "X",
    "given_on": "2024-01-01",
    "fund_id": 1,
    "amount": "1.00",
    "currency": "USD",
    "status": "paid",
    "input_type": "cash",
    "recipient_id": 1,
    "kind": "medical",
    "title": "X",
    "starts_on": "2024-01-01",
}


def survey_wave(name: str) -> UrlFor:
    """A draft survey wave of Harriet's cohort (the builder, amplify/surveys)."""

    def url(w: World) -> str:
        from amplify.surveys.tests.builder_factories import draft_wave

        wave = draft_wave(w)
        return reverse(name, args=[wave.pk]) if ":" in name else name.format(pk=wave.pk)

    return url


# A body every surveys builder operation's schema accepts, so that the access check decides.
SURVEYS_BODY = {
    "name": "X",
    "reminder_days": [3],
    "key": "x",
    "kind": "yes_no",
    "text": "X",
    "title": "X",
    "phase": "pre",
    "audience": ["mentor"],
    "mode": "anonymous",
    "opens_at": "2030-01-01T09:00:00Z",
    "closes_at": "2030-01-08T09:00:00Z",
}


def impact_trace(tail: str = "") -> UrlFor:
    return lambda w: (
        reverse("impact:trace", args=["mentors_would_continue"]) + (f"?cohort={w.cohort.pk}{tail}")
    )


def impact_snapshot(name: str) -> UrlFor:
    """A published report of the world's mentoring cohort."""

    def url(w: World) -> str:
        from amplify.impact.models import Snapshot
        from amplify.impact.tests.factories import make_everything

        make_everything(w)
        pk = Snapshot.objects.filter(cohort=w.cohort).values_list("pk", flat=True).first()
        return name.format(pk=pk) if name.startswith("/") else reverse(name, args=[pk])

    return url


def impact_api(tail: str) -> UrlFor:
    return lambda w: f"/api/impact/indicators/mentors_would_continue/{tail}?cohort={w.cohort.pk}"


# A body every impact operation's schema accepts (extra fields are ignored), so that the
# access check decides; the organisation scope needs an impact admin.
IMPACT_BODY = {
    "key": "x",
    "name": "X",
    "definition": "D",
    "kind": "people",
    "scope": "organisation",
}


def bea_survey(tail: str = "") -> UrlFor:
    """Bea's invitation to a launched survey of the mentoring cohort: /survey/mine/<id>/, or,
    with a tail such as "/api/my/surveys/{pk}/draft", that API path."""

    def url(w: World) -> str:
        from amplify.surveys import invitations
        from amplify.surveys.models import Invitation
        from amplify.surveys.tests.factories import wave_of_every_kind

        wave = wave_of_every_kind(cohort=w.cohort)
        invitations.wave_launch(wave=wave, by=w.harriet)
        pk = Invitation.objects.get(wave=wave, person__user=w.bea).pk
        return tail.format(pk=pk) if tail else reverse("answer:mine-answer", args=[pk])

    return url


CASES: list[tuple[str, str, UrlFor, int]] = [
    # who, method, url, expected
    ("alice", "get", lambda w: reverse("people:imports"), 403),
    ("pat", "get", lambda w: reverse("programmes:list"), 403),
    ("pat", "get", lambda w: reverse("events:list"), 403),
    ("pat", "get", lambda w: reverse("matching:profile"), 403),
    ("ina", "get", lambda w: reverse("matching:my-match"), 403),
    ("bea", "get", lambda w: reverse("accounts:tokens"), 403),
    ("pat", "get", lambda w: reverse("mfa_index"), 403),
    ("ina", "get", lambda w: reverse("people:imports"), 403),
    ("alice", "get", import_url, 403),
    ("otto", "get", lambda w: reverse("people:add"), 403),
    ("alice", "get", person_url("people:edit", "bea"), 403),
    ("alice", "get", person_url("people:detail", "dan"), 404),
    ("alice", "get", person_url("people:history", "bea"), 403),
    ("pat", "get", person_url("people:detail", "dan"), 404),
    ("otto", "get", person_url("people:detail", "alice"), 404),
    ("alice", "get", lambda w: reverse("programmes:create"), 403),
    ("alice", "get", lambda w: reverse("programmes:edit", args=["positive-influence"]), 403),
    ("alice", "get", lambda w: reverse("programmes:detail", args=["amplify"]), 404),
    ("harriet", "get", lambda w: reverse("programmes:detail", args=["amplify"]), 404),
    (
        "alice",
        "get",
        lambda w: reverse("programmes:cohort-create", args=["positive-influence"]),
        403,
    ),
    ("alice", "get", cohort_url("programmes:cohort-edit"), 403),
    ("otto", "get", cohort_url("programmes:cohort"), 404),
    ("bea", "get", cohort_url("programmes:cohort", "leadership_cohort"), 404),
    ("alice", "get", cohort_url("programmes:cohort-history"), 403),
    ("alice", "get", cohort_url("programmes:cohort-candidates"), 403),
    ("alice", "post", cohort_url("programmes:cohort-enrol"), 403),
    ("alice", "post", cohort_url("programmes:cohort-status"), 403),
    ("alice", "get", lambda w: cohort_url("programmes:cohort-status")(w) + "?to=closed", 403),
    ("otto", "get", lambda w: cohort_url("programmes:cohort-status")(w) + "?to=closed", 404),
    ("harriet", "post", cohort_url("programmes:cohort-status", "leadership_cohort"), 404),
    ("alice", "post", cohort_url("programmes:phase-add"), 403),
    ("alice", "post", cohort_url("programmes:cohort-pairs"), 403),
    ("harriet", "get", cohort_url("programmes:cohort", "leadership_cohort"), 404),
    ("alice", "get", cohort_url("events:create"), 403),
    ("alice", "get", lambda w: reverse("events:edit", args=[w.event.pk]), 403),
    ("otto", "get", lambda w: reverse("events:detail", args=[w.event.pk]), 404),
    ("harriet", "post", lambda w: reverse("events:rsvp", args=[w.event.pk]), 403),
    ("alice", "post", lambda w: reverse("events:attendance", args=[w.event.pk]), 403),
    ("ada", "get", lambda w: reverse("diversity:index"), 403),
    ("harriet", "get", lambda w: reverse("diversity:index"), 403),
    ("alice", "get", person_url("diversity:person", "bea"), 403),
    ("ada", "get", lambda w: reverse("diversity:access-log"), 403),
    ("harriet", "get", lambda w: reverse("diversity:access-log"), 403),
    ("alice", "get", lambda w: reverse("diversity:access-log"), 403),
    ("alice", "get", cohort_url("matching:cohort"), 403),
    ("otto", "get", cohort_url("matching:cohort"), 404),
    ("alice", "get", cohort_url("matching:groups"), 403),
    ("harriet", "get", cohort_url("matching:groups", "leadership_cohort"), 404),
    ("alice", "post", cohort_url("matching:rematch"), 403),
    ("alice", "get", lambda w: reverse("matching:run", args=[matching_run(w).pk]), 404),
    (
        "bea",
        "post",
        lambda w: reverse("matching:run-action", args=[matching_run(w).pk, "publish"]),
        404,
    ),
    # Applications (amplify/applications)
    ("alice", "get", cohort_url("applications:cohort"), 403),
    ("otto", "get", cohort_url("applications:cohort"), 404),
    ("harriet", "get", cohort_url("applications:cohort", "leadership_cohort"), 404),
    ("alice", "get", cohort_url("applications:settings"), 403),
    ("alice", "get", application_url("applications:detail"), 404),
    ("pat", "get", application_url("applications:detail"), 404),
    ("alice", "post", application_url("applications:decide"), 404),
    ("harriet", "get", lambda w: reverse("applications:referrals"), 403),
    ("alice", "post", lambda w: reverse("applications:referral-add"), 403),
    ("bea", "post", lambda w: reverse("applications:referral-upload"), 403),
    ("alice", "get", lambda w: f"/api/cohorts/{w.cohort.pk}/applications", 403),
    ("harriet", "get", lambda w: "/api/referrals", 403),
    # API
    ("alice", "post", lambda w: "/api/programmes", 403),
    ("alice", "get", lambda w: f"/api/cohorts/{w.leadership_cohort.pk}", 404),
    ("alice", "post", lambda w: f"/api/cohorts/{w.cohort.pk}/status", 403),
    ("otto", "get", lambda w: f"/api/cohorts/{w.cohort.pk}/status", 404),
    ("harriet", "post", lambda w: f"/api/cohorts/{w.leadership_cohort.pk}/status", 404),
    ("otto", "get", lambda w: f"/api/events/{w.event.pk}", 404),
    ("ada", "get", lambda w: f"/api/diversity/profiles/{w.person(w.bea).pk}", 403),
    ("ada", "get", lambda w: "/api/diversity/access-log", 403),
    ("harriet", "get", lambda w: "/api/diversity/access-log", 403),
    ("alice", "get", lambda w: "/api/diversity/access-log", 403),
    ("alice", "get", lambda w: f"/api/people/{w.person(w.dan).pk}", 404),
    ("alice", "get", lambda w: "/api/people/imports/", 403),
    ("alice", "get", lambda w: f"/api/cohorts/{w.cohort.pk}/matching-runs", 403),
    ("alice", "post", lambda w: f"/api/matching-runs/{matching_run(w).pk}/publish", 404),
    ("otto", "get", lambda w: f"/api/cohorts/{w.cohort.pk}/grouping-runs", 404),
    # Volunteering mentors (amplify/volunteering) and rankings (amplify/matching)
    ("bea", "get", lambda w: reverse("volunteering:index"), 403),
    ("pat", "get", lambda w: reverse("volunteering:index"), 403),
    ("bea", "get", cohort_url("volunteering:offer"), 403),
    ("otto", "get", cohort_url("volunteering:offer"), 404),
    ("alice", "get", cohort_url("volunteering:queue"), 403),
    ("otto", "get", cohort_url("volunteering:queue"), 404),
    ("harriet", "get", cohort_url("volunteering:queue", "leadership_cohort"), 404),
    ("alice", "post", offer_url("volunteering:decide"), 404),
    ("otto", "post", offer_url("volunteering:decide"), 403),
    ("harriet", "post", offer_url("volunteering:decide", "leadership_cohort"), 404),
    ("bea", "get", lambda w: "/api/volunteering/cohorts", 403),
    ("alice", "get", lambda w: f"/api/cohorts/{w.cohort.pk}/mentor-offers", 403),
    (
        "harriet",
        "post",
        lambda w: f"/api/mentor-offers/{offer_url('', 'leadership_cohort')(w)}/decision",
        404,
    ),
    ("otto", "post", lambda w: f"/api/mentor-offers/{offer_url('')(w)}/decision", 403),
    ("pat", "get", lambda w: reverse("matching:rankings"), 403),
    ("otto", "get", cohort_url("matching:ranking"), 403),
    ("carl", "get", cohort_url("matching:ranking", "leadership_cohort"), 404),
    ("otto", "get", lambda w: f"/api/cohorts/{w.cohort.pk}/my-ranking", 403),
    ("bea", "get", lambda w: f"/api/cohorts/{w.cohort.pk}/rankings", 403),
    # Your data: export and erasure (amplify/privacy)
    ("alice", "get", person_url("privacy:person-export", "bea"), 403),
    ("alice", "get", person_url("privacy:person-export", "dan"), 404),
    ("harriet", "get", person_url("privacy:person", "bea"), 403),
    ("harriet", "get", lambda w: reverse("privacy:requests"), 403),
    ("harriet", "post", person_url("privacy:person-erase", "bea"), 403),
    ("ina", "post", person_url("privacy:person-erase", "ina"), 403),
    ("alice", "get", lambda w: f"/api/people/{w.person(w.bea).pk}/export", 403),
    ("alice", "get", lambda w: f"/api/people/{w.person(w.dan).pk}/export", 404),
    ("harriet", "post", lambda w: f"/api/people/{w.person(w.bea).pk}/erase", 403),
    ("ada", "post", lambda w: f"/api/people/{w.person(w.ada).pk}/erase", 403),
    # Safeguarding: the concern log is for its programme's leads alone (404 for everyone else)
    ("harriet", "get", lambda w: reverse("safeguarding:log"), 404),
    ("ada", "get", lambda w: reverse("safeguarding:log"), 404),
    ("harriet", "get", concern_url("safeguarding:concern"), 404),
    ("ada", "get", concern_url("safeguarding:concern"), 404),
    ("ina", "get", concern_url("safeguarding:concern"), 404),
    ("alice", "get", concern_url("safeguarding:concern"), 404),
    ("bea", "get", concern_url("safeguarding:concern"), 404),
    ("alice", "post", concern_url("safeguarding:act"), 404),
    ("harriet", "post", concern_url("safeguarding:escalate"), 404),
    ("dan", "get", person_url("safeguarding:raise", "alice"), 404),
    ("otto", "get", person_url("safeguarding:raise", "bea"), 404),
    ("alice", "get", lambda w: reverse("safeguarding:team", args=["positive-influence"]), 403),
    ("harriet", "get", lambda w: reverse("safeguarding:team", args=["amplify"]), 404),
    ("harriet", "get", pair_url("safeguarding:pair"), 404),
    ("dan", "post", pair_url("safeguarding:pair-message"), 404),
    ("carl", "post", pair_url("safeguarding:pair-sharing"), 404),
    ("ada", "get", lambda w: f"/api/safeguarding/concerns/{api_concern(w)}", 404),
    ("harriet", "get", lambda w: f"/api/safeguarding/concerns/{api_concern(w)}", 404),
    ("harriet", "get", lambda w: "/api/safeguarding/concerns", 404),
    ("ina", "post", lambda w: f"/api/safeguarding/concerns/{api_concern(w)}/actions", 404),
    ("ada", "post", lambda w: f"/api/safeguarding/concerns/{api_concern(w)}/escalations", 404),
    ("alice", "put", lambda w: f"/api/safeguarding/programmes/{w.programme.pk}/team", 403),
    ("harriet", "get", lambda w: f"/api/safeguarding/pairs/{pair_url('')(w)}/contact", 404),
    ("carl", "put", lambda w: f"/api/safeguarding/pairs/{pair_url('')(w)}/contact", 404),
    ("harriet", "post", lambda w: f"/api/safeguarding/pairs/{pair_url('')(w)}/messages", 404),
    # Outcomes: her own, her cohort's managers, impact admins; another mentee gets 404
    ("dan", "get", outcome_url("outcomes:detail"), 404),
    ("alice", "get", outcome_url("outcomes:detail"), 404),
    ("pat", "get", outcome_url("outcomes:evidence"), 404),
    ("bea", "post", outcome_url("outcomes:verify"), 403),
    ("ina", "post", outcome_url("outcomes:verify"), 403),
    ("dan", "post", outcome_url("outcomes:verify"), 404),
    ("otto", "get", lambda w: reverse("outcomes:add"), 403),
    ("alice", "get", lambda w: reverse("outcomes:mine"), 403),
    ("bea", "get", cohort_url("outcomes:cohort"), 403),
    ("alice", "get", cohort_url("outcomes:cohort"), 403),
    ("harriet", "get", cohort_url("outcomes:cohort", "leadership_cohort"), 404),
    ("otto", "get", cohort_url("outcomes:showcase"), 404),
    ("alice", "get", cohort_url("outcomes:showcase-edit"), 404),
    ("dan", "get", lambda w: f"/api/outcomes/{outcome_url('')(w)}", 404),
    ("bea", "post", lambda w: f"/api/outcomes/{outcome_url('')(w)}/verification", 403),
    ("alice", "get", lambda w: f"/api/cohorts/{w.cohort.pk}/outcome-counts", 403),
    ("otto", "get", lambda w: f"/api/cohorts/{w.cohort.pk}/showcase", 404),
    ("alice", "put", lambda w: f"/api/cohorts/{w.cohort.pk}/showcase/mine", 404),
    ("otto", "get", lambda w: reverse("training:mine"), 403),
    ("bea", "get", lambda w: reverse("training:mine"), 403),
    ("alice", "get", lambda w: reverse("training:programme", args=["positive-influence"]), 403),
    ("bea", "post", lambda w: reverse("training:default", args=["positive-influence"]), 403),
    ("alice", "post", lambda w: reverse("training:code", args=["positive-influence"]), 403),
    ("harriet", "get", lambda w: reverse("training:programme", args=["amplify"]), 404),
    ("otto", "get", lambda w: reverse("training:programme", args=["positive-influence"]), 404),
    ("pat", "get", lambda w: reverse("training:programme", args=["positive-influence"]), 404),
    ("alice", "get", cohort_url("training:cohort"), 403),
    ("bea", "get", cohort_url("training:cohort"), 403),
    ("otto", "get", cohort_url("training:cohort"), 404),
    ("harriet", "get", cohort_url("training:cohort", "leadership_cohort"), 404),
    (
        "carl",
        "get",
        lambda w: reverse("training:mentor", args=[w.cohort.pk, w.person(w.alice).pk]),
        403,
    ),
    ("alice", "get", lambda w: f"/api/training/cohorts/{w.cohort.pk}/readiness", 403),
    ("otto", "get", lambda w: f"/api/training/cohorts/{w.cohort.pk}/readiness", 404),
    ("alice", "get", lambda w: f"/api/training/programmes/{w.programme.pk}/curriculum", 403),
    ("alice", "post", lambda w: f"/api/training/programmes/{w.programme.pk}/checks", 403),
    ("harriet", "post", lambda w: f"/api/training/programmes/{w.leadership.pk}/checks", 404),
    ("dan", "post", lambda w: f"/api/training/programmes/{w.programme.pk}/curriculum/default", 403),
    # Mentoring: the pair's pages are its two people's (404 for anyone else, managers
    # included); the mentee alone sets goals (403 for her mentor); the manager closes (403
    # for the pair, who see it, 404 for others).
    ("harriet", "get", lambda w: reverse("mentoring:pair", args=[mentoring_pair(w)]), 404),
    ("dan", "get", lambda w: reverse("mentoring:pair", args=[mentoring_pair(w)]), 404),
    ("dan", "post", lambda w: reverse("mentoring:accept", args=[mentoring_pair(w)]), 404),
    ("alice", "get", lambda w: reverse("mentoring:goal-new", args=[mentoring_pair(w)]), 403),
    ("carl", "post", lambda w: reverse("mentoring:ask-to-end", args=[mentoring_pair(w)]), 404),
    ("harriet", "get", lambda w: reverse("mentoring:goal", args=[mentoring_goal(w)]), 404),
    ("ada", "get", lambda w: reverse("mentoring:goal", args=[mentoring_goal(w)]), 404),
    ("dan", "get", lambda w: reverse("mentoring:goal", args=[mentoring_goal(w)]), 404),
    ("alice", "get", lambda w: reverse("mentoring:goal-edit", args=[mentoring_goal(w)]), 403),
    ("alice", "post", lambda w: reverse("mentoring:goal-progress", args=[mentoring_goal(w)]), 403),
    ("dan", "post", lambda w: reverse("mentoring:goal-comment", args=[mentoring_goal(w)]), 404),
    ("alice", "get", lambda w: reverse("mentoring:manage-pair", args=[mentoring_pair(w)]), 403),
    ("dan", "get", lambda w: reverse("mentoring:manage-pair", args=[mentoring_pair(w)]), 404),
    ("bea", "post", lambda w: reverse("mentoring:close", args=[mentoring_pair(w)]), 403),
    ("ina", "post", lambda w: reverse("mentoring:close", args=[mentoring_pair(w)]), 403),
    ("alice", "get", cohort_url("mentoring:cohort"), 403),
    ("harriet", "get", cohort_url("mentoring:cohort", "leadership_cohort"), 404),
    ("alice", "get", lambda w: reverse("mentoring:agreement", args=["positive-influence"]), 403),
    ("harriet", "get", lambda w: reverse("mentoring:agreement", args=["amplify"]), 404),
    ("harriet", "get", lambda w: f"/api/mentoring/pairs/{mentoring_pair(w)}", 404),
    ("dan", "post", lambda w: f"/api/mentoring/pairs/{mentoring_pair(w)}/acceptance", 404),
    ("alice", "post", lambda w: f"/api/mentoring/pairs/{mentoring_pair(w)}/goals", 403),
    ("harriet", "get", lambda w: f"/api/mentoring/pairs/{mentoring_pair(w)}/goals", 404),
    ("harriet", "get", lambda w: f"/api/mentoring/goals/{mentoring_goal(w)}", 404),
    ("alice", "put", lambda w: f"/api/mentoring/goals/{mentoring_goal(w)}", 403),
    ("alice", "post", lambda w: f"/api/mentoring/goals/{mentoring_goal(w)}/progress", 403),
    ("carl", "post", lambda w: f"/api/mentoring/goals/{mentoring_goal(w)}/comments", 404),
    ("otto", "post", lambda w: f"/api/mentoring/pairs/{mentoring_pair(w)}/end-requests", 404),
    ("alice", "get", lambda w: f"/api/mentoring/pairs/{mentoring_pair(w)}/summary", 403),
    ("bea", "post", lambda w: f"/api/mentoring/pairs/{mentoring_pair(w)}/closure", 403),
    ("dan", "post", lambda w: f"/api/mentoring/pairs/{mentoring_pair(w)}/closure", 404),
    ("alice", "get", lambda w: f"/api/mentoring/cohorts/{w.cohort.pk}/relationships", 403),
    ("alice", "post", lambda w: "/api/mentoring/programmes/positive-influence/agreement", 403),
    # Coaching (amplify/coaching): Coco and Lena's pages are theirs alone (404 for Leo, the
    # manager, the administrator); the manager sees counts on the cohort tab.
    ("leo", "get", lambda w: reverse("coaching:pair", args=[coaching_pair(w)]), 404),
    ("max", "get", lambda w: reverse("coaching:pair", args=[coaching_pair(w)]), 404),
    ("ada", "get", lambda w: reverse("coaching:pair", args=[coaching_pair(w)]), 404),
    ("sam", "post", lambda w: reverse("coaching:book", args=[coaching_pair(w)]), 404),
    ("lena", "post", lambda w: reverse("coaching:log", args=[coaching_pair(w)]), 403),
    ("leo", "post", lambda w: reverse("coaching:log", args=[coaching_pair(w)]), 404),
    ("leo", "post", lambda w: reverse("coaching:reschedule", args=[coaching_session(w)]), 404),
    ("max", "post", lambda w: reverse("coaching:cancel", args=[coaching_session(w)]), 404),
    ("lena", "get", cohort_url("coaching:cohort", "leadership_cohort"), 403),
    ("coco", "get", cohort_url("coaching:cohort", "leadership_cohort"), 403),
    ("harriet", "get", cohort_url("coaching:cohort", "leadership_cohort"), 404),
    ("harriet", "get", cohort_url("coaching:cohort"), 404),
    ("lena", "get", lambda w: reverse("coaching:settings", args=["amplify"]), 403),
    ("harriet", "get", lambda w: reverse("coaching:settings", args=["amplify"]), 404),
    ("coco", "get", lambda w: reverse("coaching:group", args=[coaching_group(w)]), 404),
    ("harriet", "get", lambda w: reverse("coaching:group", args=[coaching_group(w)]), 404),
    ("max", "post", lambda w: reverse("coaching:round-log", args=[coaching_group(w)]), 403),
    ("leo", "get", lambda w: f"/api/coaching/pairs/{coaching_pair(w)}/sessions", 404),
    ("max", "get", lambda w: f"/api/coaching/pairs/{coaching_pair(w)}/sessions", 404),
    ("ada", "get", lambda w: f"/api/coaching/pairs/{coaching_pair(w)}/times", 404),
    ("leo", "post", lambda w: f"/api/coaching/pairs/{coaching_pair(w)}/sessions", 404),
    ("lena", "post", lambda w: f"/api/coaching/pairs/{coaching_pair(w)}/log", 403),
    ("max", "put", lambda w: f"/api/coaching/sessions/{coaching_session(w)}", 404),
    ("leo", "post", lambda w: f"/api/coaching/sessions/{coaching_session(w)}/cancel", 404),
    ("lena", "get", lambda w: f"/api/coaching/cohorts/{w.leadership_cohort.pk}", 403),
    ("harriet", "get", lambda w: f"/api/coaching/cohorts/{w.leadership_cohort.pk}", 404),
    ("lena", "get", lambda w: "/api/coaching/programmes/amplify/settings", 403),
    ("harriet", "put", lambda w: "/api/coaching/programmes/amplify/settings", 404),
    ("coco", "get", lambda w: f"/api/coaching/groups/{coaching_group(w)}", 404),
    ("max", "post", lambda w: f"/api/coaching/groups/{coaching_group(w)}/rounds", 403),
    # Meetings (amplify/meetings)
    ("alice", "get", cohort_url("meetings:health"), 403),
    ("otto", "get", cohort_url("meetings:health"), 404),
    ("harriet", "get", cohort_url("meetings:health", "leadership_cohort"), 404),
    ("harriet", "get", lambda w: reverse("meetings:pair", args=[meetings_pair(w)]), 404),
    ("carl", "post", lambda w: reverse("meetings:log", args=[meetings_pair(w)]), 404),
    ("dan", "post", lambda w: reverse("meetings:slot", args=[meetings_pair(w)]), 404),
    ("harriet", "post", meeting_url("meetings:confirm"), 404),
    ("carl", "post", meeting_url("meetings:confirm"), 404),
    ("alice", "get", lambda w: reverse("meetings:settings", args=["positive-influence"]), 403),
    ("harriet", "get", lambda w: reverse("meetings:settings", args=["amplify"]), 404),
    ("alice", "get", lambda w: f"/api/meetings/cohorts/{w.cohort.pk}/health", 403),
    ("otto", "get", lambda w: f"/api/meetings/pairs/{meetings_pair(w)}/meetings", 404),
    ("harriet", "post", lambda w: f"/api/meetings/pairs/{meetings_pair(w)}/meetings", 404),
    ("harriet", "get", lambda w: f"/api/meetings/pairs/{meetings_pair(w)}/slot", 404),
    ("carl", "put", lambda w: f"/api/meetings/pairs/{meetings_pair(w)}/slot", 404),
    ("ada", "post", lambda w: f"/api/meetings/meetings/{meeting_url('')(w)}/confirm", 404),
    ("alice", "put", lambda w: "/api/meetings/programmes/positive-influence/settings", 403),
    # Nominations (amplify/nominations)
    ("harriet", "get", recruiting_url("nominations:board"), 404),
    ("otto", "get", recruiting_url("nominations:board"), 404),
    ("leo", "get", cohort_url("nominations:board", "leadership_cohort"), 403),
    ("harriet", "get", cohort_url("nominations:board"), 404),
    ("bea", "get", recruiting_url("nominations:nominate"), 403),
    ("bea", "get", lambda w: reverse("nominations:mine"), 403),
    ("otto", "get", cohort_url("nominations:nominate", "leadership_cohort"), 404),
    ("leo", "post", nomination_url("nominations:decide"), 404),
    ("otto", "post", nomination_url("nominations:decide"), 404),
    ("max", "post", nomination_url("nominations:endorse", "otto"), 404),
    ("leo", "post", nomination_url("nominations:endorse", "otto"), 404),
    ("harriet", "post", nomination_url("nominations:withdraw"), 404),
    ("harriet", "get", lambda w: f"/api/nominations/cohorts/{w.leadership_cohort.pk}/balance", 404),
    ("leo", "get", lambda w: f"/api/nominations/cohorts/{w.leadership_cohort.pk}/balance", 403),
    (
        "otto",
        "get",
        lambda w: f"/api/nominations/cohorts/{w.leadership_cohort.pk}/nominations",
        404,
    ),
    ("bea", "post", lambda w: f"/api/nominations/cohorts/{recruiting_pk(w)}/nominations", 403),
    ("otto", "post", lambda w: f"/api/nominations/{nomination_url('')(w)}/decide", 404),
    ("max", "post", lambda w: f"/api/nominations/{nomination_url('', 'otto')(w)}/endorse", 404),
    ("harriet", "post", lambda w: f"/api/nominations/{nomination_url('')(w)}/withdraw", 404),
    # Experiments (amplify/experiments): the owner writes hers, the sponsor approves his own
    # sponsees' only; the cohort sees them; other programmes' people see nothing.
    ("leo", "get", experiment_url("experiments:edit"), 403),
    ("leo", "post", experiment_url("experiments:submit"), 403),
    ("sam", "get", experiment_url("experiments:edit"), 403),
    ("lena", "post", experiment_url("experiments:approve"), 403),
    ("coco", "post", experiment_url("experiments:return"), 403),
    ("sam", "post", experiment_url("experiments:approve", "leo"), 403),
    ("sam", "post", experiment_url("experiments:impact", "leo"), 403),
    ("leo", "post", experiment_url("experiments:comment"), 403),
    ("sam", "post", experiment_url("experiments:evidence"), 403),
    ("harriet", "get", experiment_url("experiments:detail"), 404),
    ("otto", "get", experiment_url("experiments:detail"), 404),
    ("alice", "get", experiment_url("experiments:detail"), 404),
    ("otto", "post", experiment_url("experiments:approve"), 404),
    ("harriet", "get", cohort_url("experiments:board", "leadership_cohort"), 404),
    ("otto", "get", cohort_url("experiments:board", "leadership_cohort"), 404),
    ("harriet", "get", cohort_url("experiments:board"), 403),
    ("otto", "get", cohort_url("experiments:stories", "leadership_cohort"), 404),
    ("lena", "get", lambda w: reverse("experiments:portfolio", args=["amplify"]), 403),
    ("sam", "get", lambda w: reverse("experiments:portfolio", args=["amplify"]), 403),
    ("harriet", "get", lambda w: reverse("experiments:portfolio", args=["amplify"]), 404),
    ("otto", "post", cohort_url("experiments:new", "leadership_cohort"), 404),
    ("leo", "patch", api_experiment(), 403),
    ("sam", "post", api_experiment("/submit"), 403),
    ("sam", "post", api_experiment("/approve", "leo"), 403),
    ("coco", "post", api_experiment("/decision"), 403),
    ("otto", "get", api_experiment(), 404),
    ("harriet", "get", api_experiment("/comments"), 404),
    ("otto", "post", api_experiment("/return"), 404),
    ("harriet", "get", lambda w: f"/api/experiments/cohorts/{w.leadership_cohort.pk}/board", 404),
    ("harriet", "get", lambda w: f"/api/experiments/cohorts/{w.cohort.pk}/board", 403),
    ("lena", "get", lambda w: "/api/experiments/programmes/amplify/portfolio", 403),
    ("otto", "get", lambda w: f"/api/experiments/cohorts/{w.leadership_cohort.pk}/stories", 404),
    # Showcase judging (amplify/showcase): the manager's tab is the cohort's managers'; a
    # judge reaches only her own slots (404 otherwise); results wait for publication.
    ("harriet", "get", showcase_cohort("showcase:cohort"), 404),
    ("lena", "get", showcase_cohort("showcase:cohort"), 403),
    ("sam", "get", showcase_cohort("showcase:cohort"), 403),
    ("lena", "get", showcase_cohort("showcase:results"), 403),
    ("harriet", "get", showcase_cohort("showcase:results"), 404),
    ("leo", "post", showcase_cohort("showcase:publish"), 403),
    ("otto", "post", showcase_cohort("showcase:vote"), 404),
    ("harriet", "post", showcase_cohort("showcase:schedule"), 404),
    ("coco", "post", showcase_cohort("showcase:rubric-default"), 403),
    ("sam", "get", showcase_slot("showcase:score", "lena"), 404),
    ("sam", "post", showcase_slot("showcase:score", "lena"), 404),
    ("lena", "get", showcase_slot("showcase:score", "leo"), 404),
    ("max", "post", showcase_slot("showcase:score", "leo"), 404),
    ("lena", "post", showcase_slot("showcase:assign", "leo"), 403),
    ("harriet", "post", showcase_slot("showcase:assign", "leo"), 404),
    ("harriet", "post", showcase_slot("showcase:slot-edit", "leo"), 404),
    ("harriet", "get", lambda w: f"/api/showcase/cohorts/{showcase_cohort('')(w)}/slots", 404),
    ("lena", "get", lambda w: f"/api/showcase/cohorts/{showcase_cohort('')(w)}/slots", 403),
    ("leo", "get", lambda w: f"/api/showcase/cohorts/{showcase_cohort('')(w)}/results", 403),
    ("lena", "post", lambda w: f"/api/showcase/cohorts/{showcase_cohort('')(w)}/publication", 403),
    ("harriet", "post", lambda w: f"/api/showcase/cohorts/{showcase_cohort('')(w)}/votes", 404),
    ("coco", "post", lambda w: f"/api/showcase/cohorts/{showcase_cohort('')(w)}/rubric", 403),
    ("sam", "put", lambda w: f"/api/showcase/slots/{showcase_slot('', 'lena')(w)}/marks", 404),
    ("max", "get", lambda w: f"/api/showcase/slots/{showcase_slot('', 'leo')(w)}/marks", 404),
    ("harriet", "post", lambda w: f"/api/showcase/slots/{showcase_slot('', 'leo')(w)}/judges", 404),
    ("lena", "put", lambda w: f"/api/showcase/slots/{showcase_slot('', 'leo')(w)}", 403),
    # The talent book: its readers are the programme's managers, the cohort's sponsors and
    # the people in it; a participant's page is hers and the manager's.
    ("harriet", "get", talent_book_url("talentbook:book"), 404),
    ("otto", "get", talent_book_url("talentbook:pdf"), 404),
    ("harriet", "get", talent_book_url("talentbook:entry", person=True), 404),
    ("leo", "post", talent_book_url("talentbook:meet", person=True), 403),
    ("sam", "post", talent_book_url("talentbook:retry"), 403),
    ("leo", "get", lena_talent_page("talentbook:page"), 404),
    ("sam", "get", lena_talent_page("talentbook:page"), 404),
    ("otto", "get", lena_talent_page("talentbook:page-photo"), 404),
    ("harriet", "get", cohort_url("talentbook:cohort", "leadership_cohort"), 404),
    ("otto", "get", cohort_url("talentbook:edit", "leadership_cohort"), 404),
    ("sam", "post", cohort_url("talentbook:generate", "leadership_cohort"), 403),
    ("harriet", "post", cohort_url("talentbook:generate", "leadership_cohort"), 404),
    ("sam", "get", lambda w: reverse("talentbook:programme", args=["amplify"]), 403),
    ("harriet", "get", lambda w: reverse("talentbook:programme", args=["amplify"]), 404),
    ("harriet", "get", lambda w: f"/api/talent-book/books/{talent_book_url('')(w)}", 404),
    ("otto", "get", lambda w: f"/api/talent-book/books/{talent_book_url('')(w)}/pdf", 404),
    ("sam", "post", lambda w: f"/api/talent-book/books/{talent_book_url('')(w)}/retry", 403),
    ("harriet", "post", lambda w: f"/api/talent-book/cohorts/{w.leadership_cohort.pk}/books", 404),
    ("sam", "post", lambda w: f"/api/talent-book/cohorts/{w.leadership_cohort.pk}/books", 403),
    ("sam", "put", lambda w: f"/api/talent-book/cohorts/{w.leadership_cohort.pk}/my-page", 403),
    # The global week (amplify/events): Max manages it, Lena and Leo read it
    ("harriet", "get", week_url("events:week"), 404),
    ("otto", "get", week_url("events:week"), 404),
    ("harriet", "get", week_url("events:week-ical"), 404),
    ("otto", "get", cohort_url("events:cohort-week", "leadership_cohort"), 404),
    ("harriet", "get", cohort_url("events:cohort-week", "leadership_cohort"), 404),
    ("lena", "get", week_url("events:session-create"), 403),
    ("harriet", "get", week_url("events:session-create"), 404),
    ("leo", "get", week_url("events:session-edit", "session"), 403),
    ("harriet", "get", week_url("events:session-edit", "session"), 404),
    ("lena", "post", week_url("events:session-delete", "session"), 403),
    ("leo", "get", week_url("events:session-attendance", "session"), 403),
    ("otto", "get", week_url("events:session-attendance", "session"), 404),
    ("lena", "get", week_url("events:groups"), 403),
    ("harriet", "get", week_url("events:groups"), 404),
    ("lena", "post", week_url("events:group-change", "group"), 403),
    ("leo", "post", week_url("events:group-change", "group"), 404),
    ("harriet", "get", week_url("/api/events/{pk}/sessions"), 404),
    ("otto", "get", week_url("/api/events/{pk}/groups"), 404),
    ("lena", "post", week_url("/api/events/{pk}/sessions"), 403),
    ("harriet", "post", week_url("/api/events/{pk}/sessions"), 404),
    ("lena", "post", week_url("/api/events/{pk}/groups"), 403),
    ("harriet", "get", week_url("/api/events/sessions/{pk}", "session"), 404),
    ("leo", "patch", week_url("/api/events/sessions/{pk}", "session"), 403),
    ("lena", "delete", week_url("/api/events/sessions/{pk}", "session"), 403),
    ("otto", "delete", week_url("/api/events/sessions/{pk}", "session"), 404),
    ("leo", "post", week_url("/api/events/sessions/{pk}/attendance", "session"), 403),
    ("harriet", "get", week_url("/api/events/sessions/{pk}/attendance", "session"), 404),
    ("lena", "patch", week_url("/api/events/groups/{pk}", "group"), 403),
    ("harriet", "patch", week_url("/api/events/groups/{pk}", "group"), 404),
    # The giving ledger (amplify/giving): impact admins and administrators keep it;
    # programme managers read their own programmes' lines; anyone else is refused
    ("otto", "get", lambda w: reverse("giving:list"), 403),
    ("alice", "get", lambda w: reverse("giving:summary"), 403),
    ("harriet", "get", lambda w: reverse("giving:add"), 403),
    ("harriet", "get", giving_url("giving:edit"), 403),
    ("harriet", "post", giving_url("giving:delete"), 403),
    ("harriet", "get", giving_url("giving:evidence", "leadership"), 404),
    ("otto", "get", giving_url("giving:evidence"), 403),
    ("harriet", "get", lambda w: reverse("giving:funds"), 403),
    ("max", "get", giving_record_url("giving:fund-edit", "fund"), 403),
    ("harriet", "get", lambda w: reverse("giving:recipients"), 403),
    ("harriet", "post", giving_record_url("giving:recipient-edit", "recipient"), 403),
    ("harriet", "post", lambda w: reverse("giving:import"), 403),
    ("otto", "get", lambda w: "/api/giving/funds", 403),
    ("harriet", "post", lambda w: "/api/giving/funds", 403),
    ("harriet", "patch", giving_record_url("/api/giving/funds/{pk}", "fund"), 403),
    ("otto", "get", giving_record_url("/api/giving/funds/{pk}", "fund"), 403),
    ("otto", "get", lambda w: "/api/giving/recipients", 403),
    ("harriet", "post", lambda w: "/api/giving/recipients", 403),
    ("harriet", "patch", giving_record_url("/api/giving/recipients/{pk}", "recipient"), 403),
    ("otto", "get", giving_record_url("/api/giving/recipients/{pk}", "recipient"), 403),
    ("otto", "get", lambda w: "/api/giving/gifts", 403),
    ("harriet", "post", lambda w: "/api/giving/gifts", 403),
    ("harriet", "get", giving_url("/api/giving/gifts/{pk}", "leadership"), 404),
    ("harriet", "patch", giving_url("/api/giving/gifts/{pk}"), 403),
    ("harriet", "delete", giving_url("/api/giving/gifts/{pk}"), 403),
    ("max", "delete", giving_url("/api/giving/gifts/{pk}"), 404),
    ("otto", "get", lambda w: "/api/giving/summary", 403),
    ("sam", "get", lambda w: "/api/giving/summary", 403),
    # The benefits register (amplify/benefits): programme managers read it
    ("otto", "get", lambda w: reverse("benefits:list"), 403),
    ("harriet", "get", lambda w: reverse("benefits:add"), 403),
    ("harriet", "get", giving_record_url("benefits:edit", "benefit"), 403),
    ("max", "post", giving_record_url("benefits:end", "benefit"), 403),
    ("otto", "get", lambda w: "/api/benefits", 403),
    ("harriet", "post", lambda w: "/api/benefits", 403),
    ("otto", "get", giving_record_url("/api/benefits/{pk}", "benefit"), 403),
    ("harriet", "patch", giving_record_url("/api/benefits/{pk}", "benefit"), 403),
    # The surveys builder (amplify/surveys): the item bank is the programme managers' and
    # impact admins'; a cohort's waves its managers' (impact admins read them).
    ("alice", "get", lambda w: reverse("surveys:items"), 403),
    ("otto", "post", lambda w: reverse("surveys:item-new"), 403),
    ("lena", "get", lambda w: reverse("surveys:programme", args=["amplify"]), 403),
    ("ina", "post", lambda w: reverse("surveys:settings", args=["positive-influence"]), 403),
    ("ina", "post", lambda w: reverse("surveys:template-new", args=["positive-influence"]), 403),
    ("alice", "get", cohort_url("surveys:cohort"), 403),
    ("otto", "get", cohort_url("surveys:cohort"), 404),
    ("max", "get", cohort_url("surveys:cohort"), 404),
    ("ina", "get", cohort_url("surveys:wave-new"), 403),
    ("ina", "post", cohort_url("surveys:cohort-apply"), 403),
    ("alice", "get", survey_wave("surveys:wave"), 404),
    ("max", "get", survey_wave("surveys:wave"), 404),
    ("ina", "get", survey_wave("surveys:wave-edit"), 403),
    ("ina", "post", survey_wave("surveys:wave-send"), 403),
    ("ina", "post", survey_wave("surveys:wave-close"), 403),
    ("max", "post", survey_wave("surveys:wave-question-add"), 404),
    ("alice", "get", lambda w: "/api/surveys/items", 403),
    ("otto", "post", lambda w: "/api/surveys/items", 403),
    ("ina", "put", lambda w: "/api/surveys/programmes/positive-influence/settings", 403),
    ("lena", "get", lambda w: "/api/surveys/programmes/amplify/templates", 403),
    ("otto", "get", lambda w: f"/api/surveys/cohorts/{w.cohort.pk}/waves", 404),
    ("alice", "get", lambda w: f"/api/surveys/cohorts/{w.cohort.pk}/response-rates", 403),
    ("ina", "post", lambda w: f"/api/surveys/cohorts/{w.cohort.pk}/waves", 403),
    ("max", "get", survey_wave("/api/surveys/waves/{pk}"), 404),
    ("ina", "post", survey_wave("/api/surveys/waves/{pk}/launch"), 403),
    ("ina", "post", survey_wave("/api/surveys/waves/{pk}/close"), 403),
    ("max", "get", survey_wave("/api/surveys/waves/{pk}/response-rate"), 404),
    # Impact (amplify/impact): the library is read by managers and impact admins, changed by
    # impact admins; a cohort's figures, traces and published reports by its managers and
    # impact admins. A mentor, a mentee, Otto and the leadership manager are refused.
    ("alice", "get", lambda w: reverse("impact:indicators"), 403),
    ("bea", "get", lambda w: reverse("impact:indicators"), 403),
    ("otto", "get", lambda w: reverse("impact:indicators"), 403),
    ("harriet", "get", lambda w: reverse("impact:indicator-new"), 403),
    ("max", "post", lambda w: reverse("impact:indicator-new"), 403),
    ("harriet", "get", lambda w: reverse("impact:indicator-edit", args=["participants"]), 403),
    ("max", "post", lambda w: reverse("impact:indicator-active", args=["participants"]), 403),
    ("alice", "get", impact_trace(), 403),
    ("bea", "get", impact_trace("&country=GB"), 403),
    ("otto", "get", impact_trace(), 404),
    ("max", "get", impact_trace(), 404),
    ("alice", "get", cohort_url("impact:cohort-snapshots"), 403),
    ("bea", "post", cohort_url("impact:cohort-snapshots"), 403),
    ("otto", "get", cohort_url("impact:cohort-snapshots"), 404),
    ("max", "post", cohort_url("impact:cohort-snapshots"), 404),
    (
        "max",
        "get",
        lambda w: reverse("impact:programme-snapshots", args=["positive-influence"]),
        404,
    ),
    (
        "otto",
        "get",
        lambda w: reverse("impact:programme-snapshots", args=["positive-influence"]),
        404,
    ),
    ("alice", "get", impact_snapshot("impact:snapshot"), 404),
    ("max", "get", impact_snapshot("impact:snapshot-compare"), 404),
    ("alice", "get", lambda w: "/api/impact/indicators", 403),
    ("harriet", "post", lambda w: "/api/impact/indicators", 403),
    ("max", "put", lambda w: "/api/impact/indicators/participants", 403),
    ("alice", "get", impact_api("figure"), 403),
    ("bea", "get", impact_api("figure"), 403),
    ("otto", "get", impact_api("figure"), 404),
    ("max", "get", impact_api("figure"), 404),
    ("alice", "get", impact_api("breakdown"), 403),
    ("max", "get", impact_api("breakdown"), 404),
    ("harriet", "post", lambda w: "/api/impact/snapshots", 403),
    ("alice", "get", impact_snapshot("/api/impact/snapshots/{pk}"), 404),
    ("max", "get", impact_snapshot("/api/impact/snapshots/{pk}/compare"), 404),
    # Answering a survey (amplify/surveys, respondent side): her own invitation only
    ("dan", "get", bea_survey(), 404),
    ("harriet", "get", bea_survey(), 404),
    ("otto", "post", bea_survey(), 404),
    ("dan", "get", bea_survey("/api/my/surveys/{pk}"), 404),
    ("harriet", "get", bea_survey("/api/my/surveys/{pk}"), 404),
    ("dan", "put", bea_survey("/api/my/surveys/{pk}/draft"), 404),
    ("alice", "post", bea_survey("/api/my/surveys/{pk}/submit"), 404),
    # The organisation roll-up: impact admins, administrators and programme managers.
    ("alice", "get", lambda w: reverse("impact:organisation"), 403),
    ("bea", "get", lambda w: reverse("impact:organisation") + "?format=csv", 403),
    ("otto", "get", lambda w: "/api/impact/organisation", 403),
    # Impact reports (amplify/impact): the cohort's and programme's managers, impact admins
    ("alice", "get", cohort_url("impact:cohort-report"), 403),
    ("bea", "get", cohort_url("impact:cohort-report"), 403),
    ("otto", "get", cohort_url("impact:cohort-report"), 404),
    ("max", "get", cohort_url("impact:cohort-report"), 404),
    ("harriet", "get", cohort_url("impact:cohort-report", "leadership_cohort"), 404),
    ("lena", "get", cohort_url("impact:cohort-report", "leadership_cohort"), 403),
    ("alice", "post", cohort_url("impact:cohort-report-pdf"), 403),
    ("max", "post", cohort_url("impact:cohort-report-pdf"), 404),
    ("alice", "get", report_pdf_url("impact:report-pdf"), 403),
    ("otto", "get", report_pdf_url("impact:report-pdf-download"), 404),
    ("bea", "get", report_pdf_url("impact:report-pdf-download"), 403),
    ("max", "post", report_pdf_url("impact:report-pdf-retry"), 404),
    ("alice", "get", lambda w: reverse("impact:programme-report", args=[w.programme.slug]), 403),
    ("alice", "get", cohort_url("impact:cohort-report-export"), 403),
    ("otto", "get", cohort_url("impact:cohort-report-export"), 404),
    ("max", "get", cohort_url("impact:cohort-report-export"), 404),
    (
        "alice",
        "get",
        lambda w: reverse("impact:programme-report-export", args=[w.programme.slug]),
        403,
    ),
    (
        "max",
        "get",
        lambda w: reverse("impact:programme-report-export", args=[w.programme.slug]),
        404,
    ),
    ("max", "get", lambda w: reverse("impact:programme-report", args=[w.programme.slug]), 404),
    ("lena", "get", lambda w: reverse("impact:programme-report", args=["amplify"]), 403),
    ("alice", "get", lambda w: f"/api/impact/cohorts/{w.cohort.pk}/report", 403),
    ("otto", "get", lambda w: f"/api/impact/cohorts/{w.cohort.pk}/report", 404),
    ("max", "post", lambda w: f"/api/impact/cohorts/{w.cohort.pk}/report-pdfs", 404),
    ("bea", "post", lambda w: f"/api/impact/cohorts/{w.cohort.pk}/report-pdfs", 403),
    ("alice", "get", lambda w: f"/api/impact/report-pdfs/{report_pdf_url('')(w)}", 403),
    ("otto", "get", lambda w: f"/api/impact/report-pdfs/{report_pdf_url('')(w)}/pdf", 404),
    ("max", "post", lambda w: f"/api/impact/report-pdfs/{report_pdf_url('')(w)}/retry", 404),
    ("alice", "get", lambda w: f"/api/impact/programmes/{w.programme.slug}/report", 403),
    ("max", "get", lambda w: f"/api/impact/programmes/{w.programme.slug}/report", 404),
]


@pytest.mark.parametrize(
    ("who", "method", "url_for", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)],
)
def test_it_refuses_the_wrong_role(
    world: World,
    as_user,
    who: str,
    method: str,
    url_for: UrlFor,
    expected: int,
) -> None:
    client = as_user(getattr(world, who))
    url = url_for(world)
    if url.startswith("/api/"):
        body = (
            {"status": "running"} if url.endswith("/status") else {"name": "X", "kind": "mentoring"}
        )
        if url.startswith("/api/safeguarding/"):
            body = SAFEGUARDING_BODY
        if "/outcomes/" in url or "/showcase" in url:
            body = OUTCOMES_BODY
        if url.startswith("/api/mentor-offers/"):
            body = {"action": "accept"}
        if url.startswith("/api/training/"):
            body = TRAINING_BODY
        if url.startswith("/api/mentoring/"):
            body = MENTORING_BODY
        if url.startswith("/api/meetings/"):
            body = MEETINGS_BODY
        if url.startswith("/api/nominations/"):
            body = NOMINATIONS_BODY
        if url.startswith("/api/coaching/"):
            body = COACHING_BODY
        if url.startswith("/api/experiments/"):
            body = EXPERIMENTS_BODY
        if url.startswith("/api/showcase/"):
            body = SHOWCASE_BODY
        if url.startswith("/api/impact/"):
            # A GET's data would replace the query string (?cohort=…).
            body = IMPACT_BODY if method != "get" else {}
        if url.startswith("/api/events/") and ("/sessions" in url or "/groups" in url):
            body = WEEK_BODY
        if url.startswith(("/api/giving/", "/api/benefits")):
            body = GIVING_BODY
        if url.startswith("/api/surveys/"):
            body = SURVEYS_BODY
        response = getattr(client, method)(url, data=body, content_type="application/json")
    else:
        response = getattr(client, method)(url, {"status": "closed"} if method == "post" else {})
    assert response.status_code == expected, (who, method, url)


def test_it_keeps_the_admin_to_staff(world: World, as_user) -> None:
    response = as_user(world.alice).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
