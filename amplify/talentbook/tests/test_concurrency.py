"""Two managers click Generate at the same moment: one edition is queued, the other is told
it is already being built (PostgreSQL: two connections)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.talentbook.models import Book
from amplify.talentbook.tests.factories import page_for
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _post(user: Any, url: str) -> Any:
    client = Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='c')[1]}"})
    return lambda: client.post(url, {}, content_type="application/json")


def test_it_queues_one_of_two_editions_generated_at_once(world: World, settings) -> None:
    # Given a worker that has not yet taken anything (the books stay queued)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    page_for(world, "lena")
    url = f"/api/talent-book/cohorts/{world.leadership_cohort.pk}/books"
    # When two of Max's tabs generate at once, meeting where the edition is saved
    responses = at_once([_post(world.max, url), _post(world.max, url)], meet_at=(Book, "save"))
    for r in responses:
        assert not isinstance(r, BaseException), r
    # Then one edition is queued and the other tab is told why not
    codes = sorted(r.status_code for r in responses)
    assert codes[0] == 202
    assert codes[1] in (400, 422)
    refused = next(r for r in responses if r.status_code != 202)
    assert "already being built" in refused.content.decode()
    assert Book.objects.count() == 1
