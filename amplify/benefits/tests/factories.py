"""Benefits on top of the world, for these tests and the shared walks."""

from __future__ import annotations

from datetime import date

from amplify.benefits import services
from amplify.benefits.models import Benefit
from amplify.conftest import World
from amplify.people.models import Country


def benefit(world: World, *, country: str | None = "GB", **extra: object) -> Benefit:
    fields: dict[str, object] = {
        "kind": "medical",
        "title": "Private medical cover",
        "starts_on": date(2022, 1, 1),
    }
    fields.update(extra)
    return services.benefit_create(
        created_by=world.ina,
        country=Country.objects.get(pk=country) if country else None,
        **fields,  # type: ignore[arg-type]
    )


def make_everything(world: World) -> None:
    """One benefit, for the admin walk."""
    benefit(world)
