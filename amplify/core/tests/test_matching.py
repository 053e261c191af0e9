"""The matching engine against independent answers, on random instances.

The pruned path is forced on small instances, so that pruning, pricing and repair are
exercised as a 20,000 × 100,000 run exercises them, and checked against SciPy's dense
assignment on the same scores.
"""

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from amplify.core.matching.encoding import Vocabulary, encode_mentees, encode_mentors
from amplify.core.matching.engine import Reason, match
from amplify.core.matching.explain import explain, score
from amplify.core.matching.profiles import Criterion, Objective, Profile, Rules
from amplify.core.matching.stable import blocking_pairs, stable_match

TAGS = ["ar", "sync", "podcasts", "games", "film", "data", "design", "live"]
LANGS = ["en", "es", "pt", "ja"]


@st.composite
def profiles(draw, key: str, mentor: bool) -> Profile:
    return Profile(
        key=key,
        tags=frozenset(draw(st.lists(st.sampled_from(TAGS), max_size=5, unique=True))),
        job_family=draw(st.sampled_from([None, "marketing", "a&r", "finance"])),
        division=draw(st.sampled_from([None, "uk", "publishing"])),
        languages=tuple(
            draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=2, unique=True))
        ),
        utc_offset=draw(st.sampled_from([None, -5, 0, 1, 9])),
        country=draw(st.sampled_from(["GB", "US", "JP"])),
        in_person=draw(st.booleans()),
        slots=frozenset(draw(st.lists(st.integers(0, 20), min_size=1, max_size=4, unique=True))),
        seniority=draw(st.integers(2, 6) if mentor else st.integers(0, 3)),
        attributes=frozenset(
            draw(st.lists(st.sampled_from(["gender:woman", "fsm:yes"]), max_size=2, unique=True))
        )
        if mentor
        else frozenset(),
        wants=frozenset()
        if mentor
        else frozenset(
            draw(st.lists(st.sampled_from(["gender:woman", "fsm:yes"]), max_size=1, unique=True))
        ),
        capacity=draw(st.integers(1, 3)) if mentor else 1,
        training_hours=draw(st.sampled_from([12.0, 12.0, 4.0])) if mentor else 0.0,
    )


@st.composite
def markets(draw):
    m = draw(st.integers(1, 6))
    n = draw(st.integers(1, 9))
    mentors = [draw(profiles(f"m{i}", True)) for i in range(m)]
    mentees = [draw(profiles(f"e{j}", False)) for j in range(n)]
    # Some reporting lines: a mentee whose manager is one of the mentors.
    mentees = [
        Profile(**{**p.__dict__, "managers": (f"m{j % m}",)}) if j % 4 == 3 else p
        for j, p in enumerate(mentees)
    ]
    return mentors, mentees


def feasible(mentor: Profile, mentee: Profile, rules: Rules) -> bool:
    return (
        bool(set(mentor.languages) & set(mentee.languages))
        and len(mentor.slots & mentee.slots) >= rules.min_shared_slots
        and mentor.key not in mentee.managers
        and mentor.training_hours >= rules.required_training_hours
    )


def dense_optimum(mentors, mentees, rules: Rules) -> tuple[int, int]:
    """(matched, total score) by SciPy's assignment on one row per mentor place, with a
    "stay unmatched" column per place: an answer that shares nothing with the engine."""
    slots = [r for r in mentors for _ in range(r.capacity)]
    if not slots or not mentees:
        return 0, 0
    places = sum(r.capacity for r in mentors if r.training_hours >= rules.required_training_hours)
    bonus = (
        rules.max_score * min(places, len(mentees)) + 1
        if rules.objective is Objective.MOST_MATCHED
        else 0
    )
    w = np.full((len(slots), len(mentees) + len(slots)), 0.0)
    for i, r in enumerate(slots):
        for j, e in enumerate(mentees):
            w[i, j] = score(r, e, rules) + bonus if feasible(r, e, rules) else -1e12
    rows, cols = linear_sum_assignment(w, maximize=True)
    chosen = [(i, j) for i, j in zip(rows, cols, strict=True) if j < len(mentees) and w[i, j] > -1]
    return len(chosen), sum(score(slots[i], mentees[j], rules) for i, j in chosen)


