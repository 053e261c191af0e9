from __future__ import annotations

from typing import Any
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest
from django.urls import reverse

from amplify.home.siteurls import configured_site, site_url


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People are imported from the HR system or invited by a programme manager; there
        # is no public sign-up form.
        return False

    # Account emails (password reset and the like) name the site and link to it as the
    # settings say (SITE_NAME, SITE_ROOT), like every other email, not from the Host header
    # of whoever asked or the sites framework's "example.com".
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        super().send_mail(template_prefix, email, {**context, "current_site": configured_site()})

    def format_email_subject(self, subject: str) -> str:
        return f"[{configured_site().name}] {subject}"

    def get_reset_password_from_key_url(self, key: str) -> str:
        # allauth's own shape: an opaque key in place of its "uidb36-key" pair.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        # Company SSO may create an account for someone already known as a person (imported
        # from HR); anyone else is turned away.
        from amplify.people.models import Person

        email = (sociallogin.user.email or "").lower()
        return bool(email) and Person.objects.filter(email=email, user__isnull=True).exists()

    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> Any:
        from amplify.people.services import person_link_user

        user = super().save_user(request, sociallogin, form)
        person_link_user(email=user.email, user=user)
        return user
