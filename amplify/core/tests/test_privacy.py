import pytest

from amplify.core.privacy import share, suppress


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, None), (4, None), (5, 5), (130, 130)])
def test_it_hides_small_groups(count: int, shown: int | None) -> None:
    assert suppress(count) == shown


def test_it_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress(-1)


def test_it_hides_a_share_that_would_reveal_a_small_group() -> None:
    assert share(17, 23) == 73.9
    assert share(3, 23) is None  # three people
    assert share(21, 23) is None  # the other two people
    assert share(2, 4) is None
