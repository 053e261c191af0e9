"""Writes for mentor training and screening: the curriculum and its settings, self-paced
activities and their verification, the code of conduct and its acceptances, background
check records."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amplify.accounts.models import User
from amplify.events.models import Event
from amplify.people.models import Person
from amplify.programmes.models import Enrolment, Programme
from amplify.training import emails
from amplify.training.models import (
    TEXT_MAX_LENGTH,
    Activity,
    BackgroundCheck,
    CodeAcceptance,
    CodeOfConduct,
    Module,
    TrainingSettings,
)

# The seed's curriculum (Positive Influence): four topics adding up to 10 hours, and the
# safeguarding module every mentor of young people completes (screening, not hours).
DEFAULT_MODULES: tuple[tuple[Any, Decimal, bool], ...] = (
    (gettext_lazy("Barriers to entry for young people"), Decimal("2.5"), False),
    (gettext_lazy("Mentoring and coaching techniques"), Decimal("3"), False),
    (gettext_lazy("Social and cultural capital"), Decimal("2.5"), False),
    (gettext_lazy("Diversity and inclusion advocacy"), Decimal("2"), False),
    (gettext_lazy("Safeguarding young people"), Decimal("1.5"), True),
)
DEFAULT_CODE = gettext_lazy(
    "As a mentor I will: keep to the agreed meeting times, or say in good time when I cannot; "
    "meet only in public or workplace settings, or through the platform's video calls; keep "
    "what my mentee tells me confidential, except where I believe she or someone else is at "
    "risk of harm, which I report at once to the programme's safeguarding lead; never ask for "
    "or give money, gifts or favours; keep our contact to the programme's channels; treat my "
    "mentee with respect whatever her background, and challenge discrimination when I see it."
)
MAX_HOURS = Decimal("100")


def is_programme_mentor(person: Person, programme: Programme) -> bool:
    return Enrolment.objects.filter(
        person=person, cohort__programme=programme, role=Enrolment.Role.MENTOR
    ).exists()


def _person_id(user: User) -> int | None:
    return Person.objects.filter(user=user).values_list("pk", flat=True).first()


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"hours": _("Give the hours as a number, e.g. 2.5.")}) from None
    if not Decimal(0) <= hours <= MAX_HOURS or hours != hours.quantize(Decimal("0.1")):
        raise ValidationError({"hours": _("Hours must be 0 to 100, in tenths of an hour.")})
    return hours


# ---------- The curriculum ----------


@transaction.atomic
def curriculum_create_default(
    *, programme: Programme, created_by: User, now: datetime | None = None
) -> list[Module]:
    """Give a mentoring programme the default curriculum, its screening settings (every item
    required) and a first code of conduct. Safe to call again: what exists is kept."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.kind != Programme.Kind.MENTORING:
        raise ValidationError(
            {"programme": _("Only a mentoring programme has a mentor curriculum.")}
        )
    if not Module.objects.filter(programme=programme).exists():
        for position, (title, hours, safeguarding) in enumerate(DEFAULT_MODULES):
            module = Module(
                programme=programme,
                title=str(title),
                hours=hours,
                position=position,
                safeguarding=safeguarding,
            )
            module._history_user = created_by  # type: ignore[attr-defined]
            module.save()
    if not TrainingSettings.objects.filter(programme=programme).exists():
        settings = TrainingSettings(programme=programme)
        settings._history_user = created_by  # type: ignore[attr-defined]
        settings.save()
    if not CodeOfConduct.objects.filter(programme=programme).exists():
        CodeOfConduct.objects.create(
            programme=programme,
            version=1,
            text=str(DEFAULT_CODE),
            published_by=created_by,
            published_at=now or timezone.now(),
        )
    return list(Module.objects.filter(programme=programme).in_order())


