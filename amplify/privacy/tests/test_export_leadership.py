"""A person's export holds her leadership records: her own in full, what names others cut to
what concerns her, and a coach's private notes for that coach alone."""

from __future__ import annotations

from amplify.coaching.tests.factories import NOTES, held_for
from amplify.conftest import World
from amplify.experiments.tests.factories import experiment_of
from amplify.privacy.leadership import sections


def test_it_gives_the_coach_her_notes_and_the_coachee_her_actions_only(world: World) -> None:
    # Given a session Coco logged with Lena, private notes included
    held_for(world)

    # When each of them exports her data
    coco = sections(world.person(world.coco), by_herself=True)["coaching_sessions"]
    lena = sections(world.person(world.lena), by_herself=True)["coaching_sessions"]

    # Then the notes are in Coco's, not in Lena's; both have the shared actions
    assert [s["coach_notes"] for s in coco] == [NOTES]
    assert all("coach_notes" not in s for s in lena)
    assert lena[0]["actions"] == coco[0]["actions"] != ""
    # And Leo, in the same cohort, has none of it
    assert sections(world.person(world.leo), by_herself=True)["coaching_sessions"] == []
    # And a copy staff make for Coco holds no notes either: staff would read them
    made_for_her = sections(world.person(world.coco), by_herself=False)["coaching_sessions"]
    assert all("coach_notes" not in s for s in made_for_her)


def test_it_gives_the_owner_her_experiment_and_nobody_else(world: World) -> None:
    experiment = experiment_of(world)

    lena = sections(world.person(world.lena), by_herself=True)

    assert [e["id"] for e in lena["experiments"]] == [experiment.pk]
    assert sections(world.person(world.leo), by_herself=True)["experiments"] == []
    # Every section is a list of rows, so the archive writes each as a CSV file
    assert all(isinstance(rows, list) for rows in lena.values())


def test_erasing_her_empties_what_the_leadership_programme_holds_about_her(
    world: World,
) -> None:
    from amplify.coaching.models import CoachingSession
    from amplify.experiments.models import Story
    from amplify.privacy import services
    from amplify.talentbook.models import TalentPage

    # Given Lena coached (with Coco's notes about her), with a story and a talent page
    session = held_for(world)
    lena = world.person(world.lena)
    Story.objects.create(person=lena, cohort=world.leadership_cohort, title="Nordics")
    TalentPage.objects.create(person=lena, cohort=world.leadership_cohort, about="Me")

    # When she is erased
    services.person_erase(person=lena, erased_by=world.ina)

    # Then the notes and actions about her, her story and her page are gone
    session.refresh_from_db()
    assert (session.coach_notes, session.actions) == ("", "")
    assert not Story.objects.filter(person=lena).exists()
    assert not TalentPage.objects.filter(person=lena).exists()
    assert not CoachingSession.history.filter(pairing_id=session.pairing_id).exclude(actions="")
    # And her export says so
    left = sections(lena, by_herself=False)
    assert left["stories"] == left["talent_pages"] == []
