"""Writes for the showcase: the rubric, the schedule, the judges, their marks, publishing
the results and the audience vote.

Every write that depends on the showcase's state (scoring, publishing, changing judges)
locks the showcase event's row first, so that a judge saving her marks and the manager
publishing at the same moment queue: either the marks are in the published results, or
they are refused with a clear message.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.core import judging
from amplify.events.models import Event
from amplify.experiments.models import Experiment
from amplify.matching.models import HomeGroup
from amplify.people.models import Person
from amplify.programmes.models import Enrolment, Programme
from amplify.showcase import emails
from amplify.showcase.models import (
    DEFAULT_CRITERIA,
    DEFAULT_GUIDANCE,
    AudienceVote,
    Criterion,
    JudgeAssignment,
    Publication,
    Rubric,
    Score,
    Slot,
)

SLOT_MINUTES_MIN = 5
COMMENT_MAX_LENGTH = 500


def _by(obj: Any, user: User | None) -> None:
    if user is not None:
        obj._history_user = user


def _locked_event(event: Event) -> Event:
    locked: Event = (
        Event.objects.select_for_update(of=("self",))
        .select_related("cohort__programme")
        .get(pk=event.pk)
    )
    return locked


def is_published(event: Event) -> bool:
    return Publication.objects.filter(event=event, published_at__isnull=False).exists()


def _not_published(event: Event) -> None:
    if is_published(event):
        raise ValidationError(
            _("The results of this showcase are published: nothing about its judging changes.")
        )


# ---------- The rubric ----------


def rubric_locked(rubric: Rubric) -> bool:
    """While a showcase of the programme is being judged (marks in, results not yet
    published), its rubric stays as the judges see it."""
    # A LEFT JOIN: an event with no publication row at all is unpublished too.
    return Score.objects.filter(
        criterion__rubric=rubric,
        assignment__slot__event__showcase_publication__published_at__isnull=True,
    ).exists()


def _rubric_open(rubric: Rubric) -> None:
    if rubric_locked(rubric):
        raise ValidationError(
            _(
                "A showcase of this programme is being judged: the rubric can change once its"
                " results are published."
            )
        )


@transaction.atomic
def rubric_create_default(*, programme: Programme, changed_by: User | None) -> Rubric:
    """The programme's rubric with the default criteria (learning, commercial potential,
    leadership shown, boldness); an existing rubric is returned as it is."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    found = Rubric.objects.filter(programme=programme).first()
    if found is not None:
        return found
    rubric = Rubric(programme=programme, guidance=str(DEFAULT_GUIDANCE))
    _by(rubric, changed_by)
    rubric.save()
    for position, (name, description) in enumerate(DEFAULT_CRITERIA, start=1):
        criterion = Criterion(
            rubric=rubric, name=str(name), description=str(description), position=position
        )
        _by(criterion, changed_by)
        criterion.save()
    return rubric


@transaction.atomic
def criterion_save(
    *,
    rubric: Rubric,
    changed_by: User | None,
    name: str,
    description: str = "",
    position: int | None = None,
    criterion: Criterion | None = None,
) -> Criterion:
    """Add a criterion to the rubric, or change one of its criteria."""
    Programme.objects.select_for_update().get(pk=rubric.programme_id)
    _rubric_open(rubric)
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the criterion a name.")
    elif len(name) > 80:
        errors["name"] = _("A criterion's name has at most 80 characters.")
    elif (
        Criterion.objects.filter(rubric=rubric, name__iexact=name)
        .exclude(pk=criterion.pk if criterion else 0)
        .exists()
    ):
        errors["name"] = _("The rubric already has a criterion of that name.")
    if len(description) > 300:
        errors["description"] = _("A description has at most 300 characters.")
    if position is not None and not 0 <= position <= 100:
        errors["position"] = _("Give a position from 0 to 100.")
    if errors:
        raise ValidationError(errors)
    if criterion is None:
        last = rubric.criteria.aggregate(n=Max("position"))["n"] or 0
        criterion = Criterion(rubric=rubric, position=last + 1 if position is None else position)
    elif criterion.rubric_id != rubric.pk:
        raise ValidationError(_("That criterion is not in this rubric."))
    elif position is not None:
        criterion.position = position
    criterion.name = name
    criterion.description = description.strip()
    _by(criterion, changed_by)
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, changed_by: User | None) -> None:
    Programme.objects.select_for_update().get(pk=criterion.rubric.programme_id)
    _rubric_open(criterion.rubric)
    if criterion.scores.exists():
        raise ValidationError(
            _("Past showcases were judged on this criterion: rename it rather than remove it.")
        )
    _by(criterion, changed_by)
    criterion.delete()


