from datetime import date, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone

from amplify.applications.models import Application, ApplicationEvidence, Stage
from amplify.programmes.models import Cohort, Programme
from amplify.programmes.tests.factories import CohortFactory

# Answers that make an applicant eligible for a cohort starting on 1 September 2026.
ELIGIBLE_ANSWERS: dict[str, Any] = {
    "name": "Yasmin Young",
    "postcode": "E1 6AN",
    "right_to_take_part": True,
    "interests": ["Music production", "Marketing"],
    "career_aspiration": "marketing",
    "languages": ["en"],
    "availability": [2, 5],
    "heard_from": "social",
    "date_of_birth": date(2005, 3, 14),
    "parental_occupation": "working_class",
    "school_type": "state_non_selective",
    "free_school_meals": "yes",
    "first_generation_university": "no",
}


def recruiting_cohort(programme: Programme, number: int | None = None) -> Cohort:
    # The next free number: the factory's own sequence may already have used 8 in this
    # programme when many tests share one process.
    if number is None:
        taken = programme.cohorts.aggregate(top=Max("number"))["top"] or 0
        number = max(8, taken + 1)
    return CohortFactory(
        programme=programme,
        number=number,
        name=f"Positive Influence (cohort {number})",
        status=Cohort.Status.RECRUITING,
        starts_on=date(2026, 9, 1),
        ends_on=date(2027, 2, 26),
    )


def make_application(
    cohort: Cohort, *, email: str = "yasmin@example.com", stage: str = Stage.ELIGIBLE, **extra: Any
) -> Application:
    answers = dict(ELIGIBLE_ANSWERS)
    evidence = {
        k: answers.pop(k)
        for k in list(answers)
        if k
        in (
            "date_of_birth",
            "parental_occupation",
            "school_type",
            "free_school_meals",
            "first_generation_university",
        )
    }
    answers.update(extra)
    fields: dict[str, Any] = {
        "consent_given_at": timezone.now(),
        "complete": True,
        "submitted_at": None if stage in (Stage.DRAFT, Stage.REFERRED) else timezone.now(),
        "eligible": stage not in (Stage.INELIGIBLE,)
        if stage not in (Stage.DRAFT, Stage.REFERRED)
        else None,
        "criteria_met": ["free_school_meals"] if stage != Stage.INELIGIBLE else [],
        "offer_deadline": timezone.localdate() + timedelta(days=14)
        if stage == Stage.OFFERED
        else None,
        **answers,
    }
    application = Application.objects.create(cohort=cohort, email=email, stage=stage, **fields)
    ApplicationEvidence.objects.create(application=application, **evidence)
    return application
