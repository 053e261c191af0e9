"""The pages: my experiment, an experiment's page, the sponsor's page, the board, the
portfolio and the home card."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from amplify.conftest import World
from amplify.experiments.models import Experiment, Stage
from amplify.experiments.tests.factories import CARD, experiment_of
from amplify.outcomes.models import Outcome
from amplify.people.models import Country
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory


def test_it_takes_lena_from_a_title_to_a_submitted_test_card(world: World, as_user) -> None:
    lena = as_user(world.lena)
    # Given Lena on her experiment page, with no experiment yet
    page = lena.get(reverse("experiments:mine"))
    assert "Start your experiment in Amplify 2026" in page.content.decode()
    # When she starts one and fills the test card, then submits
    response = lena.post(
        reverse("experiments:new", args=[world.leadership_cohort.pk]), {"title": "Nordic streams"}
    )
    experiment = Experiment.objects.get(owner__user=world.lena)
    assert response["Location"] == reverse("experiments:edit", args=[experiment.pk])
    form = lena.get(response["Location"])
    version = form.context["form"].initial["version"]
    data = {
        **CARD,
        "title": "Nordic streams",
        "version": version,
        "sponsor": world.person(world.sam).pk,
    }
    data["then"] = "submit"
    response = lena.post(reverse("experiments:edit", args=[experiment.pk]), data)
    # Then it is submitted to Sam
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.stage == Stage.SUBMITTED


def test_it_names_what_is_missing_when_submitting_from_the_page(world: World, as_user) -> None:
    experiment = experiment_of(world)
    experiment.metric = ""
    experiment.save()
    response = as_user(world.lena).post(
        reverse("experiments:submit", args=[experiment.pk]), follow=True
    )
    assert "Complete this part of the test card" in response.content.decode()


def test_it_shows_the_sponsor_what_waits_and_lets_him_approve(world: World, as_user) -> None:
    experiment = experiment_of(world, stage=Stage.SUBMITTED)
    sam = as_user(world.sam)
    page = sam.get(reverse("experiments:sponsor")).content.decode()
    assert "1 waits for you" in page
    assert experiment.title in page
    home = sam.get(reverse("home:index")).content.decode()
    assert "Experiments waiting for you" in home
    detail = sam.get(experiment.get_absolute_url()).content.decode()
    assert "Approve" in detail
    response = sam.post(
        reverse("experiments:approve", args=[experiment.pk]), {"expected_stage": "submitted"}
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.stage == Stage.APPROVED


def test_it_shows_the_second_tab_a_clear_message(world: World, as_user) -> None:
    experiment = experiment_of(world, stage=Stage.APPROVED)
    response = as_user(world.sam).post(
        reverse("experiments:return", args=[experiment.pk]),
        {"expected_stage": "submitted", "comment": "No."},
    )
    assert response.status_code == 409
    assert "Someone else changed this experiment meanwhile" in response.content.decode()


def test_it_refuses_a_return_without_a_comment_on_the_page(world: World, as_user) -> None:
    experiment = experiment_of(world, stage=Stage.SUBMITTED)
    response = as_user(world.sam).post(reverse("experiments:return", args=[experiment.pk]), {})
    assert response.status_code == 400


def test_it_shows_lena_her_next_step_on_the_home_page(world: World, as_user) -> None:
    experiment_of(world, stage=Stage.APPROVED)
    home = as_user(world.lena).get(reverse("home:index")).content.decode()
    assert "approved: start it" in home


def test_it_runs_the_experiment_to_a_decision_through_the_pages(world: World, as_user) -> None:
    experiment = experiment_of(world, stage=Stage.APPROVED)
    lena, sam = as_user(world.lena), as_user(world.sam)
    assert lena.post(reverse("experiments:start", args=[experiment.pk])).status_code == 302
    lena.post(
        reverse("experiments:evidence", args=[experiment.pk]),
        {"title": "Numbers", "link": "https://example.com/n"},
    )
    card = {"believed": "a", "observed": "b", "learned": "c", "therefore": "d"}
    assert lena.post(reverse("experiments:learning", args=[experiment.pk]), card).status_code == 302
    sam.post(reverse("experiments:impact", args=[experiment.pk]), {"sponsor_impact": "Real."})
    response = lena.post(
        reverse("experiments:decide", args=[experiment.pk]), {"decision": "persevere"}
    )
    assert response.status_code == 302
    experiment.refresh_from_db()
    assert experiment.stage == Stage.DECIDED
    assert experiment.decision == "persevere"


def test_it_filters_the_board_by_theme_and_country_with_htmx(world: World, as_user) -> None:
    # Given Lena's streaming experiment in Sweden and Leo's data one
    lena = experiment_of(world)
    lena.country = Country.objects.get(code="SE")
    lena.save()
    leo = experiment_of(world, who="leo")
    leo.themes = ["data"]
    leo.save()
    url = reverse("experiments:board", args=[world.leadership_cohort.pk])
    client = as_user(world.coco)
    page = client.get(url).content.decode()
    assert lena.title in page
    assert leo.title in page
    part = client.get(url, {"theme": "data"}, headers={"HX-Request": "true"}).content.decode()
    assert leo.title in part
    assert lena.title not in part
    assert "<html" not in part
    part = client.get(url, {"country": "SE"}, headers={"HX-Request": "true"}).content.decode()
    assert lena.title in part
    assert leo.title not in part


def test_it_lists_the_outcomes_linked_to_the_experiment(world: World, as_user) -> None:
    experiment = experiment_of(world, stage=Stage.RUNNING)
    lena = as_user(world.lena)
    form = lena.get(reverse("outcomes:add") + f"?experiment={experiment.pk}")
    assert form.context["form"].initial["experiment"] == experiment.pk
    response = lena.post(
        reverse("outcomes:add"),
        {
            "kind": "deal",
            "happened_on": date.today().isoformat(),
            "cohort": world.leadership_cohort.pk,
            "experiment": experiment.pk,
            "description": "A partnership with a ride-hailing app.",
        },
    )
    assert response.status_code == 302
    assert Outcome.objects.get().experiment == experiment
    page = lena.get(experiment.get_absolute_url()).content.decode()
    assert "Deal or partnership" in page


def test_it_refuses_to_link_an_outcome_to_someone_elses_experiment(world: World, as_user) -> None:
    theirs = experiment_of(world, who="leo")
    response = as_user(world.lena).post(
        "/api/outcomes",
        {"kind": "deal", "happened_on": date.today().isoformat(), "experiment_id": theirs.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "experiment" in response.json()["errors"]


def test_it_shows_the_portfolio_with_small_counts_hidden(world: World, as_user) -> None:
    # Given six experiments in the cohort, all drafts
    for _ in range(6):
        person = PersonFactory()
        EnrolmentFactory(
            cohort=world.leadership_cohort, person=person, role=Enrolment.Role.PARTICIPANT
        )
        Experiment.objects.create(
            cohort=world.leadership_cohort, owner=person, title="x", themes=["data"]
        )
    experiment_of(world)
    response = as_user(world.max).get(reverse("experiments:portfolio", args=["amplify"]))
    row = response.context["rows"][0]
    assert row["total"] == 7
    assert row["stages"][0] == 7
    themes = dict(zip(list(response.context["theme_labels"]), row["themes"], strict=True))
    assert themes["Data and insight"] == 6
    assert themes["Streaming and audiences"] is None  # one experiment: fewer than 5
