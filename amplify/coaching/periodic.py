"""The coaching periodic job (`coaching.cadence`): nudge a coaching pair behind plan, and the
members of a home group gone quiet.

Nothing is sent twice: each nudge is first claimed by inserting its `CoachingNotice` row
(unique per pair or group, kind and key: the day the plan expected the missed session, or the
day the quiet spell began), and only the rows this run inserted are sent. A second run, or
two at once, find the rows there and send nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime, timedelta

from amplify.coaching import emails
from amplify.coaching.health import group_rows, pair_rows
from amplify.coaching.models import CoachingNotice
from amplify.matching.models import HomeGroup, RunStatus
from amplify.operations.periodic import periodic
from amplify.programmes.models import Cohort, Pairing, Programme


def _running() -> list[int]:
    return list(
        Cohort.objects.filter(
            status=Cohort.Status.RUNNING, programme__kind=Programme.Kind.LEADERSHIP
        ).values_list("pk", flat=True)
    )


def coaching_notices_send(now: datetime) -> dict[str, int]:
    """Claim and send the nudges due today; how many of each kind were sent."""
    today = now.date()
    run = uuid.uuid4().hex
    sent: dict[str, int] = defaultdict(int)
    cohorts = _running()
    pairs = [
        r
        for r in pair_rows(Pairing.objects.current().filter(cohort_id__in=cohorts), today=today)
        if r.health.behind and r.health.behind_since is not None
    ]
    groups = [
        r
        for r in group_rows(
            HomeGroup.objects.filter(run__cohort_id__in=cohorts, run__status=RunStatus.PUBLISHED),
            today=today,
        )
        if r.health.quiet
    ]
    wanted = [
        CoachingNotice(
            kind=CoachingNotice.Kind.PAIR_BEHIND,
            pairing_id=r.pk,
            cohort_id=r.cohort_id,
            key=r.health.behind_since or today,
            sent_at=now,
            run=run,
        )
        for r in pairs
    ] + [
        CoachingNotice(
            kind=CoachingNotice.Kind.GROUP_QUIET,
            home_group_id=r.pk,
            cohort_id=r.cohort_id,
            key=r.health.gap_from,
            sent_at=now,
            run=run,
        )
        for r in groups
    ]
    if not wanted:
        return {}
    CoachingNotice.objects.bulk_create(wanted, ignore_conflicts=True)
    ours = list(CoachingNotice.objects.filter(run=run).order_by("pk"))
    by_pair = {r.pk: r for r in pairs}
    by_group = {r.pk: r for r in groups}
    pairings = Pairing.objects.select_related("mentor", "mentee").in_bulk(
        [n.pairing_id for n in ours if n.pairing_id]
    )
    homes = HomeGroup.objects.prefetch_related("members").in_bulk(
        [n.home_group_id for n in ours if n.home_group_id]
    )
    for notice in ours:
        if notice.pairing_id is not None:
            h = by_pair[notice.pairing_id].health
            notice.recipients = emails.behind_send(
                pairings[notice.pairing_id], held=h.held, expected=h.expected, planned=h.planned
            )
        else:
            assert notice.home_group_id is not None
            group = homes[notice.home_group_id]
            notice.recipients = emails.quiet_send(
                group,
                list(group.members.all()),
                days=by_group[notice.home_group_id].health.gap_days,
            )
        sent[notice.kind] += 1
    CoachingNotice.objects.bulk_update(ours, ["recipients"])
    return dict(sent)


@periodic("coaching.cadence", every=timedelta(hours=6))
def coaching_cadence(now: datetime) -> dict[str, int]:
    """Nudges to coaching pairs behind their plan and to quiet home groups."""
    return coaching_notices_send(now)
