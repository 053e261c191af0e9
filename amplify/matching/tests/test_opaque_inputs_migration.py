"""Runs stored before opaque tokens are rewritten: no readable background is left in them."""

from __future__ import annotations

import importlib
import json

from django.apps import apps

from amplify.conftest import World
from amplify.matching.models import GroupingRun, MatchingRun

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
