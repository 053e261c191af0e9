"""The people a bench signs in, and the pages and API calls each one uses.

Shared by bench/load.py (over HTTP, against gunicorn) and bench/server_cost.py (in-process),
so both measure the same mix. Django must be set up before `sign_in_visitors` is called.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# One visitor in ten is a programme manager (the demo has one manager account: each of these
# visitors is a browser session of her own, as when she works in several tabs or machines).
MANAGER_SHARE = 10


@dataclass
class Visitor:
    """One signed-in person: her cookie, her token and the routes she browses."""

    email: str
    cookie: str
    token: str
    routes: list[tuple[str, str]]  # (label, path); labels starting "api" use the token


class NotEnoughPeople(Exception):
    """The database holds fewer people who can sign in than the bench was asked for."""


def sign_in_visitors(users: int, *, rng: random.Random) -> list[Visitor]:
    """Exactly `users` signed-in visitors, or NotEnoughPeople saying how many there are.

    Members are people enrolled in a cohort, those of running cohorts first, then alumni of
    closed cohorts (who still open their home page, profile, cohort and events): the demo's
    running cohorts alone hold only ~80 people without a staff role. Staff other than the
    programme managers are left out: they would be sent to set up a second factor."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Case, IntegerField, Value, When
    from django.urls import reverse

    from amplify.accounts.middleware import SESSION_FLAG
    from amplify.accounts.models import User
    from amplify.accounts.services import api_token_create, user_create
    from amplify.people.models import Person
    from amplify.programmes.models import Cohort, Enrolment

    def sign_in(user: User) -> tuple[str, str]:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        # A signed-in staff member has passed her second factor at login.
        session[SESSION_FLAG] = True
        session.create()
        _, raw = api_token_create(user=user, name="load test")
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", raw

    visitors: list[Visitor] = []
    managers = list(User.objects.filter(role=User.Role.PROGRAMME_MANAGER).order_by("pk"))
    manager_visitors = max(1, users // MANAGER_SHARE) if managers else 0
    for i in range(min(manager_visitors, users)):
        user = managers[i % len(managers)]
        cohorts = list(Cohort.objects.managed_by(user).order_by("pk"))
        if not cohorts:
            continue
        cohort = rng.choice(cohorts)
        cookie, token = sign_in(user)
        routes = [
            ("home", reverse("home:index")),
            ("cohort", reverse("programmes:cohort", args=[cohort.pk])),
            ("cohort people", reverse("programmes:cohort-people", args=[cohort.pk])),
            ("directory", reverse("people:list")),
            ("directory search", reverse("people:list") + "?q=an"),
            ("api people", "/api/people?limit=50"),
            ("api cohort enrolments", f"/api/cohorts/{cohort.pk}/enrolments"),
        ]
        visitors.append(Visitor(user.email, cookie, token, routes))

    manager_sessions = len(visitors)
    # Running cohorts first, then the most recent closed ones.
    enrolments = (
        Enrolment.objects.exclude(cohort__status=Cohort.Status.DRAFT)
        .annotate(
            running=Case(
                When(cohort__status=Cohort.Status.RUNNING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("person", "person__user")
        .order_by("running", "-cohort__starts_on", "pk")
    )
    seen: set[int] = set()
    for enrolment in enrolments.iterator():
        if len(visitors) >= users:
            break
        person: Person = enrolment.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        user = person.user
        if user is not None and (user.needs_mfa or not user.is_active):
            continue
        if user is None:
            user = user_create(email=person.email, password=None)
            Person.objects.filter(pk=person.pk).update(user=user)
        cookie, token = sign_in(user)
        routes = [
            ("home", reverse("home:index")),
            ("my profile", reverse("people:detail", args=[person.pk])),
            ("cohort", reverse("programmes:cohort", args=[enrolment.cohort_id])),
            ("events", reverse("events:list")),
            ("api me", "/api/me"),
            ("api my matches", "/api/me/matches"),
            ("api cohort", f"/api/cohorts/{enrolment.cohort_id}"),
            ("api events", "/api/events"),
        ]
        visitors.append(Visitor(user.email, cookie, token, routes))
    if len(visitors) < users:
        members = len(visitors) - manager_sessions
        raise NotEnoughPeople(
            f"Asked for {users} signed-in people, but the database has only {members} enrolled "
            f"people without a staff role (plus {manager_sessions} programme manager sessions). "
            "Ask for fewer with --users, or load a bigger demo (demo_load --employees)."
        )
    return visitors
