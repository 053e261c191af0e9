"""Reporting lines: who manages whom, as a mapping of person key -> manager key."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
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


def layers(managers: Mapping[K, K | None], keys: Iterable[K]) -> list[list[K]]:
    """Order `keys` so that everyone comes after their manager, when that manager is also
    among `keys`: layer 0 has nobody to wait for, layer n waits only for earlier layers.

    The mapping must be free of cycles (see `find_cycles`).
    """
    wanted = set(keys)
    depth: dict[K, int] = {}
    for key in wanted:
        chain: list[K] = []
        node: K | None = key
        while node is not None and node in wanted and node not in depth:
            chain.append(node)
            node = managers.get(node)
        base = depth[node] + 1 if node is not None and node in depth else 0
        for offset, member in enumerate(reversed(chain)):
            depth[member] = base + offset
    out: list[list[K]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for key in sorted(wanted, key=lambda k: (depth[k], str(k))):
        out[depth[key]].append(key)
    return out


def chain_of_command(managers: Mapping[K, K | None], key: K, *, limit: int = 64) -> list[K]:
    """The managers above `key`, nearest first (stops at `limit` or at a repeated key)."""
    seen: set[K] = {key}
    out: list[K] = []
    node = managers.get(key)
    while node is not None and node not in seen and len(out) < limit:
        out.append(node)
        seen.add(node)
        node = managers.get(node)
    return out
