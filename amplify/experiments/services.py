"""Writes for experiments: each move of an experiment is a service with its own rule, run on
the locked row after re-checking the stage the caller saw, so two at once (two sponsors, two
tabs) end with one winner and a clear message to the other. Every move is kept in the
experiment's history and tells the next person (amplify.experiments.emails).

Stories are written by the person herself; consent to share is recorded with its time, and
withdrawing it hides the story everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.experiments import emails
from amplify.experiments.models import (
    CARD_MAX_LENGTH,
    EDITABLE_STAGES,
    TEXT_MAX_LENGTH,
    Comment,
    Decision,
    Evidence,
    Experiment,
    Rating,
    Stage,
    Story,
    Theme,
)
from amplify.home.concurrency import check_version
from amplify.home.links import validate_web_link
from amplify.home.uploads import upload_check
from amplify.people.models import Country, Division, Person
from amplify.programmes.models import Cohort, Enrolment, Programme

TEST_CARD_FIELDS = (
    "title",
    "hypothesis",
    "hypothesis_criticality",
    "test",
    "test_cost",
    "data_reliability",
    "metric",
    "time_required",
    "criterion",
    "division",
    "country",
    "themes",
    "asks_money",
    "asks_people",
    "asks_time",
    "ask_detail",
    "sponsor",
)
RESULT_FIELDS = ("result", "criterion_met")
# What the owner's form shows: its version tells a stale second tab.
VERSION_FIELDS = (*TEST_CARD_FIELDS, *RESULT_FIELDS)
LEARNING_FIELDS = ("believed", "observed", "learned", "therefore")
RATING_FIELDS = ("hypothesis_criticality", "test_cost", "data_reliability", "time_required")
TITLE_MAX_LENGTH = 160
EVIDENCE_STAGES = frozenset({Stage.APPROVED, Stage.RUNNING, Stage.LEARNING, Stage.DECIDED})
IMPACT_STAGES = frozenset({Stage.RUNNING, Stage.LEARNING, Stage.DECIDED})


# ---------- Shared checks ----------


def _locked(experiment: Experiment) -> Experiment:
    """The experiment's row, locked until the transaction ends, freshly read."""
    return (
        Experiment.objects.select_for_update(of=("self",))
        .select_related("owner", "sponsor", "cohort__programme")
        .get(pk=experiment.pk)
    )


def _expect(experiment: Experiment, stages: Iterable[str], expected: str | None) -> None:
    """Refuse unless the (locked) experiment is in one of `stages` and, when the caller says
    which stage she saw, still in that one: the other tab or sponsor got there first."""
    allowed = {str(s) for s in stages}
    if expected is not None and expected != experiment.stage:
        raise ValidationError(
            {
                "stage": _(
                    "Someone else changed this experiment meanwhile: it is now %(stage)s."
                    " Reload the page to see it."
                )
                % {"stage": experiment.get_stage_display().lower()}
            }
        )
    if experiment.stage not in allowed:
        raise ValidationError(
            {
                "stage": _("This cannot be done while the experiment is %(stage)s.")
                % {"stage": experiment.get_stage_display().lower()}
            }
        )


def _owner_only(experiment: Experiment, by: Person) -> None:
    if experiment.owner_id != by.pk:
        raise ValidationError(_("Only the experiment's owner can do this."))


def _sponsor_only(experiment: Experiment, by: Person) -> None:
    if experiment.sponsor_id is None or experiment.sponsor_id != by.pk:
        raise ValidationError(_("Only the experiment's executive sponsor can do this."))


def _as(instance: Any, by: Person) -> None:
    if by.user_id is not None:
        instance._history_user = by.user


def _text(errors: dict[str, str], field: str, value: Any, limit: int = CARD_MAX_LENGTH) -> None:
    if not isinstance(value, str):
        errors[field] = _("Give a text.")
    elif len(value) > limit:
        errors[field] = _("Keep it under %(limit)s characters.") % {"limit": limit}


def _notify(
    experiment: Experiment, *, to: Person | None, what: str, by: Person, text: str = ""
) -> None:
    transaction.on_commit(
        lambda: emails.experiment_notice_send(
            experiment=experiment, to=to, what=what, by=by, text=text
        )
    )


def is_sponsor_of(person: Person, cohort: Cohort) -> bool:
    """An executive sponsor taking part in the cohort."""
    return (
        Enrolment.objects.taking_part()
        .filter(cohort=cohort, person=person, role=Enrolment.Role.SPONSOR)
        .exists()
    )