@transaction.atomic
def module_create(
    *,
    programme: Programme,
    title: str,
    hours: Any,
    created_by: User,
    description: str = "",
    safeguarding: bool = False,
    self_paced: bool = True,
) -> Module:
    Programme.objects.select_for_update().get(pk=programme.pk)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the module a topic.")})
    if Module.objects.filter(programme=programme, title__iexact=title).exists():
        raise ValidationError({"title": _("The programme already has a module of that topic.")})
    if safeguarding and Module.objects.filter(programme=programme, safeguarding=True).exists():
        raise ValidationError(
            {"safeguarding": _("The programme already has a safeguarding module.")}
        )
    position = Module.objects.filter(programme=programme).aggregate(p=Max("position"))["p"]
    module = Module(
        programme=programme,
        title=title[:160],
        description=description[:2000],
        hours=_hours(hours),
        safeguarding=safeguarding,
        self_paced=self_paced,
        position=(position or 0) + 1,
    )
    module._history_user = created_by  # type: ignore[attr-defined]
    module.save()
    return module


@transaction.atomic
def module_link_events(*, module: Module, events: list[Event], changed_by: User) -> Module:
    """The training events whose attendance counts towards the module (replacing the list)."""
    Module.objects.select_for_update().get(pk=module.pk)
    for event in events:
        if event.cohort.programme_id != module.programme_id or event.kind != Event.Kind.TRAINING:
            raise ValidationError(
                {"events": _("Only the programme's own training events count for a module.")}
            )
    module._history_user = changed_by  # type: ignore[attr-defined]
    module.events.set(events)
    return module


@transaction.atomic
def training_settings_set(
    *,
    programme: Programme,
    changed_by: User,
    require_safeguarding: bool,
    require_code_of_conduct: bool,
    require_background_check: bool,
) -> TrainingSettings:
    Programme.objects.select_for_update().get(pk=programme.pk)
    settings = TrainingSettings.objects.filter(programme=programme).first() or TrainingSettings(
        programme=programme
    )
    settings.require_safeguarding = require_safeguarding
    settings.require_code_of_conduct = require_code_of_conduct
    settings.require_background_check = require_background_check
    settings._history_user = changed_by  # type: ignore[attr-defined]
    settings.save()
    return settings


# ---------- Self-paced activities ----------


@transaction.atomic
def activity_mark_done(
    *,
    module: Module,
    person: Person,
    summary: str,
    now: datetime | None = None,
    notify: bool = True,
) -> Activity:
    """The mentor says she did a module's self-paced activity; the programme's managers are
    asked to verify it. Marking again (a second tab, a retry) updates the one activity."""
    now = now or timezone.now()
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Say what you did: a course, a reading, a recording.")})
    if len(summary) > 2000:
        raise ValidationError({"summary": _("Keep it to 2,000 characters.")})
    if not module.self_paced:
        raise ValidationError(
            {"module": _("This module is done by attending its training events.")}
        )
    if not is_programme_mentor(person, module.programme):
        raise ValidationError({"module": _("Only the programme's mentors do its training.")})
    activity, created = Activity.objects.select_for_update().get_or_create(
        module=module, person=person, defaults={"summary": summary, "marked_at": now}
    )
    if not created:
        if activity.status == Activity.Status.VERIFIED:
            raise ValidationError({"module": _("This activity is already verified.")})
        was_waiting = activity.status == Activity.Status.MARKED_DONE
        activity.summary, activity.status, activity.marked_at = (
            summary,
            Activity.Status.MARKED_DONE,
            now,
        )
        activity.note = ""
        activity._history_user = person.user  # type: ignore[attr-defined]
        activity.save()
        if was_waiting:
            return activity  # the managers were asked already
    if notify:
        transaction.on_commit(lambda: emails.activity_to_verify_notify(activity))
    return activity


def _lock_for_review(activity: Activity, by: User) -> Activity:
    locked = (
        Activity.objects.select_for_update().select_related("module__programme").get(pk=activity.pk)
    )
    if _person_id(by) == locked.person_id:
        raise ValidationError({"activity": _("A mentor cannot verify her own activity.")})
    return locked


@transaction.atomic
def activity_verify(
    *, activity: Activity, verified_by: User, now: datetime | None = None, notify: bool = True
) -> Activity:
    """A programme manager verifies a mentor's activity; the mentor is told. Verifying one
    already verified (two managers at once, a retry) changes nothing and tells no one again."""
    locked = _lock_for_review(activity, verified_by)
    if locked.status == Activity.Status.VERIFIED:
        return locked
    if locked.status != Activity.Status.MARKED_DONE:
        raise ValidationError(
            {"activity": _("The mentor has not marked this activity done again yet.")}
        )
    locked.status = Activity.Status.VERIFIED
    locked.verified_by, locked.verified_at = verified_by, now or timezone.now()
    locked._history_user = verified_by  # type: ignore[attr-defined]
    locked.save()
    if notify:
        transaction.on_commit(lambda: emails.activity_verified_notify(locked))
    return locked


