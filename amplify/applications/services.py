"""Writes for applications: applying (draft, resume, submit), partner referrals, the
programme manager's decisions, and accepting an offer, which makes the applicant a mentee."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.applications import emails
from amplify.applications.models import (
    BACKGROUND_QUESTIONS,
    TOOK_PART,
    Application,
    ApplicationEvidence,
    ApplicationSettings,
    Criterion,
    HeardFrom,
    Stage,
)
from amplify.core import eligibility
from amplify.core.matching.profiles import MAX_TAGS
from amplify.diversity.models import DiversityProfile
from amplify.home.concurrency import check_version
from amplify.matching.vocabulary import TAGS, JobFamily
from amplify.people.models import Language, Partner, Person
from amplify.programmes.models import Cohort, Enrolment

# What the applicant answers, as the form, the API and the services name it.
APPLICANT_FIELDS = (
    "name",
    "postcode",
    "right_to_take_part",
    "interests",
    "career_aspiration",
    "languages",
    "availability",
    "heard_from",
)
EVIDENCE_FIELDS = ("date_of_birth", *BACKGROUND_QUESTIONS)
ANSWER_FIELDS = (*APPLICANT_FIELDS, *EVIDENCE_FIELDS)
SETTINGS_FIELDS = (
    "min_age",
    "max_age",
    "criteria",
    "require_right_to_take_part",
    "acceptance_days",
    "retention_days",
)
MAX_LANGUAGES = 5
MAX_SLOTS = 10
BACKGROUND_CHOICES = {
    "parental_occupation": DiversityProfile.ParentalOccupation.values,
    "school_type": DiversityProfile.SchoolType.values,
    "free_school_meals": DiversityProfile.Answer.values,
    "first_generation_university": DiversityProfile.Answer.values,
}


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("“%(email)s” is not a valid email address.") % {"email": email}}
        ) from None
    return email


def _check_recruiting(cohort: Cohort) -> None:
    if cohort.status != Cohort.Status.RECRUITING:
        raise ValidationError(_("This cohort is not taking applications."))


def _clean_answers(answers: dict[str, Any], *, today: date) -> dict[str, Any]:
    """The answers given (any subset of ANSWER_FIELDS), checked; errors name the field."""
    unknown = set(answers) - set(ANSWER_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be set here: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    errors: dict[str, str] = {}
    clean = dict(answers)
    for key in ("name", "postcode"):
        if key in clean:
            clean[key] = (clean[key] or "").strip()
    if "name" in clean and not clean["name"]:
        errors["name"] = _("Enter your name.")
    if "interests" in clean:
        tags = list(dict.fromkeys(clean["interests"] or []))
        unknown_tags = [t for t in tags if t not in TAGS]
        if unknown_tags:
            errors["interests"] = _("Unknown interests: %(items)s.") % {
                "items": ", ".join(unknown_tags)
            }
        elif len(tags) > MAX_TAGS:
            errors["interests"] = _("Choose at most %(most)s interests.") % {"most": MAX_TAGS}
        clean["interests"] = tags
    if "languages" in clean:
        codes = list(dict.fromkeys(clean["languages"] or []))
        known = set(Language.objects.filter(code__in=codes).values_list("code", flat=True))
        if any(c not in known for c in codes):
            errors["languages"] = _("Unknown language code(s): %(items)s.") % {
                "items": ", ".join(c for c in codes if c not in known)
            }
        elif len(codes) > MAX_LANGUAGES:
            errors["languages"] = _("Choose at most %(most)s languages.") % {"most": MAX_LANGUAGES}
        clean["languages"] = codes
    if "availability" in clean:
        slots = sorted({int(s) for s in clean["availability"] or []})
        if any(not 0 <= s < 21 for s in slots):
            errors["availability"] = _("Weekly slots are numbered 0 to 20.")
        elif len(slots) > MAX_SLOTS:
            errors["availability"] = _("Choose at most %(most)s weekly slots.") % {
                "most": MAX_SLOTS
            }
        clean["availability"] = slots
    choices = {
        "career_aspiration": JobFamily.values,
        "heard_from": HeardFrom.values,
        **BACKGROUND_CHOICES,
    }
    for key, allowed in choices.items():
        if key in clean:
            clean[key] = clean[key] or ""
            if clean[key] and clean[key] not in allowed:
                errors[key] = _("Choose one of the options.")
    born = clean.get("date_of_birth")
    if born is not None and not (date(1900, 1, 1) <= born <= today):
        errors["date_of_birth"] = _("Enter your real date of birth.")
    if errors:
        raise ValidationError(errors)
    return clean


def missing_answers(application: Application) -> list[str]:
    """The questions not answered yet ("Prefer not to say" is an answer)."""
    evidence = ApplicationEvidence.objects.filter(application=application).first()
    missing = [f for f in APPLICANT_FIELDS if getattr(application, f) in ("", None, [])]
    for f in EVIDENCE_FIELDS:
        if evidence is None or getattr(evidence, f) in ("", None):
            missing.append(f)
    if application.consent_given_at is None:
        missing.append("consent")
    return missing


def _write(application: Application, answers: dict[str, Any]) -> Application:
    for key in APPLICANT_FIELDS:
        if key in answers:
            setattr(application, key, answers[key])
    application.save()
    evidence_answers = {k: v for k, v in answers.items() if k in EVIDENCE_FIELDS}
    if evidence_answers:
        ApplicationEvidence.objects.update_or_create(
            application=application,
            defaults={
                k: (v if v is not None or k == "date_of_birth" else "")
                for k, v in evidence_answers.items()
            },
        )
    application.complete = not missing_answers(application)
    application.save(update_fields=["complete", "updated_at"])
    return application


@transaction.atomic
def application_start(
    *,
    cohort: Cohort,
    email: str,
    consent: bool,
    language: str = "",
    now: datetime | None = None,
    **answers: Any,
) -> tuple[Application, bool]:
    """Start an application from the public page. If this email already has one for the
    cohort, nothing changes and it is returned with False: the caller emails its resume
    link to that address, so only whoever reads that mailbox can continue it (a double
    submit, or someone typing another person's email, changes nothing)."""
    now = now or timezone.now()
    _check_recruiting(cohort)
    email = _clean_email(email)
    existing = Application.objects.filter(cohort=cohort, email=email).first()
    if existing is not None:
        return existing, False
    if not consent:
        raise ValidationError(
            {"consent": _("Agree to us holding your answers, or we cannot take them.")}
        )
    answers = _clean_answers(answers, today=now.date())
    application = Application(
        cohort=cohort, email=email, stage=Stage.DRAFT, consent_given_at=now, language=language
    )
    application.name = answers.get("name", "")
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same email at the same moment (two tabs)
        return Application.objects.get(cohort=cohort, email=email), False
    return _write(application, answers), True


@transaction.atomic
def application_update(
    *,
    application: Application,
    consent: bool,
    now: datetime | None = None,
    **answers: Any,
) -> Application:
    """Change the answers of an application still being written (a draft or a referral)."""
    now = now or timezone.now()
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if not application.is_open:
        raise ValidationError(_("This application is already submitted: it cannot change."))
    if not consent:
        raise ValidationError(
            {"consent": _("Agree to us holding your answers, or we cannot take them.")}
        )
    if application.consent_given_at is None:
        application.consent_given_at = now
    return _write(application, _clean_answers(answers, today=now.date()))


def _decision_data(decision: eligibility.Decision) -> list[dict[str, Any]]:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value

    return [
        {"code": f.code, "params": {k: plain(v) for k, v in f.params.items()}}
        for f in decision.failures
    ]


@transaction.atomic
def application_submit(*, application: Application, now: datetime | None = None) -> Application:
    """Submit an application and decide its eligibility. Submitting again (a double
    click, a retry) changes nothing and returns it as it is."""
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("cohort")
        .get(pk=application.pk)
    )
    if not application.is_open:
        return application
    _check_recruiting(application.cohort)
    missing = missing_answers(application)
    if missing:
        raise ValidationError({f: _("Answer this question.") for f in missing})
    eligibility_record(application, ApplicationEvidence.objects.get(application=application))
    application.stage = Stage.ELIGIBLE if application.eligible else Stage.INELIGIBLE
    application.submitted_at = now
    application.save()
    return application


