"""History names its authors even after their accounts are deleted: a deleted author's
changes must not read as Amplify's own (amplify/home/history_actor.py)."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.test import Client
from django.urls import reverse

from amplify.conftest import World
from amplify.home.audit import changes_in, changes_of
from amplify.people.models import Person
from amplify.people.services import person_update
from amplify.programmes.lifecycle import cohort_set_status
from amplify.programmes.models import Cohort

HARRIET_DELETED = "Harriet Staff (harriet@sony.example), account deleted"


def _harriet_changes_then_leaves(world: World) -> Person:
    alice = world.person(world.alice)
    person_update(person=alice, changed_by=world.harriet, pronouns="she/her")
    world.harriet.delete()
    return alice


def test_it_records_the_author_by_name_and_email(world: World) -> None:
    alice = world.person(world.alice)
    person_update(person=alice, changed_by=world.harriet, pronouns="she/her")
    record = alice.history.latest()
    assert record.history_actor == "Harriet Staff (harriet@sony.example)"
    assert changes_of(alice)[0].who == "harriet@sony.example"  # the account still exists


def test_it_still_names_an_author_whose_account_was_deleted(world: World) -> None:
    alice = _harriet_changes_then_leaves(world)
    record = alice.history.latest()
    assert record.history_user_id is None
    assert changes_of(alice)[0].who == HARRIET_DELETED


def test_it_says_amplify_made_a_change_without_an_author(world: World) -> None:
    alice = world.person(world.alice)
    alice.pronouns = "they/them"
    alice.save()  # no request, no author: a periodic job, the worker
    latest = changes_of(alice)[0]
    assert latest.fields == [("pronouns", "—", "they/them")]
    assert latest.who == "Amplify (automatic)"


def test_it_names_the_deleted_author_on_the_cohort_history(world: World) -> None:
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.harriet)
    world.harriet.delete()
    changes = changes_in([Cohort.history.filter(id=world.cohort.pk)])
    assert changes[0].who == HARRIET_DELETED


def test_the_product_history_page_names_the_deleted_author(world: World, as_user) -> None:
    alice = _harriet_changes_then_leaves(world)
    page = as_user(world.ada).get(reverse("people:history", args=[alice.pk]))
    assert page.status_code == 200
    assert HARRIET_DELETED in page.content.decode()


def test_the_admin_history_page_names_the_deleted_author_and_amplify(world: World, as_user) -> None:
    alice = _harriet_changes_then_leaves(world)
    alice.job_title = "Head of A&R"
    alice.save()
    client: Client = as_user(world.ada)
    page = client.get(f"/admin/people/person/{alice.pk}/history/")
    assert page.status_code == 200
    html = page.content.decode()
    assert HARRIET_DELETED in html
    assert "Amplify (automatic)" in html
    assert "Deleted user" not in html


def test_it_speaks_the_readers_language(world: World, as_user) -> None:
    alice = _harriet_changes_then_leaves(world)
    client: Client = as_user(world.ada)
    page = client.get(
        reverse("people:history", args=[alice.pk]), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "Harriet Staff (harriet@sony.example), cuenta eliminada" in page


def test_the_migration_names_the_authors_of_older_history(world: World) -> None:
    # Given history recorded before the column existed
    alice = world.person(world.alice)
    person_update(person=alice, changed_by=world.harriet, pronouns="she/her")
    Person.history.update(history_actor="")
    # When the data migration runs, then the account is deleted
    migration = import_module("amplify.home.migrations.0001_history_actor_backfill")
    migration.name_recorded_authors(apps, None)
    world.harriet.delete()
    # Then the older record still names her
    assert changes_of(alice)[0].who == HARRIET_DELETED


def test_every_historical_model_records_its_author() -> None:
    from django.apps import apps

    from amplify.home.history_actor import HistoryActor

    historical = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("amplify.")
        and hasattr(m, "instance_type")
        # simple_history's tables for many-to-many changes are the library's.
        and "_" not in m._meta.object_name
    ]
    assert historical
    assert [m._meta.label for m in historical if not issubclass(m, HistoryActor)] == []
