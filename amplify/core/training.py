"""Is a mentor ready to be matched: her training hours and her screening, as a pure function.

The Django layer (amplify.training) loads a programme's curriculum and requirements and a
mentor's records into the dataclasses below and calls `readiness()`. A module is done when
the mentor attended training events for it adding up to its hours, or when the programme
manager verified a self-paced activity for it. Screening is the safeguarding module, the
current code of conduct accepted, and a background check that is clear and still valid on
the cohort's start date. Nothing here reads the clock: the date is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# What a mentor may still lack (codes the apps translate where they are shown).
HOURS = "hours"  # fewer curriculum hours than required
SAFEGUARDING = "safeguarding"  # the safeguarding module is not done
CODE_NOT_ACCEPTED = "code_not_accepted"  # never accepted the programme's code of conduct
CODE_OUTDATED = "code_outdated"  # accepted an older version only
CHECK_MISSING = "check_missing"  # no background check on record
CHECK_PENDING = "check_pending"  # a check is on record but not yet clear
CHECK_FAILED = "check_failed"  # the only checks on record did not clear
CHECK_EXPIRED = "check_expired"  # clear, but expires before the date that matters
SCREENING = (
    SAFEGUARDING,
    CODE_NOT_ACCEPTED,
    CODE_OUTDATED,
    CHECK_MISSING,
    CHECK_PENDING,
    CHECK_FAILED,
    CHECK_EXPIRED,
)
CODES = (HOURS, *SCREENING)

# A background check's status, as the app stores it.
CLEAR = "clear"
PENDING = "pending"
FAILED = "failed"


@dataclass(frozen=True)
class Module:
    """One module of a curriculum. The safeguarding module is screening: its hours are not
    counted towards the curriculum's hours."""

    key: str
    hours: float
    safeguarding: bool = False

    def __post_init__(self) -> None:
        if self.hours < 0:
            raise ValueError(f"{self.key}: hours cannot be negative")


@dataclass(frozen=True)
class Requirements:
    """A programme's rules for one cohort: the curriculum hours required (by default the
    sum of its modules' hours) and which screening items it asks for."""

    hours: float
    safeguarding: bool = True
    code_of_conduct: bool = True
    background_check: bool = True


@dataclass(frozen=True)
class Check:
    status: str
    checked_on: date | None = None
    expires_on: date | None = None  # None: does not expire


@dataclass(frozen=True)
class Record:
    """What a mentor has done: hours attended at training events per module, the modules
    whose self-paced activity was verified, the code-of-conduct version she accepted last
    (None: never) and the programme's current one (None: the programme has none yet), and
    her background checks."""

    attended: dict[str, float]
    verified: frozenset[str] = frozenset()
    accepted_version: int | None = None
    current_version: int | None = None
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class ModuleProgress:
    key: str
    hours: float  # the module's hours
    done_hours: float  # credited so far (at most the module's hours)
    complete: bool
    safeguarding: bool

    @property
    def left(self) -> float:
        return max(0.0, self.hours - self.done_hours)


@dataclass(frozen=True)
class Readiness:
    modules: tuple[ModuleProgress, ...]
    hours: float  # curriculum hours credited (the safeguarding module left out)
    required_hours: float
    gaps: tuple[str, ...]  # codes, in the order of CODES; empty when ready

    @property
    def ready(self) -> bool:
        return not self.gaps

    @property
    def hours_left(self) -> float:
        return max(0.0, self.required_hours - self.hours)

    @property
    def screening_gaps(self) -> tuple[str, ...]:
        """The gaps other than hours: what matching adds to its own hours rule."""
        return tuple(g for g in self.gaps if g != HOURS)


def credit(module: Module, attended: float, verified: bool) -> float:
    """Hours of a module a mentor is credited with: all of them once a self-paced activity
    is verified, else the hours attended, never more than the module's."""
    if verified:
        return module.hours
    return min(module.hours, max(0.0, attended))


def curriculum_hours(modules: tuple[Module, ...] | list[Module]) -> float:
    return sum(m.hours for m in modules if not m.safeguarding)


def check_gap(checks: tuple[Check, ...], *, on: date) -> str | None:
    """None when some check is clear and valid on `on` (not expired before it); else the
    closest thing to fix: an expired clear check, then one still pending, then a failed
    one, then none at all."""
    if not checks:
        return CHECK_MISSING
    clear = [c for c in checks if c.status == CLEAR]
    if any(c.expires_on is None or c.expires_on >= on for c in clear):
        return None
    if clear:
        return CHECK_EXPIRED
    if any(c.status == PENDING for c in checks):
        return CHECK_PENDING
    return CHECK_FAILED


def readiness(
    modules: tuple[Module, ...] | list[Module],
    record: Record,
    requirements: Requirements,
    *,
    on: date,
) -> Readiness:
    """A mentor's progress and what she still lacks to be matched into a cohort starting
    `on` (a background check must still be valid that day). Without modules, `attended`
    holds hours by event and all of them count."""
    progress = []
    for m in modules:
        done = credit(m, record.attended.get(m.key, 0.0), m.key in record.verified)
        progress.append(
            ModuleProgress(
                key=m.key,
                hours=m.hours,
                done_hours=done,
                complete=done >= m.hours,
                safeguarding=m.safeguarding,
            )
        )
    if modules:
        hours = sum(p.done_hours for p in progress if not p.safeguarding)
    else:
        # No curriculum: every attended training hour counts, as before curricula.
        hours = sum(record.attended.values())
    gaps: list[str] = []
    if hours < requirements.hours:
        gaps.append(HOURS)
    # A programme asking for it without a safeguarding module: no one is ready until it has.
    if requirements.safeguarding and not any(p.safeguarding and p.complete for p in progress):
        gaps.append(SAFEGUARDING)
    if requirements.code_of_conduct:
        if record.accepted_version is None or record.current_version is None:
            gaps.append(CODE_NOT_ACCEPTED)
        elif record.accepted_version < record.current_version:
            gaps.append(CODE_OUTDATED)
    if requirements.background_check:
        gap = check_gap(record.checks, on=on)
        if gap:
            gaps.append(gap)
    return Readiness(
        modules=tuple(progress),
        hours=hours,
        required_hours=requirements.hours,
        gaps=tuple(gaps),
    )
