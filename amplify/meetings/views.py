"""Meetings pages: the pair's page (their slot, logging and confirming, the history), the
list of one's own pairs, the programme manager's cohort health page, and the programme's
cadence settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.core import cadence
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.meetings import health, services
from amplify.meetings.forms import MeetingForm, SettingsForm, SlotForm
from amplify.meetings.models import Meeting, MeetingSettings, MeetingSlot
from amplify.meetings.slots import choices, local_label, zone_of
from amplify.mentoring.models import Goal
from amplify.people.models import Person
from amplify.programmes.models import Pairing, Programme
from amplify.programmes.views import cohort_tabs_context, visible_cohort

PAGE_SIZE = 100
STATUS_TONES = {
    cadence.Status.ON_TRACK: "ok",
    cadence.Status.AT_RISK: "warn",
    cadence.Status.STALLED: "bad",
    cadence.Status.ENDED: "closed",
}


def status_labels() -> dict[str, str]:
    return {
        cadence.Status.ON_TRACK: _("On track"),
        cadence.Status.AT_RISK: _("At risk"),
        cadence.Status.STALLED: _("Stalled"),
        cadence.Status.ENDED: _("Ended"),
    }


# ---------- The pair's own pages ----------


def _own_pairs(request: AuthedRequest) -> Any:
    return Pairing.objects.filter(mentor__user=request.user) | Pairing.objects.filter(
        mentee__user=request.user
    )


def _pair(request: AuthedRequest, pk: int) -> tuple[Pairing, Person]:
    """One of the user's own pairs (her managers do not see this page), and her person."""
    pairing = get_object_or_404(
        _own_pairs(request).select_related("mentor", "mentee", "cohort__programme"), pk=pk
    )
    require(request.user, "meetings.meet", pairing)
    me = pairing.mentor if pairing.mentor.user_id == request.user.pk else pairing.mentee
    return pairing, me


