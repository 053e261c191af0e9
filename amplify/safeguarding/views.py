"""Safeguarding pages: raising a concern, the leads' concern log, naming the leads, and a
pair's page for reaching each other through Amplify."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Person
from amplify.programmes.models import Pairing, Programme
from amplify.safeguarding import services
from amplify.safeguarding.forms import (
    ActionForm,
    ConcernForm,
    EscalationForm,
    MessageForm,
    SharingForm,
    TeamForm,
)
from amplify.safeguarding.models import (
    Concern,
    ConcernView,
    ContactSharing,
    PairMessage,
    SafeguardingTeam,
)

# ---------- Raising a concern ----------


@signed_in
def concern_raise(request: AuthedRequest, pk: int) -> HttpResponse:
    """Raise a concern about a mentee or a mentor: anyone who may see her may."""
    about = get_object_or_404(Person.objects.for_user(request.user), pk=pk)
    cohort = services.concern_cohort(about)
    if cohort is None:
        raise Http404
    team = (
        SafeguardingTeam.objects.filter(programme=cohort.programme)
        .select_related("lead", "deputy")
        .first()
    )
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and team is not None and form.is_valid():
        try:
            services.concern_raise(about=about, raised_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your concern was received. The safeguarding leads have been told."),
            )
            return redirect("safeguarding:mine")
    context = {"about": about, "cohort": cohort, "team": team, "form": form}
    return render(request, "safeguarding/concern_raise.html", context)


@signed_in
def concerns_mine(request: AuthedRequest) -> HttpResponse:
    """The concerns one raised: that they were received, and their status. Not the leads'
    notes, nor what happened since."""
    concerns = Concern.objects.raised_by(request.user).select_related("about", "programme")
    return render(request, "safeguarding/concern_mine.html", {"concerns": concerns[:100]})


# ---------- The concern log (the leads only) ----------


def _led_concerns(request: AuthedRequest) -> Any:
    """The user's programmes' concerns; a 404 for anyone who leads none (the log is not
    there for them, as a concern they may not read is not)."""
    if not SafeguardingTeam.objects.led_by(request.user).exists():
        raise Http404
    return Concern.objects.for_user(request.user)


@signed_in
def concern_log(request: AuthedRequest) -> HttpResponse:
    concerns = _led_concerns(request).select_related("programme", "about")
    show = request.GET.get("show", "open")
    if show != "all":
        show = "open"
        concerns = concerns.open()
    now = timezone.now()
    rows = [(c, c.is_overdue(now=now)) for c in concerns.urgent_first()[:200]]
    context = {
        "rows": rows,
        "show": show,
        "overdue": _led_concerns(request).overdue(now=now).count(),
    }
    return render(request, "safeguarding/concern_log.html", context)


def _concern(request: AuthedRequest, pk: int) -> Concern:
    return get_object_or_404(
        _led_concerns(request).select_related("programme", "cohort", "about", "raised_by"), pk=pk
    )


def _detail(
    request: AuthedRequest,
    concern: Concern,
    *,
    action_form: ActionForm | None = None,
    escalation_form: EscalationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    # Every read of a concern is in its history, this one included.
    services.concern_view_record(concern=concern, viewer=request.user, route=ConcernView.Route.PAGE)
    now = timezone.now()
    raiser = (
        Person.objects.filter(user_id=concern.raised_by_id).first()
        if concern.raised_by_id
        else None
    )
    context = {
        "concern": concern,
        "raiser": raiser,
        "overdue": concern.is_overdue(now=now),
        "now": now,
        "actions": concern.actions.select_related("taken_by__person"),
        "escalations": concern.escalations.select_related("escalated_by__person"),
        "views": concern.views.select_related("viewer__person")[:200],
        "action_form": action_form
        or ActionForm(initial={"version": version_of(concern, services.CONCERN_FIELDS)}),
        "escalation_form": escalation_form or EscalationForm(),
    }
    return render(request, "safeguarding/concern_detail.html", context, status=status)


@signed_in
def concern_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, _concern(request, pk))


@require_POST
@signed_in
def concern_act(request: AuthedRequest, pk: int) -> HttpResponse:
    concern = _concern(request, pk)
    require(request.user, "safeguarding.act_on_concern", concern)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.concern_act(concern=concern, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Recorded."))
            return redirect(concern)
    concern.refresh_from_db()
    return _detail(request, concern, action_form=form, status=422)


@require_POST
@signed_in
def concern_escalate(request: AuthedRequest, pk: int) -> HttpResponse:
    concern = _concern(request, pk)
    require(request.user, "safeguarding.act_on_concern", concern)
    form = EscalationForm(request.POST)
    if form.is_valid():
        try:
            services.concern_escalate(concern=concern, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The escalation is recorded."))
            return redirect(concern)
    return _detail(request, concern, escalation_form=form, status=422)


# ---------- Naming the leads ----------


@signed_in
def team_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "safeguarding.set_team", programme)
    team = SafeguardingTeam.objects.filter(programme=programme).first()
    initial: dict[str, Any] = {"time_zone": "Europe/London"}
    if team is not None:
        initial = {"lead": team.lead_id, "deputy": team.deputy_id, "time_zone": team.time_zone}
    initial["version"] = version_of(team, services.TEAM_FIELDS)
    form = TeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.safeguarding_team_set(
                programme=programme, changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The safeguarding leads are saved."))
            return redirect("safeguarding:team", slug=programme.slug)
    history = (
        team.history.select_related("lead", "deputy", "history_user__person")[:50] if team else []
    )
    context = {"programme": programme, "team": team, "form": form, "history": history}
    return render(request, "safeguarding/team_form.html", context)


# ---------- A pair reaching each other ----------


def _pair(request: AuthedRequest, pk: int) -> tuple[Pairing, Person]:
    """One of the user's own pairs (her managers do not see this page), and her person."""
    pairing = get_object_or_404(
        services.pairings_of(request.user).select_related("mentor", "mentee", "cohort"), pk=pk
    )
    me = pairing.mentor if pairing.mentor.user_id == request.user.pk else pairing.mentee
    return pairing, me


