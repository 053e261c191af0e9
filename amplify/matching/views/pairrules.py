"""A cohort's rules about pairs."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.matching import services
from amplify.matching.models import PairRule


@require_POST
@signed_in
def rule_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(PairRule.objects.for_user(request.user), pk=pk)
    require(request.user, "programmes.manage_cohort", rule.cohort)
    services.pair_rule_remove(rule=rule)
    messages.success(request, _("The rule is removed; it applies from the next run."))
    return redirect("matching:cohort", pk=rule.cohort_id)