def eligibility_record(application: Application, evidence: ApplicationEvidence) -> None:
    """Decide the application by its cohort's rules (the core's one function) and keep the
    result on it: eligible or not, the failed rules, the criteria met. Not saved here."""
    rules = ApplicationSettings.for_cohort(application.cohort).rules()
    decision = eligibility.decide(rules, evidence.answers(application.right_to_take_part))
    application.eligible = decision.eligible
    application.failures = _decision_data(decision)
    application.criteria_met = list(decision.criteria_met)


@transaction.atomic
def referral_create(
    *,
    cohort: Cohort,
    partner: Partner,
    name: str,
    email: str,
    referred_by: User,
    language: str = "",
) -> Application:
    """A partner refers a young person: an application waiting for her, and an email
    inviting her to complete it."""
    _check_recruiting(cohort)
    email = _clean_email(email)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the person's name.")})
    taken = _("%(email)s already has an application to this cohort.") % {"email": email}
    if Application.objects.filter(cohort=cohort, email=email).exists():
        raise ValidationError({"email": taken})
    application = Application(
        cohort=cohort,
        email=email,
        name=name,
        stage=Stage.REFERRED,
        referred_by=partner,
        referred_by_user=referred_by,
        heard_from=HeardFrom.PARTNER,
        language=language,
    )
    application._history_user = referred_by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError({"email": taken}) from None
    transaction.on_commit(lambda: emails.referral_invitation_send(application))
    return application


