"""Sign-in protections: rate limits on failed logins, an idle timeout, SSO for known people."""

from types import SimpleNamespace

import pytest
from django.test import Client, override_settings

from amplify.accounts.adapters import SocialAccountAdapter
from amplify.people.tests.factories import PersonFactory, UserFactory


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,3/300s/key"})
def test_it_stops_guessing_after_repeated_failures(db: None) -> None:
    from django.core.cache import cache

    cache.clear()
    user = UserFactory()
    client = Client()
    for _ in range(3):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
        assert response.status_code == 200
    blocked = client.post(
        "/accounts/login/", {"login": user.email, "password": "correct horse battery"}
    )
    assert blocked.status_code in (200, 429)
    assert b"Too many failed login attempts" in blocked.content
    assert "_auth_user_id" not in client.session


# The idle timeout itself: test_idle_timeout.py.


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("known@sony.example", True),
        ("KNOWN@sony.example", True),
        ("stranger@elsewhere.example", False),
        ("", False),
    ],
)
def test_it_lets_sso_create_accounts_only_for_known_people(
    db: None, email: str, allowed: bool
) -> None:
    PersonFactory(email="known@sony.example")
    login = SimpleNamespace(user=SimpleNamespace(email=email))
    assert SocialAccountAdapter().is_open_for_signup(None, login) is allowed
