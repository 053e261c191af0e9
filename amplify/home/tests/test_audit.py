"""The audit trail: who changed what, when, from which value to which."""

from amplify.conftest import World
from amplify.home.audit import changes_in, changes_of
from amplify.people.services import person_update
from amplify.programmes.lifecycle import cohort_set_status
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.services import cohort_enrol


def test_it_lists_field_changes_with_who_made_them(world: World) -> None:
    alice = world.person(world.alice)
    person_update(person=alice, changed_by=world.alice, pronouns="she/her")
    latest = changes_of(alice)[0]
    assert latest.who == "alice@sony.example"
    assert latest.action == "changed"
    assert latest.fields == [("pronouns", "—", "she/her")]


def test_it_merges_a_cohort_and_its_enrolments_newest_first(world: World) -> None:
    cohort_enrol(
        cohort=world.cohort,
        person=world.person(world.otto),
        role="mentor",
        enrolled_by=world.harriet,
    )
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.harriet)
    changes = changes_in(
        [
            Cohort.history.filter(id=world.cohort.pk),
            Enrolment.history.filter(cohort_id=world.cohort.pk),
        ]
    )
    status_change = next(c for c in changes if c.subject.startswith("Cohort"))
    assert status_change.fields == [("status", "Running", "Closed")]
    assert status_change.who == "harriet@sony.example"
    enrolled = [c for c in changes if "Otto Staff" in c.subject]
    assert [c.action for c in enrolled] == ["changed", "created"]
    assert ("status", "Active", "Completed") in enrolled[0].fields


def test_it_costs_a_bounded_number_of_queries(world: World, django_assert_max_num_queries) -> None:
    for _ in range(20):
        person_update(person=world.person(world.alice), changed_by=world.alice, pronouns=f"x{_}")
    with django_assert_max_num_queries(8):
        assert len(changes_of(world.person(world.alice), limit=15)) == 15
