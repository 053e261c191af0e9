"""Staff roles must set up a second factor before they reach anything."""

import pytest
from django.test import Client

from amplify.accounts.models import User
from amplify.people.tests.factories import UserFactory


@pytest.mark.parametrize(
    "extra",
    [
        {"role": User.Role.PROGRAMME_MANAGER},
        {"role": User.Role.IMPACT_ADMIN},
        {"is_superuser": True, "is_staff": True},
    ],
)
def test_it_sends_staff_without_a_second_factor_to_set_one_up(db: None, extra: dict) -> None:
    client = Client()
    user = UserFactory(**extra)
    signed_in = client.post(
        "/accounts/login/", {"login": user.email, "password": "correct horse battery"}
    )
    assert signed_in.status_code == 302
    response = client.get("/programmes/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/api/me").status_code == 403
    # allauth asks for the password again before a second factor is added.
    confirm = client.get("/accounts/2fa/totp/activate/")
    assert confirm["Location"].startswith("/accounts/reauthenticate/")
    confirmed = client.post(confirm["Location"], {"password": "correct horse battery"})
    assert confirmed["Location"] == "/accounts/2fa/totp/activate/"
    assert b"Authenticator" in client.get("/accounts/2fa/totp/activate/").content


def test_it_lets_members_in_without_a_second_factor(db: None) -> None:
    client = Client()
    client.force_login(UserFactory())
    assert client.get("/people/").status_code == 200


def test_it_asks_staff_for_the_code_at_sign_in(db: None) -> None:
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    user = UserFactory(role=User.Role.PROGRAMME_MANAGER)
    secret = "JBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "correct horse battery"}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/programmes/").status_code == 200


def test_it_has_no_public_sign_up(db: None) -> None:
    response = Client().get("/accounts/signup/")
    assert b"Sign Up Closed" in response.content or response.status_code == 403
