"""Reads for cadence health: load many pairs' meeting counts in a fixed number of queries,
then let the core decide each pair's status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q

from amplify.core import cadence
from amplify.meetings.models import MeetingSettings
from amplify.programmes.models import Pairing


@dataclass(frozen=True)
class Row:
    pairing: Pairing
    health: cadence.Health
    unconfirmed: int


def with_tally(pairings: Any, *, today: date) -> Any:
    """The pairs with `held` (meetings logged up to today), `last_met` and `unconfirmed`."""
    upto = Q(meetings__held_on__lte=today)
    return pairings.annotate(
        held=Count("meetings", filter=upto),
        last_met=Max("meetings__held_on", filter=upto),
        unconfirmed=Count("meetings", filter=upto & Q(meetings__confirmed_at__isnull=True)),
    )


def pair_of(p: Any) -> cadence.Pair:
    # A cohort that closed early ends its pairs on the day it ended, whichever came first.
    return cadence.Pair(
        started_on=p.started_on,
        ends_on=p.cohort.ends_on,
        ended_on=p.ended_on,
        held=p.held,
        last_met_on=p.last_met,
    )


def rows(pairings: Any, *, today: date) -> list[Row]:
    """Each pair with its health: two queries (pairs with counts, and the settings)."""
    found = list(with_tally(pairings.select_related("mentor", "mentee", "cohort"), today=today))
    settings = MeetingSettings.by_programme({p.cohort.programme_id for p in found})
    return [
        Row(
            pairing=p,
            health=cadence.health(pair_of(p), today, settings[p.cohort.programme_id].thresholds()),
            unconfirmed=p.unconfirmed,
        )
        for p in found
    ]


SORTS = {
    "status": lambda r: (cadence.STATUS_ORDER.index(r.health.status), -r.health.gap_days),
    "mentor": lambda r: (r.pairing.mentor.name.casefold(),),
    "mentee": lambda r: (r.pairing.mentee.name.casefold(),),
    "held": lambda r: (r.health.held - r.health.expected, r.health.held),
    "last": lambda r: (r.health.last_met_on or date.min,),
}


def sort_rows(found: list[Row], sort: str, descending: bool = False) -> list[Row]:
    key = SORTS.get(sort, SORTS["status"])
    return sorted(found, key=lambda r: (*key(r), r.pairing.pk), reverse=descending)
