"""Outcomes' periodic work: ask each mentee for her outcomes at the end of her cohort and six
months later. One request per mentee, cohort and round (a row with a unique constraint):
a second run, or two runs at once, asks nobody twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from amplify.core import outcomes as core
from amplify.operations.periodic import periodic
from amplify.outcomes.models import OutcomeRequest
from amplify.programmes.models import Cohort, Enrolment


def _due(now: datetime) -> list[tuple[Enrolment, str]]:
    today = timezone.localdate(now)
    window = timedelta(days=core.REQUEST_WINDOW_DAYS)
    # Cohorts whose end, or six months after it, falls in the window.
    cohorts = Cohort.objects.filter(
        ends_on__lte=today, ends_on__gte=today - window - timedelta(days=190)
    )
    enrolments = (
        Enrolment.objects.taking_part()
        .filter(cohort__in=cohorts, role=Enrolment.Role.MENTEE, person__email__gt="")
        .select_related("cohort", "person")
    )
    asked = set(
        OutcomeRequest.objects.filter(cohort__in=cohorts).values_list(
            "person_id", "cohort_id", "round"
        )
    )
    due = []
    for enrolment in enrolments:
        for round_ in core.rounds_due(ends_on=enrolment.cohort.ends_on, today=today):
            if (enrolment.person_id, enrolment.cohort_id, round_) not in asked:
                due.append((enrolment, round_))
    return due


@periodic("outcomes.requests", every=timedelta(hours=6))
def outcome_requests_send(now: datetime) -> int:
    """Ask the mentees whose cohort ended (or ended six months ago) for their outcomes; the
    number of emails sent."""
    from amplify.outcomes.emails import outcome_request_send

    sent = 0
    for enrolment, round_ in _due(now):
        try:
            with transaction.atomic():
                request = OutcomeRequest.objects.create(
                    person=enrolment.person,
                    cohort=enrolment.cohort,
                    round=round_,
                    due_on=core.request_date(round_, ends_on=enrolment.cohort.ends_on),
                    created_at=now,
                )
        except IntegrityError:
            continue  # another run asked her first
        if outcome_request_send(request):
            OutcomeRequest.objects.filter(pk=request.pk).update(sent_at=now)
            sent += 1
    return sent
