"""Innovation stories: told by the person, shared only with her consent."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amplify.conftest import World
from amplify.experiments import services
from amplify.experiments.models import Story
from amplify.experiments.tests.factories import experiment_of, story_of


def test_it_records_when_consent_was_given_and_forgets_it_when_withdrawn(world: World) -> None:
    story = story_of(world, shared=True)
    assert story.consented_at is not None
    story = services.story_save(
        person=story.person, story=story, title=story.title, consent_to_share=False
    )
    assert story.consented_at is None
    assert not story.consent_to_share


def test_it_lets_only_the_person_rewrite_her_story(world: World) -> None:
    story = story_of(world)
    with pytest.raises(ValidationError):
        services.story_save(person=world.person(world.leo), story=story, title="Mine now")


def test_it_tells_a_story_only_of_a_cohort_she_took_part_in(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        services.story_save(
            person=world.person(world.otto), cohort=world.leadership_cohort, title="x"
        )
    assert "cohort" in exc.value.message_dict


def test_it_lists_shared_stories_on_the_cohort_and_experiment_pages(world: World, as_user) -> None:
    story_of(world, shared=True)
    experiment = experiment_of(world)
    board = as_user(world.leo).get(
        reverse("experiments:stories", args=[world.leadership_cohort.pk])
    )
    assert "Streaming for the over-sixties" in board.content.decode()
    page = as_user(world.leo).get(experiment.get_absolute_url())
    assert "Think big, act small." in page.content.decode()


def test_it_hides_a_withdrawn_story_everywhere(world: World, as_user) -> None:
    story = story_of(world, shared=True)
    services.story_save(person=story.person, story=story, title=story.title, consent_to_share=False)
    for url in (
        reverse("experiments:stories", args=[world.leadership_cohort.pk]),
        experiment_of(world).get_absolute_url(),
    ):
        assert "Streaming for the over-sixties" not in as_user(world.leo).get(url).content.decode()
    api = as_user(world.leo).get(f"/api/experiments/cohorts/{world.leadership_cohort.pk}/stories")
    assert api.json() == []


def test_it_writes_a_story_through_its_page(world: World, as_user) -> None:
    experiment_of(world)
    url = reverse("experiments:story-new", args=[world.leadership_cohort.pk])
    response = as_user(world.lena).post(
        url, {"title": "Hits from data", "tried": "A model", "consent_to_share": "on"}
    )
    assert response.status_code == 302
    story = Story.objects.get(title="Hits from data")
    assert story.consent_to_share
    assert story.experiment is not None
    edit = reverse("experiments:story-edit", args=[story.pk])
    assert as_user(world.leo).get(edit).status_code == 404
