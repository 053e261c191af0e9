"""Writes for people: profiles, external people, and the HR import lifecycle."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from amplify.accounts.types import Actor
from amplify.home.concurrency import check_version, unique_fields
from amplify.home.locale import supported_language
from amplify.operations import heartbeat
from amplify.people import tasks
from amplify.people.importing import check as checking
from amplify.people.importing import database
from amplify.people.importing.excerpt import excerpt
from amplify.people.importing.reader import UnreadableFile, read_table
from amplify.people.models import Country, Language, Partner, PeopleImport, Person

EDITABLE_BY_OWNER = (
    "preferred_name",
    "pronouns",
    "bio",
    "languages",
    "time_zone",
    "interface_language",
)


def _clean_languages(codes: list[str]) -> list[str]:
    known = set(Language.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValidationError(
            {"languages": _("Unknown language code(s): %(items)s.") % {"items": ", ".join(unknown)}}
        )
    return list(dict.fromkeys(codes))


def _clean_interface_language(value: str) -> str:
    if not value:
        return ""
    code = supported_language(value)
    if code is None or code.lower() != value.lower():
        known = ", ".join(code for code, _ in settings.LANGUAGES)
        raise ValidationError(
            {"interface_language": _("Choose one of: %(languages)s.") % {"languages": known}}
        )
    return code


def _clean_time_zone(value: str) -> str:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError({"time_zone": _("Unknown time zone “%(value)s”.") % {"value": value}})
    return value


@transaction.atomic
def person_update(
    *, person: Person, changed_by: Actor, version: str | None = None, **fields: Any
) -> Person:
    """Change a person's profile. Owners may change only their own self-description fields;
    the rest comes from the HR system. `version` is the one the caller saw (EditConflict if
    someone else saved since)."""
    unknown = set(fields) - set(EDITABLE_BY_OWNER)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(items)s.")
            % {"items": ", ".join(sorted(unknown))}
        )
    # Re-read and locked: what the HR import or another tab saved since stays.
    person = Person.objects.select_for_update().get(pk=person.pk)
    check_version(person, fields=EDITABLE_BY_OWNER, expected=version)
    if "languages" in fields:
        fields["languages"] = _clean_languages(list(fields["languages"] or []))
    if "time_zone" in fields:
        fields["time_zone"] = _clean_time_zone(fields["time_zone"] or "")
    if "interface_language" in fields:
        fields["interface_language"] = _clean_interface_language(fields["interface_language"] or "")
    for name in ("preferred_name", "pronouns"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    for name, value in fields.items():
        setattr(person, name, value)
    person._history_user = changed_by  # type: ignore[attr-defined]
    person.full_clean(
        exclude=[
            "user",
            "manager",
            "country",
            "division",
            "partner",
            "referred_by",
            "email",
            "employee_id",
            "name",
        ]
    )
    person.save()
    return person


@transaction.atomic
def person_create_external(
    *,
    name: str,
    email: str,
    country: Country | None = None,
    referred_by: Partner | None = None,
    partner: Partner | None = None,
    languages: list[str] | None = None,
    time_zone: str = "",
    created_by: Actor | None = None,
) -> Person:
    """Add someone from outside the company: a mentee, an outside coach, partner staff."""
    name = name.strip()
    email = email.strip().lower()
    if not name:
        raise ValidationError({"name": _("Enter the person's name.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("“%(email)s” is not a valid email address.") % {"email": email}}
        ) from None
    taken = {"email": f"Someone with the email {email} is already in Amplify."}
    if Person.objects.filter(email=email).exists():
        raise ValidationError(taken)
    person = Person(
        name=name,
        email=email,
        country=country,
        referred_by=referred_by,
        partner=partner,
        languages=_clean_languages(languages or []),
        time_zone=_clean_time_zone(time_zone),
    )
    person._history_user = created_by  # type: ignore[attr-defined]
    with unique_fields(taken):  # added by someone else at the same moment
        person.save()
    return person


def person_link_user(*, email: str, user: Any) -> Person | None:
    """Attach a login account to the person with this email, if one is waiting for it."""
    person = Person.objects.filter(email=email.lower(), user__isnull=True).first()
    if person is not None:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    return person


@transaction.atomic
def people_import_start(*, user: Any, filename: str, content: bytes) -> PeopleImport:
    """Store an uploaded HR export and queue its dry run."""
    if not filename:
        raise ValidationError({"file": _("Choose a CSV or XLSX file.")})
    if not filename.lower().endswith((".csv", ".xlsx", ".txt")):
        raise ValidationError({"file": _("The file must be a .csv or .xlsx export.")})
    if not content:
        raise ValidationError({"file": _("The file is empty.")})
    if len(content) > settings.AMPLIFY_IMPORT_MAX_BYTES:
        limit = settings.AMPLIFY_IMPORT_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            {"file": _("The file is larger than %(limit)s MB.") % {"limit": limit}}
        )
    job = PeopleImport.objects.create(
        uploaded_by=user, filename=filename[:255], content=content, size=len(content)
    )
    transaction.on_commit(lambda: tasks.check_people_import.enqueue(job.pk))
    return job


def _progress(job: PeopleImport, stage: str) -> Any:
    last = {"percent": -1}

    def report(done: int, total: int) -> None:
        percent = min(100, int(100 * done / total)) if total else 100
        if percent != last["percent"]:
            last["percent"] = percent
            heartbeat.beat(job, progress=percent, stage=stage)

    return report


def _plan(job: PeopleImport, reference: checking.Reference, progress: Any) -> checking.Plan:
    content = bytes(job.content)
    try:
        table = read_table(content, job.filename, max_rows=settings.AMPLIFY_IMPORT_MAX_ROWS)
    except UnreadableFile as exc:
        plan = checking.Plan(columns=frozenset())
        plan.error(1, None, exc.message.msgid, **exc.message.params)
        return plan
    return checking.check(
        table,
        reference=reference,
        snapshot=database.load_snapshot(),
        estimated_rows=content.count(b"\n"),
        progress=progress,
    )


def people_import_check(*, job: PeopleImport) -> PeopleImport:
    """The dry run: read and check every row, store the errors or the planned changes.

    The worker claims the import first (it must be waiting to be checked); if it is not
    waiting, or is taken from this worker before the end, nothing of this worker's is saved."""
    Status = PeopleImport.Status
    if not heartbeat.job_claim(
        job,
        waiting=[Status.QUEUED],
        status=Status.CHECKING,
        stage=gettext_noop("Checking rows"),
        progress=0,
    ):
        job.refresh_from_db()
        return job
    with heartbeat.beating(job):
        reference = database.load_reference()
        try:
            plan = _plan(job, reference, _progress(job, gettext_noop("Checking rows")))
        except heartbeat.ClaimLost:
            raise
        except Exception as exc:
            # The page polls while the status says "checking": it must not say so forever.
            heartbeat.job_finish(
                job,
                status=Status.FAILED,
                stage="",
                failure=f"The check failed: {excerpt(str(exc), 300)}",
            )
            raise
        job.refresh_from_db()
        job.rows_total = plan.rows_read
        job.errors = [e.as_dict() for e in plan.errors]
        job.error_count = plan.error_count
        job.warnings = [w.as_dict() for w in plan.warnings]
        job.create_count = len(plan.creates)
        job.update_count = len(plan.updates)
        job.unchanged_count = plan.unchanged
        job.preview = checking.preview(plan, reference) if plan.ok else []
        job.status = Status.READY if plan.ok else Status.INVALID
        job.stage = ""
        job.progress = 100
        job.checked_at = timezone.now()
        with heartbeat.finishing(job):
            job.save()
    job.refresh_from_db()
    return job


