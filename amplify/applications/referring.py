"""The outreach partner's page: refer young people to a recruiting cohort, one at a time or
as a file, and follow the stage of her own organisation's referrals (never another's)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, role
from amplify.applications import services
from amplify.applications.forms import ReferralForm, ReferralUploadForm
from amplify.applications.models import Application
from amplify.applications.referralimport import referrals_import
from amplify.applications.rules import works_for_a_partner
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Partner, Person

MAX_UPLOAD = 2 * 1024 * 1024


def own_partner(request: AuthedRequest) -> Partner:
    person = Person.objects.select_related("partner").get(user=request.user)
    assert person.partner is not None  # the permission says so
    return person.partner


def _page(request: AuthedRequest, **extra: object) -> HttpResponse:
    referrals = (
        Application.objects.referred_by_user(request.user)
        .select_related("cohort")
        .order_by("-created_at", "pk")
    )
    context = {
        "partner": own_partner(request),
        "page": Paginator(referrals, 50).get_page(request.GET.get("page")),
        "form": ReferralForm(),
        "upload": ReferralUploadForm(),
        **extra,
    }
    return render(request, "applications/referrals.html", context)


@role(works_for_a_partner, gettext_lazy("outreach partner staff"))
def referrals(request: AuthedRequest) -> HttpResponse:
    return _page(request)


@require_POST
@role(works_for_a_partner, gettext_lazy("outreach partner staff"))
def referral_add(request: AuthedRequest) -> HttpResponse:
    form = ReferralForm(request.POST)
    if form.is_valid():
        try:
            application = services.referral_create(
                cohort=form.cleaned_data["cohort"],
                partner=own_partner(request),
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                referred_by=request.user,
                language=get_language() or "",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is referred: we emailed an invitation to apply.")
                % {"name": application.name},
            )
            return redirect("applications:referrals")
    return _page(request, form=form)


@require_POST
@role(works_for_a_partner, gettext_lazy("outreach partner staff"))
def referral_upload(request: AuthedRequest) -> HttpResponse:
    upload = ReferralUploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _page(request, upload=upload)
    file = upload.cleaned_data["file"]
    if file.size > MAX_UPLOAD:
        upload.add_error("file", _("The file is larger than 2 MB."))
        return _page(request, upload=upload)
    checked = referrals_import(
        cohort=upload.cleaned_data["cohort"],
        partner=own_partner(request),
        referred_by=request.user,
        content=file.read(),
        filename=file.name or "",
        language=get_language() or "",
    )
    if not checked.ok:
        errors = [e.as_dict() for e in checked.errors]
        return _page(request, upload=upload, row_errors=errors)
    messages.success(
        request,
        _("%(count)s people are referred: each got an invitation to apply.")
        % {"count": len(checked.rows)},
    )
    return redirect("applications:referrals")
