"""Starting an experiment and writing its cards."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.experiments import services
from amplify.experiments.models import Experiment, Stage
from amplify.experiments.tests.factories import experiment_of
from amplify.home.concurrency import version_of


def test_it_starts_one_experiment_per_participant_and_cohort(world: World) -> None:
    # Given Lena's experiment
    experiment_of(world)
    # When she starts a second one, then she is told she has one
    with pytest.raises(ValidationError) as exc:
        services.experiment_create(
            cohort=world.leadership_cohort, owner=world.person(world.lena), title="Another"
        )
    assert "title" in exc.value.message_dict
    assert Experiment.objects.filter(owner__user=world.lena).count() == 1


def test_it_starts_experiments_for_participants_only(world: World) -> None:
    for who in ("coco", "sam", "otto"):
        with pytest.raises(ValidationError, match="participant"):
            services.experiment_create(
                cohort=world.leadership_cohort, owner=world.person(getattr(world, who)), title="x"
            )
    with pytest.raises(ValidationError):
        services.experiment_create(
            cohort=world.cohort, owner=world.person(world.bea), title="Mentoring has none"
        )


def test_it_refuses_a_title_left_empty_and_a_rating_out_of_range(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        services.experiment_create(
            cohort=world.leadership_cohort, owner=world.person(world.leo), title=" ", test_cost=7
        )
    assert {"title", "test_cost"} <= set(exc.value.message_dict)
    assert not Experiment.objects.filter(owner__user=world.leo).exists()


def test_it_keeps_the_test_card_once_submitted(world: World) -> None:
    experiment = experiment_of(world, stage=Stage.SUBMITTED)
    with pytest.raises(ValidationError) as exc:
        services.experiment_update(experiment=experiment, by=experiment.owner, test="Other")
    assert "stage" in exc.value.message_dict


def test_it_takes_results_while_running_only(world: World) -> None:
    experiment = experiment_of(world)
    with pytest.raises(ValidationError) as exc:
        services.experiment_update(experiment=experiment, by=experiment.owner, result="12%")
    assert "result" in exc.value.message_dict
    experiment = experiment_of(world, stage=Stage.RUNNING)
    experiment = services.experiment_update(
        experiment=experiment, by=experiment.owner, result="14%", criterion_met=True
    )
    assert experiment.result == "14%"
    assert experiment.criterion_met is True


def test_it_refuses_a_stale_second_tab(world: World) -> None:
    # Given two tabs of Lena's draft at the same version
    experiment = experiment_of(world)
    seen = version_of(experiment, services.VERSION_FIELDS)
    services.experiment_update(experiment=experiment, by=experiment.owner, version=seen, test="A")
    # When the second tab saves, then it is refused rather than overwriting
    with pytest.raises(ValidationError):
        services.experiment_update(
            experiment=experiment, by=experiment.owner, version=seen, test="B"
        )
    experiment.refresh_from_db()
    assert experiment.test == "A"


def test_it_lets_only_the_owner_write_the_card(world: World) -> None:
    experiment = experiment_of(world)
    with pytest.raises(ValidationError, match="owner"):
        services.experiment_update(experiment=experiment, by=world.person(world.leo), test="x")


def test_it_refuses_unknown_themes(world: World) -> None:
    experiment = experiment_of(world)
    with pytest.raises(ValidationError) as exc:
        services.experiment_update(experiment=experiment, by=experiment.owner, themes=["magic"])
    assert "themes" in exc.value.message_dict