# action -> (the stage it leads to, the stages it may start from)
ACTIONS: dict[str, tuple[Stage, frozenset[Stage]]] = {
    "shortlist": (Stage.SHORTLISTED, frozenset({Stage.ELIGIBLE, Stage.WAITLISTED})),
    "offer": (
        Stage.OFFERED,
        frozenset({Stage.ELIGIBLE, Stage.SHORTLISTED, Stage.WAITLISTED}),
    ),
    "waitlist": (
        Stage.WAITLISTED,
        frozenset({Stage.ELIGIBLE, Stage.SHORTLISTED, Stage.OFFERED}),
    ),
    "decline": (
        Stage.DECLINED,
        frozenset(
            {
                Stage.SUBMITTED,
                Stage.ELIGIBLE,
                Stage.INELIGIBLE,
                Stage.SHORTLISTED,
                Stage.WAITLISTED,
                Stage.OFFERED,
            }
        ),
    ),
    "withdraw": (
        Stage.WITHDRAWN,
        frozenset(
            {
                Stage.REFERRED,
                Stage.DRAFT,
                Stage.SUBMITTED,
                Stage.ELIGIBLE,
                Stage.INELIGIBLE,
                Stage.SHORTLISTED,
                Stage.WAITLISTED,
                Stage.OFFERED,
            }
        ),
    ),
}


@transaction.atomic
def application_decide(
    *,
    application: Application,
    action: str,
    decided_by: User,
    reason: str = "",
    deadline: date | None = None,
    now: datetime | None = None,
) -> Application:
    """The programme manager's decision. An offer carries an acceptance deadline (by
    default the cohort's number of days from today) and is emailed with a link to accept;
    a decline needs a reason, which the applicant is told. Repeating a decision already
    made (a double click) changes nothing."""
    now = now or timezone.now()
    if action not in ACTIONS:
        raise ValidationError({"action": _("Unknown action “%(action)s”.") % {"action": action}})
    target, sources = ACTIONS[action]
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("cohort")
        .get(pk=application.pk)
    )
    if application.stage == target:
        return application
    if application.stage not in sources:
        raise ValidationError(
            {
                "action": _("An application that is “%(stage)s” cannot be moved that way.")
                % {"stage": application.get_stage_display()}
            }
        )
    reason = (reason or "").strip()
    if action == "decline" and not reason:
        raise ValidationError({"reason": _("Give the applicant a reason.")})
    if action == "offer":
        if application.cohort.status == Cohort.Status.CLOSED:
            raise ValidationError(_("This cohort is closed."))
        today = timezone.localdate(now)
        settings = ApplicationSettings.for_cohort(application.cohort)
        deadline = deadline or today + timedelta(days=settings.acceptance_days)
        if deadline < today:
            raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
        application.offered_at, application.offer_deadline = now, deadline
    application.stage = target
    application.decline_reason = reason if action in ("decline", "withdraw") else ""
    application._history_user = decided_by  # type: ignore[attr-defined]
    application.save()
    if action == "offer":
        transaction.on_commit(lambda: emails.offer_send(application))
    elif action == "decline":
        transaction.on_commit(lambda: emails.decline_send(application))
    return application


