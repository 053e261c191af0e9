"""What the respondent side stores and shows: invitations and responses share nothing but
the wave; a confidential or anonymous response names nobody; the respondent's pages and API
show her own invitations only, never a response and never another person."""

from __future__ import annotations

import pytest
from django.test import Client

from amplify.conftest import World
from amplify.surveys import answering
from amplify.surveys.models import Invitation, Mode, Response, Wave
from amplify.surveys.tests.respondent import COMPLETE, emailed_link, invitation_of, launched


def _columns(model: type) -> set[str]:
    return {f.column for f in model._meta.concrete_fields}


def test_an_invitation_and_a_response_share_nothing_but_the_wave() -> None:
    invitation, response = _columns(Invitation), _columns(Response)
    shared = invitation & response
    assert shared == {"id", "wave_id", "role"}
    # The response's id is a random UUID, not a sequence shared with the invitations.
    assert Response._meta.pk is not None
    assert Response._meta.pk.get_internal_type() == "UUIDField"
    # Her answer is dated by the day, and the invitation holds no time of answering.
    assert Response._meta.get_field("submitted_on").get_internal_type() == "DateField"
    assert Invitation._meta.get_field("responded_on").get_internal_type() == "DateField"


@pytest.mark.parametrize("mode", [Mode.CONFIDENTIAL, Mode.ANONYMOUS])
def test_no_response_of_a_private_wave_names_anyone(
    world: World, django_capture_on_commit_callbacks, as_user, mode: str
) -> None:
    wave: Wave = launched(world, django_capture_on_commit_callbacks, mode=mode)
    for user in (world.alice, world.bea, world.carl, world.dan):
        answering.survey_submit(
            invitation=invitation_of(world, user, wave), answers={**COMPLETE, "comments": "Mine"}
        )
    assert not Response.objects.filter(respondent__isnull=False).exists()
    if mode == Mode.ANONYMOUS:
        assert not Response.objects.exclude(pseudonym="").exists()
    # Her pages and API after answering show no answer and no one else.
    bea = as_user(world.bea)
    for url in (
        "/survey/mine/",
        "/api/my/surveys",
        f"/api/my/surveys/{invitation_of(world, world.bea, wave).pk}",
    ):
        body = bea.get(url).content.decode()
        assert "Mine" not in body
        assert "Dan Young" not in body
        assert "Alice Staff" not in body
    page = Client().get(emailed_link(world.dan.email)).content.decode()
    assert "Mine" not in page
    assert "already answered" in page
