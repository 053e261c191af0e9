"""Which kind of run a cohort makes: mentoring for a mentoring programme, else coaching."""

from __future__ import annotations

from amplify.matching.models import MatchingRun
from amplify.programmes.models import Cohort, Programme


def run_kind_for(cohort: Cohort) -> str:
    return (
        MatchingRun.Kind.MENTORING
        if cohort.programme.kind == Programme.Kind.MENTORING
        else MatchingRun.Kind.COACHING
    )
