"""The global week's pages: the agenda day by day, its calendar file, the manager's session
forms and attendance lists, and the activity groups."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.core.privacy import suppress
from amplify.events import activitygroups, sessions
from amplify.events.calendar import week_ical
from amplify.events.forms import GroupRenameForm, GroupsForm, SessionForm
from amplify.events.models import ActivityGroup, Event, EventSession, SessionAttendance
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Person
from amplify.programmes.models import Enrolment
from amplify.programmes.views import cohort_tabs_context, visible_cohort


def _week_for(request: AuthedRequest, pk: int) -> Event:
    event = get_object_or_404(
        Event.objects.for_user(request.user).select_related("cohort__programme"), pk=pk
    )
    if event.kind not in sessions.WITH_AGENDA:
        raise Http404
    return event


def _session_for(request: AuthedRequest, pk: int) -> EventSession:
    session = get_object_or_404(
        EventSession.objects.for_user(request.user).select_related("event__cohort__programme"),
        pk=pk,
    )
    require(request.user, "events.manage_event", session.event)
    return session


def _days(items: list[EventSession]) -> Iterator[tuple[date, list[EventSession]]]:
    """The sessions by day as the viewer's clock reads them (her own time zone)."""
    for day, group in groupby(items, key=lambda s: timezone.localtime(s.starts_at).date()):
        yield day, list(group)


def _members() -> Prefetch[Any]:
    return Prefetch(
        "members",
        queryset=Person.objects.select_related("country", "division").order_by("name", "pk"),
    )


def _agenda(request: AuthedRequest, event: Event) -> HttpResponse:
    items = list(event.sessions.with_attended_counts().order_by("starts_at", "pk"))
    for item in items:
        # A figure about people for all who read the agenda: fewer than 5 is never shown.
        item.attended_shown = suppress(item.attended_count)  # type: ignore[attr-defined]
    mine = dict(
        SessionAttendance.objects.filter(
            session__event=event, person__user=request.user
        ).values_list("session_id", "attended")
    )
    my_group = (
        ActivityGroup.objects.filter(event=event, members__user=request.user)
        .prefetch_related(_members())
        .first()
    )
    context = cohort_tabs_context(request, event.cohort, "week")
    context.update(
        event=event,
        days=list(_days(items)),
        mine=mine,
        my_group=my_group,
        can_manage=request.user.has_perm("events.manage_event", event),
        viewer_zone=timezone.get_current_timezone_name(),
        has_groups=event.activity_groups.exists(),
    )
    return render(request, "events/week.html", context)


@signed_in
def week(request: AuthedRequest, pk: int) -> HttpResponse:
    return _agenda(request, _week_for(request, pk))


@signed_in
def cohort_week(request: AuthedRequest, pk: int) -> HttpResponse:
    """The cohort's tab: its (latest) global week, or a note that none is scheduled."""
    cohort = visible_cohort(request, pk)
    event = (
        Event.objects.for_user(request.user)
        .filter(cohort=cohort, kind=Event.Kind.GLOBAL_WEEK)
        .select_related("cohort__programme")
        .order_by("-starts_at")
        .first()
    )
    if event is not None:
        return _agenda(request, event)
    context = cohort_tabs_context(request, cohort, "week")
    return render(request, "events/week_none.html", context)


