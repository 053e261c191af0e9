"""The review page speaks plainly: language names, seniority and job families in words, and
the optimiser's diagnostics behind a details toggle."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from amplify.conftest import World
from amplify.matching.explanations import describe
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_pages import ready_run


@pytest.fixture
def m(world: World) -> Matchable:
    return build_matchable(world)


def test_it_puts_each_criterion_in_words(db: None) -> None:
    with translation.override("en"):
        assert (
            describe({"criterion": "language", "facts": {"first": "en", "speaks": ["en", "it"]}})
            == "First language English; the mentor speaks English, Italian"
        )
        seniority = describe({"criterion": "seniority", "facts": {"mentor": 3, "mentee": 0}})
        assert "manager" in seniority
        assert "student or starting out" in seniority
        assert "levels" not in seniority
        career = describe({"criterion": "career", "facts": {"wants": "a&r", "has": "legal"}})
        assert "A&R and artist development" in career
        assert "Legal and business affairs" in career
        assert describe({"criterion": "time_zone", "facts": {"hours_apart": 3}}) == "3 hours apart"


def test_it_keeps_the_stored_line_of_an_older_run(db: None) -> None:
    assert describe({"criterion": "language", "detail": "first language en"}) == (
        "first language en"
    )


def test_the_review_page_shows_words_and_hides_diagnostics(
    world: World, m: Matchable, as_user
) -> None:
    run = ready_run(world, m)
    html = as_user(world.harriet).get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "the mentor speaks English" in html
    assert "first language en;" not in html
    assert "levels " not in html
    # The optimiser's timings are there for whoever wants them, folded away.
    diagnostics = html.split('<details class="diagnostics">', 1)[1].split("</details>", 1)[0]
    assert "Technical details" in diagnostics
    assert "solving" in diagnostics
    assert "solving" not in html.replace(diagnostics, "")
