"""Writes for outcomes: a person records an outcome (or her manager does for her), the
manager of her cohort confirms or rejects it, and a mentee saves her showcase project."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.core import outcomes as core
from amplify.home.links import validate_web_link
from amplify.home.uploads import upload_check
from amplify.outcomes.models import (
    TEXT_MAX_LENGTH,
    Kind,
    Outcome,
    ShowcaseProject,
    Verification,
    showcase_event,
)
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment

# The roles whose people report outcomes: a mentee, and a leadership programme's participant.
REPORTING_ROLES = (Enrolment.Role.MENTEE, Enrolment.Role.PARTICIPANT)


def _text(errors: dict[str, str], field: str, value: str, *, required: bool = False) -> None:
    if required and not value.strip():
        errors[field] = _("This field is required.")
    elif len(value) > TEXT_MAX_LENGTH:
        errors[field] = _("Keep it under %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}


def _link(errors: dict[str, str], field: str, value: str) -> None:
    try:
        validate_web_link(value)
    except ValidationError as exc:
        errors[field] = " ".join(exc.messages)


def _file(errors: dict[str, str], field: str, file: UploadedFile | None) -> None:
    if file is None:
        return
    try:
        upload_check(file, field=field)
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})


def manages_person_cohort(user: User, cohort: Cohort | None) -> bool:
    return cohort is not None and Cohort.objects.managed_by(user).filter(pk=cohort.pk).exists()


def outcome_cohorts(person: Person) -> list[Cohort]:
    """The cohorts an outcome of this person may belong to: those she took part in as a
    mentee or participant (one who withdrew too: the counts leave her out), the latest
    first."""
    enrolled = Enrolment.objects.filter(person=person, role__in=REPORTING_ROLES)
    return list(
        Cohort.objects.filter(pk__in=enrolled.values("cohort_id"))
        .select_related("programme")
        .order_by("-starts_on", "-pk")
    )


@transaction.atomic
def outcome_record(
    *,
    person: Person,
    recorded_by: User,
    kind: str,
    happened_on: date,
    cohort: Cohort | None = None,
    experiment: Any = None,
    organisation: str = "",
    description: str = "",
    evidence_file: UploadedFile | None = None,
    evidence_link: str = "",
    request_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Record an outcome. The person records her own (self-reported); a manager of the
    cohort may record one for her, which is then confirmed by that manager at once.
    Whether it happened during the programme is computed from the cohort's dates. Sending
    the same `request_key` again returns the outcome recorded the first time."""
    now = now or timezone.now()
    if request_key is not None:
        found = Outcome.objects.filter(recorded_by=recorded_by, request_key=request_key).first()
        if found is not None:
            return found
    if experiment is not None and cohort is None:
        cohort = experiment.cohort  # an experiment's outcome is one of its cohort
    own = person.user_id == recorded_by.pk
    if not own and not manages_person_cohort(recorded_by, cohort):
        raise ValidationError(
            {"cohort": _("Only the person herself or a manager of her cohort records an outcome.")}
        )
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        errors["kind"] = _("Choose a kind of outcome.")
    if cohort is not None and cohort.pk not in {c.pk for c in outcome_cohorts(person)}:
        errors["cohort"] = _("%(name)s did not take part in %(cohort)s.") % {
            "name": person.display_name,
            "cohort": cohort.name,
        }
    if experiment is not None and experiment.owner_id != person.pk:
        errors["experiment"] = _("Link an outcome only to an experiment of %(name)s's own.") % {
            "name": person.display_name
        }
    elif experiment is not None and cohort is not None and experiment.cohort_id != cohort.pk:
        errors["experiment"] = _("That experiment belongs to another cohort.")
    if happened_on > timezone.localdate(now):
        errors["happened_on"] = _("The date cannot be in the future.")
    if len(organisation) > 200:
        errors["organisation"] = _("Keep it under %(limit)s characters.") % {"limit": 200}
    _text(errors, "description", description)
    _link(errors, "evidence_link", evidence_link)
    _file(errors, "evidence_file", evidence_file)
    if errors:
        raise ValidationError(errors)
    outcome = Outcome(
        person=person,
        cohort=cohort,
        experiment=experiment,
        kind=kind,
        happened_on=happened_on,
        organisation=organisation.strip(),
        description=description.strip(),
        during_programme=(
            core.during_programme(happened_on, starts_on=cohort.starts_on, ends_on=cohort.ends_on)
            if cohort is not None
            else None
        ),
        recorded_by=recorded_by,
        recorded_at=now,
        evidence_link=evidence_link,
        request_key=request_key or uuid.uuid4(),
    )
    if not own:
        outcome.verification = Verification.CONFIRMED
        outcome.verified_by, outcome.verified_at = recorded_by, now
    if evidence_file is not None:
        outcome.evidence_file = evidence_file
    outcome._history_user = recorded_by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            outcome.save()
    except IntegrityError:
        # The same form sent twice at once: the other request recorded it.
        return Outcome.objects.get(recorded_by=recorded_by, request_key=outcome.request_key)
    return outcome


