"""What a page lets into the book: the printed content of one person, field by field as she
consented, gathered for many people in a constant number of queries.

The content is plain JSON (codes, not translated labels), so an issued book stores exactly
what it printed and its web edition is rendered from that, in the reader's language.

Outcomes: the book prints her confirmed and self-reported outcomes of that cohort (never a
rejected one), each marked as confirmed or as she reported it: the programme asks for
outcomes during and after the cohort, and waiting for every confirmation would leave the
newest achievements out of the book. Stories: only one she consented to share
(`Story.consent_to_share`), and only if her page also says "include my story".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from amplify.experiments.models import Experiment, Story
from amplify.outcomes.models import Outcome, Verification
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.talentbook.models import TalentPage


def pages_for(programme: Programme, cohort: Cohort | None) -> list[TalentPage]:
    """The pages a book of this scope prints: participants taking part (or who took part)
    who said "include me in the book". Across cohorts, a person's latest cohort's page."""
    cohorts = [cohort] if cohort else list(programme.cohorts.all())
    participants = Enrolment.objects.taking_part().filter(
        cohort__in=cohorts, role=Enrolment.Role.PARTICIPANT
    )
    pages = (
        TalentPage.objects.in_book()
        .filter(cohort__in=cohorts, person_id__in=participants.values("person_id"))
        .select_related("person__country", "person__division", "cohort")
        .order_by("person_id", "-cohort__starts_on")
    )
    latest: dict[int, TalentPage] = {}
    for page in pages:
        latest.setdefault(page.person_id, page)
    return list(latest.values())


def _experiment(exp: Experiment) -> dict[str, Any]:
    return {
        "title": exp.title,
        "stage": exp.stage,
        "hypothesis": exp.hypothesis,
        "test": exp.test,
        "metric": exp.metric,
        "criterion": exp.criterion,
        "believed": exp.believed,
        "observed": exp.observed,
        "learned": exp.learned,
        "therefore": exp.therefore,
        "decision": exp.decision,
        "themes": list(exp.themes or []),
    }


def _results(exp: Experiment) -> dict[str, Any] | None:
    if not exp.result and exp.criterion_met is None:
        return None
    return {"result": exp.result, "criterion_met": exp.criterion_met}


def _outcome(outcome: Outcome) -> dict[str, Any]:
    return {
        "kind": outcome.kind,
        "happened_on": outcome.happened_on.isoformat(),
        "organisation": outcome.organisation,
        "description": outcome.description,
        "confirmed": outcome.verification == Verification.CONFIRMED,
    }


def _story(story: Story) -> dict[str, Any]:
    return {
        "title": story.title,
        "tried": story.tried,
        "happened": story.happened,
        "quote": story.quote,
    }


def contents_for(pages: Iterable[TalentPage]) -> list[dict[str, Any]]:
    """The printed content of each page, as consented (photos as the page's stored name:
    the book copies them into its own files)."""
    pages = list(pages)
    keys = {(p.cohort_id, p.person_id) for p in pages}
    people = {p.person_id for p in pages}
    cohorts = {p.cohort_id for p in pages}
    experiments = {
        (e.cohort_id, e.owner_id): e
        for e in Experiment.objects.filter(cohort_id__in=cohorts, owner_id__in=people)
        if (e.cohort_id, e.owner_id) in keys
    }
    outcomes: dict[tuple[int, int], list[Outcome]] = {}
    for outcome in (
        Outcome.objects.filter(cohort_id__in=cohorts, person_id__in=people)
        .exclude(verification=Verification.REJECTED)
        .order_by("-happened_on", "pk")
    ):
        outcomes.setdefault((outcome.cohort_id or 0, outcome.person_id), []).append(outcome)
    stories: dict[tuple[int, int], Story] = {}
    for story in Story.objects.filter(
        cohort_id__in=cohorts, person_id__in=people, consent_to_share=True
    ).order_by("-updated_at", "-pk"):
        stories.setdefault((story.cohort_id, story.person_id), story)
    return [
        _content(
            page,
            experiments.get((page.cohort_id, page.person_id)),
            outcomes.get((page.cohort_id, page.person_id), []),
            stories.get((page.cohort_id, page.person_id)),
        )
        for page in pages
    ]


def _content(
    page: TalentPage,
    exp: Experiment | None,
    outcomes: list[Outcome],
    story: Story | None,
) -> dict[str, Any]:
    person = page.person
    country = person.country
    return {
        "person_id": person.pk,
        "anchor": f"p{person.pk}",
        "name": person.preferred_name or person.name,
        "job_title": person.job_title,
        "cohort": page.cohort.name,
        "country_code": country.code if country else "",
        "country": country.name if country else "",
        "division": person.division.name if person.division else "",
        "photo": page.photo.name if page.include_photo and page.photo else "",
        "about": page.about if page.include_about else "",
        "stands_for": page.stands_for if page.include_stands_for else "",
        "strengths": page.strengths if page.include_strengths else "",
        "experiment": _experiment(exp) if exp and page.include_experiment else None,
        "results": _results(exp) if exp and page.include_results else None,
        "outcomes": [_outcome(o) for o in outcomes] if page.include_outcomes else [],
        "story": _story(story) if story and page.include_story else None,
    }


def page_preview(page: TalentPage) -> dict[str, Any]:
    """Her page as the next book would print it."""
    return contents_for([page])[0]
