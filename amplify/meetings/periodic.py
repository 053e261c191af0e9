"""The meetings' periodic job: nudge quiet pairs, alert their programme manager, remind a
pair of a meeting in the next days.

Nothing is sent twice for the same gap: each notice is first claimed by inserting its
`CadenceNotice` row (unique per pair, kind and key), and only the rows this run inserted are
sent. A second run, or two at once, find the rows there and send nothing. The pairs are read
in batches, a fixed number of queries each.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime, timedelta

from amplify.core import cadence
from amplify.meetings import emails
from amplify.meetings.health import NO_MEETINGS, pair_of, tallies
from amplify.meetings.models import CadenceNotice, MeetingSettings, MeetingSlot
from amplify.operations.periodic import periodic
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Pairing

BATCH = 1000


def _managers(cohort_ids: set[int]) -> dict[int, list[Person]]:
    """Each cohort's programme managers: the programme's, and those enrolled as such."""
    out: dict[int, dict[int, Person]] = defaultdict(dict)
    cohorts = Cohort.objects.filter(pk__in=cohort_ids).prefetch_related("programme__managers")
    for cohort in cohorts:
        for person in cohort.programme.managers.all():
            out[cohort.pk][person.pk] = person
    enrolled = Enrolment.objects.filter(
        cohort_id__in=cohort_ids,
        role=Enrolment.Role.PROGRAMME_MANAGER,
        status=Enrolment.Status.ACTIVE,
    ).select_related("person")
    for e in enrolled:
        out[e.cohort_id][e.person_id] = e.person
    return {k: list(v.values()) for k, v in out.items()}


def cadence_notices_send(now: datetime, *, batch: int = BATCH) -> dict[str, int]:
    """Claim and send the notices due today; how many of each kind were sent."""
    today = now.date()
    run = uuid.uuid4().hex
    sent: dict[str, int] = defaultdict(int)
    # Mentoring pairs only: a coach and her coachee keep the coaching app's own cadence.
    pairings = Pairing.objects.current().filter(
        kind=Pairing.Kind.MENTORING, cohort__status=Cohort.Status.RUNNING
    )
    settings = MeetingSettings.by_programme(
        list(pairings.values_list("cohort__programme_id", flat=True).distinct())
    )
    last_pk = 0
    while True:
        chunk = list(
            pairings.filter(pk__gt=last_pk)
            .select_related("mentor", "mentee", "cohort")
            .order_by("pk")[:batch]
        )
        if not chunk:
            break
        last_pk = chunk[-1].pk
        counted = tallies([p.pk for p in chunk], today=today)
        slots = {
            s.pairing_id: s
            for s in MeetingSlot.objects.live().filter(pairing__in=[p.pk for p in chunk])
        }
        wanted: list[CadenceNotice] = []
        for p in chunk:
            slot = slots.get(p.pk)
            due = cadence.notices_due(
                pair_of(p, counted.get(p.pk, NO_MEETINGS)),
                today,
                settings[p.cohort.programme_id].thresholds(),
                slot_first_on=slot.first_on if slot else None,
            )
            wanted.extend(
                CadenceNotice(pairing=p, kind=d.notice.value, key=d.key, sent_at=now, run=run)
                for d in due
            )
        if not wanted:
            continue
        CadenceNotice.objects.bulk_create(wanted, ignore_conflicts=True)
        ours = list(
            CadenceNotice.objects.filter(run=run, pairing__in=[p.pk for p in chunk]).order_by("pk")
        )
        by_pk = {p.pk: p for p in chunk}
        alerts: dict[int, list[tuple[Pairing, int]]] = defaultdict(list)
        for notice in ours:
            pairing = by_pk[notice.pairing_id]
            if notice.kind == CadenceNotice.Kind.NUDGE:
                notice.recipients = emails.nudge_send(pairing, days=(today - notice.key).days)
            elif notice.kind == CadenceNotice.Kind.REMINDER:
                starts_at = slots[pairing.pk].next_starts_at(today=notice.key)
                notice.recipients = emails.reminder_send(pairing, starts_at=starts_at)
            else:
                alerts[pairing.cohort_id].append((pairing, (today - notice.key).days))
            sent[notice.kind] += 1
        if alerts:
            managers = _managers(set(alerts))
            cohorts = {p.cohort_id: p.cohort for p in chunk}
            recipients: dict[int, int] = defaultdict(int)
            for cohort_id, rows in alerts.items():
                for manager in managers.get(cohort_id, []):
                    if emails.alert_send(manager, cohorts[cohort_id], rows):
                        for pairing, _days in rows:
                            recipients[pairing.pk] += 1
            for notice in ours:
                if notice.kind == CadenceNotice.Kind.ALERT:
                    notice.recipients = recipients[notice.pairing_id]
        CadenceNotice.objects.bulk_update(ours, ["recipients"])
    return dict(sent)


@periodic("meetings.cadence", every=timedelta(hours=6))
def meetings_cadence(now: datetime) -> dict[str, int]:
    """Nudges after the programme's days without a meeting, the manager's alert after more,
    and reminders of the meetings coming up."""
    return cadence_notices_send(now)
