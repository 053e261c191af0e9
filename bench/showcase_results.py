"""Time to compute a showcase's results: --slots presentations, each marked by --judges
judges on --criteria criteria (default 200 × 15 × 4 = 12,000 marks). Target: under 1 s.

    python bench/showcase_results.py [--slots 200] [--judges 15] [--criteria 4] [--repeat 5]

Times amplify.core.judging alone (z-scores per judge, combining, ranking), then the same
through the database (amplify.showcase.results.rows: the marks loaded, the slots and the
criteria read) on a scratch SQLite database. Prints the best and median of --repeat runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def _marks(slots: int, judges: int, criteria: int, seed: int = 7) -> list:
    from amplify.core.judging import Mark

    rng = random.Random(seed)
    harshness = [rng.uniform(-1.5, 1.5) for _ in range(judges)]
    quality = [rng.gauss(0, 1) for _ in range(slots)]
    return [
        Mark(j, s, c, max(1, min(5, round(3 + quality[s] + harshness[j] + rng.gauss(0, 0.7)))))
        for s in range(slots)
        for j in range(judges)
        for c in range(criteria)
    ]


def _time(fn, repeat: int) -> tuple[float, float]:
    took = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        took.append(time.perf_counter() - started)
    return min(took), statistics.median(took)


def _build(slots: int, judges: int, criteria: int):
    from datetime import timedelta

    from django.utils import timezone

    from amplify.events.models import Event
    from amplify.experiments.models import Experiment
    from amplify.people.models import Person
    from amplify.programmes.models import Cohort, Programme
    from amplify.showcase.models import Criterion, JudgeAssignment, Rubric, Score, Slot

    programme = Programme.objects.create(name="Bench", slug="bench", kind="leadership")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        programme=programme,
        name="Bench 1",
        number=1,
        starts_on=today - timedelta(days=200),
        ends_on=today + timedelta(days=10),
        status="running",
    )
    start = timezone.now()
    event = Event.objects.create(
        cohort=cohort,
        kind="showcase",
        title="Showcase",
        starts_at=start,
        ends_at=start + timedelta(days=2),
        format="in_person",
        audience="everyone",
    )
    rubric = Rubric.objects.create(programme=programme)
    crits = Criterion.objects.bulk_create(
        Criterion(rubric=rubric, name=f"Criterion {i}", position=i) for i in range(criteria)
    )
    people = Person.objects.bulk_create(
        Person(
            employee_id=f"b{i}",
            name=f"Person {i}",
            email=f"b{i}@sony.example",
            country_id="GB",
            languages=["en"],
            time_zone="Europe/London",
        )
        for i in range(slots + judges)
    )
    owners, panel = people[:slots], people[slots:]
    experiments = Experiment.objects.bulk_create(
        Experiment(cohort=cohort, owner=p, title=f"Experiment {i}") for i, p in enumerate(owners)
    )
    the_slots = Slot.objects.bulk_create(
        Slot(
            event=event,
            experiment=e,
            title=e.title,
            starts_at=start + timedelta(minutes=10 * i),
            ends_at=start + timedelta(minutes=10 * i + 10),
            position=i,
        )
        for i, e in enumerate(experiments)
    )
    assignments = JudgeAssignment.objects.bulk_create(
        JudgeAssignment(slot=s, judge=j, scored_at=start) for s in the_slots for j in panel
    )
    marks = _marks(slots, judges, criteria)
    by_key = {(a.slot_id, a.judge_id): a for a in assignments}
    Score.objects.bulk_create(
        (
            Score(
                assignment=by_key[(the_slots[m.slot].pk, panel[m.judge].pk)],
                criterion=crits[m.criterion],
                value=m.value,
            )
            for m in marks
        ),
        batch_size=2000,
    )
    return event


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slots", type=int, default=200)
    parser.add_argument("--judges", type=int, default=15)
    parser.add_argument("--criteria", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from amplify.core.judging import results as core_results

    marks = _marks(args.slots, args.judges, args.criteria)
    rows = [("core alone (amplify.core.judging)", *_time(lambda: core_results(marks), args.repeat))]

    import _django

    with tempfile.TemporaryDirectory() as tmp:
        _django.setup(f"sqlite:///{Path(tmp) / 'showcase.sqlite3'}")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from amplify.showcase import results

        event = _build(args.slots, args.judges, args.criteria)
        with CaptureQueriesContext(connection) as ctx:
            found = results.rows(event)
        assert len(found) == args.slots
        rows.append(
            (
                f"through the database, SQLite ({len(ctx.captured_queries)} queries)",
                *_time(lambda: results.rows(event), args.repeat),
            )
        )
    print(
        f"{args.slots} slots × {args.judges} judges × {args.criteria} criteria = "
        f"{len(marks):,} marks; best and median of {args.repeat} runs; target < 1 s"
    )
    print(f"{'what':<52} {'best s':>8} {'median s':>9} {'ok':>4}")
    for label, best, median in rows:
        print(f"{label:<52} {best:>8.3f} {median:>9.3f} {'yes' if median < 1 else 'NO':>4}")


if __name__ == "__main__":
    main()
