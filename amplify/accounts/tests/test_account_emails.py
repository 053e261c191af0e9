"""Account emails name the configured site and link to it (SITE_NAME, SITE_ROOT), not to
"example.com" or whatever host the request came in on."""

from django.core import mail
from django.urls import reverse


def test_the_password_reset_email_links_to_the_configured_site(world, client, settings) -> None:
    settings.SITE_ROOT = "https://amplify.example.com"
    settings.SITE_NAME = "Amplify"
    response = client.post(reverse("account_reset_password"), {"email": "alice@sony.example"})
    assert response.status_code == 302
    (email,) = mail.outbox
    assert email.subject == "[Amplify] Password Reset Email"
    assert "example.com!" not in email.body.replace("amplify.example.com", "")
    link = next(line for line in email.body.splitlines() if "/password/reset/key/" in line)
    assert link.startswith("https://amplify.example.com/accounts/password/reset/key/")
    assert "testserver" not in email.body
