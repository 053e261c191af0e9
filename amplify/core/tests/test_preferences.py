"""Real rankings in the stable mode (amplify/core/matching/preferences.py): no database."""

from __future__ import annotations

from hypothesis import given, settings

from amplify.core.matching.engine import match_stable, suggestions
from amplify.core.matching.preferences import (
    FROM_BOTH,
    FROM_RANKINGS,
    FROM_SCORES,
    Rankings,
    merged,
)
from amplify.core.matching.profiles import Profile, Rules
from amplify.core.matching.stable import blocking_pairs
from amplify.core.tests.test_matching import markets

MONDAY = frozenset({0})


def person(key: str, **fields: object) -> Profile:
    defaults: dict[str, object] = {"languages": ("en",), "slots": MONDAY, "training_hours": 10}
    return Profile(key, **{**defaults, **fields})  # type: ignore[arg-type]


# Ann shares two interests with both mentees, Bob one: by score both mentees want Ann.
MENTORS = [
    person("ann", tags=frozenset({"music", "film"})),
    person("bob", tags=frozenset({"music"})),
]
MENTEES = [
    person("bea", tags=frozenset({"music", "film"}), training_hours=0),
    person("dan", tags=frozenset({"music", "film", "games"}), training_hours=0),
]


def test_it_puts_the_ranked_first_and_keeps_the_rest_by_score() -> None:
    assert merged(["c", "a"], ["a", "b", "c"]) == ["c", "a", "b"]
    assert merged(None, ["a", "b"]) == ["a", "b"]
    assert merged([], ["a", "b"]) == ["a", "b"]


def test_it_ignores_a_ranked_pair_the_rules_forbid() -> None:
    # "z" is not acceptable (not in the scored list): a ranking cannot bring it back.
    assert merged(["z", "b", "b"], ["a", "b"]) == ["b", "a"]


def test_it_derives_preferences_from_scores_when_nobody_ranked() -> None:
    result = match_stable(MENTORS, MENTEES, Rules())
    assert result.preferences is not None
    assert result.preferences.source == "scores"
    assert result.preferences.statement() == (FROM_SCORES, {})


def test_it_follows_the_rankings_when_given() -> None:
    # Given: by score both mentees prefer Ann, who scores them alike (the tie goes to bea)
    by_score = {p.mentee: p.mentor for p in match_stable(MENTORS, MENTEES, Rules()).matches}
    # When: Bea ranks Bob first, and both mentors rank
    rankings = Rankings(
        mentees={"bea": ["bob", "ann"], "dan": ["ann"]},
        mentors={"ann": ["dan", "bea"], "bob": ["bea"]},
    )
    result = match_stable(MENTORS, MENTEES, Rules(), rankings=rankings)
    # Then: Bea gets the mentor she ranked first, and the run says everyone ranked
    got = {p.mentee: p.mentor for p in result.matches}
    assert got == {"bea": "bob", "dan": "ann"}
    assert by_score == {"bea": "ann", "dan": "bob"}
    assert result.preferences is not None
    assert result.preferences.statement() == (FROM_RANKINGS, {})


def test_it_says_how_many_ranked_when_some_did() -> None:
    rankings = Rankings(mentees={"bea": ["bob"]})
    result = match_stable(MENTORS, MENTEES, Rules(), rankings=rankings)
    assert result.preferences is not None
    assert result.preferences.source == "mixed"
    assert result.preferences.statement() == (
        FROM_BOTH,
        {"mentees": 1, "mentee_total": 2, "mentors": 0, "mentor_total": 2},
    )
    assert "1 of 2 mentees" in result.preferences.describe()


def test_a_ranking_never_leaves_a_mentee_unmatched_whom_scores_matched() -> None:
    # Bea ranks only Bob; Bob ranks Dan. Everyone is still matched.
    rankings = Rankings(mentees={"bea": ["bob"]}, mentors={"bob": ["dan"]})
    result = match_stable(MENTORS, MENTEES, Rules(), rankings=rankings)
    assert len(result.matches) == 2


def test_it_suggests_the_best_scoring_acceptable_mentors() -> None:
    far = person("cat", languages=("fr",))  # no common language: never suggested
    got = suggestions([*MENTORS, far], MENTEES, Rules(), limit=5)
    assert [key for key, _score in got["bea"]] == ["ann", "bob"]
    assert got["bea"][0][1] > got["bea"][1][1]
    assert suggestions(MENTORS, MENTEES, Rules(), limit=1)["dan"] == [("ann", got["dan"][0][1])]


@settings(max_examples=30, deadline=None)
@given(market=markets())
def test_it_is_stable_for_the_merged_rankings(market) -> None:
    # Every mentee ranks her acceptable mentors in reverse key order, every mentor likewise:
    # the matching has no blocking pair for those lists.
    from amplify.core.matching import engine
    from amplify.core.matching.preferences import apply

    mentors, mentees = market
    rules = Rules()
    orders = engine._score_orders(mentors, mentees, rules, (), [])
    rankings = Rankings(
        mentees={k: sorted(v, reverse=True)[:5] for k, v in orders.mentee_prefs.items()},
        mentors={k: sorted(v, reverse=True) for k, v in orders.mentor_prefs.items()},
    )
    result = match_stable(mentors, mentees, rules, rankings=rankings)
    mentee_prefs, mentor_prefs, _used = apply(rankings, orders.mentee_prefs, orders.mentor_prefs)
    capacity = {
        p.key: int(c) for p, c in zip(orders.market.mentors, orders.market.capacity, strict=True)
    }
    got = {p.mentee: p.mentor for p in result.matches}
    assert blocking_pairs(got, mentee_prefs, mentor_prefs, capacity) == []