@transaction.atomic
def people_import_commit(*, job: PeopleImport, user: Any) -> PeopleImport:
    """Confirm a checked import; the rows are written by a background task."""
    job = PeopleImport.objects.select_for_update().get(pk=job.pk)
    if job.file_deleted_at is not None:
        raise ValidationError(
            _(
                "The file was deleted on %(date)s (files are kept for %(days)s days): "
                "upload it again."
            )
            % {
                "date": date_format(job.file_deleted_at, "d M Y"),
                "days": settings.AMPLIFY_RETAIN_IMPORT_FILES_DAYS,
            }
        )
    # A failed commit (or one whose worker stopped) can be tried again: it is re-checked.
    if job.status != PeopleImport.Status.READY and not job.can_retry:
        raise ValidationError(
            _("Only a checked import without errors can be imported (this one is “%(status)s”).")
            % {"status": job.get_status_display()}
        )
    job.status = PeopleImport.Status.IMPORTING
    job.committed_by = user
    job.committed_at = timezone.now()
    job.stage = gettext_noop("Waiting for a worker")
    job.progress = 0
    job.failure = ""
    job.heartbeat_at = None  # waiting is not working: no heartbeat until a worker claims it
    job.claim = ""  # a new attempt: whatever an earlier worker still writes is dropped
    job.save()
    transaction.on_commit(lambda: tasks.apply_people_import.enqueue(job.pk))
    return job


def people_import_apply(*, job: PeopleImport) -> PeopleImport:
    """Check the file again against what Amplify holds now, then write it in one
    transaction. If anything changed since the dry run and the file no longer fits, nothing
    is written and the errors are shown.

    The worker claims the committed import first; the people and the import's outcome are
    written in one transaction that checks the claim, so a worker the import was taken from
    (declared stopped, and retried by another) writes nothing."""
    Status = PeopleImport.Status
    if not heartbeat.job_claim(
        job, waiting=[Status.IMPORTING], stage=gettext_noop("Checking rows again"), progress=0
    ):
        # Failed meanwhile (its worker was thought stopped) and not committed again, or
        # another worker's.
        job.refresh_from_db()
        return job
    with heartbeat.beating(job):
        job.refresh_from_db()
        now = timezone.now()
        plan = _plan(
            job, database.load_reference(), _progress(job, gettext_noop("Checking rows again"))
        )
        if not plan.ok:
            job.status = Status.INVALID
            job.errors = [e.as_dict() for e in plan.errors]
            job.error_count = plan.error_count
            job.stage = ""
            with heartbeat.finishing(job):
                job.save()
            return job

        def done() -> None:
            # Inside the transaction that writes the people: both, or neither.
            heartbeat.hold(job)
            job.status = Status.DONE
            job.create_count = len(plan.creates)
            job.update_count = len(plan.updates)
            job.unchanged_count = plan.unchanged
            job.rows_total = plan.rows_read
            job.progress = 100
            job.stage = ""
            job.finished_at = timezone.now()
            job.save()

        try:
            database.apply(
                plan,
                user=job.committed_by,
                now=now,
                reason=f"Import of {job.filename}",
                progress=_progress(job, gettext_noop("Writing people")),
                then=done,
            )
        except heartbeat.ClaimLost:
            raise
        except Exception as exc:
            heartbeat.job_finish(
                job,
                status=Status.FAILED,
                failure=f"Nothing was imported: {excerpt(str(exc), 300)}",
                stage="",
            )
            raise
    job.refresh_from_db()
    return job
