"""The training API: the same services and the same access as the pages."""

from django.core import mail

from amplify.conftest import World
from amplify.core import training as core
from amplify.training.models import Activity, BackgroundCheck, CodeOfConduct
from amplify.training.tests.factories import activity, safeguarding_module


def test_a_mentor_reads_her_progress_and_marks_an_activity_done(
    world: World, modules, as_user
) -> None:
    client = as_user(world.alice)
    mine = client.get("/api/training/mine")
    assert mine.status_code == 200
    [row] = mine.json()
    assert row["ready"] is False
    assert row["required_hours"] == 10
    assert core.SAFEGUARDING in row["gaps"]
    assert "Safeguarding module not done" in row["reasons"]
    body = {"module_id": safeguarding_module(world).pk, "summary": "NSPCC course"}
    response = client.post("/api/training/activities", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["status"] == Activity.Status.MARKED_DONE
    bad = client.post(
        "/api/training/activities", {**body, "summary": ""}, content_type="application/json"
    )
    assert bad.status_code == 422


def test_she_accepts_the_code(world: World, modules, as_user) -> None:
    code = CodeOfConduct.objects.get(programme=world.programme)
    response = as_user(world.alice).post(f"/api/training/codes/{code.pk}/acceptance")
    assert response.status_code == 201
    assert response.json()["version"] == 1


def test_the_manager_verifies_and_reads_the_cohort(world: World, modules, as_user) -> None:
    a = activity(world, world.alice)
    client = as_user(world.harriet)
    queue = client.get(f"/api/training/programmes/{world.programme.pk}/activities").json()
    assert [x["id"] for x in queue] == [a.pk]
    response = client.post(f"/api/training/activities/{a.pk}/verify")
    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    rows = client.get(f"/api/training/cohorts/{world.cohort.pk}/readiness").json()
    assert {r["person_id"] for r in rows} == {
        world.person(world.alice).pk,
        world.person(world.carl).pk,
    }
    curriculum = client.get(f"/api/training/programmes/{world.programme.pk}/curriculum").json()
    assert curriculum["hours"] == 10
    assert len(curriculum["modules"]) == 5


def test_the_manager_records_a_check(world: World, modules, as_user) -> None:
    client = as_user(world.harriet)
    url = f"/api/training/programmes/{world.programme.pk}/checks"
    body = {"person_id": world.person(world.alice).pk, "kind": "dbs_enhanced", "status": "clear"}
    bad = client.post(url, body, content_type="application/json")
    assert bad.status_code == 422
    assert "checked_on" in bad.json()["errors"]
    good = client.post(url, {**body, "checked_on": "2025-01-10"}, content_type="application/json")
    assert good.status_code == 201
    assert BackgroundCheck.objects.get().verified_by == world.harriet


def test_a_mentor_cannot_verify_through_the_api(world: World, modules, as_user) -> None:
    world.programme.managers.add(world.person(world.alice))
    a = activity(world, world.alice)
    response = as_user(world.alice).post(f"/api/training/activities/{a.pk}/verify")
    assert response.status_code == 422
    assert "cannot verify her own" in str(response.json())
    assert len(mail.outbox) == 0


def test_another_programme_s_manager_gets_404(world: World, modules, other, as_user) -> None:
    client = as_user(other.mo)
    a = activity(world, world.alice)
    assert client.post(f"/api/training/activities/{a.pk}/verify").status_code == 404
    assert client.get(f"/api/training/cohorts/{world.cohort.pk}/readiness").status_code == 404
    assert (
        client.get(f"/api/training/programmes/{world.programme.pk}/curriculum").status_code == 404
    )


def test_anonymous_gets_401(client, world: World) -> None:
    assert client.get("/api/training/mine").status_code == 401
    assert client.get("/training/").status_code == 302