# ---------- The schedule ----------


def showcase_of(cohort_id: int) -> Event | None:
    """The cohort's showcase event (the first, should it have several)."""
    return (
        Event.objects.filter(cohort_id=cohort_id, kind=Event.Kind.SHOWCASE)
        .select_related("cohort__programme")
        .order_by("starts_at", "pk")
        .first()
    )


def _subjects(event: Event) -> list[Experiment | HomeGroup]:
    """What presents: the cohort's experiments (participants' own) if it has any, else its
    published home groups."""
    experiments = list(
        Experiment.objects.filter(cohort_id=event.cohort_id)
        .select_related("owner")
        .order_by("owner__name", "pk")
    )
    if experiments:
        return list(experiments)
    return list(
        HomeGroup.objects.published()
        .filter(run__cohort_id=event.cohort_id)
        .order_by("band", "number")
    )


def _title_of(subject: Experiment | HomeGroup) -> str:
    if isinstance(subject, Experiment):
        return f"{subject.owner.display_name}: {subject.title}"[:160]
    return subject.name[:160]


@transaction.atomic
def slots_generate(
    *, event: Event, changed_by: User | None, minutes: int | None = None, room: str = ""
) -> list[Slot]:
    """One slot per experiment of the cohort (or, when it has none, per home group) not yet
    on the programme, one after another within the event's time: `minutes` each, or the
    event's time shared equally. Slots already scheduled stay as they are; running it again
    adds only what is new."""
    event = _locked_event(event)
    if event.kind != Event.Kind.SHOWCASE:
        raise ValidationError(_("Presentations are scheduled in the cohort's showcase event."))
    _not_published(event)
    existing = list(Slot.objects.filter(event=event))
    have_experiments = {s.experiment_id for s in existing if s.experiment_id}
    have_groups = {s.home_group_id for s in existing if s.home_group_id}
    new = [
        s
        for s in _subjects(event)
        if (isinstance(s, Experiment) and s.pk not in have_experiments)
        or (isinstance(s, HomeGroup) and s.pk not in have_groups)
    ]
    if not new:
        if not existing:
            raise ValidationError(
                _("The cohort has no experiments nor published home groups to present yet.")
            )
        return []
    start: datetime = max([event.starts_at, *(s.ends_at for s in existing)])
    room_left = (event.ends_at - start).total_seconds() / 60
    each = minutes if minutes is not None else int(room_left // len(new))
    if minutes is not None and not SLOT_MINUTES_MIN <= minutes <= 240:
        raise ValidationError({"minutes": _("A presentation lasts 5 to 240 minutes.")})
    if each < SLOT_MINUTES_MIN or each * len(new) > room_left:
        raise ValidationError(
            {
                "minutes": _(
                    "%(count)s presentations do not fit in the time left in the event"
                    " (%(left)s minutes): make the event longer or the slots shorter."
                )
                % {"count": len(new), "left": int(room_left)}
            }
        )
    position = max((s.position for s in existing), default=0)
    made = []
    for subject in new:
        position += 1
        slot = Slot(
            event=event,
            experiment=subject if isinstance(subject, Experiment) else None,
            home_group=subject if isinstance(subject, HomeGroup) else None,
            title=_title_of(subject),
            starts_at=start,
            ends_at=start + timedelta(minutes=each),
            position=position,
            room=room[:80],
        )
        _by(slot, changed_by)
        slot.save()
        made.append(slot)
        start = slot.ends_at
    return made


@transaction.atomic
def slot_update(
    *,
    slot: Slot,
    changed_by: User | None,
    starts_at: datetime,
    ends_at: datetime,
    position: int,
    room: str = "",
) -> Slot:
    event = _locked_event(slot.event)
    _not_published(event)
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    errors: dict[str, str] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = _("A presentation ends after it starts.")
    elif starts_at < event.starts_at or ends_at > event.ends_at:
        errors["starts_at"] = _("A presentation happens within the showcase's own time.")
    if not 0 <= position <= 1000:
        errors["position"] = _("Give a position from 0 to 1000.")
    if len(room) > 80:
        errors["room"] = _("A room's name has at most 80 characters.")
    if errors:
        raise ValidationError(errors)
    slot.starts_at, slot.ends_at, slot.position, slot.room = starts_at, ends_at, position, room
    _by(slot, changed_by)
    slot.save()
    return slot


# ---------- Judges ----------


def conflict_of(slot: Slot, judge: Person) -> str | None:
    """Why this person may not judge this slot, if she may not: she sponsors the experiment
    (for a home group, any member's experiment in the cohort), or presents it herself."""
    if slot.experiment_id is not None:
        experiment = slot.experiment
        assert experiment is not None
        if experiment.sponsor_id == judge.pk:
            return _("%(judge)s sponsors this experiment: she may not judge it.") % {
                "judge": judge.display_name
            }
        if experiment.owner_id == judge.pk:
            return _("%(judge)s presents this experiment: she may not judge it.") % {
                "judge": judge.display_name
            }
        return None
    group = slot.home_group
    assert group is not None
    members = group.members.all()
    if any(m.pk == judge.pk for m in members):
        return _("%(judge)s is a member of this home group: she may not judge it.") % {
            "judge": judge.display_name
        }
    sponsored = Experiment.objects.filter(
        cohort_id=slot.event.cohort_id, owner__in=members, sponsor=judge
    ).exists()
    if sponsored:
        return _(
            "%(judge)s sponsors the experiment of a member of this home group: she may not"
            " judge it."
        ) % {"judge": judge.display_name}
    return None


@transaction.atomic
def judge_assign(*, slot: Slot, judge: Person, changed_by: User | None) -> JudgeAssignment:
    """Name a judge for a slot: an executive sponsor of the cohort or anyone the manager
    names, never one with a conflict of interest. Naming her again finds the first."""
    event = _locked_event(slot.event)
    _not_published(event)
    slot = Slot.objects.with_subject().get(pk=slot.pk)
    reason = conflict_of(slot, judge)
    if reason:
        raise ValidationError({"judge": reason})
    found = JudgeAssignment.objects.filter(slot=slot, judge=judge).first()
    if found is not None:
        return found
    assignment = JudgeAssignment(slot=slot, judge=judge)
    _by(assignment, changed_by)
    assignment.save()
    _tell_judges(event, [judge.pk])
    return assignment


def _tell_judges(event: Event, judge_ids: list[int]) -> None:
    # Sent after the commit: a refused change sends nothing.
    if judge_ids:
        transaction.on_commit(lambda: emails.judges_named_send(event=event, judge_ids=judge_ids))


@transaction.atomic
def judge_unassign(*, assignment: JudgeAssignment, changed_by: User | None) -> None:
    """Take a judge off a slot, with any marks she gave it, while the results are not out."""
    _locked_event(assignment.slot.event)
    _not_published(assignment.slot.event)
    _by(assignment, changed_by)
    assignment.delete()


@transaction.atomic
def judges_assign_sponsors(
    *, event: Event, changed_by: User | None, per_slot: int = 3
) -> list[JudgeAssignment]:
    """Give each slot up to `per_slot` judges from the cohort's executive sponsors, the least
    busy first, skipping any with a conflict of interest."""
    event = _locked_event(event)
    _not_published(event)
    if not 1 <= per_slot <= 15:
        raise ValidationError({"per_slot": _("Give 1 to 15 judges per presentation.")})
    sponsors = list(
        Person.objects.filter(
            enrolments__cohort_id=event.cohort_id,
            enrolments__role=Enrolment.Role.SPONSOR,
            enrolments__status__in=[Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED],
        )
        .distinct()
        .order_by("name", "pk")
    )
    if not sponsors:
        raise ValidationError(_("The cohort has no executive sponsors to judge."))
    load = {
        row["judge_id"]: row["n"]
        for row in JudgeAssignment.objects.filter(slot__event=event)
        .values("judge_id")
        .annotate(n=Count("pk"))
    }
    made = []
    slots = list(
        Slot.objects.filter(event=event)
        .with_subject()
        .prefetch_related("judges", "home_group__members")
    )
    for slot in slots:
        have = {a.judge_id for a in slot.judges.all()}
        for judge in sorted(sponsors, key=lambda p: (load.get(p.pk, 0), p.name, p.pk)):
            if len(have) >= per_slot:
                break
            if judge.pk in have or conflict_of(slot, judge):
                continue
            assignment = JudgeAssignment(slot=slot, judge=judge)
            _by(assignment, changed_by)
            assignment.save()
            made.append(assignment)
            have.add(judge.pk)
            load[judge.pk] = load.get(judge.pk, 0) + 1
    _tell_judges(event, [a.judge_id for a in made])
    return made


# ---------- Marks ----------


@transaction.atomic
def scores_save(
    *,
    assignment: JudgeAssignment,
    judge: Person,
    values: Mapping[int, Any],
    comment: str = "",
) -> JudgeAssignment:
    """Save a judge's marks for one slot, one per criterion of the rubric, all at once.
    Saving the same marks again (a double submit) changes nothing; saving others replaces
    them, until the results are published."""
    event = _locked_event(assignment.slot.event)
    # Only the assignment's own row: PostgreSQL locks no nullable side of an outer join.
    assignment = (
        JudgeAssignment.objects.select_for_update(of=("self",))
        .select_related("slot__experiment", "slot__home_group", "judge")
        .get(pk=assignment.pk)
    )
    if assignment.judge_id != judge.pk:
        raise ValidationError(_("Only the judge named for this presentation scores it."))
    if is_published(event):
        raise ValidationError(_("The results are published: marks can no longer change."))
    assignment.slot.event = event
    reason = conflict_of(assignment.slot, judge)
    if reason:
        raise ValidationError(reason)
    rubric = Rubric.objects.filter(programme_id=event.cohort.programme_id).first()
    criteria = list(rubric.criteria.all()) if rubric else []
    if not criteria:
        raise ValidationError(_("The programme has no rubric yet: its manager sets one up."))
    errors: dict[str, str] = {}
    for criterion in criteria:
        value = values.get(criterion.pk)
        if not judging.valid_mark(value):
            errors[f"criterion_{criterion.pk}"] = _("Give %(criterion)s a mark from 1 to 5.") % {
                "criterion": criterion.name
            }
    unknown = set(values) - {c.pk for c in criteria}
    if unknown:
        errors["criteria"] = _("Mark the rubric's criteria only.")
    if len(comment) > COMMENT_MAX_LENGTH:
        errors["comment"] = _("A comment has at most 500 characters.")
    if errors:
        raise ValidationError(errors)
    found = {s.criterion_id: s for s in Score.objects.filter(assignment=assignment)}
    user = judge.user
    for criterion in criteria:
        score = found.get(criterion.pk) or Score(assignment=assignment, criterion=criterion)
        if score.pk and score.value == values[criterion.pk]:
            continue
        score.value = values[criterion.pk]
        _by(score, user)
        score.save()
    if assignment.scored_at is None or assignment.comment != comment:
        assignment.scored_at = assignment.scored_at or timezone.now()
        assignment.comment = comment
        _by(assignment, user)
        assignment.save(update_fields=["scored_at", "comment"])
    return assignment


# ---------- Publishing and the audience vote ----------


@transaction.atomic
def results_publish(*, event: Event, published_by: Person) -> Publication:
    """Publish the showcase's results to the cohort's people. Once only: a second publish
    (another tab, another manager) finds them published and says so."""
    event = _locked_event(event)
    publication = Publication.objects.select_for_update().filter(event=event).first()
    if publication is not None and publication.is_published:
        raise ValidationError(_("These results were already published."))
    if not Score.objects.filter(assignment__slot__event=event).exists():
        raise ValidationError(
            _("No presentation has been scored yet: there is nothing to publish.")
        )
    publication = publication or Publication(event=event)
    publication.published_at = timezone.now()
    publication.published_by = published_by
    _by(publication, published_by.user)
    publication.save()
    transaction.on_commit(lambda: emails.results_published_send(event=event))
    return publication


@transaction.atomic
def audience_vote_set(*, event: Event, is_open: bool, changed_by: User | None) -> Publication:
    event = _locked_event(event)
    publication = Publication.objects.select_for_update().filter(event=event).first()
    publication = publication or Publication(event=event)
    publication.audience_vote_open = is_open
    _by(publication, changed_by)
    publication.save()
    return publication


@transaction.atomic
def audience_vote_cast(*, event: Event, voter: Person, slot: Slot) -> AudienceVote:
    """One vote per person per showcase: voting again moves her vote."""
    event = _locked_event(event)
    publication = Publication.objects.filter(event=event).first()
    if publication is None or not publication.audience_vote_open:
        raise ValidationError(_("The audience vote is not open."))
    if slot.event_id != event.pk:
        raise ValidationError({"slot": _("Choose a presentation of this showcase.")})
    vote, _created = AudienceVote.objects.update_or_create(
        event=event, voter=voter, defaults={"slot": slot}
    )
    return vote