def cohort_sponsors(cohort: Cohort) -> list[Person]:
    """The cohort's executive sponsors an owner may ask, by name."""
    enrolled = Enrolment.objects.taking_part().filter(cohort=cohort, role=Enrolment.Role.SPONSOR)
    return list(Person.objects.filter(pk__in=enrolled.values("person_id")).order_by("name"))


def experiment_cohorts(person: Person) -> list[Cohort]:
    """The leadership cohorts where this person takes part as a participant and has no
    experiment yet: where she may start one."""
    enrolled = Enrolment.objects.taking_part().filter(
        person=person, role=Enrolment.Role.PARTICIPANT
    )
    return list(
        Cohort.objects.filter(
            pk__in=enrolled.values("cohort_id"), programme__kind=Programme.Kind.LEADERSHIP
        )
        .exclude(status=Cohort.Status.CLOSED)
        .exclude(experiments__owner=person)
        .order_by("-starts_on")
    )


def _clean_card(experiment: Experiment, values: dict[str, Any], errors: dict[str, str]) -> None:
    """Check and set the test card's `values` on the experiment (not saved)."""
    for name, value in values.items():
        if name == "title":
            if not isinstance(value, str) or not value.strip():
                errors["title"] = _("Give your experiment a title.")
            elif len(value) > TITLE_MAX_LENGTH:
                errors["title"] = _("Keep it under %(limit)s characters.") % {
                    "limit": TITLE_MAX_LENGTH
                }
            else:
                experiment.title = value.strip()
        elif name in RATING_FIELDS:
            if value is not None and value not in Rating.values:
                errors[name] = _("Rate it 1 (low), 2 (medium) or 3 (high).")
            else:
                setattr(experiment, name, value)
        elif name == "themes":
            if not isinstance(value, list | tuple) or any(t not in Theme.values for t in value):
                errors["themes"] = _("Choose themes from the list.")
            else:
                experiment.themes = list(dict.fromkeys(value))
        elif name in ("asks_money", "asks_people", "asks_time"):
            setattr(experiment, name, bool(value))
        elif name == "division":
            if value is not None and not isinstance(value, Division):
                errors["division"] = _("Choose a division.")
            else:
                experiment.division = value
        elif name == "country":
            if value is not None and not isinstance(value, Country):
                errors["country"] = _("Choose a country.")
            else:
                experiment.country = value
        elif name == "sponsor":
            if value is not None and (
                value.pk == experiment.owner_id or not is_sponsor_of(value, experiment.cohort)
            ):
                errors["sponsor"] = _("Choose an executive sponsor of your cohort.")
            else:
                experiment.sponsor = value
        elif name in ("hypothesis", "test", "metric", "criterion", "ask_detail"):
            _text(errors, name, value)
            if name not in errors:
                setattr(experiment, name, value.strip())
        else:
            errors[name] = _("This cannot be changed here.")


# ---------- Creating and writing the cards ----------


@transaction.atomic
def experiment_create(*, cohort: Cohort, owner: Person, title: str, **card: Any) -> Experiment:
    """Start the owner's experiment in the cohort: she must be one of its participants, and
    has one experiment per cohort (a second start, or a double submit, is told so)."""
    Cohort.objects.select_for_update().get(pk=cohort.pk)
    if cohort.programme.kind != Programme.Kind.LEADERSHIP:
        raise ValidationError(_("Experiments belong to the leadership programme's cohorts."))
    taking_part = Enrolment.objects.taking_part().filter(
        cohort=cohort, person=owner, role=Enrolment.Role.PARTICIPANT
    )
    if not taking_part.exists():
        raise ValidationError(_("Only a participant of the cohort owns an experiment in it."))
    if Experiment.objects.filter(cohort=cohort, owner=owner).exists():
        raise ValidationError(
            {"title": _("You already have an experiment in this cohort: one per participant.")}
        )
    experiment = Experiment(cohort=cohort, owner=owner)
    if owner.division_id is not None:
        experiment.division_id = owner.division_id
    if owner.country_id is not None:
        experiment.country_id = owner.country_id
    errors: dict[str, str] = {}
    _clean_card(experiment, {"title": title, **card}, errors)
    if errors:
        raise ValidationError(errors)
    _as(experiment, owner)
    try:
        with transaction.atomic():
            experiment.save()
    except IntegrityError:
        raise ValidationError(
            {"title": _("You already have an experiment in this cohort: one per participant.")}
        ) from None
    return experiment


