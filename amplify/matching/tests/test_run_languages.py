"""What a matching run stores is English-free (codes, facts, msgids) and is read in the
reader's language: each pair's breakdown on the page and in the API, the fairness report's
groupings and their values, the note on private preferences."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import translation

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.matching import services
from amplify.matching.explanations import PRIVATE_NOTE
from amplify.matching.models import ProposedPair
from amplify.matching.tests.cohorts import build_matchable
from amplify.matching.tests.test_services import WEIGHTS
from amplify.people.models import Person

WORDS = {
    "en": ("Shared interests and skills", "In common: Marketing, Podcasts", "By gender", "Woman"),
    "es": (
        "Intereses y habilidades en común",
        "En común: Marketing, Podcasts",
        "Por género",
        "Mujer",
    ),
    "ja": ("共通の興味・スキル", "共通点：Marketing, Podcasts", "性別 別", "女性"),
}


def _reader(user, language: str) -> Client:
    Person.objects.filter(user=user).update(interface_language=language)
    client = Client()
    client.force_login(user)
    return client


def test_a_run_stores_no_english_sentence_with_its_pairs(world: World) -> None:
    m = build_matchable(world)
    run = services.matching_run_execute(
        run=services.matching_run_start(
            cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
        )
    )
    for pair in ProposedPair.objects.filter(run=run):
        for row in pair.breakdown + pair.private_breakdown:
            assert "detail" not in row
            assert set(row) == {"criterion", "label", "points", "weight", "score", "facts"}


@pytest.mark.parametrize("language", ["en", "es", "ja"])
def test_it_shows_a_run_s_breakdown_and_fairness_in_the_reader_s_language(
    world: World, language: str
) -> None:
    m = build_matchable(world)
    run = services.matching_run_execute(
        run=services.matching_run_start(
            cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
        )
    )
    # A fairness grouping as a run stores it: codes, five people or more.
    run.result["fairness"]["groups"]["gender"] = [
        {"value": "woman", "people": 5, "match_rate": 1.0, "mean_score": 40}
    ]
    run.save()
    label, detail, grouping, value = WORDS[language]

    page = html.unescape(_reader(world.harriet, language).get(run.get_absolute_url()).text)
    for text in (label, detail, grouping, value):
        assert text in page, text

    token = api_token_create(user=world.harriet, name="test")[1]
    api = Client(headers={"Authorization": f"Bearer {token}", "accept-language": language})
    pairs = api.get(f"/api/matching-runs/{run.pk}/pairs").json()["items"]
    bea = next(p for p in pairs if p["mentee_id"] == m.bea.pk)
    interests = next(c for c in bea["breakdown"] if c["criterion"] == "interests")
    assert (interests["label"], interests["detail"]) == (label, detail)


def test_it_shows_an_old_run_s_fairness_names_and_english_values(world: World) -> None:
    m = build_matchable(world)
    run = services.matching_run_execute(
        run=services.matching_run_start(
            cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
        )
    )
    run.result["fairness"]["groups"] = {
        "socioeconomic background": [
            {"value": "Working class", "people": 5, "match_rate": 1.0, "mean_score": 40}
        ]
    }
    run.save()
    page = html.unescape(_reader(world.harriet, "es").get(run.get_absolute_url()).text)
    assert "Working class" in page
    assert "Por origen socioeconómico" in page


def test_the_private_note_is_read_in_the_language_of_each_request() -> None:
    # Computed once at import, it would stay in the language active then (English).
    with translation.override("es"):
        assert str(PRIVATE_NOTE).startswith("El emparejamiento")