def may_verify(user: User, outcome: Outcome) -> bool:
    """The managers of the outcome's cohort (and administrators) confirm or reject it; never
    the person it is about."""
    if outcome.person.user_id == user.pk:
        return False
    return bool(user.is_superuser) or manages_person_cohort(user, outcome.cohort)


@transaction.atomic
def outcome_verify(
    *,
    outcome: Outcome,
    by: User,
    confirm: bool,
    reason: str = "",
    now: datetime | None = None,
) -> Outcome:
    """Confirm an outcome, or reject it with a reason. Doing the same again changes nothing;
    an outcome someone else already confirmed or rejected is not decided again."""
    now = now or timezone.now()
    locked = Outcome.objects.select_for_update().select_related("person").get(pk=outcome.pk)
    if not may_verify(by, locked):
        raise ValidationError(
            {"verification": _("Only a manager of the cohort confirms or rejects an outcome.")}
        )
    wanted = Verification.CONFIRMED if confirm else Verification.REJECTED
    if locked.verification == wanted:
        return locked
    if locked.verification != Verification.SELF_REPORTED:
        raise ValidationError(
            {
                "verification": _("This outcome was already %(state)s.")
                % {"state": locked.get_verification_display().lower()}
            }
        )
    if not confirm:
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the outcome is rejected.")})
        _errors: dict[str, str] = {}
        _text(_errors, "reason", reason)
        if _errors:
            raise ValidationError(_errors)
    locked.verification = wanted
    locked.verified_by, locked.verified_at = by, now
    locked.rejection_reason = "" if confirm else reason.strip()
    locked._history_user = by  # type: ignore[attr-defined]
    locked.save(update_fields=["verification", "verified_by", "verified_at", "rejection_reason"])
    return locked


# ---------- Showcase projects ----------


def showcase_mentee(person: Person, cohort: Cohort) -> bool:
    return (
        Enrolment.objects.taking_part()
        .filter(cohort=cohort, person=person, role__in=REPORTING_ROLES)
        .exists()
    )


@transaction.atomic
def showcase_project_save(
    *,
    person: Person,
    cohort: Cohort,
    changed_by: User,
    title: str,
    summary: str,
    link: str = "",
    file: UploadedFile | None = None,
    remove_file: bool = False,
    now: datetime | None = None,
) -> ShowcaseProject:
    """Create or update the mentee's project for her cohort's showcase, until it starts.
    Saving the same again (a second tab, a retry) keeps one project."""
    now = now or timezone.now()
    if person.user_id != changed_by.pk:
        raise ValidationError({"title": _("Only the mentee herself edits her showcase project.")})
    if not showcase_mentee(person, cohort):
        raise ValidationError({"cohort": _("Only the cohort's mentees present at its showcase.")})
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    event = showcase_event(cohort)
    if event is None:
        raise ValidationError({"cohort": _("This cohort has no showcase event yet.")})
    if now >= event.starts_at:
        raise ValidationError(
            {"title": _("The showcase has started: projects can no longer be changed.")}
        )
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("This field is required.")
    elif len(title) > 160:
        errors["title"] = _("Keep it under %(limit)s characters.") % {"limit": 160}
    _text(errors, "summary", summary, required=True)
    _link(errors, "link", link)
    _file(errors, "file", file)
    if errors:
        raise ValidationError(errors)
    project = ShowcaseProject.objects.filter(person=person, cohort=cohort).first()
    if project is None:
        project = ShowcaseProject(person=person, cohort=cohort, created_at=now)
    project.event = event
    project.title, project.summary, project.link = title.strip(), summary.strip(), link
    if file is not None:
        project.file = file
    elif remove_file:
        project.file = ""
    project._history_user = changed_by  # type: ignore[attr-defined]
    project.save()
    return project


def evidence_name(field: Any) -> str:
    """The file's own name, without the folders it is stored in."""
    return str(field.name).rsplit("/", 1)[-1] if field else ""
