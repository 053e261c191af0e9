"""Recording, changing and deleting ledger lines, funds and recipients through the services:
bad input is refused with a message naming the field, and an edit over a version someone
else changed is a conflict, not a lost update."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.giving import services
from amplify.giving.models import Gift
from amplify.giving.tests.factories import fund, line, recipient
from amplify.home.concurrency import EditConflict, version_of


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_it_records_a_line(world: World) -> None:
    gift = line(world, amount="1250.50", currency="GBP", cause="Music education")
    gift.refresh_from_db()
    assert gift.amount == Decimal("1250.50")
    assert gift.currency == "GBP"
    assert gift.recorded_by == world.ina
    assert gift.history.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "-1", "cannot be negative"),
        ("amount", "abc", "must be a number"),
        ("amount", "1.234", "two decimal places"),
        ("amount", "1e20", "too large"),
        ("currency", "XYZ", "not an ISO 4217"),
        ("currency", "dollars", "not an ISO 4217"),
        ("status", "maybe", "committed or paid"),
        ("input_type", "shares", "Choose one of"),
        ("evidence_link", "javascript:alert(1)", ""),
        ("given_on", date(1066, 10, 14), "between the years"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(
    world: World, field: str, value: object, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        line(world, **{field: value})  # type: ignore[arg-type]
    assert field in _errors(exc)
    assert message in " ".join(_errors(exc)[field])
    assert not Gift.objects.exists()


def test_it_takes_a_lower_case_currency_code_as_its_upper_case(world: World) -> None:
    assert line(world, currency="eur").currency == "EUR"


def test_it_records_a_request_once(world: World) -> None:
    key = uuid.uuid4()
    first = line(world, request_key=key)
    again = line(world, request_key=key, amount="5.00")
    assert again.pk == first.pk
    assert Gift.objects.count() == 1


def test_it_changes_a_line_at_the_version_its_author_saw(world: World) -> None:
    gift = line(world)
    seen = version_of(gift, services.GIFT_FIELDS)
    changed = services.gift_update(
        gift=gift, changed_by=world.ina, version=seen, amount="2000", status="committed"
    )
    assert changed.amount == Decimal("2000")
    assert changed.status == "committed"


def test_it_refuses_an_edit_over_someone_elses_change(world: World) -> None:
    # Given Ina and Ada both opened the line
    gift = line(world)
    seen = version_of(gift, services.GIFT_FIELDS)
    # When Ada saves first, then Ina saves over the version she saw
    services.gift_update(gift=gift, changed_by=world.ada, version=seen, amount="3000")
    with pytest.raises(EditConflict) as exc:
        services.gift_update(gift=gift, changed_by=world.ina, version=seen, cause="Other")
    # Then Ina is told what changed, and Ada's change stands
    assert "amount" in exc.value.changed
    gift.refresh_from_db()
    assert gift.amount == Decimal("3000")
    assert gift.cause == ""


def test_it_refuses_unknown_fields(world: World) -> None:
    gift = line(world)
    with pytest.raises(ValidationError, match="Unknown fields"):
        services.gift_update(gift=gift, changed_by=world.ina, version=None, recorded_by=None)


def test_it_deletes_a_line_only_at_the_version_seen(world: World) -> None:
    gift = line(world)
    seen = version_of(gift, services.GIFT_FIELDS)
    services.gift_update(gift=gift, changed_by=world.ada, version=seen, amount="1")
    with pytest.raises(EditConflict):
        services.gift_delete(gift=gift, deleted_by=world.ina, version=seen)
    gift.refresh_from_db()
    services.gift_delete(
        gift=gift, deleted_by=world.ina, version=version_of(gift, services.GIFT_FIELDS)
    )
    assert not Gift.objects.exists()
    # Deleting it again changes nothing
    services.gift_delete(gift=gift, deleted_by=world.ina, version=None)


def test_it_refuses_a_second_fund_of_the_same_name(world: World) -> None:
    services.fund_create(created_by=world.ina, name="Social Justice Fund")
    with pytest.raises(ValidationError) as exc:
        services.fund_create(created_by=world.ina, name="social justice fund ")
    assert "name" in _errors(exc)


def test_it_changes_a_fund_and_a_recipient(world: World) -> None:
    f = fund()
    f = services.fund_update(
        fund=f,
        changed_by=world.ina,
        version=version_of(f, services.FUND_FIELDS),
        description="Racial justice grants",
    )
    assert f.description == "Racial justice grants"
    r = recipient()
    r = services.recipient_update(
        recipient=r,
        changed_by=world.ina,
        version=version_of(r, services.RECIPIENT_FIELDS),
        charity_number="SC012345",
    )
    assert r.charity_number == "SC012345"
    with pytest.raises(ValidationError):
        services.recipient_create(
            created_by=world.ina, name="Youth Music", charity_number="SC012345"
        )
    with pytest.raises(ValidationError) as exc:
        services.recipient_create(created_by=world.ina, name=" ")
    assert "name" in _errors(exc)
