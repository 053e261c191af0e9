from amplify.core.matching.engine import Match, Proof, Reason, Result
from amplify.core.matching.fairness import report


def result(scores: dict[str, int], unmatched: dict[str, str]) -> Result:
    proof = Proof(True, "all pairs", 0, 0, 1, 0, 0)
    return Result([Match("r", k, s) for k, s in scores.items()], unmatched, {}, proof)


def test_it_reports_scores_by_group_and_hides_small_groups() -> None:
    scores = {f"uk{i}": 60 + i for i in range(8)} | {f"fr{i}": 40 for i in range(3)}
    unmatched = {"uk8": Reason.PLACES_TAKEN, "uk9": Reason.LANGUAGE}
    mentees = list(scores) + list(unmatched)
    country = {k: k[:2].upper() for k in mentees}
    out = report(result(scores, unmatched), mentees, {"country": country})
    cells = {c.value: c for c in out.groups["country"]}
    assert cells["FR"].people is None  # three people: suppressed
    uk = cells["UK"]
    # Ten people, but only two unmatched: the match rate would single them out.
    assert (uk.people, uk.matched, uk.mean_score) == (10, None, None)
    assert out.worst_off == ("fr0", 40)
    assert out.unmatched_by_reason == {Reason.PLACES_TAKEN: 1, Reason.LANGUAGE: 1}
    assert out.quantiles["median"] == 62.0


def test_it_shows_a_group_large_enough_on_both_sides() -> None:
    scores = {f"a{i}": 50 for i in range(6)}
    unmatched = {f"b{i}": Reason.PLACES_TAKEN for i in range(5)}
    mentees = list(scores) + list(unmatched)
    out = report(result(scores, unmatched), mentees, {"all": dict.fromkeys(mentees, "everyone")})
    cell = out.groups["all"][0]
    assert (cell.people, cell.matched, cell.match_rate, cell.mean_score) == (11, 6, 0.545, 50.0)
