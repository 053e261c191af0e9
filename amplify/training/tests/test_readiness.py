"""Readiness as the mentor and the manager see it, screening records, and the matching gate."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.core import training as core
from amplify.matching import services as matching
from amplify.training import services
from amplify.training.models import BackgroundCheck, CodeOfConduct
from amplify.training.readiness import cohort_readiness
from amplify.training.tests.factories import attend, check, ready, topic_modules

WEIGHTS = {"interests": 3, "career": 3}


def gaps(world: World, user) -> tuple[str, ...]:
    person = world.person(user)
    return cohort_readiness(world.cohort, [person.pk])[person.pk].gaps


def test_a_mentor_with_everything_done_is_ready(world: World, modules) -> None:
    ready(world, world.alice)
    assert gaps(world, world.alice) == ()
    assert gaps(world, world.carl) == (
        core.HOURS,
        core.SAFEGUARDING,
        core.CODE_NOT_ACCEPTED,
        core.CHECK_MISSING,
    )


def test_a_new_code_version_needs_a_new_acceptance(world: World, modules) -> None:
    ready(world, world.alice)
    services.code_publish(programme=world.programme, text="Version two", published_by=world.harriet)
    assert gaps(world, world.alice) == (core.CODE_OUTDATED,)
    old = CodeOfConduct.objects.get(programme=world.programme, version=1)
    with pytest.raises(ValidationError):
        services.code_accept(code=old, person=world.person(world.alice))


def test_a_check_expiring_before_the_cohort_start_does_not_count(world: World, modules) -> None:
    ready(world, world.alice)
    BackgroundCheck.objects.all().delete()
    start = world.cohort.starts_on
    check(
        world,
        world.alice,
        checked_on=start - timedelta(days=1000),
        expires_on=start - timedelta(days=1),
    )
    assert gaps(world, world.alice) == (core.CHECK_EXPIRED,)


def test_a_check_is_a_record_with_clear_messages(world: World, modules) -> None:
    with pytest.raises(ValidationError) as exc:
        check(world, world.alice, checked_on=None)
    assert "checked_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        check(world, world.bea)
    assert "person" in exc.value.message_dict
    check(world, world.alice)
    check(world, world.alice)  # a double submit
    assert BackgroundCheck.objects.count() == 1


def test_the_programme_chooses_what_it_requires(world: World, modules) -> None:
    for m in topic_modules(world):
        attend(world, world.carl, m, float(m.hours))
    services.training_settings_set(
        programme=world.programme,
        changed_by=world.harriet,
        require_safeguarding=False,
        require_code_of_conduct=False,
        require_background_check=False,
    )
    assert gaps(world, world.carl) == ()


def test_the_mentor_sees_her_progress(world: World, modules, as_user) -> None:
    attend(world, world.alice, topic_modules(world)[1], 3)
    page = as_user(world.alice).get("/training/").content.decode()
    assert "3 of 10 hours done; 7 left." in page
    assert "Code of conduct not signed" in page
    assert "I accept the code of conduct" in page


def test_she_accepts_the_code_once(world: World, modules, as_user) -> None:
    code = CodeOfConduct.objects.get(programme=world.programme)
    client = as_user(world.alice)
    client.post(f"/training/codes/{code.pk}/accept/")
    client.post(f"/training/codes/{code.pk}/accept/")
    assert code.acceptances.count() == 1
    assert "Version 1 accepted on" in client.get("/training/").content.decode()


def test_the_manager_sees_who_is_ready_and_filters(world: World, modules, as_user) -> None:
    ready(world, world.alice)
    client = as_user(world.harriet)
    page = client.get(f"/training/cohorts/{world.cohort.pk}/").content.decode()
    assert "1 of 2 mentors are ready" in page
    assert "Alice Staff" in page
    assert "Carl Staff" in page
    ready_only = client.get(f"/training/cohorts/{world.cohort.pk}/?show=ready").content.decode()
    assert "Alice Staff" in ready_only
    assert "Carl Staff" not in ready_only
    missing = client.get(
        f"/training/cohorts/{world.cohort.pk}/?show={core.CHECK_MISSING}"
    ).content.decode()
    assert "Carl Staff" in missing
    assert "Alice Staff" not in missing
    assert client.get(f"/training/cohorts/{world.cohort.pk}/?show=<x>").status_code == 200


def test_the_manager_records_a_check_on_the_mentor_s_page(world: World, modules, as_user) -> None:
    client = as_user(world.harriet)
    url = f"/training/cohorts/{world.cohort.pk}/mentors/{world.person(world.carl).pk}/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"kind": "dbs_enhanced", "status": "clear"})
    assert bad.status_code == 400
    assert "A clear check needs the date it was issued." in bad.content.decode()
    good = client.post(url, {"kind": "dbs_enhanced", "status": "pending", "reference": "001234"})
    assert good.status_code == 302
    assert gaps(world, world.carl)[-1] == core.CHECK_PENDING


def _run(world: World):
    from amplify.matching.tests.cohorts import profile
    from amplify.programmes.models import Pairing

    # Before the first run: no pairs yet (the world's pairs would be kept as locks).
    Pairing.objects.filter(cohort=world.cohort).delete()
    for user in (world.alice, world.carl, world.bea, world.dan):
        profile(world.person(user))
    run = matching.matching_run_start(
        cohort=world.cohort,
        created_by=world.harriet,
        weights=WEIGHTS,
        queue=False,
        required_training_hours=10,
    )
    return matching.matching_run_execute(run=run)


def test_matching_sets_aside_a_mentor_not_ready_with_the_reason(
    world: World, modules, as_user
) -> None:
    ready(world, world.alice)
    for m in topic_modules(world):
        attend(world, world.carl, m, float(m.hours))
    run = _run(world)
    carl = str(world.person(world.carl).pk)
    # One rule: the training rule, which now also reads the screening.
    assert run.result["excluded_mentors"] == {carl: "training"}
    page = as_user(world.harriet).get(run.get_absolute_url()).content.decode()
    assert (
        "Has not completed the required mentor training: Safeguarding module not done; "
        "Code of conduct not signed; No background check on record"
    ) in page
    api = as_user(world.harriet).get(f"/api/matching-runs/{run.pk}").json()
    assert api["mentors_set_aside_reasons"][carl].startswith("Has not completed")
