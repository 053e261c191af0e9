from hypothesis import given
from hypothesis import strategies as st

from amplify.core.hierarchy import find_cycles


def test_it_finds_no_cycle_in_a_tree() -> None:
    assert find_cycles({"a": None, "b": "a", "c": "b", "d": "a"}) == []


def test_it_finds_a_self_cycle_and_a_longer_one() -> None:
    cycles = find_cycles({"a": "a", "b": "c", "c": "d", "d": "b", "e": "b"})
    assert sorted(sorted(c) for c in cycles) == [["a"], ["b", "c", "d"]]


def test_it_treats_unknown_managers_as_the_top() -> None:
    assert find_cycles({"a": "zz", "b": "a"}) == []


forests = st.integers(min_value=1, max_value=60).flatmap(
    lambda n: st.lists(st.integers(min_value=-1, max_value=n - 1), min_size=n, max_size=n)
)


@given(forests)
def test_it_finds_a_cycle_exactly_when_one_exists(parents: list[int]) -> None:
    managers = {i: (p if p >= 0 else None) for i, p in enumerate(parents)}
    cycles = find_cycles(managers)
    for cycle in cycles:
        for i, member in enumerate(cycle):
            assert managers[member] == cycle[(i + 1) % len(cycle)]
    in_cycle = {m for c in cycles for m in c}
    # Everyone not in a cycle reaches the top or a cycle by walking up.
    for start in managers:
        seen, node = set(), start
        while node is not None and node not in seen:
            seen.add(node)
            node = managers[node]
        assert (node is None) or (node in in_cycle)
