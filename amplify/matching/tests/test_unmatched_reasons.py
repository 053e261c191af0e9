"""A manager reviewing a run reads, for each mentee left out, the real cause."""

from __future__ import annotations

import pytest
from django.urls import reverse

from amplify.conftest import World
from amplify.core.matching.reasons import Reason
from amplify.matching import services
from amplify.matching.explanations import REASONS
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_services import WEIGHTS


@pytest.fixture
def m(world: World) -> Matchable:
    return build_matchable(world)


def test_every_reason_the_engine_stores_can_be_read() -> None:
    codes = {v for k, v in vars(Reason).items() if k.isupper() and isinstance(v, str)}
    assert codes <= set(REASONS)


def test_it_says_the_mentors_lacked_training_not_that_none_had_a_place(
    world: World, m: Matchable, as_user
) -> None:
    # Given a run that asks for more training than any mentor of the cohort has
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, required_training_hours=50
    )
    run = services.matching_run_execute(run=run)
    # Then each mentee who speaks a mentor's language is told the training is missing
    unmatched = run.result["unmatched"]
    assert unmatched[str(m.bea.pk)] == Reason.UNTRAINED
    assert unmatched[str(m.eve.pk)] == Reason.LANGUAGE
    page = as_user(world.harriet).get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "Every mentor who could take this mentee lacks the required mentor training" in page
    assert "No mentor has a free place" not in page


def test_it_names_the_reporting_line_apart_from_a_never_pair_rule(
    world: World, m: Matchable
) -> None:
    # Fay's manager's manager is Carl; Alice and Mo are the others
    for mentor in (m.alice, m.mo):
        services.pair_rule_set(
            cohort=m.cohort, mentor=mentor, mentee=m.fay, kind="exclude", created_by=world.harriet
        )
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, required_training_hours=0
    )
    run = services.matching_run_execute(run=run)
    assert run.result["unmatched"][str(m.fay.pk)] == Reason.EXCLUDED
    services.pair_rule_remove(rule=m.cohort.pair_rules.get(mentor=m.alice))
    services.pair_rule_remove(rule=m.cohort.pair_rules.get(mentor=m.mo))
    for mentor in (m.alice, m.mo):
        mentor.match_profile.availability = [20]
        mentor.match_profile.save()
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, required_training_hours=0
    )
    run = services.matching_run_execute(run=run)
    assert run.result["unmatched"][str(m.fay.pk)] == Reason.REPORTING_LINE
