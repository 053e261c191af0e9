"""A wave edited while its invitations are being sent: the edit lands before the launch or
is refused, never applied to a launched wave (and never undoes the launch).

PostgreSQL only: SQLite runs one write at a time (see amplify/tests/test_concurrent_writes.py)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from amplify.conftest import World
from amplify.surveys import services
from amplify.surveys.models import Wave
from amplify.surveys.tests.builder_factories import draft_wave, stand_in_launch
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("edit_first", [True, False])
def test_an_edit_racing_the_launch_never_edits_a_launched_wave(
    world: World, edit_first: bool
) -> None:
    # Given a draft wave open in the manager's tab while a colleague sends it
    wave = draft_wave(world)

    def edit() -> object:
        return services.wave_update(wave=wave, by=world.harriet, title="Edited", mode="anonymous")

    def send() -> object:
        return services.wave_send(wave=wave, by=world.harriet)

    calls = [edit, send] if edit_first else [send, edit]
    with mock.patch("amplify.surveys.invitations.wave_launch", side_effect=stand_in_launch):
        results = at_once(calls, meet_at=(Wave, "save"))
    outcome = dict(zip(["edit", "send"] if edit_first else ["send", "edit"], results, strict=True))
    # Then the wave is launched, whichever came first
    assert outcome["send"] == 4, outcome
    final = Wave.objects.get(pk=wave.pk)
    assert final.launched_at is not None
    # And the edit either landed before the launch or was refused with a reason
    if isinstance(outcome["edit"], ValidationError):
        assert (final.title, final.mode) == ("End of programme", "confidential")
    else:
        assert not isinstance(outcome["edit"], BaseException), outcome
        assert (final.title, final.mode) == ("Edited", "anonymous")
    # Never a change recorded after the launch
    launched = False
    for record in Wave.history.filter(id=wave.pk).order_by("history_date", "history_id"):
        if launched:
            assert (record.title, record.mode) == (final.title, final.mode)
        launched = launched or record.launched_at is not None
