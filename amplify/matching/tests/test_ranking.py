"""Rankings for the stable mode: who may rank whom, saving, and a run that uses them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amplify.conftest import World
from amplify.matching import ranking
from amplify.matching.models import Ranking
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_services import pairs, start
from amplify.people.models import Person
from amplify.programmes.models import Cohort


@pytest.fixture
def m(world: World) -> Matchable:
    return build_matchable(world)


def rank(world: World, m: Matchable, who, ranked) -> list[Ranking]:  # type: ignore[no-untyped-def]
    return ranking.ranking_save(
        cohort=m.cohort, person=who, ranked=[p.pk for p in ranked], changed_by=world.harriet
    )


def test_a_mentee_is_suggested_her_best_scoring_acceptable_mentors(
    world: World, m: Matchable
) -> None:
    suggested = ranking.mentor_suggestions(m.cohort, m.bea)
    names = [c.person.name for c in suggested]
    assert names[0] in ("Alice Staff", "Mo Staff")  # both in marketing, like Bea
    assert set(names) == {"Alice Staff", "Carl Staff", "Mo Staff"}
    scores = [c.score for c in suggested]
    assert scores == sorted(scores, reverse=True)
    # Eve speaks only French: no mentor shares a language, nobody is suggested.
    assert ranking.mentor_suggestions(m.cohort, m.eve) == []
    # Fay's manager's manager is Carl: never suggested to her.
    assert "Carl Staff" not in [c.person.name for c in ranking.mentor_suggestions(m.cohort, m.fay)]


def test_a_mentee_ranks_at_most_five_of_her_suggestions_once_each(
    world: World, m: Matchable
) -> None:
    rank(world, m, m.bea, [m.carl, m.alice])
    assert ranking.current_ranking(m.cohort, m.bea) == [m.carl.pk, m.alice.pk]
    with pytest.raises(ValidationError, match="once"):
        rank(world, m, m.bea, [m.carl, m.carl])
    with pytest.raises(ValidationError, match="suggested"):
        rank(world, m, m.bea, [m.dan])
    with pytest.raises(ValidationError, match="at most 5"):
        ranking.ranking_save(
            cohort=m.cohort, person=m.bea, ranked=[1, 2, 3, 4, 5, 6], changed_by=world.bea
        )
    assert ranking.current_ranking(m.cohort, m.bea) == [m.carl.pk, m.alice.pk]


def test_saving_the_same_ranking_twice_changes_nothing(world: World, m: Matchable) -> None:
    first = rank(world, m, m.bea, [m.carl, m.alice])
    again = rank(world, m, m.bea, [m.carl, m.alice])
    assert [r.pk for r in first] == [r.pk for r in again]
    assert Ranking.objects.filter(person=m.bea).count() == 2
    assert Ranking.history.filter(person=m.bea).count() == 2


def test_a_mentor_ranks_only_the_mentees_who_ranked_her(world: World, m: Matchable) -> None:
    assert ranking.mentees_who_ranked(m.cohort, m.carl) == []
    with pytest.raises(ValidationError, match="ranked you"):
        rank(world, m, m.carl, [m.bea])
    rank(world, m, m.bea, [m.carl])
    assert [c.person for c in ranking.mentees_who_ranked(m.cohort, m.carl)] == [m.bea]
    rank(world, m, m.carl, [m.bea])
    assert ranking.current_ranking(m.cohort, m.carl) == [m.bea.pk]


def test_only_the_cohort_s_mentees_and_mentors_rank_while_it_is_open(
    world: World, m: Matchable
) -> None:
    with pytest.raises(ValidationError, match="mentees and mentors"):
        rank(world, m, world.person(world.otto), [])
    Cohort.objects.filter(pk=m.cohort.pk).update(status=Cohort.Status.CLOSED)
    m.cohort.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        rank(world, m, m.bea, [m.carl])


def test_the_stable_mode_uses_the_rankings_and_says_so(world: World, m: Matchable) -> None:
    # Given: by score Bea gets Alice and Dan gets Carl
    assert pairs(start(world, m.cohort, mode="stable")) == {
        ("Alice Staff", "Bea Young"),
        ("Carl Staff", "Dan Young"),
    }
    # When: Bea and Dan each rank the other's mentor first, and both mentors agree
    rank(world, m, m.bea, [m.carl])
    rank(world, m, m.dan, [m.alice])
    rank(world, m, m.carl, [m.bea])
    rank(world, m, m.alice, [m.dan])
    run = start(world, m.cohort, mode="stable")
    # Then: the pairs follow the rankings, and the run says who ranked
    assert pairs(run) == {("Carl Staff", "Bea Young"), ("Alice Staff", "Dan Young")}
    used = run.result["preferences"]
    assert used["source"] == "mixed"
    assert used["params"] == {"mentees": 2, "mentee_total": 4, "mentors": 2, "mentor_total": 2}
    assert run.inputs["rankings"]["mentees"] == {
        str(m.bea.pk): [str(m.carl.pk)],
        str(m.dan.pk): [str(m.alice.pk)],
    }


def test_a_stable_run_without_rankings_says_it_used_the_scores(world: World, m: Matchable) -> None:
    run = start(world, m.cohort, mode="stable")
    assert run.result["preferences"]["source"] == "scores"
    # The optimal mode has no preferences to speak of.
    assert "preferences" not in start(world, m.cohort).result


def test_the_run_page_says_which_preferences_it_used_in_the_reader_s_language(
    world: World, m: Matchable, as_user
) -> None:
    run = start(world, m.cohort, mode="stable")
    page = as_user(world.harriet).get(run.get_absolute_url()).content.decode()
    assert "Preferences: derived from the scores" in page
    Person.objects.filter(user=world.harriet).update(interface_language="es")
    page = as_user(world.harriet).get(run.get_absolute_url()).content.decode()
    assert "Preferences: derived from the scores" not in page


def test_the_ranking_page_saves_a_mentee_s_places(world: World, m: Matchable, as_user) -> None:
    client = as_user(world.bea)
    url = reverse("matching:ranking", args=[m.cohort.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Carl Staff" in page.content.decode()
    assert "Dan Young" not in page.content.decode()  # a mentee never sees another mentee
    response = client.post(url, {f"rank_{m.carl.pk}": "1", f"rank_{m.alice.pk}": "2"})
    assert response.status_code == 302
    assert ranking.current_ranking(m.cohort, m.bea) == [m.carl.pk, m.alice.pk]
    # The same place twice: a clear message, nothing changed.
    response = client.post(url, {f"rank_{m.carl.pk}": "1", f"rank_{m.alice.pk}": "1"})
    assert response.status_code == 200
    assert "one person only" in response.content.decode()
    assert ranking.current_ranking(m.cohort, m.bea) == [m.carl.pk, m.alice.pk]
    assert client.get(reverse("matching:rankings")).status_code == 200


def test_the_mentor_s_page_lists_the_mentees_who_ranked_her(
    world: World, m: Matchable, as_user
) -> None:
    rank(world, m, m.bea, [m.carl])
    page = as_user(world.carl).get(reverse("matching:ranking", args=[m.cohort.pk]))
    assert "Bea Young" in page.content.decode()
    assert "Dan Young" not in page.content.decode()


def test_someone_outside_the_cohort_is_refused(world: World, m: Matchable, as_user) -> None:
    url = reverse("matching:ranking", args=[m.cohort.pk])
    assert as_user(world.otto).get(url).status_code == 403  # in no cohort: not matched at all
    # Bea takes part, but not in the leadership cohort: that one is not found for her.
    other = reverse("matching:ranking", args=[world.leadership_cohort.pk])
    assert as_user(world.bea).get(other).status_code == 404


def test_the_api_reads_and_replaces_her_ranking(world: World, m: Matchable, as_user) -> None:
    client = as_user(world.bea)
    url = f"/api/cohorts/{m.cohort.pk}/my-ranking"
    got = client.get(url).json()
    assert got["side"] == "mentee"
    assert got["most"] == 5
    assert got["ranked"] == []
    assert {c["person_id"] for c in got["candidates"]} == {m.alice.pk, m.carl.pk, m.mo.pk}
    body = {"ranked": [m.carl.pk]}
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["ranked"] == [m.carl.pk]
    response = client.put(url, {"ranked": [m.dan.pk]}, content_type="application/json")
    assert response.status_code == 422
    assert as_user(world.otto).get(url).status_code == 403
    listed = as_user(world.harriet).get(f"/api/cohorts/{m.cohort.pk}/rankings").json()
    assert listed == [{"person_id": m.bea.pk, "side": "mentee", "ranked": [m.carl.pk]}]
    assert as_user(world.bea).get(f"/api/cohorts/{m.cohort.pk}/rankings").status_code == 403
