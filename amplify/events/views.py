"""Event pages: the calendar, an event with its replies, scheduling and attendance."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, permission, require, signed_in
from amplify.core.privacy import suppress
from amplify.events import services
from amplify.events.calendar import to_ical
from amplify.events.forms import EventEditForm, EventForm
from amplify.events.models import Event, Rsvp
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.people.models import Person
from amplify.programmes.models import Cohort
from amplify.programmes.views import cohort_tabs_context, visible_cohort


@permission("events.view_agenda")
def event_list(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    visible = Event.objects.for_user(request.user).select_related("cohort__programme")
    mine = visible.attended_by(request.user)
    replies = dict(
        Rsvp.objects.filter(person__user=request.user).values_list("event_id", "response")
    )
    context = {
        "upcoming": mine.upcoming(now=now).with_rsvp_counts()[:50],
        "managed": visible.filter(cohort__in=Cohort.objects.managed_by(request.user))
        .upcoming(now=now)
        .with_rsvp_counts()[:50],
        # Whoever oversees every programme sees the rest of the agenda too.
        "across": visible.on_agenda_of(request.user)
        .exclude(pk__in=mine.values("pk"))
        .exclude(cohort__in=Cohort.objects.managed_by(request.user))
        .upcoming(now=now)
        .with_rsvp_counts()[:50],
        "past": mine.past(now=now)[:20],
        "replies": replies,
    }
    return render(request, "events/event_list.html", context)


@signed_in
def cohort_events(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    now = timezone.now()
    events = Event.objects.for_user(request.user).filter(cohort=cohort).with_rsvp_counts()
    context = cohort_tabs_context(request, cohort, "events")
    # The cohort's external speakers ("exciting thinkers"), with how many came: a figure
    # about people, so fewer than 5 is not shown.
    speakers = list(events.filter(kind=Event.Kind.SPEAKER).order_by("starts_at", "pk"))
    for speaker in speakers:
        speaker.attended_shown = suppress(speaker.attended_count)  # type: ignore[attr-defined]
    context.update(upcoming=events.upcoming(now=now), past=events.past(now=now), speakers=speakers)
    return render(request, "events/cohort_events.html", context)


def _event_for(request: AuthedRequest, pk: int) -> Event:
    return get_object_or_404(
        Event.objects.for_user(request.user).select_related("cohort__programme"), pk=pk
    )


def _detail_context(request: AuthedRequest, event: Event) -> dict[str, object]:
    person = Person.objects.filter(user=request.user).first()
    my_rsvp = Rsvp.objects.filter(event=event, person=person).first() if person else None
    can_manage = request.user.has_perm("events.manage_event", event)
    counts = event.rsvps.aggregate(
        going=Count("pk", filter=Q(response=Rsvp.Response.GOING)),
        maybe=Count("pk", filter=Q(response=Rsvp.Response.MAYBE)),
        not_going=Count("pk", filter=Q(response=Rsvp.Response.NOT_GOING)),
        attended=Count("pk", filter=Q(attended=True)),
    )
    return {
        "event": event,
        "cohort": event.cohort,
        "my_rsvp": my_rsvp,
        "can_rsvp": request.user.has_perm("events.rsvp", event),
        "can_manage": can_manage,
        "counts": counts,
        "is_over": event.ends_at <= timezone.now(),
        "has_started": event.starts_at <= timezone.now(),
        "responses": Rsvp.Response.choices,
    }


@signed_in
def event_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    context = _detail_context(request, event)
    if context["can_manage"]:
        # Everyone who may come: the members the event invites, with their reply if any.
        members = event.invitees().select_related("person").order_by("person__name", "pk")
        replies = {r.person_id: r for r in event.rsvps.all()}
        seen: set[int] = set()
        guests = []
        for enrolment in members:
            if enrolment.person_id in seen:
                continue
            seen.add(enrolment.person_id)
            guests.append((enrolment, replies.get(enrolment.person_id)))
        context["guests"] = guests
    return render(request, "events/event_detail.html", context)


@require_POST
@signed_in
def event_rsvp(request: AuthedRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    require(request.user, "events.rsvp", event)
    person = get_object_or_404(Person, user=request.user)
    error = None
    try:
        services.event_rsvp(event=event, person=person, response=request.POST.get("response", ""))
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        context = _detail_context(request, event)
        context["rsvp_error"] = error
        return render(request, "events/event_detail.html#rsvp", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your reply is saved."))
    return redirect(event)


@require_POST
@signed_in
def event_attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    require(request.user, "events.manage_event", event)
    person = get_object_or_404(Person, pk=request.POST.get("person") or 0)
    attended = request.POST.get("attended") == "yes"
    try:
        services.event_record_attendance(
            event=event, person=person, attended=attended, recorded_by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.htmx:
        rsvp = Rsvp.objects.filter(event=event, person=person).first()
        return render(
            request,
            "events/_attendance.html",
            {"event": event, "person": person, "rsvp": rsvp, "has_started": True},
        )
    return redirect(event)


@signed_in
def event_create(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "programmes.manage_cohort", cohort)
    form = EventForm(request.POST or None, initial={"time_zone": "Europe/London"})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                cohort=cohort, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(event)s is scheduled.") % {"event": event})
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "cohort": cohort})


@signed_in
def event_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    require(request.user, "events.manage_event", event)
    initial = EventForm.initial_for(event)
    initial["version"] = version_of(event, services.FIELDS)
    form = EventEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, changed_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event)
    return render(
        request, "events/event_form.html", {"form": form, "cohort": event.cohort, "event": event}
    )


@signed_in
def event_ical(request: AuthedRequest, pk: int) -> HttpResponse:
    event = _event_for(request, pk)
    response = HttpResponse(to_ical([event], name=event.title), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


@signed_in
def cohort_ical(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    response = HttpResponse(
        to_ical(Event.objects.for_user(request.user).filter(cohort=cohort), name=cohort.name),
        content_type="text/calendar",
    )
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}.ics"'
    return response
