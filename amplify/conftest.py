"""Shared personas. Each comment says what that person may see; tests lean on it.

The world: a mentoring programme ("Positive Influence") with a running cohort, run by Harriet
(programme manager); Alice mentors Bea, Carl mentors Dan; Bea was referred by an outreach
partner where Pat works. A leadership programme run by someone else has a cohort Harriet
does not manage. Ina is the impact admin, Ada the administrator, Otto an outsider.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone, translation

from amplify.accounts.models import User
from amplify.events.models import Event
from amplify.events.tests.factories import EventFactory
from amplify.people.models import Partner, Person
from amplify.people.tests.factories import (
    DivisionFactory,
    ExternalPersonFactory,
    PartnerFactory,
    PersonFactory,
    UserFactory,
)
from amplify.programmes.models import Cohort, Enrolment, Pairing, Programme
from amplify.programmes.tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    PairingFactory,
    ProgrammeFactory,
)


@dataclass
class World:
    harriet: User  # programme manager: runs the mentoring programme; sees every person
    ina: User  # impact admin: sees all programmes and, alone, diversity data
    ada: User  # administrator: everything through the admin, except diversity data
    alice: User  # mentor in the cohort: sees Bea (her mentee) and the cohort's staff
    bea: User  # Alice's mentee (external, referred by the partner): sees Alice, not Dan
    carl: User  # another mentor
    dan: User  # Carl's mentee: Alice must not see him
    pat: User  # outreach partner staff: sees only the people the partner referred (Bea)
    otto: User  # an employee in no cohort: sees only himself
    # The leadership programme's people (the cohort `leadership_cohort`):
    max: User  # programme manager of the leadership programme only: not of Harriet's
    lena: User  # participant in the leadership cohort, coached by Coco
    leo: User  # another participant in the same cohort: must not read Coco's notes on Lena
    coco: User  # coach of Lena: reads her own coaching notes, nobody else's
    sam: User  # executive sponsor (a managing director) in the leadership cohort; a judge
    partner: Partner
    programme: Programme
    cohort: Cohort
    event: Event  # an upcoming launch of the cohort
    leadership: Programme  # run by someone else
    leadership_cohort: Cohort

    def person(self, user: User) -> Person:
        return Person.objects.get(user=user)


# Staff personas share this TOTP secret, so a browser test can type a real code.
TOTP_SECRET = generate_totp_secret()


def _user(email: str, role: str = User.Role.MEMBER, **extra: object) -> User:
    user = UserFactory(email=email, role=role, **extra)
    if user.needs_mfa:
        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture(autouse=True)
def _site_language_between_tests() -> Iterator[None]:
    """A request in Spanish or Japanese leaves that language active in its thread (as
    Django's LocaleMiddleware does); the next test starts in the site's language again."""
    yield
    translation.deactivate()


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def build_world() -> World:
    division = DivisionFactory(name="Sony Music UK")
    partner = PartnerFactory()
    users = {
        "harriet": _user("harriet@sony.example", User.Role.PROGRAMME_MANAGER),
        "ina": _user("ina@sony.example", User.Role.IMPACT_ADMIN),
        "ada": _user("ada@sony.example", is_staff=True, is_superuser=True),
        "alice": _user("alice@sony.example"),
        "bea": _user("bea@example.com"),
        "carl": _user("carl@sony.example"),
        "dan": _user("dan@example.com"),
        "pat": _user("pat@creativementor.example", User.Role.PARTNER),
        "otto": _user("otto@sony.example"),
        "max": _user("max@sony.example", User.Role.PROGRAMME_MANAGER),
        "lena": _user("lena.lee@sony.example"),
        "leo": _user("leo@sony.example"),
        "coco": _user("coco@sony.example"),
        "sam": _user("sam@sony.example"),
    }
    people = {}
    for key, user in users.items():
        if key in ("bea", "dan"):
            people[key] = ExternalPersonFactory(
                name=key.capitalize() + " Young",
                email=user.email,
                user=user,
                referred_by=partner if key == "bea" else None,
            )
        elif key == "pat":
            people[key] = ExternalPersonFactory(
                name="Pat Partner", email=user.email, user=user, partner=partner
            )
        else:
            people[key] = PersonFactory(
                name=key.capitalize() + " Staff", email=user.email, user=user, division=division
            )
    programme = ProgrammeFactory(
        name="Positive Influence", slug="positive-influence", kind=Programme.Kind.MENTORING
    )
    programme.managers.add(people["harriet"])
    cohort = CohortFactory(programme=programme, name="Positive Influence 2026 (cohort 7)")
    R = Enrolment.Role
    for key, role in (
        ("alice", R.MENTOR),
        ("carl", R.MENTOR),
        ("bea", R.MENTEE),
        ("dan", R.MENTEE),
    ):
        EnrolmentFactory(cohort=cohort, person=people[key], role=role)
    PairingFactory(cohort=cohort, mentor=people["alice"], mentee=people["bea"])
    PairingFactory(cohort=cohort, mentor=people["carl"], mentee=people["dan"])
    event = EventFactory(cohort=cohort, title="Launch evening")
    leadership = ProgrammeFactory(name="Amplify", slug="amplify", kind=Programme.Kind.LEADERSHIP)
    leadership.managers.add(people["max"])
    leadership_cohort = CohortFactory(
        programme=leadership,
        name="Amplify 2026",
        starts_on=timezone.localdate() - timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=180),
    )
    EnrolmentFactory(cohort=leadership_cohort, person=PersonFactory(), role=R.PARTICIPANT)
    for key, role in (
        ("lena", R.PARTICIPANT),
        ("leo", R.PARTICIPANT),
        ("coco", R.COACH),
        ("sam", R.SPONSOR),
    ):
        EnrolmentFactory(cohort=leadership_cohort, person=people[key], role=role)
    PairingFactory(
        cohort=leadership_cohort,
        kind=Pairing.Kind.COACHING,
        mentor=people["coco"],
        mentee=people["lena"],
    )
    return World(
        **users,
        partner=partner,
        programme=programme,
        cohort=cohort,
        event=event,
        leadership=leadership,
        leadership_cohort=leadership_cohort,
    )


@pytest.fixture
def as_user(db: None):
    """A logged-in test client for a user: `as_user(world.alice).get(...)`."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
