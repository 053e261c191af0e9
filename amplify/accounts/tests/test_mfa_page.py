"""The sign-in code page is the product's: its entrance layout, one primary action, and
Cancel as a quiet link that signs out."""

import re

from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from amplify.accounts.models import User
from amplify.people.tests.factories import UserFactory


def test_it_asks_for_the_code_in_the_entrance_layout(db: None) -> None:
    # given a programme manager who has passed her password
    user = UserFactory(role=User.Role.PROGRAMME_MANAGER)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": "correct horse battery"})
    # when the code is asked for
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    # then it is the product's sign-in card, with a labelled one-time-code field
    assert 'class="auth-card"' in page
    assert 'autocomplete="one-time-code"' in page
    assert '<label for="id_code">' in page
    # and only signing in is a primary button; cancelling is a link-like button that signs out
    buttons = re.findall(r'<button class="([^"]*)"[^>]*>([^<]*)</button>', page)
    assert [label for cls, label in buttons if "btn-primary" in cls] == ["Sign in"]
    cancel = [cls for cls, label in buttons if label.startswith("Cancel")]
    assert cancel == ["linklike"]
    assert 'action="/accounts/logout/"' in page


def test_allauth_link_buttons_are_not_primary() -> None:
    from django.template.loader import render_to_string

    attrs = {"type": "submit", "tags": ["link", "mfa", "cancel"]}
    html = render_to_string(
        "allauth/elements/button.html", {"attrs": attrs, "slots": {"default": ["Cancel"]}}
    )
    assert "btn-primary" not in html
    assert "linklike" in html
