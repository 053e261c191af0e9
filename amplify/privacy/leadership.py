"""The leadership programme's part of a person's export: her nominations, coaching, peer
rounds, experiments, stories, talent pages, showcase marks and votes, global-week attendance
and activity groups, and the interest executives registered in her.

What is hers and only hers goes in whole. What names other people is cut to what concerns
her: a coach's private notes go to that coach alone (never to the coachee), a nomination she
made for someone else keeps its status, not the other person's case.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Case, Q, Value, When

from amplify.coaching.models import CoachingSession, PeerRound
from amplify.events.models import ActivityGroup, SessionAttendance
from amplify.experiments.models import Comment, Evidence, Experiment, Story
from amplify.nominations.models import Nomination
from amplify.people.models import Person
from amplify.showcase.models import AudienceVote, JudgeAssignment, Score
from amplify.talentbook.models import Book, BookEntry, Interest, TalentPage

# Stored file names stay out: the archive says a file exists, the person reads it in the app.
FILES = frozenset({"photo", "file"})
ERASED = "(erased)"


def _row(obj: models.Model, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in exclude and f.name not in exclude
    } | {f"has_{name}": bool(getattr(obj, name, None)) for name in FILES & _names(obj)}


def _names(obj: models.Model) -> set[str]:
    return {f.name for f in obj._meta.concrete_fields}


def sections(person: Person, *, by_herself: bool) -> dict[str, list[dict[str, Any]]]:
    """The export's leadership sections, one list of rows each. A coach's private notes are
    in it only when she downloads it herself: a copy staff make for her is read by staff."""
    about_her = Nomination.objects.filter(nominee=person)
    made = Nomination.objects.filter(nominated_by=person).exclude(nominee=person)
    sessions = CoachingSession.objects.filter(
        Q(pairing__mentor=person) | Q(pairing__mentee=person)
    ).select_related("pairing")
    return {
        "nominations": [_row(n) for n in about_her.order_by("pk")],
        "nominations_made": [
            {
                "id": n.pk,
                "cohort_id": n.cohort_id,
                "nominee_id": n.nominee_id,
                "status": n.status,
                "created_at": n.created_at,
            }
            for n in made.order_by("pk")
        ],
        "coaching_sessions": [
            # The coach's notes are the coach's: in her own export, never in her coachee's.
            _row(
                s,
                FILES
                if by_herself and s.pairing.mentor_id == person.pk
                else FILES | {"coach_notes"},
            )
            for s in sessions.order_by("pk")
        ],
        "peer_rounds": [
            _row(r)
            for r in PeerRound.objects.filter(Q(challenge_by=person) | Q(coaches=person))
            .distinct()
            .order_by("pk")
        ],
        "experiments": [_row(e) for e in Experiment.objects.filter(owner=person).order_by("pk")],
        "experiment_comments": [
            _row(c) for c in Comment.objects.filter(author=person).order_by("pk")
        ],
        "experiment_evidence": [
            _row(e, FILES) for e in Evidence.objects.filter(added_by=person).order_by("pk")
        ],
        "stories": [_row(s) for s in Story.objects.filter(person=person).order_by("pk")],
        "talent_pages": [
            _row(p, FILES) for p in TalentPage.objects.filter(person=person).order_by("pk")
        ],
        "interest_in_you": [
            {"book_id": i.book_id, "executive_id": i.executive_id, "created_at": i.created_at}
            for i in Interest.objects.filter(person=person).order_by("pk")
        ],
        "interest_you_registered": [
            _row(i) for i in Interest.objects.filter(executive=person).order_by("pk")
        ],
        "showcase_assignments": [
            _row(a) for a in JudgeAssignment.objects.filter(judge=person).order_by("pk")
        ],
        "showcase_marks": [
            _row(s) for s in Score.objects.filter(assignment__judge=person).order_by("pk")
        ],
        "showcase_votes": [
            _row(v) for v in AudienceVote.objects.filter(voter=person).order_by("pk")
        ],
        "global_week_attendance": [
            _row(a) for a in SessionAttendance.objects.filter(person=person).order_by("pk")
        ],
        "activity_groups": [
            {"id": g.pk, "event_id": g.event_id, "name": g.name}
            for g in ActivityGroup.objects.filter(members=person).order_by("pk")
        ],
    }


def erase(person: Person) -> None:
    """What the leadership programme holds about her, gone or emptied: her talent pages and
    what books printed of her (web editions; an issued PDF is a file already handed out, see
    docs/leadership.md), her photos, her stories, the case of a nomination about her, and a
    coach's notes and actions about her. Her experiment stays, as company work: its owner is
    the erased person row."""
    for page in TalentPage.objects.filter(person=person):
        if page.photo:
            page.photo.delete(save=False)
    TalentPage.objects.filter(person=person).delete()
    TalentPage.history.filter(person_id=person.pk).delete()
    for entry in BookEntry.objects.filter(person=person).select_related("book"):
        book = entry.book
        people = book.snapshot.get("people", [])
        book.snapshot["people"] = [p for p in people if p.get("person_id") != person.pk]
        Book.objects.filter(pk=book.pk).update(snapshot=book.snapshot)
    BookEntry.objects.filter(person=person).delete()
    Story.objects.filter(person=person).delete()
    Story.history.filter(person_id=person.pk).delete()
    Interest.objects.filter(person=person).update(note="")
    Interest.history.filter(person_id=person.pk).update(note="")
    # A decline keeps a reason (a database rule), now one that says nothing about her.
    reason = Case(When(status="declined", then=Value(ERASED)), default=Value(""))
    Nomination.objects.filter(nominee=person).update(case="", decision_reason=reason)
    Nomination.history.filter(nominee_id=person.pk).update(case="", decision_reason=reason)
    coached = CoachingSession.objects.filter(pairing__mentee=person)
    CoachingSession.history.filter(pairing_id__in=coached.values("pairing_id")).update(actions="")
    coached.update(coach_notes="", actions="")
