"""Writes for programmes, cohorts, phases, enrolments and pairings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from amplify.accounts.types import Actor
from amplify.home.concurrency import check_version, unique_fields, violated_columns
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Pairing, Phase, Pillar, Programme

# What the edit forms and API updates change: their version covers these (see
# amplify.home.concurrency).
PROGRAMME_FIELDS = ("name", "summary", "description", "pillars", "managers")
COHORT_FIELDS = ("name", "starts_on", "ends_on", "description")


def cohort_lock(cohort: Cohort) -> Cohort:
    """The cohort row, locked until the transaction ends. Everything that allocates a run
    number or changes a cohort's runs takes it first (then runs, then pairs), so that two
    managers acting at once queue instead of deadlocking. NO KEY: it does not block rows
    being added that refer to the cohort."""
    return (
        Cohort.objects.select_for_update(no_key=True, of=("self",))
        .select_related("programme")
        .get(pk=cohort.pk)
    )


# Slugs that would collide with the programme pages' own URLs.
RESERVED_SLUGS = {"new", "cohorts"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:150] or "programme"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Programme.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _with_user(obj: Any, user: Any) -> Any:
    # simple-history records who made a change from this attribute when there is no request.
    obj._history_user = user if getattr(user, "is_authenticated", False) else None
    return obj


@transaction.atomic
def programme_create(
    *,
    name: str,
    kind: str,
    created_by: Actor,
    summary: str = "",
    description: str = "",
    pillars: Iterable[Pillar] = (),
    managers: Iterable[Person] = (),
) -> Programme:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the programme a name.")})
    if kind not in Programme.Kind.values:
        raise ValidationError(
            {
                "kind": _("Choose one of: %(choices)s.")
                % {"choices": ", ".join(Programme.Kind.values)}
            }
        )
    taken = {"name": _("A programme called “%(name)s” already exists.") % {"name": name}}
    for _attempt in range(5):
        if Programme.objects.filter(name__iexact=name).exists():
            raise ValidationError(taken)
        programme = _with_user(
            Programme(
                name=name,
                slug=_unique_slug(name),
                kind=kind,
                summary=summary.strip(),
                description=description.strip(),
            ),
            created_by,
        )
        try:
            with transaction.atomic():
                programme.save()
        except IntegrityError as exc:
            # Someone created a programme at the same moment: with this name (or the same
            # name in other capitals, so the same slug: the check above now sees it), or
            # with another name that makes the same slug (try the next one).
            if "name" in violated_columns(exc):
                raise ValidationError(taken) from None
            if "slug" not in violated_columns(exc):
                raise
            continue
        break
    else:
        raise ValidationError(
            {"name": _("Too many programmes are being created at once; try again.")}
        )
    programme.pillars.set(pillars)
    people = list(managers)
    creator = Person.objects.filter(user=created_by).first() if created_by else None
    if creator is not None and creator not in people:
        people.append(creator)
    programme.managers.set(people)
    return programme


@transaction.atomic
def programme_update(
    *, programme: Programme, changed_by: Actor, version: str | None = None, **fields: Any
) -> Programme:
    """Change a programme; `version` is the one the caller saw (EditConflict if it moved)."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    check_version(programme, fields=PROGRAMME_FIELDS, expected=version)
    pillars = fields.pop("pillars", None)
    managers = fields.pop("managers", None)
    allowed = {"name", "summary", "description"}
    if set(fields) - allowed:
        raise ValidationError(
            _("Cannot change: %(fields)s.") % {"fields": ", ".join(sorted(set(fields) - allowed))}
        )
    if "name" in fields:
        name = fields["name"].strip()
        if not name:
            raise ValidationError({"name": _("Give the programme a name.")})
        if Programme.objects.filter(name__iexact=name).exclude(pk=programme.pk).exists():
            raise ValidationError(
                {"name": _("A programme called “%(name)s” already exists.") % {"name": name}}
            )
        fields["name"] = name
    for key, value in fields.items():
        setattr(programme, key, value)
    taken = _("A programme called “%(name)s” already exists.") % {"name": fields.get("name")}
    with unique_fields({"name": taken}):
        _with_user(programme, changed_by).save()
    if pillars is not None:
        programme.pillars.set(pillars)
    if managers is not None:
        if not list(managers):
            raise ValidationError({"managers": _("A programme needs at least one manager.")})
        programme.managers.set(managers)
    return programme


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("The end date must be after the start date.")})
    if (ends_on - starts_on).days > 3 * 366:
        raise ValidationError({"ends_on": _("A cohort can last at most three years.")})