@signed_in
def pairs_mine(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = health.rows(_own_pairs(request), today=today)
    context = {"rows": rows, "labels": status_labels(), "tones": STATUS_TONES}
    return render(request, "meetings/pairs_mine.html", context)


def _slot_choices(pairing: Pairing, me: Person, minutes: int) -> tuple[list[tuple[str, str]], bool]:
    today = timezone.localdate()
    other = pairing.mentee if me.pk == pairing.mentor_id else pairing.mentor
    offered, shared = choices(pairing, on=today, minutes=minutes)
    mine, theirs = zone_of(me), zone_of(other)
    out = []
    for c in offered:
        at = c.first_at(today)
        label = _("%(mine)s your time · %(theirs)s for %(name)s") % {
            "mine": local_label(at, mine),
            "theirs": local_label(at, theirs),
            "name": other.display_name,
        }
        out.append((c.code, label))
    return out, shared


def _goals_to_update(pairing: Pairing, me: Person) -> list[Goal]:
    """The mentee's goals, for the progress inputs of her meeting form: none for her mentor,
    who may not set them, and none once the pair has ended."""
    if me.pk != pairing.mentee_id:
        return []
    if not Pairing.objects.current().filter(pk=pairing.pk).exists():
        return []
    return list(Goal.objects.filter(pairing=pairing))


def _pair_page(
    request: AuthedRequest,
    pairing: Pairing,
    me: Person,
    *,
    log_form: MeetingForm | None = None,
    slot_form: SlotForm | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    settings = MeetingSettings.for_programme(pairing.cohort.programme)
    slot = MeetingSlot.objects.filter(pairing=pairing).first()
    offered, shared = _slot_choices(pairing, me, settings.duration_minutes)
    meetings = list(Meeting.objects.filter(pairing=pairing).select_related("logged_by")[:200])
    [row] = health.rows(Pairing.objects.filter(pk=pairing.pk), today=today)
    is_current = Pairing.objects.current().filter(pk=pairing.pk).exists()
    context = {
        "pairing": pairing,
        "me": me,
        "other": pairing.mentee if me.pk == pairing.mentor_id else pairing.mentor,
        "zone": zone_of(me),
        "slot": slot if slot and slot.is_live else None,
        "next_at": slot.next_starts_at(today=today) if slot and slot.is_live else None,
        "shared": shared,
        "slot_form": slot_form or SlotForm(choices=offered),
        "log_form": log_form or MeetingForm(goals=_goals_to_update(pairing, me)),
        "meetings": meetings,
        "row": row,
        "labels": status_labels(),
        "tones": STATUS_TONES,
        "settings": settings,
        "is_current": is_current,
    }
    return render(request, "meetings/pair_meetings.html", context, status=status)


@signed_in
def pair_meetings(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _pair(request, pk)
    return _pair_page(request, pairing, me)


@require_POST
@signed_in
def slot_choose(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _pair(request, pk)
    settings = MeetingSettings.for_programme(pairing.cohort.programme)
    offered, _shared = _slot_choices(pairing, me, settings.duration_minutes)
    form = SlotForm(request.POST, choices=offered)
    if form.is_valid():
        try:
            services.meeting_slot_set(
                pairing=pairing, chosen_by=me, choice=form.cleaned_data["choice"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Your meeting time is saved: you both have a calendar invitation.")
            )
            return redirect("meetings:pair", pk=pairing.pk)
    return _pair_page(request, pairing, me, slot_form=form, status=422)


@require_POST
@signed_in
def meeting_log(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = _pair(request, pk)
    form = MeetingForm(request.POST, goals=_goals_to_update(pairing, me))
    if form.is_valid():
        try:
            _meeting, created = services.meeting_log(
                pairing=pairing, logged_by=me, **form.meeting_values()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if created:
                messages.success(request, _("Your meeting is logged."))
            else:
                messages.info(request, _("A meeting on that day was already logged."))
            return redirect("meetings:pair", pk=pairing.pk)
    return _pair_page(request, pairing, me, log_form=form, status=422)


@require_POST
@signed_in
def meeting_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.of_pair_member(request.user), pk=pk)
    pairing, me = _pair(request, meeting.pairing_id)
    try:
        services.meeting_confirm(meeting=meeting, confirmed_by=me)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: the meeting is confirmed."))
    return redirect("meetings:pair", pk=pairing.pk)


# ---------- The programme manager's pages ----------


def health_filter(found: list[health.Row], params: Any) -> tuple[list[health.Row], dict[str, str]]:
    """The health page's filters and sort, from the query string (the API shares them)."""
    chosen = {k: (params.get(k) or "").strip() for k in ("status", "q", "sort", "dir")}
    if chosen["status"] in cadence.Status.__members__.values():
        found = [r for r in found if r.health.status == chosen["status"]]
    elif chosen["status"] == "open":
        found = [r for r in found if r.health.status != cadence.Status.ENDED]
    if chosen["q"]:
        q = chosen["q"].casefold()
        found = [
            r
            for r in found
            if q in r.pairing.mentor.name.casefold() or q in r.pairing.mentee.name.casefold()
        ]
    if chosen["sort"] not in health.SORTS:
        chosen["sort"] = "status"
    if chosen["dir"] != "desc":
        chosen["dir"] = "asc"
    return health.sort_rows(found, chosen["sort"], chosen["dir"] == "desc"), chosen


@signed_in
def cohort_health(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "meetings.view_health", cohort)
    today = timezone.localdate()
    everyone = health.rows(Pairing.objects.filter(cohort=cohort), today=today)
    counts = dict.fromkeys(cadence.STATUS_ORDER, 0)
    for r in everyone:
        counts[r.health.status] += 1
    found, chosen = health_filter(everyone, request.GET)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = cohort_tabs_context(request, cohort, "health")
    context.update(
        page=page,
        chosen=chosen,
        counts=[(s, status_labels()[s], counts[s], STATUS_TONES[s]) for s in cadence.STATUS_ORDER],
        labels=status_labels(),
        tones=STATUS_TONES,
        settings=MeetingSettings.for_programme(cohort.programme),
        can_set=request.user.has_perm("meetings.set_cadence", cohort.programme),
        total=len(everyone),
        sort_columns=[
            ("status", _("Status")),
            ("mentor", _("Mentor")),
            ("mentee", _("Mentee")),
            ("held", _("Meetings held")),
            ("last", _("Last meeting")),
        ],
    )
    if request.htmx and not request.htmx.boosted:
        return render(request, "meetings/cohort_health.html#results", context)
    return render(request, "meetings/cohort_health.html", context)


@signed_in
def cadence_settings(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.for_user(request.user), slug=slug, kind=Programme.Kind.MENTORING
    )
    require(request.user, "meetings.set_cadence", programme)
    settings = MeetingSettings.for_programme(programme)
    saved = settings if settings.pk else None
    initial: dict[str, Any] = SettingsForm.initial_for(settings)
    initial["version"] = version_of(saved, services.SETTINGS_FIELDS)
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_settings_set(
                programme=programme, changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting settings are saved."))
            return redirect("meetings:settings", slug=programme.slug)
    context = {"programme": programme, "form": form, "settings": settings}
    return render(request, "meetings/cadence_settings.html", context)
