"""The home page: what concerns the signed-in person, by role."""

from __future__ import annotations

import logging
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.db.models import Count, F, Max, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, may_open, public, signed_in
from amplify.accounts.models import User
from amplify.core.privacy import suppress
from amplify.events.models import Event, Rsvp
from amplify.home.locale import layout_person, supported_language
from amplify.matching.models import HomeGroup
from amplify.people.models import PeopleImport, Person
from amplify.people.services import person_update
from amplify.programmes.models import Cohort, Enrolment, Pairing, Programme

REFERRALS_SHOWN = 25
PAST_PAIRS_SHOWN = 8
logger = logging.getLogger(__name__)


@signed_in
def index(request: AuthedRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    today = timezone.localdate()
    person = Person.objects.filter(user=user).select_related("partner").first()
    enrolments = list(
        Enrolment.objects.filter(person__user=user)
        .select_related("cohort__programme")
        .order_by("-cohort__starts_on")
    )
    current = [e for e in enrolments if e.cohort.status != Cohort.Status.CLOSED]
    mine = Pairing.objects.filter(Q(mentor__user=user) | Q(mentee__user=user)).select_related(
        "mentor", "mentee", "cohort"
    )
    context: dict[str, object] = {
        "person": person,
        "greeting": _greeting(now, person.time_zone if person else ""),
        "today": today,
        "current": current,
        "past": [e for e in enrolments if e.cohort.status == Cohort.Status.CLOSED][:8],
        # The agenda card links to the events page: shown when that page would open.
        "agenda": may_open(user, reverse("events:list")),
        "events": Event.objects.on_agenda_of(user)
        .upcoming(now=now)
        .select_related("cohort")
        .with_rsvp_counts()[:6],
        "replies": dict(Rsvp.objects.filter(person__user=user).values_list("event_id", "response")),
        "pairings": mine.current().order_by("cohort__starts_on", "pk"),
        "past_pairings": mine.past().order_by("-cohort__starts_on", "pk")[:PAST_PAIRS_SHOWN],
        "home_groups": HomeGroup.objects.published()
        .filter(members__user=user)
        .exclude(run__cohort__status=Cohort.Status.CLOSED)
        .select_related("run__cohort")
        .prefetch_related("members"),
    }
    managed = Cohort.objects.managed_by(user).select_related("programme")
    if user.is_programme_manager or user.is_superuser or managed.exists():
        context["managed"] = (
            managed.exclude(status=Cohort.Status.CLOSED).with_counts().order_by("starts_on")[:12]
        )
        context["imports"] = PeopleImport.objects.for_user(user).defer(
            "content", "errors", "preview"
        )[:3]
    if user.is_impact_admin:
        active = Enrolment.objects.active()
        context["org"] = {
            "programmes": Programme.objects.count(),
            "running": Cohort.objects.filter(status=Cohort.Status.RUNNING).count(),
            "people": suppress(active.values("person").distinct().count()),
            "countries": Person.objects.filter(enrolments__status=Enrolment.Status.ACTIVE)
            .values("country")
            .distinct()
            .count(),
            "alumni": suppress(
                Enrolment.objects.filter(status=Enrolment.Status.COMPLETED)
                .values("person")
                .distinct()
                .count()
            ),
        }
        context["all_cohorts"] = (
            Cohort.objects.exclude(status=Cohort.Status.CLOSED)
            .select_related("programme")
            .with_counts()
            .order_by("starts_on")[:12]
        )
    if user.is_partner and person is not None and person.partner_id:
        referred = Person.objects.filter(referred_by_id=person.partner_id)
        S = Enrolment.Status
        context["referral_totals"] = referred.aggregate(
            referred=Count("pk", distinct=True),
            active=Count("pk", filter=Q(enrolments__status=S.ACTIVE), distinct=True),
            completed=Count("pk", filter=Q(enrolments__status=S.COMPLETED), distinct=True),
            withdrawn=Count("pk", filter=Q(enrolments__status=S.WITHDRAWN), distinct=True),
        )
        # Those taking part now first, then the most recently enrolled.
        context["referrals"] = (
            referred.annotate(
                active=Count("enrolments", filter=Q(enrolments__status=S.ACTIVE)),
                latest=Max("enrolments__cohort__starts_on"),
            )
            .prefetch_related("enrolments__cohort")
            .order_by("-active", F("latest").desc(nulls_first=True), "name")[:REFERRALS_SHOWN]
        )
    return render(request, "home/index.html", context)


def _greeting(now: datetime, zone: str) -> str:
    try:
        hour = timezone.localtime(now, zoneinfo.ZoneInfo(zone or "UTC")).hour
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        hour = now.hour
    if hour < 12:
        return _("Good morning")
    return _("Good afternoon") if hour < 18 else _("Good evening")


@public
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The language switcher on every page: remembers the choice in a cookie (for anyone, on
    the sign-in page too) and, for a signed-in person, on her profile. A form, so it works
    without JavaScript; CSRF-protected like every POST."""
    code = supported_language(request.POST.get("language"))
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home:index")
    response = HttpResponseRedirect(target)
    if code is None:
        messages.error(request, _("Choose one of the languages offered."))
        return response
    person = layout_person(request)
    if person is not None and isinstance(request.user, User):  # a person is signed in
        person_update(person=person, changed_by=request.user, interface_language=code)
    translation.activate(code)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )
    return response


@public
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app answers and its database too (503 when it does not)."""
    try:
        Programme.objects.exists()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
