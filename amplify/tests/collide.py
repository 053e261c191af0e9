"""Two requests at the same moment, made to meet exactly where a race would hurt.

`at_once(calls, meet_at=(Person, "save"))` runs each call in its own thread (its own
database connection) and holds each thread at its first call of `meet_at` until the other
gets there too, so both have done their checks before either writes: without a lock, they
collide every time. With a lock, the second waits before the meeting point; the first then
goes on after `patience` seconds, which is how a correct lock shows up (no clock is asserted).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import Any
from unittest import mock

from django.db import connection


def at_once(
    calls: Sequence[Callable[[], Any]], *, meet_at: tuple[type, str], patience: float = 1.5
) -> list[Any]:
    """Each call's result, or the exception it raised, in the order given."""
    barrier = threading.Barrier(len(calls))
    local = threading.local()
    target, name = meet_at
    original = getattr(target, name)

    def meeting(*args: Any, **kwargs: Any) -> Any:
        if getattr(local, "worker", False) and not getattr(local, "met", False):
            local.met = True
            # Broken: the other one is queued behind a lock.
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=patience)
        return original(*args, **kwargs)

    results: list[Any] = [None] * len(calls)

    def work(i: int, call: Callable[[], Any]) -> None:
        local.worker = True
        try:
            results[i] = call()
        except BaseException as exc:  # reported to the test, which decides
            results[i] = exc
        finally:
            connection.close()

    with mock.patch.object(target, name, meeting):
        threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    return results
