"""The roll-ups: committed (committed or paid) and paid per fund and currency, organisations
supported counted once, since a year; breakdowns by input type, country, programme, pillar.
Summed by the database; never a total across currencies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from amplify.conftest import World
from amplify.giving import reports
from amplify.giving.models import InputType, Status
from amplify.giving.tests.factories import fund, line, recipient
from amplify.people.models import Country
from amplify.programmes.models import Pillar


def _ledger(world: World) -> None:
    sj, ed = fund("Social Justice Fund"), fund("Education Fund", illustrative=True)
    a, b, c = recipient("A"), recipient("B", "123"), recipient("C", "456")
    line(world, of=sj, to=a, amount="100.00", status=Status.PAID, given_on=date(2020, 3, 1))
    line(world, of=sj, to=a, amount="50.00", status=Status.COMMITTED, given_on=date(2021, 3, 1))
    line(world, of=sj, to=b, amount="25.00", currency="GBP", given_on=date(2022, 1, 1))
    line(
        world,
        of=sj,
        to=c,
        amount="10.00",
        input_type=InputType.MANAGEMENT,
        given_on=date(2022, 6, 1),
    )
    line(world, of=ed, to=b, amount="7.50", status=Status.COMMITTED, given_on=date(2023, 1, 1))


def test_it_sums_committed_and_paid_per_fund_and_currency(world: World) -> None:
    _ledger(world)
    totals = {(t.label, t.currency): t for t in reports.totals(by="fund")}
    assert set(totals) == {
        ("Education Fund", "USD"),
        ("Social Justice Fund", "GBP"),
        ("Social Justice Fund", "USD"),
    }
    usd = totals[("Social Justice Fund", "USD")]
    # committed = every line committed or paid (management cost included); paid = paid only
    assert usd.committed == Decimal("160.00")
    assert usd.paid == Decimal("110.00")
    assert totals[("Social Justice Fund", "GBP")].committed == Decimal("25.00")
    # Organisations supported: A and B (C had only a management cost), whatever the currency
    assert usd.organisations == 2
    assert totals[("Social Justice Fund", "GBP")].organisations == 2
    assert totals[("Education Fund", "USD")].paid == Decimal("0")
    assert totals[("Education Fund", "USD")].illustrative


def test_it_counts_from_a_year(world: World) -> None:
    _ledger(world)
    totals = {(t.label, t.currency): t for t in reports.totals(by="fund", since=2021)}
    assert totals[("Social Justice Fund", "USD")].committed == Decimal("60.00")
    assert totals[("Social Justice Fund", "USD")].organisations == 2  # A (2021), B (GBP 2022)


def test_its_table_shows_one_row_per_currency_and_the_definitions(world: World) -> None:
    _ledger(world)
    table = reports.fund_table()
    assert table.title == "Giving per fund since 2020"
    assert table.text_rows() == [
        ["Education Fund (illustrative)", "USD", "7.50", "0.00", "1"],
        ["Social Justice Fund", "GBP", "25.00", "25.00", "2"],
        ["Social Justice Fund", "USD", "160.00", "110.00", "2"],
    ]
    terms = [term for term, _ in table.definitions]
    assert "Committed" in terms
    assert "Organisations supported" in terms
    assert reports.fund_table(since=2023).text_rows() == [
        ["Education Fund (illustrative)", "USD", "7.50", "0.00", "1"]
    ]


def test_it_breaks_the_totals_down(world: World) -> None:
    _ledger(world)
    gb = Country.objects.get(pk="GB")
    line(world, amount="1.00", country=gb, pillar=Pillar.objects.get(pk="M"), programme=None)
    by_type = {(t.key, t.currency): t.committed for t in reports.totals(by="input_type")}
    assert by_type[(InputType.MANAGEMENT, "USD")] == Decimal("10.00")
    by_country = reports.breakdown_table(by="country").text_rows()
    assert ["United Kingdom", "USD", "1.00", "1.00", "1"] in by_country or any(
        row[0] == gb.name and row[2] == "1.00" for row in by_country
    )
    assert any(row[0] == "No country" for row in by_country)
    pillars = reports.breakdown_table(by="pillar").text_rows()
    assert any(row[0] == "Mobility" and row[2] == "1.00" for row in pillars)
    programmes = reports.breakdown_table(by="programme").text_rows()
    assert any(row[0] == world.programme.name for row in programmes)
    assert any(row[0] == "No programme" for row in programmes)


def test_it_sums_in_a_constant_number_of_queries(world: World) -> None:
    _ledger(world)
    with CaptureQueriesContext(connection) as few:
        reports.fund_table()
    for i in range(30):
        line(world, to=recipient(f"R{i}"), amount="1.00")
    with CaptureQueriesContext(connection) as many:
        reports.fund_table()
    assert len(many.captured_queries) == len(few.captured_queries) <= 3


def test_a_programme_manager_totals_only_her_programmes_lines(world: World) -> None:
    line(world, amount="5.00")
    line(world, amount="7.00", programme="leadership")
    [harriet] = reports.totals(user=world.harriet)
    assert harriet.committed == Decimal("5.00")
    [ina] = reports.totals(user=world.ina)
    assert ina.committed == Decimal("12.00")
    assert reports.totals(user=world.otto) == []
