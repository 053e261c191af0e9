"""Coaching pages: the coach's coachees, a coaching pair's page (coach and participant
only), the cohort's coaching tab for its managers (counts and cadence only), the programme's
coaching settings, and a home group's page with its peer-coaching rounds."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, role, signed_in
from amplify.coaching import health, services
from amplify.coaching.forms import BookForm, LogForm, RoundForm, SettingsForm
from amplify.coaching.models import CoachingSession, CoachingSettings, PeerRound
from amplify.experiments.models import Experiment
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors
from amplify.matching.models import HomeGroup
from amplify.meetings.slots import choices, local_label, zone_of
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Pairing, Programme
from amplify.programmes.views import cohort_tabs_context, visible_cohort

# ---------- The pair's own pages ----------


def own_coaching_pairs(user: Any) -> Any:
    """The user's own coaching pairs, as coach or participant: nobody else's (a manager or
    an administrator gets a 404 on a pair's page, as anyone else does)."""
    return Pairing.objects.filter(kind=Pairing.Kind.COACHING).filter(
        Q(mentor__user=user) | Q(mentee__user=user)
    )


def own_pair(request: AuthedRequest, pk: int) -> tuple[Pairing, Person]:
    pairing = get_object_or_404(
        own_coaching_pairs(request.user).select_related("mentor", "mentee", "cohort__programme"),
        pk=pk,
    )
    require(request.user, "coaching.book", pairing)
    me = pairing.mentor if pairing.mentor.user_id == request.user.pk else pairing.mentee
    return pairing, me


def own_session(request: AuthedRequest, pk: int) -> tuple[CoachingSession, Person]:
    session = get_object_or_404(CoachingSession.objects.of_pair_member(request.user), pk=pk)
    pairing, me = own_pair(request, session.pairing_id)
    session.pairing = pairing
    return session, me


def in_coaching(user: Any) -> bool:
    """A coach, or a participant with a coach (the menu shows her the coaching page)."""
    return bool(user.is_authenticated and own_coaching_pairs(user).exists())


@role(in_coaching, _lazy("coaches and the participants they coach"))
def coachees(request: AuthedRequest) -> HttpResponse:
    mine = own_coaching_pairs(request.user)
    rows = health.pair_rows(mine.filter(mentor__user=request.user))
    coached = health.pair_rows(mine.filter(mentee__user=request.user))
    person = Person.objects.filter(user=request.user).first()
    zone = zone_of(person) if person else zone_of(Person())
    # Where a participant finds her home group's page.
    groups = list(
        HomeGroup.objects.published()
        .filter(members__user=request.user)
        .select_related("run__cohort")
        .order_by("name")
    )
    context = {"rows": rows, "coached": coached, "zone": zone, "groups": groups}
    return render(request, "coaching/coachees.html", context)


def slot_choices(pairing: Pairing, me: Person) -> tuple[list[tuple[str, str]], bool]:
    """The weekly times of the pair's shared free time, labelled in both people's zones."""
    today = timezone.localdate()
    minutes = CoachingSettings.for_programme(pairing.cohort.programme).session_minutes
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


def _booked_choices(sessions: list[CoachingSession], zone: Any) -> list[tuple[int, str]]:
    return [
        (s.pk, local_label(s.starts_at, zone))
        for s in sessions
        if s.status == CoachingSession.Status.BOOKED and s.starts_at is not None
    ]


def _pair_page(
    request: AuthedRequest,
    pairing: Pairing,
    me: Person,
    *,
    book_form: BookForm | None = None,
    log_form: LogForm | None = None,
    status: int = 200,
) -> HttpResponse:
    other = pairing.mentee if me.pk == pairing.mentor_id else pairing.mentor
    sessions = list(CoachingSession.objects.filter(pairing=pairing)[:200])
    for s in sessions:
        s.pairing = pairing
    now = timezone.now()
    booked = sorted(
        (s for s in sessions if s.status == CoachingSession.Status.BOOKED),
        key=lambda s: s.starts_at or now,
    )
    offered, shared = slot_choices(pairing, me)
    [row] = health.pair_rows(Pairing.objects.filter(pk=pairing.pk))
    is_coach = me.pk == pairing.mentor_id
    context = {
        "pairing": pairing,
        "me": me,
        "other": other,
        "is_coach": is_coach,
        "zone": zone_of(me),
        "other_zone": zone_of(other),
        "booked": booked,
        "held": [s for s in sessions if s.status == CoachingSession.Status.HELD],
        "row": row,
        "shared": shared,
        "offered": offered,
        "is_current": Pairing.objects.current().filter(pk=pairing.pk).exists(),
        "book_form": book_form or BookForm(choices=offered),
        "log_form": (log_form or LogForm(booked=_booked_choices(booked, zone_of(me))))
        if is_coach
        else None,
    }
    return render(request, "coaching/pair.html", context, status=status)


@signed_in
def pair(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = own_pair(request, pk)
    return _pair_page(request, pairing, me)


@require_POST
@signed_in
def book(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = own_pair(request, pk)
    offered, _shared = slot_choices(pairing, me)
    form = BookForm(request.POST, choices=offered)
    if form.is_valid():
        try:
            _session, created = services.coaching_session_book(
                pairing=pairing, booked_by=me, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if created:
                messages.success(request, _("Booked: you both have a calendar invitation."))
            else:
                messages.info(request, _("That session was already booked."))
            return redirect("coaching:pair", pk=pairing.pk)
    return _pair_page(request, pairing, me, book_form=form, status=422)


@require_POST
@signed_in
def reschedule(request: AuthedRequest, pk: int) -> HttpResponse:
    session, me = own_session(request, pk)
    offered, _shared = slot_choices(session.pairing, me)
    form = BookForm(request.POST, choices=offered)
    if form.is_valid():
        try:
            services.coaching_session_reschedule(
                session=session, changed_by=me, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Moved: you both have the updated invitation."))
            return redirect("coaching:pair", pk=session.pairing_id)
    return _pair_page(request, session.pairing, me, book_form=form, status=422)


@require_POST
@signed_in
def cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    session, me = own_session(request, pk)
    try:
        services.coaching_session_cancel(session=session, changed_by=me)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Cancelled: the session is withdrawn from both calendars."))
    return redirect("coaching:pair", pk=session.pairing_id)


@require_POST
@signed_in
def log(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing, me = own_pair(request, pk)
    require(request.user, "coaching.log", pairing)
    booked = list(CoachingSession.objects.booked().filter(pairing=pairing))
    form = LogForm(request.POST, booked=_booked_choices(booked, zone_of(me)))
    if form.is_valid():
        values = dict(form.cleaned_data)
        session_id = values.pop("session")
        session = next((s for s in booked if s.pk == session_id), None)
        try:
            _session, created = services.coaching_session_log(
                pairing=pairing, logged_by=me, session=session, **values
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if created:
                messages.success(request, _("The session is logged."))
            else:
                messages.info(request, _("That session was already logged."))
            return redirect("coaching:pair", pk=pairing.pk)
    return _pair_page(request, pairing, me, log_form=form, status=422)


# ---------- The programme manager's pages ----------


def leadership_cohort(request: AuthedRequest, pk: int) -> Cohort:
    cohort = visible_cohort(request, pk)
    if cohort.programme.kind != Programme.Kind.LEADERSHIP:
        raise Http404
    require(request.user, "coaching.view_cadence", cohort)
    return cohort


@signed_in
def cohort_coaching(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = leadership_cohort(request, pk)
    pairs = health.pair_rows(Pairing.objects.filter(cohort=cohort))
    groups = health.group_rows(health.published_groups(cohort.pk))
    context = cohort_tabs_context(request, cohort, "coaching")
    context.update(
        pairs=pairs,
        behind=sum(1 for r in pairs if r.health.behind and not r.ended),
        groups=groups,
        quiet=sum(1 for g in groups if g.health.quiet),
        settings=CoachingSettings.for_programme(cohort.programme),
        can_set=request.user.has_perm("coaching.set_settings", cohort.programme),
    )
    return render(request, "coaching/cohort_coaching.html", context)


@signed_in
def settings_page(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.for_user(request.user), slug=slug, kind=Programme.Kind.LEADERSHIP
    )
    require(request.user, "coaching.set_settings", programme)
    settings = CoachingSettings.for_programme(programme)
    initial: dict[str, Any] = SettingsForm.initial_for(settings)
    initial["version"] = version_of(settings if settings.pk else None, services.SETTINGS_FIELDS)
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.coaching_settings_set(
                programme=programme, changed_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The coaching settings are saved."))
            return redirect("coaching:settings", slug=programme.slug)
    context = {"programme": programme, "form": form}
    return render(request, "coaching/settings.html", context)


# ---------- Home groups ----------


def visible_group(request: AuthedRequest, pk: int) -> HomeGroup:
    group = get_object_or_404(
        HomeGroup.objects.for_user(request.user).published().select_related("run__cohort"), pk=pk
    )
    require(request.user, "coaching.view_group", group)
    return group


def experiment_link(pk: int) -> str | None:
    """The experiment's page, once the experiments app has one (plain text until then)."""
    try:
        return reverse("experiments:detail", args=[pk])
    except NoReverseMatch:
        return None


def group_context(group: HomeGroup) -> dict[str, Any]:
    members = list(group.members.order_by("name"))
    experiments = list(
        Experiment.objects.filter(cohort_id=group.run.cohort_id, owner__in=members)
        .values("pk", "title", "stage", "owner_id")
        .order_by("title")
    )
    labels = dict(Experiment._meta.get_field("stage").flatchoices)
    by_owner: dict[int, list[dict[str, Any]]] = {}
    for found in experiments:
        e: dict[str, Any] = dict(found)
        e["stage_label"] = labels.get(e["stage"], e["stage"])
        e["link"] = experiment_link(e["pk"])
        by_owner.setdefault(e["owner_id"], []).append(e)
    rounds = list(
        PeerRound.objects.filter(home_group=group)
        .select_related("challenge_by")
        .prefetch_related("coaches")[:200]
    )
    rows = health.group_rows(HomeGroup.objects.filter(pk=group.pk))
    row = rows[0] if rows else None
    return {
        "group": group,
        "cohort": group.run.cohort,
        "members": [(m, by_owner.get(m.pk, [])) for m in members],
        "rounds": rounds,
        "row": row,
    }


def _group_page(
    request: AuthedRequest, group: HomeGroup, *, form: RoundForm | None = None, status: int = 200
) -> HttpResponse:
    context = group_context(group)
    is_member = request.user.has_perm("coaching.log_round", group)
    context["is_member"] = is_member
    context["form"] = (
        (form or RoundForm(members=group.members.order_by("name"))) if is_member else None
    )
    return render(request, "coaching/group.html", context, status=status)


@signed_in
def group(request: AuthedRequest, pk: int) -> HttpResponse:
    return _group_page(request, visible_group(request, pk))


@require_POST
@signed_in
def round_log(request: AuthedRequest, pk: int) -> HttpResponse:
    group = visible_group(request, pk)
    require(request.user, "coaching.log_round", group)
    me = get_object_or_404(Person, user=request.user)
    form = RoundForm(request.POST, members=group.members.order_by("name"))
    if form.is_valid():
        values = dict(form.cleaned_data)
        values["coaches"] = list(values["coaches"])
        try:
            _round, created = services.peer_round_log(group=group, logged_by=me, **values)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if created:
                messages.success(request, _("The round is logged."))
            else:
                messages.info(request, _("That round was already logged."))
            return redirect("coaching:group", pk=group.pk)
    return _group_page(request, group, form=form, status=422)
