"""The experiments API: the same services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from amplify.conftest import World
from amplify.experiments.models import Stage
from amplify.experiments.tests.factories import CARD, PDF, experiment_of


def _post(client: Any, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, body or {}, content_type="application/json")


def test_it_runs_an_experiment_from_test_card_to_decision(world: World, as_user) -> None:
    lena, sam = as_user(world.lena), as_user(world.sam)
    created = _post(
        lena, "/api/experiments/", {"cohort_id": world.leadership_cohort.pk, "title": "Vloggers"}
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    body = {**CARD, "sponsor_id": world.person(world.sam).pk, "version": created.json()["version"]}
    patched = lena.patch(f"/api/experiments/{pk}", body, content_type="application/json")
    assert patched.status_code == 200, patched.content
    assert (
        _post(lena, f"/api/experiments/{pk}/submit", {"expected_stage": "draft"}).json()["stage"]
        == "submitted"
    )
    assert _post(sam, f"/api/experiments/{pk}/approve").json()["stage"] == "approved"
    assert _post(lena, f"/api/experiments/{pk}/start").json()["stage"] == "running"
    upload = lena.post(
        f"/api/experiments/{pk}/evidence",
        {"title": "Results", "file": SimpleUploadedFile("r.pdf", PDF)},
    )
    assert upload.status_code == 201, upload.content
    assert upload.json()["has_file"]
    card = {"believed": "a", "observed": "b", "learned": "c", "therefore": "d"}
    assert _post(lena, f"/api/experiments/{pk}/learning", card).json()["stage"] == "learning"
    decided = _post(sam, f"/api/experiments/{pk}/decision", {"decision": "stop"})
    assert decided.json()["stage"] == "decided"
    assert _post(sam, f"/api/experiments/{pk}/impact", {"impact": "None."}).status_code == 200


def test_it_answers_a_stale_move_with_a_422_naming_the_stage(world: World, as_user) -> None:
    experiment = experiment_of(world, stage=Stage.APPROVED)
    response = _post(
        as_user(world.sam),
        f"/api/experiments/{experiment.pk}/return",
        {"comment": "No", "expected_stage": "submitted"},
    )
    assert response.status_code == 422
    assert "stage" in response.json()["errors"]


def test_it_lists_only_what_the_user_sees(world: World, as_user) -> None:
    experiment_of(world)
    assert len(as_user(world.leo).get("/api/experiments/").json()["items"]) == 1
    assert as_user(world.otto).get("/api/experiments/").json()["items"] == []
    mine = as_user(world.leo).get("/api/experiments/?mine=true").json()["items"]
    assert mine == []


def test_it_gives_the_board_and_the_portfolio(world: World, as_user) -> None:
    experiment_of(world)
    board = as_user(world.lena).get(f"/api/experiments/cohorts/{world.leadership_cohort.pk}/board")
    assert board.status_code == 200
    assert {c["stage"]: c["count"] for c in board.json()}["draft"] == 1
    portfolio = as_user(world.max).get("/api/experiments/programmes/amplify/portfolio")
    assert portfolio.json()[0]["total"] is None  # one experiment: fewer than 5


def test_it_writes_and_withdraws_a_story(world: World, as_user) -> None:
    lena = as_user(world.lena)
    body = {"cohort_id": world.leadership_cohort.pk, "title": "Data", "consent_to_share": True}
    created = _post(lena, "/api/experiments/stories", body)
    assert created.status_code == 201
    assert created.json()["consented_at"]
    pk = created.json()["id"]
    put = lena.put(
        f"/api/experiments/stories/{pk}",
        {"title": "Data", "consent_to_share": False},
        content_type="application/json",
    )
    assert put.json()["consented_at"] is None