@pytest.mark.parametrize("objective", list(Objective))
@settings(max_examples=60, deadline=None)
@given(market=markets(), prune=st.booleans())
def test_it_finds_the_optimum_and_breaks_no_rule(objective: Objective, market, prune) -> None:
    mentors, mentees = market
    rules = Rules(objective=objective)
    result = match(mentors, mentees, rules, prune=prune)
    assert result.proof.optimal
    by_mentor = {p.key: p for p in mentors}
    by_mentee = {p.key: p for p in mentees}
    # Hard constraints and capacities
    for pair in result.matches:
        assert feasible(by_mentor[pair.mentor], by_mentee[pair.mentee], rules)
        assert pair.score == score(by_mentor[pair.mentor], by_mentee[pair.mentee], rules)
    assert len({p.mentee for p in result.matches}) == len(result.matches)
    load = Counter(p.mentor for p in result.matches)
    assert all(load[k] <= by_mentor[k].capacity for k in load)
    # Optimal: the same total as the dense assignment, and the same count when matching as
    # many as possible comes first (under "best score" a pair scoring 0 may or may not be made)
    count, total = dense_optimum(mentors, mentees, rules)
    assert result.total_score == total
    if objective is Objective.MOST_MATCHED:
        assert len(result.matches) == count
    # Everyone unmatched has a reason; untrained mentors are set aside with theirs
    assert set(result.unmatched) == set(by_mentee) - {p.mentee for p in result.matches}
    for mentor in mentors:
        if mentor.training_hours < rules.required_training_hours:
            assert result.excluded_mentors[mentor.key] == Reason.TRAINING


@settings(max_examples=30, deadline=None)
@given(market=markets())
def test_it_is_deterministic(market) -> None:
    mentors, mentees = market
    first = match(mentors, mentees, Rules(), prune=True)
    again = match(list(mentors), list(mentees), Rules(), prune=True)
    assert first.matches == again.matches


def test_it_keeps_locked_pairs_and_matches_around_them() -> None:
    mentors = [
        Profile(
            "ann",
            languages=("en",),
            slots=frozenset({1}),
            capacity=2,
            training_hours=10,
            tags=frozenset({"film"}),
        ),
        Profile("bob", languages=("en",), slots=frozenset({1}), training_hours=10),
    ]
    mentees = [
        Profile("x", languages=("en",), slots=frozenset({1}), tags=frozenset({"film"})),
        Profile("y", languages=("en",), slots=frozenset({1})),
        Profile("z", languages=("en",), slots=frozenset({1})),
    ]
    result = match(mentors, mentees, Rules(), locked=[("bob", "x")])
    pairs = {(p.mentor, p.mentee) for p in result.matches}
    assert ("bob", "x") in pairs
    assert next(p for p in result.matches if p.mentee == "x").locked
    assert {p.mentee for p in result.matches if p.mentor == "ann"} == {"y", "z"}


def test_it_never_pairs_a_mentee_with_her_reporting_line_or_an_excluded_mentor() -> None:
    boss = Profile(
        "boss",
        languages=("en",),
        slots=frozenset({2}),
        training_hours=10,
        tags=frozenset({"film", "ar"}),
    )
    other = Profile("other", languages=("en",), slots=frozenset({2}), training_hours=10)
    mentee = Profile(
        "e",
        languages=("en",),
        slots=frozenset({2}),
        tags=frozenset({"film", "ar"}),
        managers=("boss",),
    )
    result = match([boss, other], [mentee], Rules())
    assert [(p.mentor, p.mentee) for p in result.matches] == [("other", "e")]
    result = match([other], [mentee], Rules(), excluded=[("other", "e")])
    assert result.matches == []
    assert result.unmatched == {"e": Reason.EXCLUDED}


def test_it_gives_each_unmatched_mentee_the_constraint_that_excluded_her() -> None:
    mentor = Profile("r", languages=("en",), slots=frozenset({3}), training_hours=10)
    mentees = [
        Profile("speaks-ja", languages=("ja",), slots=frozenset({3})),
        Profile("busy", languages=("en",), slots=frozenset({9})),
        Profile("fits", languages=("en",), slots=frozenset({3})),
        Profile("also-fits", languages=("en",), slots=frozenset({3})),
    ]
    result = match([mentor], mentees, Rules())
    assert result.unmatched["speaks-ja"] == Reason.LANGUAGE
    assert result.unmatched["busy"] == Reason.TIME
    assert len(result.matches) == 1
    assert Reason.PLACES_TAKEN in result.unmatched.values()
    untrained = Profile("new", languages=("en",), slots=frozenset({3}), training_hours=6)
    assert match([untrained], mentees, Rules()).excluded_mentors == {"new": Reason.TRAINING}