@transaction.atomic
def cohort_create(
    *,
    programme: Programme,
    name: str,
    starts_on: date,
    ends_on: date,
    created_by: Actor,
    number: int | None = None,
    description: str = "",
    status: str = Cohort.Status.DRAFT,
) -> Cohort:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the cohort a name, e.g. “Cohort 7 (2026)”.")})
    _check_dates(starts_on, ends_on)
    if status not in Cohort.Status.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": status}})
    # Numbers are allocated under a lock on the programme, so two cohorts created at once
    # get the next two numbers.
    programme = Programme.objects.select_for_update(no_key=True).get(pk=programme.pk)
    if number is None:
        number = (programme.cohorts.aggregate(n=Max("number"))["n"] or 0) + 1
    taken = {
        "number": _("%(programme)s already has a cohort number %(number)s.")
        % {"programme": programme, "number": number}
    }
    if programme.cohorts.filter(number=number).exists():
        raise ValidationError(taken)
    cohort = _with_user(
        Cohort(
            programme=programme,
            name=name,
            number=number,
            starts_on=starts_on,
            ends_on=ends_on,
            description=description.strip(),
            status=status,
        ),
        created_by,
    )
    with unique_fields(taken):
        cohort.save()
    return cohort


@transaction.atomic
def cohort_update(
    *,
    cohort: Cohort,
    changed_by: Actor,
    name: str,
    starts_on: date,
    ends_on: date,
    description: str = "",
    version: str | None = None,
) -> Cohort:
    """Change a cohort's name, dates and description; `version` is the one the caller saw
    (EditConflict if someone else saved since). Its status and the rest stay as they are
    now, not as the caller read them."""
    cohort = cohort_lock(cohort)
    check_version(cohort, fields=COHORT_FIELDS, expected=version)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the cohort a name.")})
    _check_dates(starts_on, ends_on)
    outside = cohort.phases.exclude(starts_on__gte=starts_on, ends_on__lte=ends_on)
    if outside.exists():
        raise ValidationError(
            {
                "starts_on": _("Phase “%(phase)s” would fall outside the new dates.")
                % {"phase": outside.first()}
            }
        )
    cohort.name, cohort.starts_on, cohort.ends_on = name, starts_on, ends_on
    cohort.description = description.strip()
    _with_user(cohort, changed_by).save()
    return cohort


@transaction.atomic
def phase_add(
    *,
    cohort: Cohort,
    name: str,
    starts_on: date,
    ends_on: date,
    description: str = "",
    changed_by: Actor | None = None,
) -> Phase:
    # Locked: the cohort's dates may be changing at the same moment.
    cohort = cohort_lock(cohort)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the phase.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The phase must end on or after its start.")})
    if starts_on < cohort.starts_on or ends_on > cohort.ends_on:
        raise ValidationError(
            {
                "starts_on": _("A phase must fall within the cohort's dates (%(start)s – %(end)s).")
                % {
                    "start": date_format(cohort.starts_on, "d M Y"),
                    "end": date_format(cohort.ends_on, "d M Y"),
                }
            }
        )
    phase = _with_user(
        Phase(
            cohort=cohort,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            description=description.strip(),
        ),
        changed_by,
    )
    phase.save()
    return phase


