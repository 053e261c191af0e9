"""Reading the database as another request would: on another thread, so through another
connection, which sees only what the job has committed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connections

T = TypeVar("T")


def elsewhere(work: Callable[[], T]) -> T:
    out: dict[str, object] = {}

    def go() -> None:
        try:
            out["value"] = work()
        except BaseException as exc:  # handed back to the test's thread
            out["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=go)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["value"]  # type: ignore[return-value]
