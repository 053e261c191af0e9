"""Runs, groups and pairs stored before the privacy fixes are rewritten by their migrations."""

from __future__ import annotations

import importlib
import json

from django.apps import apps

from amplify.conftest import World
from amplify.matching.models import GroupingRun, HomeGroup, MatchingRun, ProposedPair

migration = importlib.import_module("amplify.matching.migrations.0002_opaque_run_inputs")


def test_it_rewrites_readable_background_in_old_runs(world: World) -> None:
    run = MatchingRun.objects.create(
        cohort=world.cohort,
        number=1,
        kind="mentoring",
        inputs={
            "mentors": [{"key": "1", "attributes": ["gender:woman", "lgbtq:yes"]}],
            "mentees": [{"key": "2", "wants": ["gender:woman"]}],
        },
        result={
            "fairness": {
                "groups": {
                    "gender": [
                        {"value": "Non-binary", "people": None},
                        {"value": "Woman", "people": 6},
                    ]
                }
            }
        },
    )
    grouped = GroupingRun.objects.create(
        cohort=world.cohort,
        number=1,
        inputs={"members": [{"key": "1", "attributes": {"gender": "woman", "country": "GB"}}]},
    )
    migration.forwards(apps, None)
    run.refresh_from_db()
    grouped.refresh_from_db()
    text = json.dumps(run.inputs) + json.dumps(grouped.inputs)
    for readable in ("woman", "lgbtq", "gender:"):
        assert readable not in text
    assert run.inputs["mentees"][0]["wants"][0] in run.inputs["mentors"][0]["attributes"]
    assert run.result["fairness"]["groups"]["gender"] == [
        {"value": "Woman", "people": 6},
        {"value": None, "people": None},
    ]
    assert grouped.inputs["members"][0]["attributes"]["country"] == "GB"


home_groups = importlib.import_module("amplify.matching.migrations.0003_home_group_balance_private")


def test_it_drops_gender_counts_from_old_home_groups(world: World) -> None:
    run = GroupingRun.objects.create(
        cohort=world.cohort, number=1, result={"perfect": {"gender": True, "country": True}}
    )
    group = HomeGroup.objects.create(
        run=run,
        band="EMEA",
        number=1,
        name="EMEA 1",
        balance={
            "perfect": {"gender": True, "country": True},
            "counts": {"gender": {"woman": 1, "man": 1}, "country": {"GB": 2}},
        },
    )
    group.members.set([world.person(world.alice), world.person(world.carl)])
    home_groups.forwards(apps, None)
    group.refresh_from_db()
    run.refresh_from_db()
    assert group.balance == {
        "perfect": {"gender": None, "country": True},
        "counts": {"country": {"GB": 2}},
    }
    assert run.result["perfect"] == {"gender": None, "country": True}


explanations = importlib.import_module(
    "amplify.matching.migrations.0004_private_background_explanations"
)


def test_it_moves_the_background_row_out_of_old_explanations(world: World) -> None:
    run = MatchingRun.objects.create(
        cohort=world.cohort, number=1, kind="mentoring", total_score=40, result={"fairness": {}}
    )
    rows = [
        {"criterion": "interests", "label": "Shared", "points": 10, "weight": 3, "score": 30},
        {"criterion": "background", "label": "Shares", "points": 5, "weight": 2, "score": 10},
    ]
    pair = ProposedPair.objects.create(
        run=run,
        mentor=world.person(world.alice),
        mentee=world.person(world.bea),
        score=40,
        breakdown=rows,
    )
    explanations.move_private_rows(apps, None)
    pair.refresh_from_db()
    run.refresh_from_db()
    assert (pair.score, pair.private_score) == (30, 10)
    assert [r["criterion"] for r in pair.breakdown] == ["interests"]
    assert [r["criterion"] for r in pair.private_breakdown] == ["background"]
    assert run.total_score == 30
    assert run.result["fairness"]["worst_off"] == [str(pair.mentee_id), 30]
