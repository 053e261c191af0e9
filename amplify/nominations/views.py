"""Nominations pages: nominating for a recruiting leadership cohort (oneself, or a direct
report), one's own nominations and those waiting for one's endorsement, and the programme
manager's selection board (a tab of the cohort) with its decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, role, signed_in
from amplify.accounts.rules import is_employee
from amplify.home.formerrors import add_service_errors
from amplify.nominations import board, services
from amplify.nominations.forms import DecideForm, NominationForm
from amplify.nominations.models import Nomination, open_cohorts
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Programme
from amplify.programmes.views import cohort_tabs_context, visible_cohort

PAGE_SIZE = 100


def _me(request: AuthedRequest) -> Person:
    person = Person.objects.filter(user=request.user).select_related("manager").first()
    if person is None:
        raise Http404(_("You have no person record: ask the programme team."))
    return person


def _me_or_none(request: AuthedRequest) -> Person | None:
    return Person.objects.filter(user=request.user).first()


@role(is_employee, _lazy("employees"))
def nominations_mine(request: AuthedRequest) -> HttpResponse:
    user = request.user
    context = {
        "made": list(Nomination.objects.made_by(user).with_people()[:200]),
        "to_endorse": list(Nomination.objects.awaiting_endorsement_by(user).with_people()),
        "of_me": list(
            Nomination.objects.of(user).exclude(nominated_by__user=user).with_people()[:50]
        ),
        "cohorts": list(open_cohorts()),
    }
    return render(request, "nominations/mine.html", context)


def _nominate_page(
    request: AuthedRequest, cohort: Cohort, form: NominationForm, status: int = 200
) -> HttpResponse:
    context = {"cohort": cohort, "form": form, "me": form.me}
    return render(request, "nominations/nominate.html", context, status=status)


@signed_in
def nominate(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(open_cohorts(), pk=pk)
    require(request.user, "nominations.nominate")
    me = _me(request)
    reports = list(me.reports.employees().order_by("name"))
    form = NominationForm(request.POST or None, me=me, reports=reports)
    if request.method == "POST":
        if form.is_valid():
            try:
                nomination = services.nomination_create(
                    cohort=cohort,
                    nominee=form.nominee_person(),
                    nominated_by=me,
                    case=form.cleaned_data["case"],
                    seniority=form.cleaned_data["seniority"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if nomination.self_nominated:
                    messages.success(
                        request,
                        _("Your nomination is saved: your line manager is asked to endorse it."),
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s is nominated: the programme manager will decide.")
                        % {"name": nomination.nominee.display_name},
                    )
                return redirect("nominations:mine")
        return _nominate_page(request, cohort, form, status=422)
    return _nominate_page(request, cohort, form)


def _own_nomination(request: AuthedRequest, pk: int) -> Nomination:
    return get_object_or_404(Nomination.objects.for_user(request.user).with_people(), pk=pk)


@require_POST
@signed_in
def endorse(request: AuthedRequest, pk: int) -> HttpResponse:
    nomination = _own_nomination(request, pk)
    require(request.user, "nominations.endorse", nomination)
    try:
        services.nomination_endorse(nomination=nomination, endorsed_by=_me(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Thank you: the nomination of %(name)s goes to the programme manager.")
            % {"name": nomination.nominee.display_name},
        )
    return redirect("nominations:mine")


@require_POST
@signed_in
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    nomination = _own_nomination(request, pk)
    require(request.user, "nominations.withdraw", nomination)
    try:
        services.nomination_withdraw(nomination=nomination, withdrawn_by=_me(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The nomination is withdrawn."))
    return redirect("nominations:mine")


# ---------- The programme manager's selection board ----------


def leadership_cohort_to_decide(request: AuthedRequest, pk: int) -> Cohort:
    """A leadership cohort the user may see (else 404) and decide for (else 403)."""
    cohort = visible_cohort(request, pk)
    if cohort.programme.kind != Programme.Kind.LEADERSHIP:
        raise Http404(_("Only leadership cohorts take nominations."))
    require(request.user, "nominations.decide", cohort)
    return cohort


@signed_in
def selection_board(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = leadership_cohort_to_decide(request, pk)
    everyone = Nomination.objects.filter(cohort=cohort).on_board()
    found, chosen = board.board_filter(everyone.with_people(), request.GET)
    page = Paginator(found.order_by("status", "nominee__name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    pool, dimensions = board.balance(cohort)
    context: dict[str, Any] = cohort_tabs_context(request, cohort, "selection")
    context.update(
        page=page,
        chosen=chosen,
        query="&".join(f"{k}={v}" for k, v in chosen.items() if v),
        pool=pool,
        dimensions=dimensions,
        total=everyone.count(),
        awaiting=Nomination.objects.filter(
            cohort=cohort, status=Nomination.Status.AWAITING_ENDORSEMENT
        ).count(),
        **board.filter_choices(),
    )
    if request.htmx and not request.htmx.boosted:
        return render(request, "nominations/board.html#results", context)
    return render(request, "nominations/board.html", context)


@require_POST
@signed_in
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(
        Nomination.objects.for_user(request.user).on_board().with_people(), pk=pk
    )
    cohort = leadership_cohort_to_decide(request, nomination.cohort_id)
    form = DecideForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            nomination = services.nomination_decide(
                nomination=nomination,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                expected_status=form.cleaned_data["expected_status"] or None,
                decided_by=_me_or_none(request),
                changed_by=request.user,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(str(m) for errors in form.errors.values() for m in errors)
    if request.htmx:
        nomination = Nomination.objects.with_people().get(pk=nomination.pk)
        # 200 even when refused: htmx swaps only successful answers, and the row shows
        # the message (and what the nomination is now).
        context = {"n": nomination, "error": error, "cohort": cohort}
        return render(request, "nominations/_board_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": nomination.nominee.display_name, "status": nomination.get_status_display()},
        )
    return redirect("nominations:board", pk=cohort.pk)
