"""Importing ledger lines from CSV and XLSX: good files are recorded whole, a bad row stops
the whole file with each error on its row, and the same file imported twice adds nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from amplify.conftest import World
from amplify.giving.importing import gifts_import
from amplify.giving.models import Gift, Recipient
from amplify.giving.tests.factories import fund

HEADER = (
    "date,fund,amount,currency,status,input type,recipient,charity number,cause,country,"
    "programme,pillar,evidence link,approved by"
)


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _messages(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"Row {e.row} ({e.column}): {e.message}" for e in result.errors]


def test_it_imports_a_good_csv_file(world: World) -> None:
    fund("Social Justice Fund")
    content = _csv(
        "2023-04-01,Social Justice Fund,1000.00,USD,paid,cash,Youth Music,1075032,Music,GB,"
        f"{world.programme.slug},I,https://example.com/receipt,{world.ina.email}",
        '2023-05-01,social justice fund,"2,500",gbp,committed,in kind,Youth Music,1075032,,,'
        f"{world.programme.name},,,",
    )
    result = gifts_import(imported_by=world.ina, filename="ledger.csv", content=content)
    assert _messages(result) == []
    assert (result.created, result.already, result.rows_read) == (2, 0, 2)
    gifts = list(Gift.objects.order_by("given_on"))
    assert [g.amount for g in gifts] == [Decimal("1000.00"), Decimal("2500")]
    assert gifts[1].currency == "GBP"
    assert gifts[1].input_type == "in_kind"
    assert gifts[0].approved_by == world.ina
    assert gifts[0].pillar_id == "I"
    assert gifts[0].programme == world.programme == gifts[1].programme
    assert Recipient.objects.count() == 1  # the same organisation, found again
    # When the same file is imported again, nothing is added
    again = gifts_import(imported_by=world.ina, filename="ledger.csv", content=content)
    assert (again.created, again.already) == (0, 2)
    assert Gift.objects.count() == 2


def test_it_saves_nothing_when_a_row_is_bad_and_says_which(world: World) -> None:
    fund("Social Justice Fund")
    content = _csv(
        "2023-04-01,Social Justice Fund,1000.00,USD,paid,cash,Youth Music,,,,,,,",
        "2023-04-02,Social Justice Fund,lots,USD,paid,cash,Youth Music,,,,,,,",
        "2023-02-30,Nope Fund,-5,XXX,maybe,shares,,,,ZZ,nope,Q,ftp://x,nobody@example.com",
    )
    result = gifts_import(imported_by=world.ina, filename="ledger.csv", content=content)
    assert not result.saved
    messages = _messages(result)
    assert "Row 3 (amount): The amount must be a number, e.g. 1250.00." in messages
    row4 = [m for m in messages if m.startswith("Row 4 ")]
    for column in (
        "date",
        "fund",
        "amount",
        "currency",
        "status",
        "input_type",
        "recipient",
        "country",
        "programme",
        "pillar",
        "evidence_link",
        "approved_by",
    ):
        assert any(f"({column})" in m for m in row4), column
    assert not Gift.objects.exists()
    assert not Recipient.objects.exists()


def test_it_reads_an_xlsx_file_and_takes_formulas_as_text(world: World) -> None:
    fund("Social Justice Fund")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(
        ["2023-04-01", "Social Justice Fund", 1250.5, "USD", "Paid", "Cash", "Youth Music"]
    )
    sheet.append(["2023-04-02", "Social Justice Fund", 10, "USD", "paid", "time", "x"])
    # A text cell that looks like a formula (typed with a leading apostrophe in Excel)
    sheet["G3"].value = "=HYPERLINK(1)"
    sheet["G3"].data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    result = gifts_import(imported_by=world.ina, filename="ledger.xlsx", content=buffer.getvalue())
    assert _messages(result) == []
    assert result.created == 2
    assert Gift.objects.filter(amount=Decimal("1250.50")).exists()
    # A cell that looks like a formula is only text: the organisation's name as written
    assert Recipient.objects.filter(name="=HYPERLINK(1)").exists()


def test_it_refuses_a_formula_where_a_number_is_expected(world: World) -> None:
    fund("Social Justice Fund")
    content = _csv("2023-04-01,Social Justice Fund,=1+1,USD,paid,cash,Youth Music,,,,,,,")
    result = gifts_import(imported_by=world.ina, filename="ledger.csv", content=content)
    assert _messages(result) == ["Row 2 (amount): The amount must be a number, e.g. 1250.00."]


def test_it_refuses_control_characters(world: World) -> None:
    fund("Social Justice Fund")
    content = _csv("2023-04-01,Social Justice Fund,1,USD,paid,cash,Youth\x07Music,,,,,,,")
    result = gifts_import(imported_by=world.ina, filename="ledger.csv", content=content)
    [message] = _messages(result)
    assert message.startswith("Row 2 (recipient): Contains the control character")


def test_it_names_the_missing_columns(world: World) -> None:
    result = gifts_import(
        imported_by=world.ina, filename="ledger.csv", content=b"date,fund\n2023-01-01,X\n"
    )
    assert any("Missing column “amount”" in m for m in _messages(result))


@override_settings(AMPLIFY_IMPORT_MAX_BYTES=100)
def test_it_refuses_a_file_too_large(world: World) -> None:
    with pytest.raises(ValidationError, match="larger than"):
        gifts_import(imported_by=world.ina, filename="ledger.csv", content=b"x" * 101)


def test_it_refuses_what_is_not_a_spreadsheet(world: World) -> None:
    with pytest.raises(ValidationError, match=r"\.csv or \.xlsx"):
        gifts_import(imported_by=world.ina, filename="ledger.pdf", content=b"%PDF")
    result = gifts_import(
        imported_by=world.ina, filename="ledger.xlsx", content=b"PK\x03\x04garbage"
    )
    assert not result.saved
    assert result.errors[0].row == 1