def _pair_page(
    request: AuthedRequest,
    pairing: Pairing,
    me: Person,
    *,
    message_form: MessageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    other = services.other_person(pairing, me)
    sharing = {s.person_id: s for s in ContactSharing.objects.filter(pairing=pairing)}
    mine = sharing.get(me.pk)
    both = services.both_share(pairing)
    context = {
        "pairing": pairing,
        "me": me,
        "other": other,
        "is_current": Pairing.objects.current().filter(pk=pairing.pk).exists(),
        "both_share": both,
        "their_sharing": sharing.get(other.pk) if both else None,
        "message_form": message_form or MessageForm(),
        "sharing_form": SharingForm(
            initial={
                "shares_details": mine.shares_details if mine else False,
                "phone": mine.phone if mine else "",
            }
        ),
        "sent": PairMessage.objects.for_user(request.user)
        .filter(pairing=pairing)
        .select_related("sender")[:20],
    }
    return render(request, "safeguarding/pair_contact.html", context, status=status)


@signed_in
def pair_contact(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _pair(request, pk)
    return _pair_page(request, pairing, me)


@require_POST
@signed_in
def pair_message(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _pair(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.pair_message_send(pairing=pairing, sender=me, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your message is on its way."))
            return redirect("safeguarding:pair", pk=pairing.pk)
    return _pair_page(request, pairing, me, message_form=form, status=422)


@require_POST
@signed_in
def pair_sharing(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _pair(request, pk)
    form = SharingForm(request.POST)
    if form.is_valid():
        try:
            services.pair_sharing_set(pairing=pairing, person=me, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your choice is saved."))
    else:
        messages.error(request, _("Check the phone number."))
    return redirect("safeguarding:pair", pk=pairing.pk)
