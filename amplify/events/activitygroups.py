"""Writes for a global week's activity groups: the cohort's participants in small groups,
each as mixed in countries and divisions as the cohort, then edited by its manager.

The dealing is amplify.core.activitygroups (pure): the week brings everyone to one city, so
there are no time-zone bands, and no exact optimisation (the home groups' core would spend
seconds on a proof of balance the week does not need)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from amplify.accounts.types import Actor
from amplify.core.activitygroups import Person as Dealt
from amplify.core.activitygroups import deal_groups
from amplify.events.models import ActivityGroup, Event
from amplify.events.sessions import WITH_AGENDA
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment

DEFAULT_SIZE = 6
MIN_SIZE, MAX_SIZE = 3, 20


def groupable(event: Event) -> QuerySet[Person]:
    """Who the week's groups are made of: the cohort's participants (not those who withdrew;
    a past week's cohort has closed and its people have completed)."""
    enrolments = Enrolment.objects.taking_part().filter(
        cohort_id=event.cohort_id, role=Enrolment.Role.PARTICIPANT
    )
    return Person.objects.filter(pk__in=enrolments.values("person_id")).order_by("pk")


def _locked(event: Event) -> Event:
    locked = Event.objects.select_for_update().select_related("cohort").get(pk=event.pk)
    if locked.kind not in WITH_AGENDA:
        raise ValidationError(_("Only a global week has activity groups."))
    if locked.cohort.status == Cohort.Status.CLOSED:
        raise ValidationError(_("This cohort is closed: reopen it to change its groups."))
    return locked


@transaction.atomic
def activity_groups_form(
    *, event: Event, formed_by: Actor, size: int = DEFAULT_SIZE
) -> list[ActivityGroup]:
    """Replace the week's groups with balanced ones of about `size` people."""
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValidationError(
            {
                "size": _("Groups hold between %(min)s and %(max)s people.")
                % {"min": MIN_SIZE, "max": MAX_SIZE}
            }
        )
    event = _locked(event)
    people = list(groupable(event))
    if not people:
        raise ValidationError(_("The cohort has no participants to group yet."))
    dealt = deal_groups(
        [
            Dealt(str(p.pk), p.country_id, str(p.division_id) if p.division_id else None)
            for p in people
        ],
        size=size,
    )
    for old in event.activity_groups.all():
        old._history_user = formed_by  # type: ignore[attr-defined]
        old.delete()
    groups = []
    for number, keys in enumerate(dealt, start=1):
        group = ActivityGroup(event=event, name=_("Group %(number)s") % {"number": number})
        group._history_user = formed_by  # type: ignore[attr-defined]
        group.save()
        group.members.set([int(key) for key in keys])
        groups.append(group)
    return groups


@transaction.atomic
def activity_group_update(
    *,
    group: ActivityGroup,
    changed_by: Actor,
    name: str | None = None,
    members: Iterable[Person] | None = None,
) -> ActivityGroup:
    """Rename a group or set its members; a member taken in leaves the week's other group."""
    event = _locked(group.event)
    group = ActivityGroup.objects.select_for_update().get(pk=group.pk)
    if name is not None:
        name = name.strip()
        if not name:
            raise ValidationError({"name": _("Give the group a name.")})
        if event.activity_groups.filter(name__iexact=name).exclude(pk=group.pk).exists():
            raise ValidationError(
                {"name": _("Another group of this week is called “%(name)s”.") % {"name": name}}
            )
        group.name = name
    group._history_user = changed_by  # type: ignore[attr-defined]
    group.save()
    if members is not None:
        chosen = list(members)
        allowed = set(groupable(event).values_list("pk", flat=True))
        outsiders = [p for p in chosen if p.pk not in allowed]
        if outsiders:
            raise ValidationError(
                {
                    "members": _("Not a participant of this cohort: %(people)s.")
                    % {"people": ", ".join(str(p) for p in outsiders)}
                }
            )
        for other in event.activity_groups.exclude(pk=group.pk):
            other.members.remove(*chosen)
        group.members.set(chosen)
    return group


@transaction.atomic
def activity_group_add_member(
    *, group: ActivityGroup, person: Person, changed_by: Actor
) -> ActivityGroup:
    """Move one participant into this group (out of any other of the week)."""
    current = list(group.members.all())
    if person in current:
        return group
    return activity_group_update(group=group, changed_by=changed_by, members=[*current, person])
