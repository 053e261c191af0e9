"""The organisation roll-up: who sees which programmes, suppression on every breakdown, the
drill-down, refused filters and the differencing attack."""

from __future__ import annotations

import json
from typing import Any

import pytest

from amplify.conftest import World
from amplify.core.disclosure import Cell
from amplify.impact import rollup
from amplify.impact.rollup import Filters, Refused, organisation_payload, organisation_rollup
from amplify.impact.tables import Table, cell_text
from amplify.impact.tests.rollup_data import R, S, enrol, grow
from amplify.people.tests.factories import DivisionFactory
from amplify.programmes.models import Pillar
from amplify.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def table(tables: list[Table], key: str) -> Table:
    return next(t for t in tables if t.key == key)


def cells(t: Table) -> dict[tuple[str, str], Any]:
    """{(row label, column): cell} of a table."""
    return {(str(row[0]), t.columns[i]): v for row in t.rows for i, v in enumerate(row) if i}


def test_impact_admins_see_every_programme_with_small_cells_hidden(world: World) -> None:
    grow(world.programme)
    people = table(organisation_rollup(user=world.ina).tables, "people")
    shown = cells(people)
    assert {str(r[0]) for r in people.rows} == {"Amplify", "Positive Influence"}
    assert shown[("Positive Influence", "Mentors")] == Cell(17)  # 2 + 12 + 3
    assert shown[("Positive Influence", "Mentees")] == Cell(12)  # withdrawn left out
    # Amplify: 3 participants, a coach and a sponsor: all small.
    assert shown[("Amplify", "Participants")].hidden
    assert shown[("Amplify", "Coaches")].reason == "small"
    assert "fewer than 5" in people.text_rows()[0]


def test_a_lone_hidden_cell_is_complemented(world: World) -> None:
    (cohort,) = grow(world.programme)
    enrol(cohort, R.COACH, 2)
    people = table(organisation_rollup(user=world.ina).tables, "people")
    shown = cells(people)
    assert shown[("Positive Influence", "Coaches")].reason == "small"
    # The Coaches column already has Amplify's hidden coach; the Positive Influence row now
    # has one hidden cell, so its smallest other non-zero cell is hidden too.
    row = [v for (r, _c), v in shown.items() if r == "Positive Influence"]
    assert sum(v.hidden for v in row) >= 2
    assert any(v.reason == "complementary" for v in row)


def test_programme_managers_see_only_their_programmes(world: World) -> None:
    grow(world.programme)
    people = table(organisation_rollup(user=world.harriet).tables, "people")
    assert [str(r[0]) for r in people.rows] == ["Positive Influence"]
    assert "gender" not in {t.key for t in organisation_rollup(user=world.harriet).tables}


def test_the_gender_breakdown_is_for_impact_admins_only(world: World) -> None:
    grow(world.programme)
    assert "gender" in {t.key for t in organisation_rollup(user=world.ina).tables}
    assert "gender" not in {t.key for t in organisation_rollup(user=world.ada).tables}


def test_it_drills_from_programme_to_cohorts_to_countries(world: World) -> None:
    (cohort,) = grow(world.programme)
    division = DivisionFactory(name="Columbia")
    enrol(cohort, R.MENTEE, 6, division=division)
    enrol(cohort, R.MENTOR, 7, country="DE")
    top = organisation_rollup(user=world.ina)
    drill = dict(zip([str(r[0]) for r in top.tables[0].rows], top.drill["people"], strict=True))
    assert drill["Positive Influence"] == {"programme": str(world.programme.pk)}

    programme = organisation_rollup(user=world.ina, filters=Filters(programme=world.programme.pk))
    assert programme.scope.level == "programme"
    rows = [str(r[0]) for r in table(programme.tables, "people").rows]
    assert cohort.name in rows
    assert world.cohort.name in rows
    assert programme.drill["people"][rows.index(cohort.name)] == {
        "programme": str(world.programme.pk),
        "cohort": str(cohort.pk),
    }

    one = organisation_rollup(
        user=world.ina, filters=Filters(programme=world.programme.pk, cohort=cohort.pk)
    )
    by_country = cells(table(one.tables, "people_by_country"))
    assert by_country[("United Kingdom", "Mentees")] == Cell(16)  # 10 + 6 in Columbia
    assert by_country[("United Kingdom", "Mentors")] == Cell(12)
    assert by_country[("France", "Mentors")].reason == "small"  # 3
    # The Mentors column's lone hidden cell: Germany's 7, the next smallest, hide with it.
    assert by_country[("Germany", "Mentors")].reason == "complementary"
    assert "people_by_division" in {t.key for t in one.tables}


