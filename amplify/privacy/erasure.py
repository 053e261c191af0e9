"""Anonymising one person everywhere, in place.

Rows that other records point at (the person, her enrolments, pairs, replies, proposals,
group memberships) stay, so every count and aggregate stays what it was; what they say
about her goes. Updates go through querysets, so the erasure writes no new history rows
(the history would otherwise keep what was just erased); the erasure log records it.

What stays, and why: the person row's country, division and referring partner (the
figures count people by them), her enrolments' role and status, her pairs, her event
replies and attendance, and the ids that tie these together. None names her.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from amplify.accounts.models import ApiToken, User
from amplify.diversity import services as _diversity_services
from amplify.home.history_actor import HistoryActor
from amplify.matching.models import GroupingRun, MatchingRun, MatchProfile, PairRule, ProposedPair
from amplify.people.models import PeopleImport, Person
from amplify.privacy import imports
from amplify.privacy.identifiers import ERASED_DOMAIN, ERASED_NAME, Identifiers
from amplify.programmes.models import Enrolment

# A run's snapshot of one person: neutral values for what described her. Fields the engine
# needs to read the snapshot back (key, capacity) keep their value.
NEUTRAL_PROFILE: dict[str, Any] = {
    "tags": [],
    "job_family": None,
    "division": None,
    "languages": [],
    "utc_offset": None,
    "country": None,
    "in_person": True,
    "slots": [],
    "seniority": 0,
    "attributes": [],
    "wants": [],
    "training_hours": 0.0,
    "managers": [],
}
KEPT_IN_SNAPSHOT = {"key", "capacity", "band"}


def placeholder_email(reference: uuid.UUID) -> str:
    """Unique, so the row keeps its unique email; undeliverable (RFC 2606 `.invalid`)."""
    return f"erased-{reference.hex}@{ERASED_DOMAIN}"


def diversity_services() -> ModuleType:
    """The diversity app's services (only this app and matching may import diversity; see
    pyproject's import contracts). Typed as a module: its erase and export functions are
    called by name, as the diversity app declares them."""
    return _diversity_services


def _neutral(name: str, value: Any) -> Any:
    if isinstance(value, dict):  # a grouping member's attributes: same keys, no values
        return dict.fromkeys(value)
    if name in NEUTRAL_PROFILE:
        return NEUTRAL_PROFILE[name]
    if isinstance(value, list):
        return []
    if isinstance(value, str):
        return ""
    return value


def scrub_snapshot_entry(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v if k in KEPT_IN_SNAPSHOT else _neutral(k, v) for k, v in entry.items()}


def _scrub_inputs(inputs: dict[str, Any], key: str) -> bool:
    changed = False
    for side in ("mentors", "mentees", "members"):
        entries = inputs.get(side)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and str(entry.get("key")) == key:
                scrubbed = scrub_snapshot_entry(entry)
                changed |= scrubbed != entry
                entries[index] = scrubbed
    names = inputs.get("names")
    if isinstance(names, dict) and key in names and names[key] != ERASED_NAME:
        names[key] = ERASED_NAME
        changed = True
    return changed


def erase_person_row(person: Person, *, email: str, now: datetime) -> None:
    fields: dict[str, Any] = {
        "name": ERASED_NAME,
        "preferred_name": "",
        "pronouns": "",
        "email": email,
        "employee_id": None,
        "job_title": "",
        "manager": None,
        "languages": [],
        "time_zone": "",
        "bio": "",
        "user": None,
    }
    Person.objects.filter(pk=person.pk).update(**fields, updated_at=now)
    Person.history.filter(id=person.pk).update(**fields)


def erase_free_text(person: Person) -> None:
    """Notes staff wrote about her, now and in their history."""
    Enrolment.objects.filter(person=person).update(note="")
    Enrolment.history.filter(person_id=person.pk).update(note="")
    rules = Q(mentor=person) | Q(mentee=person)
    PairRule.objects.filter(rules).update(note="")
    PairRule.history.filter(Q(mentor_id=person.pk) | Q(mentee_id=person.pk)).update(note="")


def erase_matching(person: Person) -> None:
    """Her matching profile and its history; her features in every run's snapshot; the
    per-criterion explanations of proposals about her (their scores stay)."""
    MatchProfile.objects.filter(person=person).delete()
    MatchProfile.history.filter(person_id=person.pk).delete()
    key = str(person.pk)
    cohorts = (
        set(Enrolment.objects.filter(person=person).values_list("cohort_id", flat=True))
        | set(
            ProposedPair.objects.filter(Q(mentor=person) | Q(mentee=person)).values_list(
                "run__cohort_id", flat=True
            )
        )
        | set(person.home_groups.values_list("run__cohort_id", flat=True))
    )
    # Locked in pk order, as every other writer of runs locks them.
    for model in (MatchingRun, GroupingRun):
        runs = model.objects.select_for_update().filter(cohort_id__in=cohorts).order_by("pk")
        for run in runs:
            if _scrub_inputs(run.inputs, key):
                model.objects.filter(pk=run.pk).update(inputs=run.inputs)
    for pair in ProposedPair.objects.filter(Q(mentor=person) | Q(mentee=person)):
        breakdown = [{**row, "detail": "", "facts": {}} for row in pair.breakdown]
        if breakdown != pair.breakdown:
            ProposedPair.objects.filter(pk=pair.pk).update(breakdown=breakdown)


def erase_imports(ids: Identifiers) -> int:
    """Her rows in every stored HR file, preview and error list. Returns imports changed."""
    changed = 0
    pks = PeopleImport.objects.order_by("pk").values_list("pk", flat=True)
    for pk in pks:
        # One at a time: files can be large.
        job = PeopleImport.objects.select_for_update().get(pk=pk)
        if imports.redact(job, ids):
            PeopleImport.objects.filter(pk=pk).update(
                content=job.content, size=job.size, preview=job.preview, errors=job.errors
            )
            changed += 1
    return changed


def erase_account(user: User, *, email: str) -> None:
    """Deactivate the account and remove what signs in as her or names her."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    User.objects.filter(pk=user.pk).update(
        email=email,
        password=make_password(None),  # unusable; also ends sessions (their hash changes)
        is_active=False,
        is_staff=False,
        is_superuser=False,
        role=User.Role.MEMBER,
        last_login=None,
    )
    user.groups.clear()
    user.user_permissions.clear()
    User.history.filter(id=user.pk).update(email=email)
    ApiToken.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    _end_sessions(user)


def _end_sessions(user: User) -> None:
    """Delete her stored sessions. Engines that store none in the database (cookies, cache)
    are ended by the password change above: Django checks a session's password hash."""
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()


def erase_admin_log(person: Person, user: User | None, *, email: str) -> None:
    """The admin's own log names the objects it changed."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)
    ).update(object_repr=ERASED_NAME, change_message="")
    if user is not None:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
        ).update(object_repr=email, change_message="")


def erase_authorship(user: User | None, ids: Identifiers) -> None:
    """Every history record keeps its author's name and email as they were
    (amplify/home/history_actor.py): hers, on the changes she made, become the placeholder,
    including those whose author key an earlier account deletion emptied."""
    hers = Q(pk__in=[])
    if user is not None:
        hers |= Q(history_user_id=user.pk)
    for email in ids.emails:
        hers |= Q(history_actor__iendswith=f"({email})") | Q(history_actor__iexact=email)
    for model in apps.get_models():
        if issubclass(model, HistoryActor):
            model._base_manager.filter(hers).update(history_actor=ERASED_NAME)


def erase_diversity(person: Person) -> None:
    diversity_services().diversity_erase_for_person(person_id=person.pk)
