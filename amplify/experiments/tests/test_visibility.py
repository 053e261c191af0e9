"""Who sees which experiments and stories."""

from __future__ import annotations

from amplify.conftest import World
from amplify.experiments import services
from amplify.experiments.models import Experiment, Story
from amplify.experiments.tests.factories import experiment_of, story_of
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import CohortFactory, EnrolmentFactory


def test_it_shows_an_experiment_to_its_cohort_and_its_overseers(world: World) -> None:
    experiment = experiment_of(world)
    for who in ("lena", "leo", "coco", "sam", "max", "ina", "ada"):
        assert experiment in Experiment.objects.for_user(getattr(world, who)), who
    for who in ("harriet", "otto", "alice", "bea"):
        assert experiment not in Experiment.objects.for_user(getattr(world, who)), who


def test_it_shows_a_participant_only_her_own_cohorts_experiments(world: World) -> None:
    # Given another cohort of the programme with its own participant's experiment
    other = CohortFactory(programme=world.leadership)
    someone = PersonFactory()
    EnrolmentFactory(cohort=other, person=someone, role=Enrolment.Role.PARTICIPANT)
    theirs = Experiment.objects.create(cohort=other, owner=someone, title="Elsewhere")
    # Then Leo (of the world's cohort) does not see it, Max (the manager) does
    assert theirs not in Experiment.objects.for_user(world.leo)
    assert theirs in Experiment.objects.for_user(world.max)


def test_it_hides_a_withdrawn_participant_from_the_cohorts_experiments(world: World) -> None:
    experiment = experiment_of(world)
    Enrolment.objects.filter(person__user=world.leo).update(status=Enrolment.Status.WITHDRAWN)
    assert experiment not in Experiment.objects.for_user(world.leo)


def test_it_shows_a_story_only_once_shared(world: World) -> None:
    # Given Lena's story not shared
    story = story_of(world, shared=False)
    assert story in Story.objects.for_user(world.lena)
    assert story not in Story.objects.for_user(world.leo)
    assert story not in Story.objects.for_user(world.ina)
    # When she shares it, then the cohort sees it
    services.story_save(person=story.person, story=story, title=story.title, consent_to_share=True)
    assert story in Story.objects.for_user(world.leo)
    assert story not in Story.objects.for_user(world.otto)
