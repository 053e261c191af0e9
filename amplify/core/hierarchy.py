"""Reporting lines: who manages whom, as a mapping of person key -> manager key."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def find_cycles(managers: Mapping[K, K | None]) -> list[list[K]]:
    """Every reporting-line cycle, each as the people in it in reporting order.

    `managers` maps each person to their manager (or None). A manager missing from the
    mapping ends the chain. Runs in linear time: each person is walked once.
    """
    state: dict[K, int] = {}  # 1 = on the current walk, 2 = finished
    cycles: list[list[K]] = []
    for start in managers:
        if start in state:
            continue
        path: list[K] = []
        node: K | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = managers.get(node)
        if node is not None and state.get(node) == 1:
            cycles.append(path[path.index(node) :])
        for visited in path:
            state[visited] = 2
    return cycles
