"""A board column shows its first experiments; "and N more" opens that stage on its own."""

from __future__ import annotations

from django.urls import reverse

from amplify.conftest import World
from amplify.experiments import board
from amplify.experiments.models import Experiment, Stage
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment


def _drafts(world: World, n: int) -> None:
    people = PersonFactory.create_batch(n)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=world.leadership_cohort, person=p, role=Enrolment.Role.PARTICIPANT)
        for p in people
    )
    Experiment.objects.bulk_create(
        Experiment(cohort=world.leadership_cohort, owner=p, title=f"Idea {p.pk}") for p in people
    )


def test_it_opens_one_stage_whole_from_its_more_link(world: World, as_user) -> None:
    # Given more drafts than a column shows
    _drafts(world, board.COLUMN_SHOWN + 3)
    url = reverse("experiments:board", args=[world.leadership_cohort.pk])
    page = as_user(world.max).get(url)
    draft = next(c for c in page.context["columns"] if c["stage"] == Stage.DRAFT)
    assert (len(draft["shown"]), draft["more"]) == (board.COLUMN_SHOWN, 3)
    assert f'href="?{draft["more_query"]}"' in page.content.decode()

    # When the manager follows "and 3 more"
    opened = as_user(world.max).get(f"{url}?{draft['more_query']}")

    # Then that stage alone is shown, every draft in it
    assert opened.status_code == 200
    assert [c["stage"] for c in opened.context["columns"]] == [Stage.DRAFT]
    assert len(opened.context["columns"][0]["shown"]) == board.COLUMN_SHOWN + 3
