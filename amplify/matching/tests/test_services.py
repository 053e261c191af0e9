"""Matching runs from snapshot to published pairs, through the services."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.core.matching.profiles import DEFAULT_WEIGHTS
from amplify.diversity.services import diversity_profile_save
from amplify.events.models import Rsvp
from amplify.matching import inputs, services
from amplify.matching.models import MatchingRun, PairRule, ProposedPair, RunStatus
from amplify.matching.services import execution
from amplify.matching.tests.cohorts import Matchable, build_matchable, profile
from amplify.programmes.models import Cohort, Enrolment, Pairing
from amplify.programmes.services import enrolment_withdraw, pairing_create

WEIGHTS = {c.value: w for c, w in DEFAULT_WEIGHTS.items()}


@pytest.fixture
def m(world: World) -> Matchable:
    return build_matchable(world)


def start(world: World, cohort: Cohort, **kwargs: Any) -> MatchingRun:
    run = services.matching_run_start(
        cohort=cohort, created_by=world.harriet, weights=kwargs.pop("weights", WEIGHTS), **kwargs
    )
    return services.matching_run_execute(run=run)


def pairs(run: MatchingRun) -> set[tuple[str, str]]:
    return {(p.mentor.name, p.mentee.name) for p in run.pairs.select_related("mentor", "mentee")}


def test_a_run_proposes_certified_pairs_and_says_why_others_are_left(
    world: World, m: Matchable
) -> None:
    run = start(world, m.cohort)
    assert run.status == RunStatus.READY
    assert run.certified
    assert run.result["proof"]["optimal"]
    assert pairs(run) == {("Alice Staff", "Bea Young"), ("Carl Staff", "Dan Young")}
    assert run.matched_count == 2
    assert run.mentee_count == 4
    # Every score is the sum of its explanation.
    for pair in run.pairs.all():
        assert pair.score == sum(c["score"] for c in pair.breakdown) > 0
    assert run.total_score == sum(p.score for p in run.pairs.all())
    # Mo never trained; Eve speaks only French; Fay's only trained, free mentor is Carl,
    # her manager's manager, and Alice is taken by a better pair or not in her field.
    assert run.result["excluded_mentors"] == {str(m.mo.pk): "training"}
    assert run.result["unmatched"][str(m.eve.pk)] == "language"
    assert str(m.fay.pk) in run.result["unmatched"]


def test_it_never_pairs_a_mentee_with_her_reporting_line(world: World, m: Matchable) -> None:
    Enrolment.objects.filter(cohort=m.cohort, person__in=[m.bea, m.dan]).delete()
    run = start(world, m.cohort)
    assert ("Carl Staff", "Fay Young") not in pairs(run)
    assert pairs(run) == {("Alice Staff", "Fay Young")}


def test_training_hours_come_from_attended_training_only(world: World, m: Matchable) -> None:
    Rsvp.objects.filter(person=m.alice).update(attended=False)
    hours = inputs.training_hours(m.cohort, [m.alice.pk, m.carl.pk, m.mo.pk])
    assert hours == {m.carl.pk: 10.0}
    run = start(world, m.cohort)
    assert run.result["excluded_mentors"][str(m.alice.pk)] == "training"
    # A programme may waive the training for a run.
    run = start(world, m.cohort, required_training_hours=0)
    assert run.result["excluded_mentors"] == {}


def test_background_is_used_only_with_consent(world: World, m: Matchable) -> None:
    diversity_profile_save(
        person=m.bea,
        changed_by=world.ina,
        consent_given=True,
        gender="woman",
        consent_to_matching=True,
        share_with_mentor=["gender"],
    )
    diversity_profile_save(
        person=m.alice,
        changed_by=world.ina,
        consent_given=True,
        gender="woman",
        consent_to_matching=False,
    )
    run = start(world, m.cohort)
    mentors = {p["key"]: p for p in run.inputs["mentors"]}
    mentees = {p["key"]: p for p in run.inputs["mentees"]}
    [wanted] = mentees[str(m.bea.pk)]["wants"]
    assert mentors[str(m.alice.pk)]["attributes"] == []
    diversity_profile_save(
        person=m.alice,
        changed_by=world.ina,
        consent_given=True,
        gender="woman",
        consent_to_matching=True,
    )
    run = start(world, m.cohort)
    mentors = {p["key"]: p for p in run.inputs["mentors"]}
    mentees = {p["key"]: p for p in run.inputs["mentees"]}
    # The same background is the same token within a run, and a different one in each run.
    assert mentors[str(m.alice.pk)]["attributes"] == mentees[str(m.bea.pk)]["wants"]
    assert mentees[str(m.bea.pk)]["wants"] != [wanted]
    alice_bea = run.pairs.get(mentor=m.alice, mentee=m.bea)
    [background] = alice_bea.private_breakdown
    assert background["criterion"] == "background"
    assert background["score"] == alice_bea.private_score > 0
    assert "background" not in {c["criterion"] for c in alice_bea.breakdown}


def test_a_run_keeps_background_only_as_opaque_tokens(world: World, m: Matchable) -> None:
    for person, wants in ((m.bea, ["gender", "parental_occupation"]), (m.alice, [])):
        diversity_profile_save(
            person=person,
            changed_by=world.ina,
            consent_given=True,
            gender="woman",
            parental_occupation="working_class",
            lgbtq="yes",
            consent_to_matching=True,
            share_with_mentor=wants,
        )
    run = start(world, m.cohort)
    snapshot = json.dumps(run.inputs)
    for readable in ("woman", "working_class", "gender", "parental_occupation", "lgbtq"):
        assert readable not in snapshot
    mentors = {p["key"]: p for p in run.inputs["mentors"]}
    mentees = {p["key"]: p for p in run.inputs["mentees"]}
    # Alice keeps only the two tokens Bea asked for: her LGBTQ+ answer nobody asked about is
    # not in the snapshot at all.
    assert sorted(mentors[str(m.alice.pk)]["attributes"]) == sorted(mentees[str(m.bea.pk)]["wants"])
    assert len(mentors[str(m.alice.pk)]["attributes"]) == 2
    alice_bea = run.pairs.get(mentor=m.alice, mentee=m.bea)
    assert alice_bea.private_score > 0


def test_it_refuses_bad_settings_with_clear_errors(world: World, m: Matchable) -> None:
    with pytest.raises(ValidationError) as exc:
        start(world, m.cohort, weights=dict.fromkeys(WEIGHTS, 0))
    assert exc.value.message_dict == {"weights": ["Give at least one criterion a weight."]}
    with pytest.raises(ValidationError) as exc:
        start(world, m.cohort, weights={**WEIGHTS, "interests": 9})
    assert "must be 0 to 5" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        start(world, m.cohort, mode="greedy")
    m.cohort.status = Cohort.Status.CLOSED
    m.cohort.save()
    with pytest.raises(ValidationError) as exc:
        start(world, m.cohort)
    assert exc.value.messages == ["This cohort is closed."]


def test_publishing_creates_pairs_tells_both_people_and_retires_other_drafts(
    world: World, m: Matchable, django_capture_on_commit_callbacks
) -> None:
    other = start(world, m.cohort, mode="stable")
    run = start(world, m.cohort)
    with django_capture_on_commit_callbacks(execute=True):
        created = services.matching_run_publish(run=run, published_by=world.harriet)
    assert {(p.mentor.name, p.mentee.name) for p in created} == pairs(run)
    assert Pairing.objects.filter(cohort=m.cohort).count() == 2
    assert all(p.pairing_id for p in run.pairs.all())
    run.refresh_from_db()
    other.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    assert run.published_by == world.harriet
    assert other.status == RunStatus.DISCARDED
    assert sorted(msg.to[0] for msg in mail.outbox) == sorted(
        p.email for p in (m.alice, m.bea, m.carl, m.dan)
    )
    to_bea = next(msg for msg in mail.outbox if msg.to == [m.bea.email])
    assert "Alice Staff is your mentor" in to_bea.body
    with pytest.raises(ValidationError):
        services.matching_run_publish(run=run, published_by=world.harriet)


def test_a_run_cannot_undo_published_pairs_but_a_rematch_keeps_them(
    world: World, m: Matchable
) -> None:
    first = start(world, m.cohort)
    services.matching_run_publish(run=first, published_by=world.harriet)
    # Dan withdraws; a fresh run that pairs differently is refused at publishing.
    dan = Enrolment.objects.get(cohort=m.cohort, person=m.dan)
    enrolment_withdraw(enrolment=dan, changed_by=world.harriet, note="Moved away")
    rule = services.pair_rule_set(
        cohort=m.cohort,
        mentor=m.alice,
        mentee=m.bea,
        kind=PairRule.Kind.EXCLUDE,
        created_by=world.harriet,
    )
    # A fresh run that could pair differently is refused when it is started, not after
    # its review.
    with pytest.raises(ValidationError) as exc:
        start(world, m.cohort, rematch=False)
    assert "This cohort has 1 published pair, which a new run would undo." in exc.value.messages[0]
    assert (
        not MatchingRun.objects.filter(cohort=m.cohort, is_rematch=False)
        .exclude(pk=first.pk)
        .exists()
    )
    services.pair_rule_remove(rule=rule)
    # Left to choose, a run is a rematch: it keeps Alice and Bea and offers Carl, now
    # free, to the others.
    rematch = start(world, m.cohort)
    assert rematch.is_rematch
    kept = rematch.pairs.get(mentee=m.bea)
    assert kept.mentor == m.alice
    assert kept.locked
    created = services.matching_run_publish(run=rematch, published_by=world.harriet)
    assert [p.mentee for p in created] == [p.mentee for p in rematch.pairs.exclude(mentee=m.bea)]
    assert Pairing.objects.active().filter(cohort=m.cohort, mentee=m.bea).count() == 1


def test_publishing_still_refuses_to_undo_pairs_made_by_hand_during_review(
    world: World, m: Matchable
) -> None:
    run = start(world, m.cohort)
    proposed = run.pairs.select_related("mentor").get(mentee=m.bea)
    other = next(p for p in (m.alice, m.carl) if p != proposed.mentor)
    pairing_create(
        cohort=m.cohort, kind="mentoring", mentor=other, mentee=m.bea, started_on=date.today()
    )
    with pytest.raises(ValidationError, match="would undo 1 published pair"):
        services.matching_run_publish(run=run, published_by=world.harriet)


def test_locks_exclusions_and_swaps_in_review(world: World, m: Matchable) -> None:
    profile(m.mo, tags=["Marketing"], capacity=1)
    run = start(world, m.cohort, required_training_hours=0)
    alice_bea = run.pairs.get(mentor=m.alice, mentee=m.bea)
    carl_dan = run.pairs.get(mentor=m.carl, mentee=m.dan)
    services.proposed_pair_lock(pair=carl_dan, locked=True, changed_by=world.harriet)
    assert PairRule.objects.filter(cohort=m.cohort, kind="lock", mentor=m.carl).exists()
    services.proposed_pair_exclude(pair=alice_bea, changed_by=world.harriet)
    run.refresh_from_db()
    assert run.edited
    assert not run.certified
    assert run.result["unmatched"][str(m.bea.pk)] == "excluded_by_manager"
    again = services.matching_run_execute(
        run=services.matching_run_rerun(run=run, created_by=world.harriet)
    )
    assert ("Alice Staff", "Bea Young") not in pairs(again)
    assert ("Carl Staff", "Dan Young") in pairs(again)
    assert again.pairs.get(mentee=m.dan).locked
    assert again.certified
    # Swapping into a pair that breaks a hard rule is refused, naming the rule.
    first = again.pairs.get(mentee=m.dan)
    second = again.pairs.exclude(mentee=m.dan).first()
    assert second is not None
    services.pair_rule_set(
        cohort=m.cohort,
        mentor=first.mentor,
        mentee=second.mentee,
        kind=PairRule.Kind.EXCLUDE,
        created_by=world.harriet,
    )
    third = services.matching_run_execute(
        run=services.matching_run_rerun(run=again, created_by=world.harriet)
    )
    a = third.pairs.get(mentee=m.dan)
    b = third.pairs.get(mentee=second.mentee)
    with pytest.raises(ValidationError) as exc:
        services.proposed_pairs_swap(first=a, second=b, changed_by=world.harriet)
    assert "marked never to be paired" in exc.value.messages[0]


def test_a_feasible_swap_rescores_both_pairs(world: World, m: Matchable) -> None:
    run = start(world, m.cohort)
    a, b = run.pairs.get(mentee=m.bea), run.pairs.get(mentee=m.dan)
    services.proposed_pairs_swap(first=a, second=b, changed_by=world.harriet)
    run.refresh_from_db()
    assert pairs(run) == {("Alice Staff", "Dan Young"), ("Carl Staff", "Bea Young")}
    assert run.total_score == sum(p.score for p in run.pairs.all())
    assert all(p.locked for p in run.pairs.all())
    assert run.edited
    assert not run.certified


def test_a_published_run_is_frozen(world: World, m: Matchable) -> None:
    run = start(world, m.cohort)
    services.matching_run_publish(run=run, published_by=world.harriet)
    pair = run.pairs.first()
    assert pair is not None
    for change in (
        lambda: services.proposed_pair_lock(pair=pair, locked=True, changed_by=world.harriet),
        lambda: services.proposed_pair_exclude(pair=pair, changed_by=world.harriet),
        lambda: services.matching_run_discard(run=run, changed_by=world.harriet),
    ):
        with pytest.raises(ValidationError):
            change()


def test_stable_mode_leaves_no_blocking_pair(world: World, m: Matchable) -> None:
    run = start(world, m.cohort, mode="stable")
    assert run.status == RunStatus.READY
    assert "stable" in run.result["proof"]["text"].lower()
    assert pairs(run) == {("Alice Staff", "Bea Young"), ("Carl Staff", "Dan Young")}


def test_people_see_only_their_own_published_match(world: World, m: Matchable) -> None:
    run = start(world, m.cohort)
    assert services.my_matches(world.bea) == []
    assert ProposedPair.objects.for_user(world.bea).count() == 0
    services.matching_run_publish(run=run, published_by=world.harriet)
    mine = [e.pair for e in services.my_matches(world.bea)]
    assert [(p.mentor, p.mentee) for p in mine] == [(m.alice, m.bea)]
    assert set(ProposedPair.objects.for_user(world.bea)) == set(mine)
    assert ProposedPair.objects.for_user(world.otto).count() == 0
    assert ProposedPair.objects.for_user(world.harriet).count() == 2
    assert MatchingRun.objects.for_user(world.bea).count() == 0


def test_a_matching_profile_is_checked(world: World) -> None:
    person = world.person(world.bea)
    with pytest.raises(ValidationError) as exc:
        services.match_profile_save(
            person=person,
            changed_by=world.bea,
            tags=["Marketing", "Knitting"],
            capacity=9,
            availability=[0, 30],
        )
    assert exc.value.message_dict == {
        "tags": ["Unknown interests: Knitting."],
        "availability": ["Weekly slots are numbered 0 to 20."],
        "capacity": ["Take 1 to 8 people (a mentor in a mentoring programme takes at most 3)."],
    }
    saved = services.match_profile_save(
        person=person,
        changed_by=world.bea,
        tags=["Podcasts", "Podcasts", "Radio"],
        availability=[4, 1, 1],
    )
    assert saved.tags == ["Podcasts", "Radio"]
    assert saved.availability == [1, 4]


def test_local_free_time_moves_to_utc() -> None:
    # Monday morning in Tokyo (UTC+9) is Sunday evening in UTC; a New York Monday evening
    # (UTC-5) is still a Monday evening in UTC, though it ends after midnight.
    assert inputs.utc_slots([0], 9) == frozenset({20})
    assert inputs.utc_slots([0, 1, 2], 0) == frozenset({0, 1, 2})
    assert inputs.utc_slots([2], -5) == frozenset({2})
    assert inputs.utc_offset("Asia/Tokyo", __import__("datetime").date(2026, 9, 1)) == 9
    assert inputs.utc_offset("Not/AZone", __import__("datetime").date(2026, 9, 1)) is None


def test_fairness_breaks_down_by_consented_background_in_groups_of_five(
    world: World, m: Matchable
) -> None:
    from amplify.people.tests.factories import ExternalPersonFactory
    from amplify.programmes.tests.factories import EnrolmentFactory

    for n in range(6):
        young = ExternalPersonFactory(name=f"Young {n}")
        EnrolmentFactory(cohort=m.cohort, person=young, role=Enrolment.Role.MENTEE)
        profile(young, tags=["Marketing"])
        diversity_profile_save(
            person=young,
            changed_by=world.ina,
            consent_given=True,
            gender="woman" if n < 5 else "man",
            consent_to_matching=n != 4,
        )
    run = start(world, m.cohort)
    # Four consenting women is too few to show; the one man is hidden too, and neither
    # hidden group keeps its name.
    assert run.result["fairness"]["groups"]["gender"] == [{"value": None, "people": None}] * 2
    diversity_profile_save(
        person=m.bea,
        changed_by=world.ina,
        consent_given=True,
        gender="woman",
        consent_to_matching=True,
    )
    run = start(world, m.cohort)
    gender = {c["value"]: c for c in run.result["fairness"]["groups"]["gender"]}
    assert gender["woman"]["people"] == 5
    assert run.result["fairness"]["groups"]["country"][0]["value"] == "United Kingdom"


def test_a_failed_run_says_so_and_can_be_run_again(
    world: World, m: Matchable, monkeypatch, as_user
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("solver unavailable")

    monkeypatch.setattr(execution.engine, "match", broken)
    run = services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)
    with pytest.raises(RuntimeError):
        services.matching_run_execute(run=run)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.failure == "The run failed: solver unavailable"
    assert ProposedPair.objects.filter(run=run).count() == 0
    page = as_user(world.harriet).get(run.get_absolute_url()).content.decode()
    assert "The run failed: solver unavailable" in page
    assert "Re-run around locks" in page
