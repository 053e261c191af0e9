"""The showcase API: the judge's marks, the manager's schedule and publishing."""

from amplify.conftest import World
from amplify.showcase.models import Score
from amplify.showcase.tests.factories import marks, showcase_for


def _marks(show, value: int) -> dict:
    return {
        "marks": [{"criterion_id": k, "value": v} for k, v in marks(show.rubric, value).items()],
        "comment": "",
    }


def test_it_saves_and_reads_the_judges_marks(world: World, as_user) -> None:
    show = showcase_for(world)
    sam = as_user(world.sam)
    url = f"/api/showcase/slots/{show.leo_slot.pk}/marks"
    response = sam.put(url, _marks(show, 3), content_type="application/json")
    assert response.status_code == 200, response.content
    assert {m["value"] for m in response.json()["marks"]} == {3}
    assert sam.get("/api/showcase/mine").json()[0]["scored"] is True
    # An unassigned slot is a 404
    other = f"/api/showcase/slots/{show.lena_slot.pk}/marks"
    assert sam.put(other, _marks(show, 3), content_type="application/json").status_code == 404


def test_it_refuses_a_mark_off_the_scale(world: World, as_user) -> None:
    show = showcase_for(world)
    body = _marks(show, 3)
    body["marks"][0]["value"] = 7
    response = as_user(world.sam).put(
        f"/api/showcase/slots/{show.leo_slot.pk}/marks", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert not Score.objects.exists()


def test_it_hides_results_until_published(world: World, as_user) -> None:
    show = showcase_for(world)
    as_user(world.sam).put(
        f"/api/showcase/slots/{show.leo_slot.pk}/marks",
        _marks(show, 3),
        content_type="application/json",
    )
    cohort = world.leadership_cohort.pk
    assert as_user(world.leo).get(f"/api/showcase/cohorts/{cohort}/results").status_code == 403
    maximilian = as_user(world.max)
    slots = maximilian.get(f"/api/showcase/cohorts/{cohort}/slots").json()
    assert [len(s["judges"]) for s in slots] == [0, 1]
    assert maximilian.post(f"/api/showcase/cohorts/{cohort}/publication").status_code == 200
    found = as_user(world.leo).get(f"/api/showcase/cohorts/{cohort}/results").json()
    assert found["published"] is True
    assert found["results"][0]["rank"] == 1
