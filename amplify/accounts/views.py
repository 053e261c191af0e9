"""Personal API tokens: create, list, revoke."""

from __future__ import annotations

from datetime import timedelta

from allauth.mfa.base.views import index as allauth_mfa_index
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, permission
from amplify.accounts.forms import ApiTokenForm
from amplify.accounts.models import ApiToken
from amplify.accounts.services import api_token_create, api_token_revoke
from amplify.home.formerrors import add_service_errors


@permission("accounts.manage_own_tokens")
def tokens(request: AuthedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        try:
            _, raw = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                now=now,
                expires_at=now + timedelta(days=form.cleaned_data["days"]),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "raw": raw,
        "tokens": ApiToken.objects.for_user(request.user),
        "now": timezone.now(),
    }
    return render(request, "accounts/tokens.html", context)


@require_POST
@permission("accounts.manage_own_tokens")
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
    api_token_revoke(token=token)
    messages.success(request, _("Token “%(token)s” is revoked.") % {"token": token.name})
    return redirect("accounts:tokens")


# allauth's page listing one's second factors, behind the same rule the navigation asks.
security = permission("accounts.manage_second_factor")(allauth_mfa_index)
