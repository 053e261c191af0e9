"""The builder's API: the same services as the pages, a broken rule a 422 naming its field."""

from __future__ import annotations

from typing import Any
from unittest import mock

from amplify.conftest import World
from amplify.surveys.models import Item, Mode, Wave
from amplify.surveys.tests.builder_factories import (
    answered,
    draft_wave,
    launched,
    more_mentors,
    stand_in_launch,
)
from amplify.surveys.tests.factories import AnswerFactory, ItemFactory


def _send(client: Any, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return getattr(client, method)(url, body or {}, content_type="application/json")


def test_the_item_bank_through_the_api(world: World, as_user) -> None:
    ina = as_user(world.ina)
    body = {
        "key": "helped_most",
        "kind": "single",
        "text": "What helped most?",
        "choices": [{"value": "events", "label": "Events"}],
    }
    refused = _send(ina, "post", "/api/surveys/items", body)
    assert refused.status_code == 422
    assert "at least two" in refused.json()["errors"]["choices"][0]
    body["choices"].append({"value": "talks", "label": "Talks"})
    created = _send(ina, "post", "/api/surveys/items", body)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert [i["key"] for i in ina.get("/api/surveys/items?kind=single").json()] == ["helped_most"]
    AnswerFactory(item=Item.objects.get(pk=pk), choice="events")
    moved = _send(ina, "patch", f"/api/surveys/items/{pk}", {"key": "other"})
    assert moved.status_code == 422
    assert "answered" in moved.json()["errors"]["key"][0]
    assert _send(ina, "post", f"/api/surveys/items/{pk}/retire").json()["retired"] is True
    assert ina.get("/api/surveys/items").json() == []


def test_settings_and_templates_through_the_api(world: World, as_user) -> None:
    harriet = as_user(world.harriet)
    base = f"/api/surveys/programmes/{world.programme.slug}"
    assert harriet.get(f"{base}/settings").json()["reminder_days"] == [3, 7]
    bad = _send(
        harriet,
        "put",
        f"{base}/settings",
        {"reminder_days": [0], "max_reminders": 3, "follow_up_months": 6},
    )
    assert bad.status_code == 422
    saved = _send(harriet, "put", f"{base}/settings", {"reminder_days": [4], "follow_up_months": 3})
    assert saved.json()["follow_up_months"] == 3
    template = _send(harriet, "post", f"{base}/templates", {"name": "Usual"}).json()
    wave_body = {
        "title": "Six months on",
        "phase": "follow_up",
        "audience": ["mentee"],
        "mode": "anonymous",
        "anchor": "end",
    }
    wrong = _send(
        harriet,
        "post",
        f"/api/surveys/templates/{template['id']}/waves",
        {**wave_body, "audience": ["coach", "participant"]},
    )
    assert wrong.status_code == 422
    assert "audience" in wrong.json()["errors"]
    tw = _send(harriet, "post", f"/api/surveys/templates/{template['id']}/waves", wave_body).json()
    one, two = ItemFactory(key="job_found"), ItemFactory(key="still_in_touch")
    for item in (one, two):
        added = _send(
            harriet,
            "post",
            f"/api/surveys/template-waves/{tw['id']}/questions",
            {"item_id": item.pk},
        )
        assert added.status_code == 201
    ordered = _send(
        harriet,
        "put",
        f"/api/surveys/template-waves/{tw['id']}/questions",
        {"item_ids": [two.pk, one.pk]},
    )
    assert [q["item_key"] for q in ordered.json()["questions"]] == ["still_in_touch", "job_found"]
    assert (
        _send(
            harriet,
            "put",
            f"/api/surveys/template-waves/{tw['id']}/questions",
            {"item_ids": [one.pk]},
        ).status_code
        == 422
    )
    applied = _send(
        harriet,
        "post",
        f"/api/surveys/templates/{template['id']}/apply",
        {"cohort_id": world.cohort.pk},
    )
    assert applied.status_code == 200, applied.content
    (wave,) = applied.json()
    # 3 months (the saved setting) after the cohort's end on 26 February 2027
    assert wave["opens_at"].startswith("2027-05-26")
    assert wave["status"] == "draft"
    again = _send(
        harriet,
        "post",
        f"/api/surveys/templates/{template['id']}/apply",
        {"cohort_id": world.cohort.pk},
    )
    assert again.json() == []
    assert (
        _send(
            harriet, "patch", f"/api/surveys/templates/{template['id']}", {"name": "Renamed"}
        ).json()["name"]
        == "Renamed"
    )
    assert _send(harriet, "delete", f"/api/surveys/templates/{template['id']}").status_code == 204
    assert Wave.objects.get(pk=wave["id"]).template_wave is None


def test_a_cohorts_waves_through_the_api(world: World, as_user) -> None:
    harriet = as_user(world.harriet)
    body = {
        "title": "Before",
        "phase": "pre",
        "audience": ["mentor", "mentee"],
        "mode": "confidential",
        "opens_at": "2099-08-25T09:00:00Z",
        "closes_at": "2099-08-20T09:00:00Z",
    }
    url = f"/api/surveys/cohorts/{world.cohort.pk}/waves"
    refused = _send(harriet, "post", url, body)
    assert refused.status_code == 422
    assert "closes_at" in refused.json()["errors"]
    body["closes_at"] = "2099-09-08T09:00:00Z"
    wave = _send(harriet, "post", url, body).json()
    item = ItemFactory(key="barriers_understood")
    _send(
        harriet,
        "post",
        f"/api/surveys/waves/{wave['id']}/questions",
        {"item_id": item.pk, "required": False},
    )
    changed = _send(
        harriet, "patch", f"/api/surveys/waves/{wave['id']}", {"title": "Before we start"}
    )
    assert changed.json()["title"] == "Before we start"
    assert [w["id"] for w in harriet.get(url).json()] == [wave["id"]]
    with mock.patch("amplify.surveys.invitations.wave_launch", side_effect=stand_in_launch):
        launch = _send(harriet, "post", f"/api/surveys/waves/{wave['id']}/launch")
        assert launch.json() == {"invited": 4}
        assert _send(harriet, "post", f"/api/surveys/waves/{wave['id']}/launch").status_code == 422
    after = _send(harriet, "patch", f"/api/surveys/waves/{wave['id']}", {"mode": "anonymous"})
    assert after.status_code == 422
    assert "mode" in after.json()["errors"]
    assert (
        _send(harriet, "delete", f"/api/surveys/waves/{wave['id']}/questions/{item.pk}").status_code
        == 422
    )
    # It has not opened yet (in 2099): closing is refused with a reason
    assert (
        "not opened"
        in _send(harriet, "post", f"/api/surveys/waves/{wave['id']}/close").json()["detail"]
    )


def test_response_rates_through_the_api(world: World, as_user) -> None:
    people = more_mentors(world, 8)
    wave = launched(draft_wave(world, mode=Mode.ATTRIBUTED))
    answered(wave, people[:6])
    harriet = as_user(world.harriet)
    rate = harriet.get(f"/api/surveys/waves/{wave.pk}/response-rate").json()
    assert rate["total"] == {"role": "", "invited": 12, "answered": 6, "percent": 50}
    mentee = next(r for r in rate["roles"] if r["role"] == "mentee")
    assert mentee["invited"] is None
    assert len(rate["answered_by"]) == 6
    confidential = launched(draft_wave(world))
    rates = harriet.get(f"/api/surveys/cohorts/{world.cohort.pk}/response-rates").json()
    assert [r["answered_by"] for r in rates] == [None, None]
    assert confidential.pk in [r["wave_id"] for r in rates]
    wave_out = harriet.get(f"/api/surveys/waves/{wave.pk}").json()
    assert wave_out["status"] == "open"