@transaction.atomic
def experiment_update(
    *, experiment: Experiment, by: Person, version: str | None = None, **values: Any
) -> Experiment:
    """The owner writes her test card while it is a draft or returned, and her measured
    results while it runs. `version` is the one her page showed: a stale second tab is
    refused rather than overwriting."""
    experiment = _locked(experiment)
    _owner_only(experiment, by)
    card = {k: v for k, v in values.items() if k in TEST_CARD_FIELDS}
    results = {k: v for k, v in values.items() if k in RESULT_FIELDS}
    unknown = set(values) - set(card) - set(results)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    check_version(experiment, fields=VERSION_FIELDS, expected=version)
    errors: dict[str, str] = {}
    if card:
        _expect(experiment, EDITABLE_STAGES, None)
        _clean_card(experiment, card, errors)
    if results:
        if experiment.stage != Stage.RUNNING:
            raise ValidationError(
                {"result": _("Results are written while the experiment is running.")}
            )
        if "result" in results:
            _text(errors, "result", results["result"])
            if "result" not in errors:
                experiment.result = results["result"].strip()
        if "criterion_met" in results:
            experiment.criterion_met = results["criterion_met"]
    if errors:
        raise ValidationError(errors)
    _as(experiment, by)
    experiment.save()
    return experiment


# ---------- The stage moves ----------


@transaction.atomic
def experiment_submit(
    *, experiment: Experiment, by: Person, expected_stage: str | None = None
) -> Experiment:
    """The owner submits her complete test card to her sponsor, an executive sponsor of the
    cohort; the sponsor is told."""
    experiment = _locked(experiment)
    _owner_only(experiment, by)
    _expect(experiment, EDITABLE_STAGES, expected_stage)
    errors: dict[str, str] = {
        name: _("Complete this part of the test card before submitting.")
        for name in experiment.test_card_missing
    }
    if experiment.sponsor is None:
        errors["sponsor"] = _("Choose your executive sponsor before submitting.")
    elif not is_sponsor_of(experiment.sponsor, experiment.cohort):
        errors["sponsor"] = _("%(name)s is not an executive sponsor of your cohort.") % {
            "name": experiment.sponsor.display_name
        }
    if errors:
        raise ValidationError(errors)
    experiment.stage = Stage.SUBMITTED
    experiment.submitted_at = timezone.now()
    _as(experiment, by)
    experiment.save()
    _notify(experiment, to=experiment.sponsor, what="submitted", by=by)
    return experiment


@transaction.atomic
def experiment_approve(
    *, experiment: Experiment, by: Person, comment: str = "", expected_stage: str | None = None
) -> Experiment:
    """The sponsor approves a submitted experiment (with an optional word); the owner is
    told."""
    experiment = _locked(experiment)
    _sponsor_only(experiment, by)
    _expect(experiment, [Stage.SUBMITTED], expected_stage)
    if len(comment) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("Keep it under %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}}
        )
    experiment.stage = Stage.APPROVED
    experiment.approved_at = timezone.now()
    _as(experiment, by)
    experiment.save()
    if comment.strip():
        Comment.objects.create(experiment=experiment, author=by, body=comment.strip())
    _notify(experiment, to=experiment.owner, what="approved", by=by, text=comment.strip())
    return experiment


@transaction.atomic
def experiment_return(
    *, experiment: Experiment, by: Person, comment: str, expected_stage: str | None = None
) -> Experiment:
    """The sponsor returns a submitted experiment with her comments; the owner is told, and
    may change the test card and submit it again."""
    experiment = _locked(experiment)
    _sponsor_only(experiment, by)
    _expect(experiment, [Stage.SUBMITTED], expected_stage)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what to change: a return needs a comment.")})
    if len(comment) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("Keep it under %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}}
        )
    experiment.stage = Stage.RETURNED
    _as(experiment, by)
    experiment.save()
    Comment.objects.create(experiment=experiment, author=by, body=comment.strip(), returned=True)
    _notify(experiment, to=experiment.owner, what="returned", by=by, text=comment.strip())
    return experiment