def test_a_drill_down_to_a_small_cohort_is_refused(world: World) -> None:
    grow(world.programme)
    with pytest.raises(Refused):
        organisation_rollup(
            user=world.ina, filters=Filters(programme=world.programme.pk, cohort=world.cohort.pk)
        )


def test_a_filter_selecting_or_leaving_out_a_small_group_is_refused(world: World) -> None:
    grow(world.programme)
    with pytest.raises(Refused, match="fewer than 5 people"):
        organisation_rollup(user=world.ina, filters=Filters(country="FR"))  # 3 people
    with pytest.raises(Refused, match="leaves out"):
        # Everyone but the 3 in France: the difference with the whole roll-up is those 3.
        organisation_rollup(user=world.ina, filters=Filters(country="GB"))


def test_two_roll_ups_subtracted_reveal_no_small_group(world: World) -> None:
    (cohort,) = grow(world.programme)
    enrol(cohort, R.MENTOR, 9, country="FR")
    enrol(cohort, R.MENTEE, 6, country="FR")
    enrol(cohort, R.COACH, 7, country="FR")
    enrol(cohort, R.COACH, 2)
    whole = organisation_rollup(user=world.ina)
    france = organisation_rollup(user=world.ina, filters=Filters(country="FR"))
    for key in ("people", "completion"):
        a, b = cells(table(whole.tables, key)), cells(table(france.tables, key))
        for k, cell in b.items():
            if isinstance(cell, Cell) and not cell.hidden and not a[k].hidden:
                difference = a[k].value - cell.value  # type: ignore[operator]
                assert difference == 0 or difference >= 5, (key, k, difference)
    # 9 coaches in all, 7 of them in France: France's 7 would tell the other 2.
    assert cells(table(france.tables, "people"))[("Positive Influence", "Coaches")] == Cell(
        None, "differencing"
    )


def test_a_pillar_filter_and_the_pillar_table(world: World) -> None:
    grow(world.programme)
    mobility, _ = Pillar.objects.get_or_create(code="M", defaults={"name": "Mobility"})
    world.programme.pillars.add(mobility)
    top = organisation_rollup(user=world.ina)
    pillars = cells(table(top.tables, "pillars"))
    assert pillars[("Mobility", "Mentors")] == Cell(17)
    narrowed = organisation_rollup(user=world.ina, filters=Filters(pillar="M"))
    assert [str(r[0]) for r in table(narrowed.tables, "people").rows] == ["Positive Influence"]


def test_completion_is_completed_out_of_ended(world: World) -> None:
    programme = ProgrammeFactory(kind="mentoring")
    (cohort,) = grow(programme)
    enrol(cohort, R.MENTEE, 5, status=S.WITHDRAWN)
    completion = table(
        organisation_rollup(user=world.ina, filters=Filters(programme=programme.pk)).tables,
        "completion",
    )
    (row,) = completion.rows
    # 6 completed, 7 withdrew; the 19 still taking part are left out of the rate.
    assert row[1:4] == [Cell(6), Cell(7), Cell(19)]
    assert cell_text(row[4]).startswith("46% (6 of 13; 95% CI")


def test_a_hidden_count_hides_the_completion_rate(world: World) -> None:
    grow(world.programme)  # 2 withdrew
    completion = table(
        organisation_rollup(user=world.ina, filters=Filters(programme=world.programme.pk)).tables,
        "completion",
    )
    row = next(r for r in completion.rows if str(r[0]).endswith("#0"))
    assert getattr(row[2], "reason", "") == "small"
    assert cell_text(row[4]) == "fewer than 5"


def test_the_payload_is_json_with_hidden_cells_null(world: World) -> None:
    grow(world.programme)
    payload = organisation_payload(user=None)
    text = json.dumps(payload)
    people = next(t for t in payload["tables"] if t["key"] == "people")
    amplify = next(r for r in people["rows"] if r[0] == "Amplify")
    assert amplify[1] == {"value": None, "reason": "small"}
    assert "gender" not in text


def test_section_providers_add_tables(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    grow(world.programme)
    monkeypatch.setattr(
        rollup, "SECTION_PROVIDERS", ["amplify.impact.tests.test_rollup.extra_section"]
    )
    assert "extra" in {t.key for t in organisation_rollup(user=world.ina).tables}


def extra_section(scope: rollup.Scope) -> list[Table]:
    return [Table(key="extra", title="Extra", columns=["A"], rows=[["x"]])]