@transaction.atomic
def cohort_enrol(
    *,
    cohort: Cohort,
    person: Person,
    role: str,
    enrolled_by: Actor | None,
    now: datetime | None = None,
) -> Enrolment:
    """Enrol a person in a cohort with a role. Re-enrolling someone who withdrew makes
    their enrolment active again."""
    if role not in Enrolment.Role.values:
        raise ValidationError({"role": _("Unknown role “%(role)s”.") % {"role": role}})
    # The row, locked: the cohort may have been closed since the caller loaded it.
    cohort = (
        Cohort.objects.select_for_update(of=("self",)).select_related("programme").get(pk=cohort.pk)
    )
    if role not in cohort.programme.roles:
        raise ValidationError(
            {
                "role": _("A %(kind)s programme has no “%(role)s” role.")
                % {
                    "kind": cohort.programme.get_kind_display().lower(),
                    "role": str(Enrolment.Role(role).label).lower(),
                }
            }
        )
    if cohort.status == Cohort.Status.CLOSED:
        raise ValidationError(_("This cohort is closed: reopen it to change who takes part."))
    existing = (
        Enrolment.objects.select_for_update()
        .filter(cohort=cohort, person=person, role=role)
        .first()
    )
    if existing is not None:
        if existing.status == Enrolment.Status.ACTIVE:
            role_name = existing.get_role_display().lower()
            raise ValidationError(
                {
                    "person": _("%(person)s is already enrolled as %(role)s.")
                    % {"person": person, "role": role_name}
                }
            )
        existing.status, existing.ended_at = Enrolment.Status.ACTIVE, None
        _with_user(existing, enrolled_by).save()
        return existing
    enrolment = _with_user(
        Enrolment(cohort=cohort, person=person, role=role, enrolled_at=now or timezone.now()),
        enrolled_by,
    )
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        raise ValidationError(
            {"person": _("%(person)s is already enrolled in this role.") % {"person": person}}
        ) from None
    return enrolment


@transaction.atomic
def enrolment_withdraw(
    *, enrolment: Enrolment, changed_by: Actor, note: str = "", now: datetime | None = None
) -> Enrolment:
    """Withdraw someone from a cohort; their pairs in it end the same day."""
    now = now or timezone.now()
    # Re-read and locked: someone may have withdrawn (or re-enrolled) her since.
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort", "person")
        .get(pk=enrolment.pk)
    )
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise ValidationError(_("Only an active enrolment can be withdrawn."))
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.ended_at = now
    enrolment.note = note.strip()[:300]
    _with_user(enrolment, changed_by).save()
    today = timezone.localdate(now)
    ended = Pairing.objects.active().filter(
        Q(mentor=enrolment.person) | Q(mentee=enrolment.person), cohort=enrolment.cohort
    )
    for pairing in ended:
        pairing.ended_on = today
        _with_user(pairing, changed_by).save()
    return enrolment


PAIR_ROLES = {
    Pairing.Kind.MENTORING: (Enrolment.Role.MENTOR, Enrolment.Role.MENTEE),
    Pairing.Kind.COACHING: (Enrolment.Role.COACH, None),
}


@transaction.atomic
def pairing_create(
    *,
    cohort: Cohort,
    kind: str,
    mentor: Person,
    mentee: Person,
    started_on: date,
    created_by: Actor | None = None,
) -> Pairing:
    """Pair a mentor with a mentee (or a coach with a coachee) inside a cohort."""
    if kind not in Pairing.Kind.values:
        raise ValidationError({"kind": _("Unknown kind “%(kind)s”.") % {"kind": kind}})
    if mentor.pk == mentee.pk:
        raise ValidationError({"mentee": _("A person cannot be paired with themself.")})
    giver_role, taker_role = PAIR_ROLES[Pairing.Kind(kind)]
    active = Enrolment.objects.active().filter(cohort=cohort)
    if not active.filter(person=mentor, role=giver_role).exists():
        raise ValidationError(
            {
                "mentor": _("%(person)s is not an active %(role)s in %(cohort)s.")
                % {
                    "person": mentor,
                    "role": str(Enrolment.Role(giver_role).label).lower(),
                    "cohort": cohort,
                }
            }
        )
    takers = active.filter(person=mentee)
    if taker_role is not None:
        takers = takers.filter(role=taker_role)
    else:
        takers = takers.filter(role__in=[Enrolment.Role.PARTICIPANT, Enrolment.Role.MENTEE])
    if not takers.exists():
        raise ValidationError(
            {
                "mentee": (
                    _("%(person)s is not active in %(cohort)s in a role that can be coached.")
                    if taker_role is None
                    else _("%(person)s is not active in %(cohort)s in a role that can be mentored.")
                )
                % {"person": mentee, "cohort": cohort}
            }
        )
    if (
        Pairing.objects.active()
        .filter(cohort=cohort, kind=kind, mentor=mentor, mentee=mentee)
        .exists()
    ):
        raise ValidationError(
            {
                "mentee": _("%(mentor)s and %(mentee)s are already paired.")
                % {"mentor": mentor, "mentee": mentee}
            }
        )
    pairing = _with_user(
        Pairing(cohort=cohort, kind=kind, mentor=mentor, mentee=mentee, started_on=started_on),
        created_by,
    )
    pairing.save()
    return pairing