@signed_in
def week_calendar(request: AuthedRequest, pk: int) -> HttpResponse:
    event = _week_for(request, pk)
    response = HttpResponse(week_ical(event), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="global-week-{event.pk}.ics"'
    return response


def _session_form_page(
    request: AuthedRequest, event: Event, form: SessionForm, session: EventSession | None
) -> HttpResponse:
    return render(
        request,
        "events/session_form.html",
        {"form": form, "event": event, "cohort": event.cohort, "session": session},
    )


@signed_in
def session_create(request: AuthedRequest, pk: int) -> HttpResponse:
    event = _week_for(request, pk)
    require(request.user, "events.manage_event", event)
    form = SessionForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            session = sessions.session_create(event=event, created_by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(session)s is on the agenda.") % {"session": session})
            return redirect("events:week", event.pk)
    return _session_form_page(request, event, form, None)


@signed_in
def session_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    initial = SessionForm.initial_for(session)
    initial["version"] = version_of(session, sessions.FIELDS)
    form = SessionForm(request.POST or None, event=session.event, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None) or ""
        try:
            sessions.session_update(
                session=session, changed_by=request.user, version=version, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("events:week", session.event_id)
    return _session_form_page(request, session.event, form, session)


@signed_in
def session_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    if request.method == "POST":
        try:
            sessions.session_delete(session=session, deleted_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The session is off the agenda."))
        return redirect("events:week", session.event_id)
    return render(
        request,
        "events/session_delete.html",
        {"session": session, "event": session.event, "cohort": session.event.cohort},
    )


def _attendance_rows(session: EventSession) -> list[tuple[Enrolment, bool | None]]:
    """Everyone of the cohort, once each (her first role), with her attendance if recorded."""
    enrolments = (
        Enrolment.objects.taking_part()
        .filter(cohort_id=session.event.cohort_id)
        .select_related("person__country", "person__division")
        .order_by("person__name", "pk")
    )
    recorded = dict(session.attendance.values_list("person_id", "attended"))
    seen: set[int] = set()
    rows = []
    for enrolment in enrolments:
        if enrolment.person_id not in seen:
            seen.add(enrolment.person_id)
            rows.append((enrolment, recorded.get(enrolment.person_id)))
    return rows


@signed_in
def session_attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    """The manager's list: who came to the session (names: this is her own register)."""
    session = _session_for(request, pk)
    if request.method == "POST":
        person = get_object_or_404(Person, pk=request.POST.get("person") or 0)
        try:
            sessions.session_record_attendance(
                session=session,
                person=person,
                attended=request.POST.get("attended") == "yes",
                recorded_by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        if request.htmx:
            row = SessionAttendance.objects.filter(session=session, person=person).first()
            return render(
                request,
                "events/_session_attendance.html",
                {
                    "session": session,
                    "person": person,
                    "attended": row.attended if row else None,
                    "has_started": True,
                },
            )
        return redirect("events:session-attendance", session.pk)
    rows = _attendance_rows(session)
    return render(
        request,
        "events/session_attendance.html",
        {
            "session": session,
            "event": session.event,
            "cohort": session.event.cohort,
            "rows": rows,
            "attended": sum(1 for _e, a in rows if a),
            "has_started": session.starts_at <= timezone.now(),
        },
    )


@signed_in
def groups(request: AuthedRequest, pk: int) -> HttpResponse:
    """The manager's groups page: form balanced groups, rename them, move people."""
    event = _week_for(request, pk)
    require(request.user, "events.manage_event", event)
    form = GroupsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            formed = activitygroups.activity_groups_form(
                event=event, formed_by=request.user, size=form.cleaned_data["size"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(count)s groups are formed.") % {"count": len(formed)})
            return redirect("events:groups", event.pk)
    all_groups = list(event.activity_groups.prefetch_related(_members()).order_by("pk"))
    grouped = {p.pk for g in all_groups for p in g.members.all()}
    ungrouped = [
        p
        for p in activitygroups.groupable(event).select_related("country", "division")
        if p.pk not in grouped
    ]
    context = cohort_tabs_context(request, event.cohort, "week")
    context.update(event=event, form=form, groups=all_groups, ungrouped=ungrouped)
    return render(request, "events/groups.html", context)


@require_POST
@signed_in
def group_change(request: AuthedRequest, pk: int) -> HttpResponse:
    """Rename a group (`name`) or move a participant into it (`person`)."""
    group = get_object_or_404(
        ActivityGroup.objects.for_user(request.user).select_related("event__cohort"), pk=pk
    )
    require(request.user, "events.manage_event", group.event)
    try:
        if "person" in request.POST:
            person = get_object_or_404(Person, pk=request.POST.get("person") or 0)
            activitygroups.activity_group_add_member(
                group=group, person=person, changed_by=request.user
            )
            messages.success(
                request,
                _("%(person)s is in %(group)s.") % {"person": person, "group": group.name},
            )
        else:
            form = GroupRenameForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    {"name": [str(e) for e in form.errors.get("name", [_("Give a name.")])]}
                )
            activitygroups.activity_group_update(
                group=group, changed_by=request.user, name=form.cleaned_data["name"]
            )
            messages.success(request, _("The group is renamed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("events:groups", args=[group.event_id]))
