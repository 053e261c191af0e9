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


# A body every meetings operation's schema accepts, so that the access check decides.
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
        response = getattr(client, method)(url, data=body, content_type="application/json")
    else:
        response = getattr(client, method)(url, {"status": "closed"} if method == "post" else {})
    assert response.status_code == expected, (who, method, url)


def test_it_keeps_the_admin_to_staff(world: World, as_user) -> None:
    response = as_user(world.alice).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
