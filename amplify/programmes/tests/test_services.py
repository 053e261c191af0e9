from datetime import date

import pytest
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.programmes.models import Cohort, Enrolment, Pairing, Programme
from amplify.programmes.services import (
    cohort_create,
    cohort_enrol,
    enrolment_withdraw,
    pairing_create,
    phase_add,
    programme_create,
)


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_it_creates_a_programme_run_by_its_creator(world: World) -> None:
    programme = programme_create(name="Bridge", kind="mentoring", created_by=world.harriet)
    assert list(programme.managers.all()) == [world.person(world.harriet)]
    assert programme.slug == "bridge"
    with pytest.raises(ValidationError) as exc:
        programme_create(name="bridge", kind="mentoring", created_by=world.harriet)
    assert errors(exc) == {"name": ["A programme called “bridge” already exists."]}


def test_it_numbers_cohorts_and_checks_dates(world: World) -> None:
    cohort = cohort_create(
        programme=world.programme,
        name="Cohort 8",
        created_by=world.harriet,
        starts_on=date(2027, 4, 12),
        ends_on=date(2027, 10, 8),
    )
    assert cohort.number == world.cohort.number + 1
    assert cohort.status == Cohort.Status.DRAFT
    with pytest.raises(ValidationError) as exc:
        cohort_create(
            programme=world.programme,
            name="Backwards",
            created_by=world.harriet,
            starts_on=date(2027, 4, 12),
            ends_on=date(2027, 4, 1),
        )
    assert errors(exc) == {"ends_on": ["The end date must be after the start date."]}


def test_it_enrols_only_in_roles_the_programme_has(world: World) -> None:
    otto = world.person(world.otto)
    with pytest.raises(ValidationError) as exc:
        cohort_enrol(
            cohort=world.cohort, person=otto, role="participant", enrolled_by=world.harriet
        )
    assert errors(exc) == {"role": ["A mentoring programme has no “participant” role."]}
    enrolment = cohort_enrol(
        cohort=world.cohort, person=otto, role="mentor", enrolled_by=world.harriet
    )
    with pytest.raises(ValidationError, match="already enrolled as mentor"):
        cohort_enrol(cohort=world.cohort, person=otto, role="mentor", enrolled_by=world.harriet)
    enrolment_withdraw(enrolment=enrolment, changed_by=world.harriet)
    again = cohort_enrol(cohort=world.cohort, person=otto, role="mentor", enrolled_by=world.harriet)
    assert again.pk == enrolment.pk
    assert again.status == Enrolment.Status.ACTIVE


def test_it_ends_the_pairs_of_someone_who_withdraws(world: World) -> None:
    bea = world.cohort.enrolments.get(person=world.person(world.bea))
    enrolment_withdraw(enrolment=bea, changed_by=world.harriet, note="Moved away")
    pair = Pairing.objects.get(mentee=bea.person)
    assert pair.ended_on is not None
    assert Pairing.objects.active().filter(mentor=world.person(world.carl)).exists()


def test_it_pairs_only_active_members_in_matching_roles(world: World) -> None:
    otto = world.person(world.otto)
    with pytest.raises(ValidationError) as exc:
        pairing_create(
            cohort=world.cohort,
            kind="mentoring",
            mentor=otto,
            mentee=world.person(world.dan),
            started_on=date(2026, 9, 1),
        )
    assert "otto" in errors(exc)["mentor"][0].lower()
    with pytest.raises(ValidationError, match="already paired"):
        pairing_create(
            cohort=world.cohort,
            kind="mentoring",
            mentor=world.person(world.alice),
            mentee=world.person(world.bea),
            started_on=date(2026, 9, 1),
        )


def test_it_keeps_phases_inside_the_cohort(world: World) -> None:
    with pytest.raises(ValidationError, match="within the cohort's dates"):
        phase_add(
            cohort=world.cohort,
            name="Too early",
            starts_on=date(2020, 1, 1),
            ends_on=date(2026, 10, 1),
        )
    phase = phase_add(
        cohort=world.cohort, name="Training", starts_on=date(2026, 9, 1), ends_on=date(2026, 9, 28)
    )
    assert phase.cohort == world.cohort


def test_it_lists_roles_by_programme_kind() -> None:
    assert [r.value for r in Programme(kind="leadership").roles][:1] == ["participant"]
    assert [r.value for r in Programme(kind="mentoring").roles][:2] == ["mentor", "mentee"]
