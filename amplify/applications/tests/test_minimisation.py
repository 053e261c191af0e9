"""Data minimisation: after a cohort closes (and its retention days pass), the evidence of
those who did not take part is deleted, and the counts survive."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from amplify.applications.models import (
    Application,
    ApplicationEvidence,
    ApplicationSettings,
    ApplicationTally,
    Stage,
)
from amplify.applications.periodic import application_evidence_minimise, application_stages_follow
from amplify.applications.tests.factories import make_application, recruiting_cohort
from amplify.conftest import World
from amplify.programmes.models import Cohort

pytestmark = pytest.mark.django_db
ENDS = date(2027, 2, 26)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def closed_cohort(world: World) -> Cohort:
    cohort = recruiting_cohort(world.programme)
    make_application(cohort, email="took@example.com", stage=Stage.COMPLETED)
    make_application(cohort, email="declined@example.com", stage=Stage.DECLINED)
    make_application(
        cohort,
        email="young@example.com",
        stage=Stage.INELIGIBLE,
        failures=[{"code": "too_young", "params": {"min_age": 18, "age": 17}}],
    )
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.CLOSED)
    return cohort


def test_it_keeps_the_evidence_until_the_retention_days_pass(world: World) -> None:
    cohort = closed_cohort(world)
    ApplicationSettings.objects.create(cohort=cohort, retention_days=30)
    assert application_evidence_minimise(at(ENDS + timedelta(days=29))) == 0
    assert ApplicationEvidence.objects.count() == 3


def test_it_deletes_the_evidence_of_those_who_did_not_take_part_and_keeps_counts(
    world: World,
) -> None:
    cohort = closed_cohort(world)
    assert application_evidence_minimise(at(ENDS + timedelta(days=90))) == 2
    # The one who took part keeps hers; the others' dates of birth and answers are gone.
    assert list(ApplicationEvidence.objects.values_list("application__email", flat=True)) == [
        "took@example.com"
    ]
    tallies = {
        (t.measure, t.value): t.count for t in ApplicationTally.objects.filter(cohort=cohort)
    }
    assert tallies[("stage", "declined")] == 1
    assert tallies[("took_part", "no")] == 2
    assert tallies[("failed_rule", "too_young")] == 1
    assert tallies[("free_school_meals", "yes")] == 3
    assert tallies[("parental_occupation", "working_class")] == 3
    # Running again deletes nothing more and counts nothing twice.
    assert application_evidence_minimise(at(ENDS + timedelta(days=91))) == 0
    assert ApplicationTally.objects.get(cohort=cohort, measure="stage", value="declined").count == 1
    assert Application.objects.filter(cohort=cohort).count() == 3


def test_it_leaves_open_cohorts_alone(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    make_application(cohort)
    assert application_evidence_minimise(at(date(2030, 1, 1))) == 0
    assert ApplicationEvidence.objects.count() == 1


def test_it_moves_accepted_applicants_on_with_their_cohort(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    application = make_application(cohort, stage=Stage.ACCEPTED)
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.RUNNING)
    application_stages_follow(at(date(2026, 9, 2)))
    application.refresh_from_db()
    assert application.stage == Stage.STARTED
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.CLOSED)
    application_stages_follow(at(date(2027, 3, 1)))
    application.refresh_from_db()
    assert application.stage == Stage.COMPLETED
