"""The volunteer's pages (her offers, the form to offer or edit one, withdrawing) and the
programme manager's queue of a cohort's volunteers with her decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, role, signed_in
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Person
from amplify.programmes.models import Cohort
from amplify.programmes.views import cohort_tabs_context, visible_cohort
from amplify.volunteering import services
from amplify.volunteering.forms import DecisionForm, OfferForm
from amplify.volunteering.models import MentorOffer, OfferStatus, open_cohorts
from amplify.volunteering.rules import is_employee

employees_only = role(is_employee, gettext_lazy("employees"))


def offer_cohort(person: Person, pk: int) -> Cohort:
    """A cohort taking volunteers, or one she already offered to."""
    return get_object_or_404(
        Cohort.objects.filter(Q(pk__in=open_cohorts()) | Q(mentor_offers__person=person))
        .select_related("programme")
        .distinct(),
        pk=pk,
    )


@employees_only
def index(request: AuthedRequest) -> HttpResponse:
    person = get_object_or_404(Person, user=request.user)
    offers = list(MentorOffer.objects.mine(request.user).select_related("cohort__programme"))
    offered = {o.cohort_id for o in offers}
    cohorts = [c for c in open_cohorts().order_by("starts_on", "pk") if c.pk not in offered]
    taking_part = set(person.enrolments.active().values_list("cohort_id", flat=True))
    return render(
        request,
        "volunteering/index.html",
        {"offers": offers, "cohorts": cohorts, "taking_part": taking_part},
    )


@employees_only
def offer(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, user=request.user)
    cohort = offer_cohort(person, pk)
    existing = MentorOffer.objects.filter(cohort=cohort, person=person).first()
    initial: dict[str, Any] = (
        {"why": existing.why, "tags": existing.tags, "capacity": existing.capacity}
        if existing
        else {"capacity": 1}
    )
    editable = existing is None or existing.status in (OfferStatus.PENDING, OfferStatus.WITHDRAWN)
    form = OfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.mentor_offer_submit(
                cohort=cohort, person=person, submitted_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you: your offer is with the programme team.")
                if existing is None or not existing.is_pending
                else _("Your offer is saved."),
            )
            return redirect("volunteering:offer", cohort.pk)
    context = {"cohort": cohort, "offer": existing, "form": form, "editable": editable}
    return render(request, "volunteering/offer_form.html", context)


@require_POST
@employees_only
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    existing = get_object_or_404(MentorOffer.objects.mine(request.user), cohort_id=pk)
    try:
        services.mentor_offer_withdraw(offer=existing, withdrawn_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your offer is withdrawn."))
    return redirect("volunteering:offer", pk)


@signed_in
def queue(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "volunteering.review", cohort)
    offers = (
        MentorOffer.objects.for_user(request.user)
        .filter(cohort=cohort)
        .select_related("person", "decided_by")
        .order_by("status", "created_at", "pk")
    )
    chosen = (request.GET.get("status") or "").strip()
    if chosen in OfferStatus.values:
        offers = offers.filter(status=chosen)
    context = cohort_tabs_context(request, cohort, "volunteers")
    context.update(
        offers=list(offers),
        chosen=chosen,
        statuses=OfferStatus.choices,
        counts=dict(
            MentorOffer.objects.filter(cohort=cohort)
            .values_list("status")
            .annotate(n=Count("pk"))
            .order_by()
        ),
        form=DecisionForm(),
    )
    return render(request, "volunteering/cohort_queue.html", context)


@require_POST
@signed_in
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    offer_ = get_object_or_404(
        MentorOffer.objects.for_user(request.user).select_related("person", "cohort"), pk=pk
    )
    require(request.user, "volunteering.review_offer", offer_)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            offer_ = services.mentor_offer_decide(
                offer=offer_,
                action=form.cleaned_data["action"],
                decided_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": offer_.person.display_name, "status": offer_.get_status_display()},
            )
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("volunteering:queue", offer_.cohort_id)
