"""An API token obeys the staff second-factor rule exactly as the browser session does."""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World


def test_it_refuses_a_token_of_a_member_promoted_to_staff_until_she_sets_up_totp(
    world: World,
) -> None:
    # Given a token Otto created while he was a member
    _, raw = api_token_create(user=world.otto, name="reporting")
    client = Client()
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    # When he becomes a programme manager, without a second factor
    User.objects.filter(pk=world.otto.pk).update(role=User.Role.PROGRAMME_MANAGER)
    # Then the token reads and writes nothing, with the same message the browser gets
    for response in (
        client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}"),
        client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {raw}"),
        client.post(
            "/api/people/external",
            {"name": "New Person", "email": "new@sony.example"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        ),
    ):
        assert response.status_code == 403
        assert response.json()["detail"] == (
            "Set up two-factor authentication before using the API."
        )
    # And once TOTP is set up, it works again
    TOTP.activate(world.otto, generate_totp_secret())
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_it_lets_tokens_of_staff_with_totp_through(world: World) -> None:
    _, raw = api_token_create(user=world.harriet, name="sync")
    response = Client().get("/api/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
