"""Two at once on PostgreSQL: two managers publishing, two tabs saving the same marks, a
judge saving as the manager publishes. See amplify/tests/collide.py."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.showcase.models import Publication, Score
from amplify.showcase.tests.factories import another_judge, marks, showcase_for
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def api(user: User) -> Client:
    token = api_token_create(user=user, name="collide")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def _body(show: Any, value: int) -> dict[str, Any]:
    return {
        "marks": [{"criterion_id": k, "value": v} for k, v in marks(show.rubric, value).items()],
        "comment": "",
    }


def post(client: Client, url: str) -> Any:
    return lambda: client.post(url)


def put(client: Client, url: str, body: dict[str, Any]) -> Any:
    return lambda: client.put(url, body, "application/json")


def statuses(responses: list[Any]) -> list[int]:
    for r in responses:
        assert not isinstance(r, BaseException), r
    return sorted(r.status_code for r in responses)


def test_it_publishes_once_when_two_managers_publish_at_once(world: World) -> None:
    # Given a showcase with marks in
    show = showcase_for(world)
    sam = api(world.sam)
    sam.put(f"/api/showcase/slots/{show.leo_slot.pk}/marks", _body(show, 4), "application/json")
    url = f"/api/showcase/cohorts/{world.leadership_cohort.pk}/publication"
    # When two tabs publish at the same moment
    calls = [post(api(world.max), url) for _ in range(2)]
    responses = at_once(calls, meet_at=(Publication, "save"))
    # Then one publishes and the other is told so
    assert statuses(responses) == [200, 422]
    assert Publication.objects.filter(published_at__isnull=False).count() == 1


def test_it_keeps_one_row_per_mark_when_two_tabs_save_at_once(world: World) -> None:
    show = showcase_for(world)
    url = f"/api/showcase/slots/{show.leo_slot.pk}/marks"
    calls = [put(api(world.sam), url, _body(show, v)) for v in (3, 5)]
    responses = at_once(calls, meet_at=(Score, "save"))
    assert statuses(responses) == [200, 200]
    # One row per criterion, all from the same save (the later one)
    assert Score.objects.count() == 4
    assert len(set(Score.objects.values_list("value", flat=True))) == 1


def test_it_never_publishes_without_marks_saved_at_the_same_moment(world: World) -> None:
    # Given a second judge with marks in, and Sam about to save hers
    show = showcase_for(world)
    jo_user, _jo = another_judge(world)
    from amplify.showcase import services

    services.judge_assign(slot=show.lena_slot, judge=_jo, changed_by=world.max)
    api(jo_user).put(
        f"/api/showcase/slots/{show.lena_slot.pk}/marks", _body(show, 4), "application/json"
    )
    publish = f"/api/showcase/cohorts/{world.leadership_cohort.pk}/publication"
    score = f"/api/showcase/slots/{show.leo_slot.pk}/marks"
    calls = [post(api(world.max), publish), put(api(world.sam), score, _body(show, 5))]
    responses = at_once(calls, meet_at=(Publication, "save"))
    published, scored = responses
    assert not isinstance(published, BaseException)
    assert not isinstance(scored, BaseException)
    assert published.status_code == 200
    # Either Sam's marks made it in before the results were published, or she was told
    leo_in = any(r["slot_id"] == show.leo_slot.pk for r in published.json()["results"])
    assert (scored.status_code == 200) == leo_in
