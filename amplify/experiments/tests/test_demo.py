"""The demo's experiments tell the seeds' story (built once, with the demo's own fixture)."""

from __future__ import annotations

import pytest

from amplify.demo.tests.conftest import demo  # noqa: F401 (the module's built demo)
from amplify.experiments.models import Experiment, Stage, Story
from amplify.outcomes.models import Outcome
from amplify.programmes.models import Cohort, Enrolment


@pytest.mark.django_db
def test_it_gives_every_participant_of_2013_to_2015_one_experiment(demo) -> None:  # noqa: F811
    for cohort in Cohort.objects.filter(name__in=["Amplify 2013", "Amplify 2014", "Amplify 2015"]):
        participants = Enrolment.objects.filter(cohort=cohort, role=Enrolment.Role.PARTICIPANT)
        experiments = Experiment.objects.filter(cohort=cohort)
        assert experiments.count() == participants.count()
        assert experiments.filter(stage=Stage.DECIDED).count() > participants.count() * 0.8
        assert not experiments.filter(sponsor__isnull=True).exists()


@pytest.mark.django_db
def test_it_tells_the_seeds_stories_with_their_outcomes(demo) -> None:  # noqa: F811
    stories = Story.objects.shared()
    assert stories.count() == 8
    assert Outcome.objects.filter(experiment__isnull=False).count() == 8
    assert stories.filter(title="A nomination for best newcomer").exists()


@pytest.mark.django_db
def test_the_running_cohort_has_every_stage_and_the_sponsor_has_work(demo) -> None:  # noqa: F811
    running = Cohort.objects.get(programme__slug="amplify", status=Cohort.Status.RUNNING)
    stages = set(Experiment.objects.filter(cohort=running).values_list("stage", flat=True))
    assert stages == set(Stage.values)
    sponsor = Experiment.objects.filter(sponsor__email__startswith="sponsor@")
    assert sponsor.waiting_for_sponsor().filter(stage=Stage.SUBMITTED).exists()
    mine = Experiment.objects.get(cohort=running, owner__email__startswith="participant@")
    assert mine.stage == Stage.RETURNED