@transaction.atomic
def application_accept(*, application: Application, now: datetime | None = None) -> Application:
    """The applicant accepts her offer: she becomes a person in Amplify (an external one),
    gets an account and an email inviting her to set its password, and is enrolled in the
    cohort as a mentee; her socioeconomic answers go to her diversity profile and her
    interests to her matching profile. Accepting again changes nothing."""
    from amplify.accounts.services import user_create
    from amplify.diversity.services import diversity_profile_save
    from amplify.matching.models import MatchProfile
    from amplify.matching.services import match_profile_save
    from amplify.people.services import person_create_external
    from amplify.programmes.services import cohort_enrol

    now = now or timezone.now()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "referred_by")
        .get(pk=application.pk)
    )
    if application.stage in TOOK_PART:
        return application
    if application.stage != Stage.OFFERED:
        raise ValidationError(_("There is no open offer on this application."))
    if application.offer_deadline and timezone.localdate(now) > application.offer_deadline:
        raise ValidationError(
            _("The deadline to accept this offer has passed: contact the programme team.")
        )
    person = Person.objects.filter(email=application.email).first()
    if person is None:
        person = person_create_external(
            name=application.name,
            email=application.email,
            referred_by=application.referred_by,
            languages=application.languages,
        )
    user = person.user
    invite = False
    if user is None:
        user = User.objects.filter(email__iexact=application.email).first()
        if user is None:
            user = user_create(email=application.email)
            invite = True
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    already = Enrolment.objects.filter(
        cohort=application.cohort, person=person, role=Enrolment.Role.MENTEE
    ).active()
    if not already.exists():
        cohort_enrol(
            cohort=application.cohort, person=person, role=Enrolment.Role.MENTEE, enrolled_by=None
        )
    evidence = ApplicationEvidence.objects.filter(application=application).first()
    if evidence is not None and not DiversityProfile.objects.filter(person=person).exists():
        diversity_profile_save(
            person=person,
            changed_by=None,
            consent_given=True,
            **{q: a for q, a in evidence.background().items() if a},
        )
    if not MatchProfile.objects.filter(person=person).exists():
        match_profile_save(
            person=person,
            changed_by=None,
            tags=application.interests,
            job_family=application.career_aspiration,
            seniority=0,
            availability=application.availability,
        )
    application.stage, application.accepted_at, application.person = Stage.ACCEPTED, now, person
    application.save()
    if invite:
        transaction.on_commit(lambda: emails.account_invitation_send(application, user))
    return application


@transaction.atomic
def application_settings_save(
    *, cohort: Cohort, changed_by: User, version: str | None = None, **fields: Any
) -> ApplicationSettings:
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    Cohort.objects.select_for_update(of=("self",)).filter(pk=cohort.pk).first()
    existing = ApplicationSettings.objects.filter(cohort=cohort).first()
    check_version(existing, fields=SETTINGS_FIELDS, expected=version)
    settings = existing or ApplicationSettings(cohort=cohort)
    for key, value in fields.items():
        if value is not None:
            setattr(settings, key, value)
    criteria = list(dict.fromkeys(settings.criteria or []))
    if any(c not in Criterion.values for c in criteria):
        raise ValidationError({"criteria": _("Choose criteria from the list.")})
    settings.criteria = [c for c in Criterion.values if c in criteria]
    if settings.max_age < settings.min_age:
        raise ValidationError({"max_age": _("The oldest age cannot be below the youngest.")})
    if not 1 <= settings.acceptance_days <= 365:
        raise ValidationError({"acceptance_days": _("Give 1 to 365 days.")})
    settings._history_user = changed_by  # type: ignore[attr-defined]
    settings.full_clean(exclude=["cohort"])
    settings.save()
    return settings