@transaction.atomic
def experiment_start(
    *, experiment: Experiment, by: Person, expected_stage: str | None = None
) -> Experiment:
    """The owner starts her approved experiment; the sponsor is told."""
    experiment = _locked(experiment)
    _owner_only(experiment, by)
    _expect(experiment, [Stage.APPROVED], expected_stage)
    experiment.stage = Stage.RUNNING
    experiment.started_at = timezone.now()
    _as(experiment, by)
    experiment.save()
    _notify(experiment, to=experiment.sponsor, what="started", by=by)
    return experiment


@transaction.atomic
def experiment_capture_learning(
    *,
    experiment: Experiment,
    by: Person,
    believed: str,
    observed: str,
    learned: str,
    therefore: str,
    expected_stage: str | None = None,
) -> Experiment:
    """The owner captures the learning card of her running experiment: all four parts, and
    at least one piece of evidence first. The sponsor is told."""
    experiment = _locked(experiment)
    _owner_only(experiment, by)
    _expect(experiment, [Stage.RUNNING], expected_stage)
    values = {
        "believed": believed,
        "observed": observed,
        "learned": learned,
        "therefore": therefore,
    }
    errors: dict[str, str] = {}
    for name, value in values.items():
        _text(errors, name, value)
        if name not in errors and not value.strip():
            errors[name] = _("Complete this part of the learning card.")
    if not Evidence.objects.filter(experiment=experiment).exists():
        errors["evidence"] = _("Add at least one piece of evidence (a link or a file) first.")
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(experiment, name, value.strip())
    experiment.stage = Stage.LEARNING
    experiment.learning_at = timezone.now()
    _as(experiment, by)
    experiment.save()
    _notify(experiment, to=experiment.sponsor, what="learning", by=by)
    return experiment


def sponsor_has_spoken(experiment: Experiment) -> bool:
    """The sponsor has given her view of the learning: her business impact, or a comment of
    hers since the learning was captured."""
    if experiment.sponsor_impact.strip():
        return True
    if experiment.sponsor_id is None or experiment.learning_at is None:
        return False
    return Comment.objects.filter(
        experiment=experiment,
        author_id=experiment.sponsor_id,
        created_at__gte=experiment.learning_at,
    ).exists()


@transaction.atomic
def experiment_decide(
    *,
    experiment: Experiment,
    by: Person,
    decision: str,
    comment: str = "",
    expected_stage: str | None = None,
) -> Experiment:
    """Persevere, pivot, scale up or stop, once the learning is captured: the sponsor
    decides, or the owner does once her sponsor has given her view. The decision is
    documented by a comment when one is given; the other of the two is told."""
    experiment = _locked(experiment)
    is_owner = experiment.owner_id == by.pk
    is_sponsor = experiment.sponsor_id is not None and experiment.sponsor_id == by.pk
    if not (is_owner or is_sponsor):
        raise ValidationError(_("Only the owner or the sponsor decides on the experiment."))
    _expect(experiment, [Stage.LEARNING], expected_stage)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose persevere, pivot, scale up or stop.")})
    if len(comment) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("Keep it under %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}}
        )
    if is_owner and not is_sponsor and not sponsor_has_spoken(experiment):
        raise ValidationError(
            {"decision": _("Decide once your sponsor has given her view of the learning.")}
        )
    experiment.decision = decision
    experiment.stage = Stage.DECIDED
    experiment.decided_at = timezone.now()
    _as(experiment, by)
    experiment.save()
    if comment.strip():
        Comment.objects.create(experiment=experiment, author=by, body=comment.strip())
    other = experiment.sponsor if is_owner else experiment.owner
    _notify(experiment, to=other, what="decided", by=by, text=comment.strip())
    return experiment


# ---------- Comments, evidence and impact ----------