@transaction.atomic
def activity_return(*, activity: Activity, returned_by: User, note: str) -> Activity:
    """Send an activity back to the mentor with a note (what is missing)."""
    locked = _lock_for_review(activity, returned_by)
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Tell the mentor what is missing.")})
    if locked.status != Activity.Status.MARKED_DONE:
        raise ValidationError({"activity": _("Only an activity waiting to be verified returns.")})
    locked.status, locked.note = Activity.Status.RETURNED, note[:500]
    locked._history_user = returned_by  # type: ignore[attr-defined]
    locked.save()
    return locked


# ---------- The code of conduct ----------


@transaction.atomic
def code_publish(
    *, programme: Programme, text: str, published_by: User, now: datetime | None = None
) -> CodeOfConduct:
    """A new version of the programme's code: every mentor must accept it again."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the code of conduct.")})
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError({"text": _("Keep the code to 20,000 characters.")})
    latest = CodeOfConduct.objects.filter(programme=programme).order_by("-version").first()
    if latest and latest.text == text:
        return latest  # a double submit: the same text is the same version
    return CodeOfConduct.objects.create(
        programme=programme,
        version=(latest.version if latest else 0) + 1,
        text=text,
        published_by=published_by,
        published_at=now or timezone.now(),
    )


@transaction.atomic
def code_accept(
    *, code: CodeOfConduct, person: Person, now: datetime | None = None
) -> CodeAcceptance:
    latest = CodeOfConduct.objects.filter(programme_id=code.programme_id).order_by("-version")[0]
    if latest.pk != code.pk:
        raise ValidationError(
            {"code": _("A newer version of the code exists: read and accept that one.")}
        )
    if not is_programme_mentor(person, code.programme):
        raise ValidationError({"code": _("Only the programme's mentors accept its code.")})
    acceptance, _created = CodeAcceptance.objects.get_or_create(
        code=code, person=person, defaults={"accepted_at": now or timezone.now()}
    )
    return acceptance


# ---------- Background checks ----------


@transaction.atomic
def background_check_record(
    *,
    programme: Programme,
    person: Person,
    kind: str,
    status: str,
    verified_by: User,
    checked_on: date | None = None,
    expires_on: date | None = None,
    reference: str = "",
    today: date | None = None,
) -> BackgroundCheck:
    """Record a background check a programme manager saw (a record only: Amplify calls no
    check service). A clear check needs its date."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if kind not in BackgroundCheck.Kind.values:
        errors["kind"] = _("Choose the type of check.")
    if status not in BackgroundCheck.Status.values:
        errors["status"] = _("Choose the check's status.")
    if status == BackgroundCheck.Status.CLEAR and checked_on is None:
        errors["checked_on"] = _("A clear check needs the date it was issued.")
    if checked_on and checked_on > today:
        errors["checked_on"] = _("The date of the check cannot be in the future.")
    if checked_on and expires_on and expires_on <= checked_on:
        errors["expires_on"] = _("A check expires after the date it was issued.")
    if _person_id(verified_by) == person.pk:
        errors["person"] = _("A mentor cannot record her own background check.")
    elif not is_programme_mentor(person, programme):
        errors["person"] = _("%(name)s is not a mentor of this programme.") % {
            "name": person.display_name
        }
    if errors:
        raise ValidationError(errors)
    Person.objects.select_for_update().get(pk=person.pk)
    reference = reference.strip()[:80]
    existing = BackgroundCheck.objects.filter(
        programme=programme,
        person=person,
        kind=kind,
        status=status,
        checked_on=checked_on,
        expires_on=expires_on,
        reference=reference,
    ).first()
    if existing:
        return existing  # a double submit
    check = BackgroundCheck(
        programme=programme,
        person=person,
        kind=kind,
        status=status,
        checked_on=checked_on,
        expires_on=expires_on,
        reference=reference,
        verified_by=verified_by,
    )
    check._history_user = verified_by  # type: ignore[attr-defined]
    check.save()
    return check
