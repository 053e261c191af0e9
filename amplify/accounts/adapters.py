from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People are imported from the HR system or invited by a programme manager; there
        # is no public sign-up form.
        return False


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
