"""Positive Influence's mentor training and screening, cohort by cohort, before each is
matched: the default curriculum (set up with the first cohort in 2018), its training events
linked to their modules, each mentor's safeguarding course verified, the code of conduct
accepted (a second version in 2023, which returning mentors accept again) and an enhanced
DBS check on record. A few mentors in each cohort are not ready when matching runs, each for
a different reason, so the run sets them aside and says why."""

from __future__ import annotations

import random
import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from amplify.events.models import Event
from amplify.people.models import Person
from amplify.programmes.models import Cohort
from amplify.training import services
from amplify.training.models import BackgroundCheck, CodeOfConduct, Module

if TYPE_CHECKING:
    from amplify.demo.programmes import Demo

CODE_V2_FROM = 5  # the cohort whose mentors first accept version 2
CODE_V2 = (
    "As a mentor I will: keep to the agreed fortnightly meeting times, or say in good time "
    "when I cannot; meet only in public or workplace settings, or online through Amplify's "
    "meeting invitations; keep what my mentee tells me confidential, except where I believe "
    "she or someone else is at risk of harm, which I report at once through \u201cRaise a "
    "concern\u201d; never ask for or give money, gifts or favours; keep our contact to the "
    "platform's channels unless we both chose to share our details; treat my mentee with "
    "respect whatever her background, and challenge discrimination when I see it."
)
# Why a mentor is not ready on the day matching runs, one each, in this order.
COURSES = (
    "NSPCC Learning: Safeguarding for volunteers (online, 90 minutes).",
    "Completed the Sony UK safeguarding e-learning and its quiz.",
    "Watched the programme's safeguarding recording and read the policy.",
)
NOT_READY = ("check_pending", "code_not_signed", "check_expired", "safeguarding_unverified")


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def prepare_mentors(d: Demo, cohort: Cohort, mentors: list[Person]) -> None:
    """Everything the cohort's mentors did before being matched, as they did it; called
    just before the cohort's matching run."""
    programme = cohort.programme
    start = cohort.starts_on
    rng = random.Random(f"training-{cohort.number}")  # d.rng's sequence is left as it was
    services.curriculum_create_default(
        programme=programme, created_by=d.by, now=_at(start - timedelta(days=30))
    )
    if cohort.number == CODE_V2_FROM:
        services.code_publish(
            programme=programme,
            text=CODE_V2,
            published_by=d.by,
            now=_at(start - timedelta(days=20)),
        )
    code = CodeOfConduct.objects.filter(programme=programme).order_by("-version")[0]
    modules = list(Module.objects.filter(programme=programme).in_order())
    safeguarding = next(m for m in modules if m.safeguarding)
    for module in modules:
        if module.safeguarding:
            continue
        events = list(
            Event.objects.filter(
                cohort=cohort, kind=Event.Kind.TRAINING, title__contains=module.title
            )
        )
        services.module_link_events(
            module=module, events=[*module.events.all(), *events], changed_by=d.by
        )
    # First-time mentors: a returning one's course and check from an earlier year still hold.
    before = set(
        BackgroundCheck.objects.filter(programme=programme, person__in=mentors).values_list(
            "person_id", flat=True
        )
    )
    others = [m for m in mentors if m != d.demo["mentor"] and m.pk not in before]
    # A few are not ready (more in a bigger cohort), each for its own reason.
    turn = cohort.number % len(NOT_READY)
    reasons = NOT_READY[turn:] + NOT_READY[:turn]
    count = min(len(others), 2 + (len(mentors) >= 20))
    late = dict(zip(rng.sample(others, count), reasons[:count], strict=True))
    for mentor in mentors:
        reason = late.get(mentor)
        marked = _at(start + timedelta(days=rng.randint(2, 14)), 20)
        done = mentor.training_activities.filter(module=safeguarding, status="verified")
        if not done.exists():  # a returning mentor did it in an earlier year
            activity = services.activity_mark_done(
                module=safeguarding,
                person=mentor,
                summary=rng.choice(COURSES),
                now=marked,
                notify=False,
            )
            if reason != "safeguarding_unverified":
                services.activity_verify(
                    activity=activity,
                    verified_by=d.by,
                    now=marked + timedelta(days=rng.randint(1, 3)),
                    notify=False,
                )
        if reason != "code_not_signed":
            services.code_accept(
                code=code, person=mentor, now=_at(start + timedelta(days=rng.randint(1, 10)), 9)
            )
        _check(
            d,
            cohort,
            mentor,
            rng,
            expired=reason == "check_expired",
            pending=reason == "check_pending",
        )


def _check(
    d: Demo, cohort: Cohort, mentor: Person, rng: random.Random, *, expired: bool, pending: bool
) -> None:
    start = cohort.starts_on
    valid = BackgroundCheck.objects.filter(
        programme=cohort.programme, person=mentor, status=BackgroundCheck.Status.CLEAR
    ).filter(expires_on__gte=start)
    if valid.exists() and not (expired or pending):
        return  # a returning mentor's check still holds
    today = start + timedelta(days=20)
    if pending:
        services.background_check_record(
            programme=cohort.programme,
            person=mentor,
            kind=BackgroundCheck.Kind.DBS_ENHANCED,
            status=BackgroundCheck.Status.PENDING,
            verified_by=d.by,
            reference="applied " + today.isoformat(),
            today=today,
        )
        return
    # Renewed every three years; an expired one ran out a few weeks before the start.
    if expired:
        checked = start - timedelta(days=3 * 365 + rng.randint(10, 40))
    else:
        checked = start - timedelta(days=rng.randint(20, 600))
    services.background_check_record(
        programme=cohort.programme,
        person=mentor,
        kind=BackgroundCheck.Kind.DBS_ENHANCED,
        status=BackgroundCheck.Status.CLEAR,
        checked_on=checked,
        expires_on=checked + timedelta(days=3 * 365),
        reference=f"{rng.randint(10**11, 10**12 - 1):012d}",
        verified_by=d.by,
        today=today,
    )
