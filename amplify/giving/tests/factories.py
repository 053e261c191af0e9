"""Ledger records on top of the world, for these tests and the shared walks (the wrong-role
table, the admin walk, the query counts): two funds, two recipients, and lines under
Harriet's mentoring programme and under the leadership programme Max runs."""

from __future__ import annotations

from datetime import date

from amplify.conftest import World
from amplify.giving import services
from amplify.giving.models import Fund, Gift, InputType, Recipient, Status


def fund(name: str = "Social Justice Fund", **extra: object) -> Fund:
    found = Fund.objects.filter(name=name).first()
    return found or Fund.objects.create(name=name, **extra)  # type: ignore[arg-type]


def recipient(name: str = "Youth Music", charity_number: str = "1075032") -> Recipient:
    found = Recipient.objects.filter(name=name, charity_number=charity_number).first()
    return found or Recipient.objects.create(name=name, charity_number=charity_number)


def line(
    world: World,
    *,
    amount: str = "1000.00",
    currency: str = "USD",
    status: str = Status.PAID,
    input_type: str = InputType.CASH,
    of: Fund | None = None,
    to: Recipient | None = None,
    programme: object = "mentoring",
    given_on: date = date(2023, 5, 1),
    **extra: object,
) -> Gift:
    """A line recorded by Ina, under the mentoring programme unless said ("leadership", or
    None for no programme)."""
    chosen = {"mentoring": world.programme, "leadership": world.leadership}.get(
        programme,  # type: ignore[arg-type]
        programme,
    )
    return services.gift_create(
        recorded_by=world.ina,
        given_on=given_on,
        fund=of or fund(),
        amount=amount,
        currency=currency,
        status=status,
        input_type=input_type,
        recipient=to or recipient(),
        programme=chosen,
        **extra,  # type: ignore[arg-type]
    )


def gift_of(world: World, programme: str = "mentoring") -> Gift:
    """A line under Harriet's programme (or the leadership one)."""
    return line(world, programme=programme)


def make_everything(world: World) -> None:
    """One of each ledger record, for the admin walk."""
    line(world)
