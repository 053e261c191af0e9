"""Applications' periodic work: an application follows its mentee into the cohort (started,
completed), and the eligibility evidence is minimised once a cohort has closed."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

from amplify.applications.models import (
    BACKGROUND_QUESTIONS,
    TOOK_PART,
    Application,
    ApplicationEvidence,
    ApplicationSettings,
    ApplicationTally,
    Stage,
)
from amplify.operations.periodic import periodic
from amplify.programmes.models import Cohort


@periodic("applications.stages", every=timedelta(hours=1))
def application_stages_follow(now: datetime) -> int:
    """Accepted applicants of a running cohort have started; those of a closed one, ended."""
    started = Application.objects.filter(
        stage=Stage.ACCEPTED, cohort__status=Cohort.Status.RUNNING
    ).update(stage=Stage.STARTED, updated_at=now)
    completed = Application.objects.filter(
        stage__in=[Stage.ACCEPTED, Stage.STARTED], cohort__status=Cohort.Status.CLOSED
    ).update(stage=Stage.COMPLETED, updated_at=now)
    return started + completed


def cohort_tally(cohort: Cohort, *, now: datetime) -> int:
    """Count the cohort's applications by stage, failed rule, criterion met and background
    answer, once (a second run finds the counts there and adds nothing)."""
    if ApplicationTally.objects.filter(cohort=cohort).exists():
        return 0
    counts: Counter[tuple[str, str]] = Counter()
    applications = Application.objects.filter(cohort=cohort).select_related("evidence")
    for application in applications:
        counts["stage", application.stage] += 1
        counts["took_part", "yes" if application.stage in TOOK_PART else "no"] += 1
        for failure in application.failures:
            counts["failed_rule", failure.get("code", "")] += 1
        for code in application.criteria_met:
            counts["criterion_met", code] += 1
        evidence = getattr(application, "evidence", None)
        if evidence is not None:
            for question in BACKGROUND_QUESTIONS:
                counts[question, getattr(evidence, question) or "unanswered"] += 1
    ApplicationTally.objects.bulk_create(
        ApplicationTally(cohort=cohort, measure=m, value=v, count=n, counted_at=now)
        for (m, v), n in counts.items()
    )
    return len(counts)


def cohorts_due(now: datetime) -> list[Cohort]:
    """Closed cohorts whose retention period after their end has run out and whose
    applicants who did not take part still have evidence."""
    with_evidence = ApplicationEvidence.objects.exclude(application__stage__in=TOOK_PART)
    cohorts = Cohort.objects.filter(
        status=Cohort.Status.CLOSED,
        pk__in=with_evidence.values("application__cohort_id"),
    )
    settings = {s.cohort_id: s for s in ApplicationSettings.objects.filter(cohort__in=cohorts)}
    today = now.date()
    return [
        c
        for c in cohorts
        if c.ends_on + timedelta(days=(settings.get(c.pk) or ApplicationSettings()).retention_days)
        <= today
    ]


@periodic("retention.application_evidence", every=timedelta(hours=6))
def application_evidence_minimise(now: datetime) -> int:
    """N days (the cohort's setting) after a cohort closes, the date of birth and
    socioeconomic answers of everyone who did not take part are deleted; the counts stay."""
    deleted = 0
    for cohort in cohorts_due(now):
        with transaction.atomic():
            cohort_tally(cohort, now=now)
            deleted += ApplicationEvidence.objects.filter(
                Q(application__cohort=cohort) & ~Q(application__stage__in=TOOK_PART)
            ).delete()[0]
    return deleted