@settings(max_examples=60, deadline=None)
@given(mentor=profiles("r", True), mentee=profiles("e", False))
def test_it_explains_exactly_the_score_it_optimises(mentor: Profile, mentee: Profile) -> None:
    rules = Rules()
    vocab = Vocabulary.of([mentor], [mentee])
    product = (
        encode_mentors([mentor], vocab, rules).matrix @ encode_mentees([mentee], vocab).matrix.T
    )
    parts = explain(mentor, mentee, rules)
    assert int(product[0, 0]) == score(mentor, mentee, rules) == sum(c.score for c in parts)
    assert {c.criterion for c in parts} == {c for c in Criterion if rules.weight(c)}


def test_it_rejects_bad_rules_and_profiles() -> None:
    with pytest.raises(ValueError, match="weight of interests"):
        Rules(weights={Criterion.INTERESTS: 9})
    with pytest.raises(ValueError, match="at most 5 interests"):
        Profile("x", tags=frozenset(TAGS))
    two = [Profile("a", capacity=2, training_hours=10), Profile("b", training_hours=10)]
    with pytest.raises(ValueError, match="locked to two mentors"):
        match(two, [Profile("e")], Rules(), locked=[("a", "e"), ("b", "e")])


@st.composite
def preferences(draw):
    mentors = [f"r{i}" for i in range(draw(st.integers(1, 5)))]
    mentees = [f"e{j}" for j in range(draw(st.integers(1, 8)))]
    mentee_prefs = {
        e: draw(st.permutations(mentors).map(lambda p: p[: draw(st.integers(0, len(p)))]))
        for e in mentees
    }
    mentor_prefs = {
        r: draw(st.permutations(mentees).map(lambda p: p[: draw(st.integers(0, len(p)))]))
        for r in mentors
    }
    capacity = {r: draw(st.integers(0, 3)) for r in mentors}
    return mentee_prefs, mentor_prefs, capacity


@settings(max_examples=200, deadline=None)
@given(prefs=preferences())
def test_it_finds_a_stable_matching_within_capacities(prefs) -> None:
    mentee_prefs, mentor_prefs, capacity = prefs
    result = stable_match(mentee_prefs, mentor_prefs, capacity)
    assert blocking_pairs(result, mentee_prefs, mentor_prefs, capacity) == []
    load = Counter(result.values())
    assert all(load[r] <= capacity[r] for r in load)
    for mentee, mentor in result.items():
        assert mentor in mentee_prefs[mentee]
        assert mentee in mentor_prefs[mentor]


@settings(max_examples=40, deadline=None)
@given(market=markets())
def test_it_finds_a_stable_matching_on_scored_profiles(market) -> None:
    from amplify.core.matching.engine import match_stable

    mentors, mentees = market
    rules = Rules()
    result = match_stable(mentors, mentees, rules)
    by_mentor = {p.key: p for p in mentors}
    by_mentee = {p.key: p for p in mentees}
    for pair in result.matches:
        assert feasible(by_mentor[pair.mentor], by_mentee[pair.mentee], rules)
    got = {p.mentee: p.mentor for p in result.matches}
    load = Counter(got.values())
    # No blocking pair: a feasible pair where the mentee prefers the mentor (higher score)
    # and the mentor has room or prefers her to one of his.
    for e in mentees:
        for r in mentors:
            if not feasible(r, e, rules) or got.get(e.key) == r.key:
                continue
            s = score(r, e, rules)
            current = got.get(e.key)
            mine = current is not None and (score(by_mentor[current], e, rules), current)
            if mine and (s, r.key) <= (mine[0], mine[1]) and s <= mine[0]:
                continue
            if current is not None and s < score(by_mentor[current], e, rules):
                continue
            if current is not None and s == score(by_mentor[current], e, rules) and r.key > current:
                continue
            held = [k for k, v in got.items() if v == r.key]
            worse = [
                k
                for k in held
                if (score(r, by_mentee[k], rules), -int(k[1:])) < (s, -int(e.key[1:]))
            ]
            assert load[r.key] >= r.capacity, (r.key, e.key)
            assert not worse, (r.key, e.key)