@transaction.atomic
def experiment_comment(*, experiment: Experiment, by: Person, body: str) -> Comment:
    """A comment of the owner, the sponsor, or one of the cohort's coaches or managers (the
    caller checks who may); the owner is told, or the sponsor when the owner wrote it."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    if len(body) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"body": _("Keep it under %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}}
        )
    comment = Comment.objects.create(experiment=experiment, author=by, body=body)
    to = experiment.sponsor if by.pk == experiment.owner_id else experiment.owner
    _notify(experiment, to=to, what="comment", by=by, text=body)
    return comment


@transaction.atomic
def evidence_add(
    *,
    experiment: Experiment,
    by: Person,
    title: str,
    link: str = "",
    file: UploadedFile | None = None,
    now: datetime | None = None,
) -> Evidence:
    """The owner adds a link or a file (type and size checked) from the approval on."""
    experiment = _locked(experiment)
    _owner_only(experiment, by)
    _expect(experiment, EVIDENCE_STAGES, None)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the evidence a title.")
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("Keep it under %(limit)s characters.") % {"limit": TITLE_MAX_LENGTH}
    if link:
        try:
            validate_web_link(link)
        except ValidationError as exc:
            errors["link"] = " ".join(exc.messages)
    if file is not None:
        try:
            upload_check(file, field="file")
        except ValidationError as exc:
            errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if not link and file is None and "link" not in errors:
        errors["link"] = _("Give a link or upload a file.")
    if errors:
        raise ValidationError(errors)
    evidence = Evidence(
        experiment=experiment,
        title=title.strip(),
        link=link,
        added_by=by,
        added_at=now or timezone.now(),
    )
    if file is not None:
        evidence.file = file
    _as(evidence, by)
    evidence.save()
    return evidence


@transaction.atomic
def sponsor_impact_record(*, experiment: Experiment, by: Person, impact: str) -> Experiment:
    """The sponsor records her view of the business impact, once the experiment runs; the
    owner is told."""
    experiment = _locked(experiment)
    _sponsor_only(experiment, by)
    _expect(experiment, IMPACT_STAGES, None)
    impact = impact.strip()
    if not impact:
        raise ValidationError({"sponsor_impact": _("Write your view of the business impact.")})
    if len(impact) > CARD_MAX_LENGTH:
        raise ValidationError(
            {
                "sponsor_impact": _("Keep it under %(limit)s characters.")
                % {"limit": CARD_MAX_LENGTH}
            }
        )
    experiment.sponsor_impact = impact
    _as(experiment, by)
    experiment.save()
    _notify(experiment, to=experiment.owner, what="impact", by=by, text=impact)
    return experiment


# ---------- Stories ----------

STORY_FIELDS = ("title", "tried", "happened", "quote", "consent_to_share", "experiment")


def story_cohorts(person: Person) -> list[Cohort]:
    """The leadership cohorts she took part in as a participant: her stories' cohorts."""
    enrolled = Enrolment.objects.filter(person=person, role=Enrolment.Role.PARTICIPANT)
    return list(
        Cohort.objects.filter(
            pk__in=enrolled.values("cohort_id"), programme__kind=Programme.Kind.LEADERSHIP
        ).order_by("-starts_on")
    )


@transaction.atomic
def story_save(
    *,
    person: Person,
    cohort: Cohort | None = None,
    story: Story | None = None,
    title: str,
    tried: str = "",
    happened: str = "",
    quote: str = "",
    consent_to_share: bool = False,
    experiment: Experiment | None = None,
    now: datetime | None = None,
) -> Story:
    """Write (or rewrite) the person's own story. Consent is hers: giving it records when;
    withdrawing it hides the story from everyone else at once."""
    now = now or timezone.now()
    if story is not None:
        story = Story.objects.select_for_update().get(pk=story.pk)
        if story.person_id != person.pk:
            raise ValidationError(_("Only the person herself writes her story."))
        cohort = story.cohort
    elif cohort is None or cohort.pk not in {c.pk for c in story_cohorts(person)}:
        raise ValidationError({"cohort": _("Tell a story of a cohort you took part in.")})
    assert cohort is not None
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give your story a title.")
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("Keep it under %(limit)s characters.") % {"limit": TITLE_MAX_LENGTH}
    _text(errors, "tried", tried)
    _text(errors, "happened", happened)
    _text(errors, "quote", quote, 400)
    if experiment is not None and (
        experiment.owner_id != person.pk or experiment.cohort_id != cohort.pk
    ):
        errors["experiment"] = _("Choose your own experiment of this cohort.")
    if errors:
        raise ValidationError(errors)
    story = story or Story(person=person, cohort=cohort)
    story.title, story.tried, story.happened = title.strip(), tried.strip(), happened.strip()
    story.quote = quote.strip()
    story.experiment = experiment
    if consent_to_share and not story.consent_to_share:
        story.consented_at = now
    elif not consent_to_share:
        story.consented_at = None
    story.consent_to_share = consent_to_share
    _as(story, person)
    story.save()
    return story
