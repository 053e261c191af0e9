"""The diversity app's part in erasure and subject access, for the privacy app to call:
`diversity_erase_for_person` and `diversity_export_for_person`."""

import json

import pytest

from amplify.conftest import World
from amplify.diversity.models import AccessRecord, DiversityProfile
from amplify.diversity.services import (
    diversity_access_record,
    diversity_erase_for_person,
    diversity_export_for_person,
    diversity_profile_save,
)


@pytest.fixture
def bea_id(world: World) -> int:
    person = world.person(world.bea)
    for occupation in ("professional", "working_class"):
        diversity_profile_save(
            person=person,
            changed_by=world.ina,
            consent_given=True,
            gender="woman",
            parental_occupation=occupation,
            share_with_mentor=["gender"],
        )
    diversity_access_record(
        reader=world.ina, person_ids=[person.pk], route=AccessRecord.Route.PAGE_PROFILE
    )
    return person.pk


def test_it_erases_the_profile_and_history_and_anonymises_the_reads(
    world: World, bea_id: int
) -> None:
    dan = world.person(world.dan)
    diversity_profile_save(person=dan, changed_by=world.ina, consent_given=True, gender="man")
    diversity_access_record(
        reader=world.ina, person_ids=[dan.pk], route=AccessRecord.Route.API_PROFILE
    )

    diversity_erase_for_person(person_id=bea_id)

    assert not DiversityProfile.objects.filter(person_id=bea_id).exists()
    assert not DiversityProfile.history.filter(person_id=bea_id).exists()
    # The read of Bea's profile stays accountable, without saying whose it was
    bea_read = AccessRecord.objects.get(route=AccessRecord.Route.PAGE_PROFILE)
    assert bea_read.subject_id is None
    assert bea_read.reader == world.ina
    # Dan's data is untouched
    assert DiversityProfile.objects.filter(person=dan).exists()
    assert DiversityProfile.history.filter(person_id=dan.pk).count() == 1
    assert AccessRecord.objects.get(route=AccessRecord.Route.API_PROFILE).subject_id == dan.pk


def test_it_erases_history_left_without_a_profile(world: World, bea_id: int) -> None:
    # A history row left behind (e.g. by a delete before deletes purged history)
    profiles = DiversityProfile.objects.filter(person_id=bea_id)
    profiles._raw_delete(using="default")  # type: ignore[attr-defined]
    assert DiversityProfile.history.filter(person_id=bea_id).exists()
    diversity_erase_for_person(person_id=bea_id)
    assert not DiversityProfile.history.filter(person_id=bea_id).exists()


def test_it_erases_nothing_for_a_person_without_data(world: World) -> None:
    diversity_erase_for_person(person_id=world.person(world.otto).pk)
    diversity_erase_for_person(person_id=world.person(world.otto).pk)


def test_it_exports_the_persons_own_data_as_json(world: World, bea_id: int) -> None:
    data = diversity_export_for_person(person_id=bea_id)
    text = json.dumps(data)  # JSON-able as it is
    assert data["profile"]["gender"] == "woman"
    assert data["profile"]["parental_occupation"] == "working_class"
    assert data["profile"]["share_with_mentor"] == ["gender"]
    assert [h["change"] for h in data["history"]] == ["created", "changed"]
    assert [h["parental_occupation"] for h in data["history"]] == ["professional", "working_class"]
    assert [(r["route"], r["reader"]) for r in data["reads"]] == [("page:profile", "impact admin")]
    # Staff who read or changed it are named by role only
    assert "ina@sony.example" not in text


def test_it_exports_empty_data_for_a_person_without_any(world: World) -> None:
    assert diversity_export_for_person(person_id=world.person(world.otto).pk) == {
        "profile": None,
        "history": [],
        "reads": [],
    }