def test_it_leaves_the_training_rule_out_only_when_told_to() -> None:
    # Suggestions while a cohort recruits: mentors are still training and being screened.
    unscreened = Profile("new", training_hours=0, screening=("check_missing",))
    assert not Rules().trained(unscreened)
    assert not Rules(required_training_hours=0).trained(unscreened)  # screening still counts
    assert Rules(require_training=False).trained(unscreened)


@st.composite
def flat_markets(draw):
    """A programme in one country: one language, one time zone, two interests, the same
    weekday slots, so most pairs tie and the thresholds separate nothing."""
    m = draw(st.integers(2, 12))
    n = draw(st.integers(4, 40))

    def person(key: str, mentor: bool) -> Profile:
        return Profile(
            key=key,
            tags=frozenset(draw(st.lists(st.sampled_from(TAGS[:2]), max_size=2, unique=True))),
            job_family=draw(st.sampled_from(["marketing", "a&r"])),
            languages=("en",),
            utc_offset=0,
            country="GB",
            slots=frozenset(draw(st.sampled_from([{1, 4}, {1, 4, 7}, {4}]))),
            seniority=draw(st.integers(4, 5) if mentor else st.integers(0, 1)),
            capacity=draw(st.integers(1, 3)) if mentor else 1,
            training_hours=12.0 if mentor else 0.0,
        )

    return [person(f"m{i}", True) for i in range(m)], [person(f"e{j}", False) for j in range(n)]


@pytest.mark.parametrize("objective", list(Objective))
@pytest.mark.parametrize("limits", [(24, 12, 12, 6, 2, 3, 1 << 22), (1, 1, 1, 1, 0, 1, 0)])
@settings(max_examples=40, deadline=None)
@given(market=flat_markets())
def test_it_finds_the_optimum_when_most_pairs_tie(objective, limits, market) -> None:
    """Equal scores join a few at a time (at most ROW_LIMIT per mentor, COLUMN_LIMIT per
    mentee a round, the first solve on a few pairs each); with limits of one (and a first
    pass keeping about one pair per person), every line goes through many rounds of
    pricing, and the certificate must still be exact."""
    from amplify.core.matching import engine

    first_place, first_mentee, row, column, per_place, per_mentee, exact = limits
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "PER_PLACE", first_place)
        patch.setattr(engine, "PER_MENTEE", first_mentee)
        patch.setattr(engine, "ROW_LIMIT", row)
        patch.setattr(engine, "COLUMN_LIMIT", column)
        patch.setattr(engine, "ACTIVE_PER_PLACE", per_place)
        patch.setattr(engine, "ACTIVE_EXTRA", 0)
        patch.setattr(engine, "ACTIVE_PER_MENTEE", per_mentee)
        patch.setattr(engine, "MAX_ROUNDS", 1000)
        patch.setattr(engine, "FLOAT32_EXACT", exact)  # 0: every block in float64
        mentors, mentees = market
        rules = Rules(objective=objective)
        result = match(mentors, mentees, rules, prune=True)
    assert result.proof.optimal
    count, total = dense_optimum(mentors, mentees, rules)
    assert result.total_score == total
    if objective is Objective.MOST_MATCHED:
        assert len(result.matches) == count
    load = Counter(p.mentor for p in result.matches)
    assert all(load[p.key] <= p.capacity for p in mentors)


@settings(max_examples=40, deadline=None)
@given(market=flat_markets())
def test_a_run_stopped_early_reports_a_true_bound(market) -> None:
    """Stopped after one round (with first-pass thresholds that leave most pairs out), the
    engine's dual bound is never below the optimum."""
    from amplify.core.matching import engine

    with pytest.MonkeyPatch.context() as patch:
        for name, value in [
            ("PER_PLACE", 1),
            ("PER_MENTEE", 1),
            ("ROW_LIMIT", 1),
            ("COLUMN_LIMIT", 1),
            ("ACTIVE_PER_PLACE", 0),
            ("ACTIVE_EXTRA", 0),
            ("ACTIVE_PER_MENTEE", 1),
            ("MAX_ROUNDS", 1),
        ]:
            patch.setattr(engine, name, value)
        mentors, mentees = market
        rules = Rules(objective=Objective.BEST_SCORE)
        result = match(mentors, mentees, rules, prune=True)
    _, total = dense_optimum(mentors, mentees, rules)
    assert result.proof.objective_value <= total <= result.proof.upper_bound
    assert result.proof.optimal == (result.proof.upper_bound == result.proof.objective_value)
