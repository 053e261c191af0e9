from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from amplify.accounts.models import ApiToken
from amplify.accounts.services import api_token_create, api_token_revoke
from amplify.conftest import World


def test_it_shows_a_new_token_once_and_stores_only_its_hash(world: World, as_user) -> None:
    client = as_user(world.alice)
    page = client.post("/account/tokens/", {"name": "Calendar sync", "days": 30})
    token = ApiToken.objects.get()
    raw = page.content.decode().split('id="new-token">')[1].split("<")[0]
    assert raw.startswith("amp_")
    assert raw not in token.key_hash
    assert raw not in client.get("/account/tokens/").content.decode()
    api = client.__class__()
    me = api.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.json()["email"] == "alice@sony.example"


def test_it_refuses_revoked_expired_and_unknown_tokens(world: World, client) -> None:
    token, raw = api_token_create(user=world.alice, name="x")
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    api_token_revoke(token=token)
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    old, raw_old = api_token_create(user=world.alice, name="y")
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw_old}").status_code == 401
    assert client.get("/api/me", HTTP_AUTHORIZATION="Bearer amp_nope").status_code == 401


def test_it_sees_through_a_token_only_what_its_owner_sees(world: World, client) -> None:
    _, raw = api_token_create(user=world.alice, name="x")
    emails = {
        p["email"]
        for p in client.get("/api/people?limit=500", HTTP_AUTHORIZATION=f"Bearer {raw}").json()[
            "items"
        ]
    }
    assert "bea@example.com" in emails
    assert "dan@example.com" not in emails


def test_it_names_what_is_wrong_with_a_token_request(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        api_token_create(user=world.alice, name=" ")
    assert error.value.message_dict == {
        "name": ["Give the token a name, e.g. the system that will use it."]
    }
    with pytest.raises(ValidationError, match="at most 365 days"):
        api_token_create(
            user=world.alice, name="x", expires_at=timezone.now() + timedelta(days=400)
        )


def test_it_revokes_only_ones_own_tokens(world: World, as_user) -> None:
    token, _ = api_token_create(user=world.alice, name="x")
    assert as_user(world.carl).post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert as_user(world.alice).post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
