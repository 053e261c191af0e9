"""The stage moves: each with its rule, recorded in the history, telling the next person."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.experiments import services
from amplify.experiments.models import Comment, Stage
from amplify.experiments.tests.factories import experiment_of
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory


def test_it_submits_a_complete_card_to_the_sponsor_and_tells_her(
    world: World, django_capture_on_commit_callbacks
) -> None:
    # Given Lena's complete draft with Sam as sponsor
    experiment = experiment_of(world)
    # When she submits it
    with django_capture_on_commit_callbacks(execute=True):
        experiment = services.experiment_submit(experiment=experiment, by=experiment.owner)
    # Then it waits for Sam, who is told, and the history records the move by Lena
    assert experiment.stage == Stage.SUBMITTED
    assert experiment.submitted_at
    assert [m.to for m in mail.outbox] == [["sam@sony.example"]]
    last = experiment.history.first()
    assert last.stage == Stage.SUBMITTED
    assert last.history_user == world.lena


def test_it_lets_only_the_owner_submit(world: World) -> None:
    experiment = experiment_of(world)
    with pytest.raises(ValidationError, match="owner"):
        services.experiment_submit(experiment=experiment, by=world.person(world.leo))


def test_it_refuses_an_incomplete_test_card_naming_each_part(world: World) -> None:
    # Given a draft without its metric and a rating
    experiment = experiment_of(world)
    services.experiment_update(
        experiment=experiment, by=experiment.owner, metric="", test_cost=None
    )
    # When she submits, then each missing part is named
    with pytest.raises(ValidationError) as exc:
        services.experiment_submit(experiment=experiment, by=experiment.owner)
    assert {"metric", "test_cost"} <= set(exc.value.message_dict)


def test_it_needs_a_sponsor_enrolled_as_a_sponsor_of_the_cohort(world: World) -> None:
    # Given a draft without a sponsor
    experiment = experiment_of(world)
    services.experiment_update(experiment=experiment, by=experiment.owner, sponsor=None)
    with pytest.raises(ValidationError) as exc:
        services.experiment_submit(experiment=experiment, by=experiment.owner)
    assert "sponsor" in exc.value.message_dict
    # And Coco (a coach, not a sponsor) cannot be chosen
    with pytest.raises(ValidationError) as exc:
        services.experiment_update(
            experiment=experiment, by=experiment.owner, sponsor=world.person(world.coco)
        )
    assert "sponsor" in exc.value.message_dict


def test_it_refuses_a_sponsor_who_has_withdrawn_since(world: World) -> None:
    experiment = experiment_of(world)
    Enrolment.objects.filter(person__user=world.sam).update(status=Enrolment.Status.WITHDRAWN)
    with pytest.raises(ValidationError) as exc:
        services.experiment_submit(experiment=experiment, by=experiment.owner)
    assert "sponsor" in exc.value.message_dict


def test_it_lets_only_the_sponsor_approve(world: World) -> None:
    # Given Lena's submitted experiment and another sponsor of the cohort
    experiment = experiment_of(world, stage=Stage.SUBMITTED)
    other = PersonFactory()
    EnrolmentFactory(cohort=world.leadership_cohort, person=other, role=Enrolment.Role.SPONSOR)
    for who in (other, experiment.owner, world.person(world.max)):
        with pytest.raises(ValidationError, match="sponsor"):
            services.experiment_approve(experiment=experiment, by=who)
    # And Sam approves, Lena is told
    experiment = services.experiment_approve(experiment=experiment, by=world.person(world.sam))
    assert experiment.stage == Stage.APPROVED


def test_it_returns_only_with_a_comment(world: World, django_capture_on_commit_callbacks) -> None:
    experiment = experiment_of(world, stage=Stage.SUBMITTED)
    sam = world.person(world.sam)
    with pytest.raises(ValidationError) as exc:
        services.experiment_return(experiment=experiment, by=sam, comment="  ")
    assert "comment" in exc.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        experiment = services.experiment_return(experiment=experiment, by=sam, comment="Smaller.")
    assert experiment.stage == Stage.RETURNED
    assert Comment.objects.get(experiment=experiment).returned
    assert mail.outbox[-1].to == ["lena.lee@sony.example"]
    assert "Smaller." in mail.outbox[-1].body
    # And she may change the card and submit again
    services.experiment_update(experiment=experiment, by=experiment.owner, test="Ask 50 people.")
    assert services.experiment_submit(experiment=experiment, by=experiment.owner).stage == (
        Stage.SUBMITTED
    )


def test_it_tells_the_second_of_two_moves_that_someone_was_first(world: World) -> None:
    # Given a submitted experiment that Sam approves in one tab
    experiment = experiment_of(world, stage=Stage.SUBMITTED)
    sam = world.person(world.sam)
    services.experiment_approve(experiment=experiment, by=sam, expected_stage=Stage.SUBMITTED)
    # When his other tab returns it, having seen it submitted
    with pytest.raises(ValidationError) as exc:
        services.experiment_return(
            experiment=experiment, by=sam, comment="No.", expected_stage=Stage.SUBMITTED
        )
    # Then he is told it moved meanwhile
    assert "meanwhile" in exc.value.message_dict["stage"][0]


def test_it_starts_only_an_approved_experiment(world: World) -> None:
    experiment = experiment_of(world, stage=Stage.SUBMITTED)
    with pytest.raises(ValidationError) as exc:
        services.experiment_start(experiment=experiment, by=experiment.owner)
    assert "stage" in exc.value.message_dict
    experiment = experiment_of(world, stage=Stage.APPROVED)
    assert services.experiment_start(experiment=experiment, by=experiment.owner).started_at


def test_it_needs_evidence_and_a_whole_learning_card(world: World) -> None:
    experiment = experiment_of(world, stage=Stage.RUNNING)
    with pytest.raises(ValidationError) as exc:
        services.experiment_capture_learning(
            experiment=experiment,
            by=experiment.owner,
            believed="x",
            observed="",
            learned="y",
            therefore="z",
        )
    assert {"observed", "evidence"} <= set(exc.value.message_dict)


def test_it_lets_the_owner_decide_once_the_sponsor_has_spoken(world: World) -> None:
    # Given a learning captured, and no word from Sam yet
    experiment = experiment_of(world, stage=Stage.LEARNING)
    lena = experiment.owner
    with pytest.raises(ValidationError) as exc:
        services.experiment_decide(experiment=experiment, by=lena, decision="pivot")
    assert "decision" in exc.value.message_dict
    # When Sam records his view of the business impact
    services.sponsor_impact_record(
        experiment=experiment, by=world.person(world.sam), impact="A new market."
    )
    # Then Lena decides
    experiment = services.experiment_decide(experiment=experiment, by=lena, decision="pivot")
    assert experiment.stage == Stage.DECIDED
    assert experiment.decision == "pivot"


def test_it_refuses_an_unknown_decision_and_an_outsider(world: World) -> None:
    experiment = experiment_of(world, stage=Stage.LEARNING)
    sam = world.person(world.sam)
    with pytest.raises(ValidationError) as exc:
        services.experiment_decide(experiment=experiment, by=sam, decision="shrug")
    assert "decision" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.experiment_decide(
            experiment=experiment, by=world.person(world.leo), decision="stop"
        )


def test_it_lets_only_the_sponsor_record_the_impact_once_running(world: World) -> None:
    experiment = experiment_of(world, stage=Stage.APPROVED)
    sam = world.person(world.sam)
    with pytest.raises(ValidationError) as exc:
        services.sponsor_impact_record(experiment=experiment, by=sam, impact="x")
    assert "stage" in exc.value.message_dict
    experiment = experiment_of(world, stage=Stage.RUNNING)
    with pytest.raises(ValidationError):
        services.sponsor_impact_record(experiment=experiment, by=experiment.owner, impact="x")
    assert services.sponsor_impact_record(
        experiment=experiment, by=sam, impact="Big."
    ).sponsor_impact


def test_it_tells_the_owner_of_a_comment_and_the_sponsor_of_hers(
    world: World, django_capture_on_commit_callbacks
) -> None:
    experiment = experiment_of(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.experiment_comment(experiment=experiment, by=world.person(world.coco), body="Hi")
        services.experiment_comment(experiment=experiment, by=experiment.owner, body="Thanks")
    assert [m.to for m in mail.outbox] == [["lena.lee@sony.example"], ["sam@sony.example"]]
    with pytest.raises(ValidationError) as exc:
        services.experiment_comment(experiment=experiment, by=experiment.owner, body=" ")
    assert "body" in exc.value.message_dict
