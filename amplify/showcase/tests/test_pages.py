"""The judge's pages, the manager's tab and the results page."""

from django.urls import reverse

from amplify.conftest import World
from amplify.showcase import services
from amplify.showcase.models import JudgeAssignment, Score
from amplify.showcase.tests.factories import marks, showcase_for


def _form(show, value: int) -> dict[str, str]:
    data = {f"criterion_{k}": str(v) for k, v in marks(show.rubric, value).items()}
    data["comment"] = "Bold."
    return data


def test_it_lists_the_judges_slots_and_saves_her_marks(world: World, as_user) -> None:
    show = showcase_for(world)
    sam = as_user(world.sam)
    # Given Sam's slots page lists Leo's presentation, waiting for her marks
    page = sam.get(reverse("showcase:mine")).content.decode()
    assert "Vloggers" in page
    assert "Nordic streaming" not in page
    # When she scores it (twice: a double submit)
    url = reverse("showcase:score", args=[show.leo_slot.pk])
    assert sam.get(url).status_code == 200
    for _ in range(2):
        response = sam.post(url, _form(show, 4))
        assert response.status_code == 302
    # Then her marks are saved once
    assert Score.objects.count() == 4
    assert JudgeAssignment.objects.get(pk=show.sam_on_leo.pk).comment == "Bold."


def test_it_names_the_missing_mark_on_the_form(world: World, as_user) -> None:
    show = showcase_for(world)
    data = _form(show, 4)
    data.pop(next(iter(data)))
    response = as_user(world.sam).post(reverse("showcase:score", args=[show.leo_slot.pk]), data)
    assert response.status_code == 422
    assert Score.objects.count() == 0


def test_it_keeps_an_unassigned_slot_from_the_judge(world: World, as_user) -> None:
    show = showcase_for(world)
    response = as_user(world.sam).post(
        reverse("showcase:score", args=[show.lena_slot.pk]), _form(show, 5)
    )
    assert response.status_code == 404


def test_it_shows_the_manager_the_schedule_progress_and_preview(world: World, as_user) -> None:
    show = showcase_for(world)
    services.scores_save(
        assignment=show.sam_on_leo, judge=world.person(world.sam), values=marks(show.rubric, 4)
    )
    maximilian = as_user(world.max)
    page = maximilian.get(reverse("showcase:cohort", args=[world.leadership_cohort.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "1 of 1 judge assignments scored." in text
    assert "Results preview" in text
    # Before publication the participants may not see the results
    results_url = reverse("showcase:results", args=[world.leadership_cohort.pk])
    assert as_user(world.lena).get(results_url).status_code == 403
    # When the manager publishes
    response = maximilian.post(reverse("showcase:publish", args=[world.leadership_cohort.pk]))
    assert response.status_code == 302
    # Then Lena sees the ranking
    page = as_user(world.lena).get(results_url)
    assert page.status_code == 200
    assert "Vloggers" in page.content.decode()


def test_it_lets_the_manager_schedule_and_name_judges(world: World, as_user) -> None:
    show = showcase_for(world)
    maximilian = as_user(world.max)
    # A conflicted judge is refused with the reason
    response = maximilian.post(
        reverse("showcase:assign", args=[show.lena_slot.pk]),
        {"judge": world.person(world.sam).pk},
        follow=True,
    )
    assert "sponsors this experiment" in response.content.decode()
    assert not show.lena_slot.judges.exists()


def test_it_takes_one_audience_vote(world: World, as_user) -> None:
    show = showcase_for(world)
    services.audience_vote_set(event=show.event, is_open=True, changed_by=world.max)
    lena = as_user(world.lena)
    url = reverse("showcase:vote", args=[world.leadership_cohort.pk])
    assert "vote-form" in lena.get(url).content.decode()
    lena.post(url, {"slot": show.leo_slot.pk})
    lena.post(url, {"slot": show.lena_slot.pk})
    assert show.event.showcase_votes.get().slot == show.lena_slot
