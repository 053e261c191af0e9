"""The selection board's balance panel: aggregates only, a group under five never shown,
gender only from consented diversity profiles (read through amplify.diversity)."""

from __future__ import annotations

from django.utils import timezone

from amplify.conftest import World
from amplify.diversity.models import DiversityProfile
from amplify.nominations.board import balance, board_filter
from amplify.nominations.models import Nomination
from amplify.nominations.services import nomination_create
from amplify.nominations.tests.factories import CASE, line
from amplify.people.tests.factories import PersonFactory


def _pool(world: World, n: int, **person: object) -> list[Nomination]:
    ln = line(world)
    otto = world.person(world.otto)
    out = []
    for _i in range(n):
        p = PersonFactory(manager=otto, **person)
        out.append(
            nomination_create(
                cohort=ln.cohort, nominee=p, nominated_by=otto, case=CASE, seniority="manager"
            )
        )
    return out


def _groups(dimensions: list, key: str) -> dict[str, int | None]:
    [d] = [d for d in dimensions if d.key == key]
    return {g.label: g.count for g in d.groups}


def test_it_counts_the_pool_and_suppresses_small_groups(world: World) -> None:
    # Given six nominees in the UK and two in Germany
    ln = line(world)
    _pool(world, 6, country_id="GB")
    _pool(world, 2, country_id="DE")
    # When the balance is computed
    pool, dimensions = balance(ln.cohort)
    # Then the pool of 8 is shown, the UK's 6, and Germany's 2 only as "fewer than 5"
    assert pool == 8
    countries = _groups(dimensions, "country")
    assert countries["United Kingdom"] == 6
    assert countries["Germany"] is None
    assert _groups(dimensions, "seniority")["Manager"] == 8


def test_it_counts_gender_only_where_consented_and_never_small(world: World) -> None:
    # Given five women and one man with diversity profiles, and two without
    ln = line(world)
    nominations = _pool(world, 8)
    for i, n in enumerate(nominations[:6]):
        DiversityProfile.objects.create(
            person=n.nominee,
            gender="woman" if i < 5 else "man",
            consent_recorded_at=timezone.now(),
        )
    # When the balance is computed
    _pool_size, dimensions = balance(ln.cohort)
    genders = _groups(dimensions, "gender")
    # Then five women are shown; the one man is not even named, only "fewer than 5"
    assert genders == {"Woman": 5, "Other answers": None}


def test_it_leaves_out_of_the_pool_what_is_not_selected_or_submitted(world: World) -> None:
    ln = line(world)
    nominations = _pool(world, 5)
    Nomination.objects.filter(pk=nominations[0].pk).update(status="waitlisted")
    pool, _dimensions = balance(ln.cohort)
    assert pool is None  # four: fewer than 5


def test_it_filters_by_country_and_ignores_unknown_values(world: World) -> None:
    ln = line(world)
    _pool(world, 2, country_id="GB")
    _pool(world, 1, country_id="DE")
    everyone = Nomination.objects.filter(cohort=ln.cohort)
    found, chosen = board_filter(everyone, {"country": "DE", "status": "nonsense"})
    assert found.count() == 1
    assert chosen["status"] == ""
    found, _chosen = board_filter(everyone, {"division": "'; drop", "region": "EU"})
    assert found.count() in (0, 3)
