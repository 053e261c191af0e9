"""Erasure (art. 17): the person is anonymised everywhere, in place; nothing that named her
is left in any table, history, run snapshot, import file or log; her enrolments, pairs and
replies stay as anonymous rows; erasing twice is fine; nothing is half-done."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.test import Client

from amplify.accounts.models import ApiToken, User
from amplify.accounts.services import api_token_authenticate, api_token_create
from amplify.conftest import World
from amplify.diversity.models import DiversityProfile
from amplify.home.audit import changes_of
from amplify.matching.models import MatchingRun, MatchProfile, ProposedPair
from amplify.people.importing.reader import read_table
from amplify.people.models import PeopleImport, Person
from amplify.people.services import person_update
from amplify.privacy import erasure, services
from amplify.privacy.identifiers import ERASED_NAME
from amplify.privacy.models import Erasure
from amplify.privacy.tests.conftest import NEEDLES, Traces
from amplify.programmes.models import Enrolment, Pairing


def everything() -> str:
    """Every row of every table, as text (binary files included, as their bytes)."""
    out = []
    for model in apps.get_models():
        rows = model._base_manager.order_by("pk").values()  # PostgreSQL moves updated rows
        out.append(json.dumps(list(rows), default=str))
    return "\n".join(out)


def xlsx_rows(job: PeopleImport) -> dict[int, list[str]]:
    return {line.number: line.cells for line in read_table(bytes(job.content), job.filename).rows}


def test_it_leaves_nothing_that_names_her(world: World, traces: Traces) -> None:
    before = everything()
    assert all(needle in before for needle in NEEDLES)

    services.person_erase(person=traces.bea, erased_by=world.ina)

    after = everything()
    assert [n for n in NEEDLES if n in after] == []
    xlsx = PeopleImport.objects.get(pk=traces.xlsx_import.pk)
    assert not any("bea@example.com" in cells for cells in xlsx_rows(xlsx).values())


def test_it_anonymises_the_person_and_keeps_her_rows(world: World, traces: Traces) -> None:
    bea = traces.bea
    enrolments = Enrolment.objects.filter(person=bea).count()
    record = services.person_erase(person=bea, erased_by=world.ina)

    bea.refresh_from_db()
    assert bea.name == ERASED_NAME
    assert bea.email == f"erased-{record.reference.hex}@erased.invalid"
    assert (bea.preferred_name, bea.pronouns, bea.bio, bea.languages) == ("", "", "", [])
    assert bea.user_id is None
    assert bea.country_id == "GB"  # kept: the figures count people by country
    assert bea.referred_by == world.partner  # kept: the partner's figures count referrals
    assert Enrolment.objects.filter(person=bea).count() == enrolments
    assert Pairing.objects.filter(mentee=bea).count() == 1
    assert all(h.name == ERASED_NAME and h.bio == "" for h in Person.history.filter(id=bea.pk))
    assert not MatchProfile.objects.filter(person=bea).exists()
    assert not MatchProfile.history.filter(person_id=bea.pk).exists()
    assert not DiversityProfile.objects.filter(person=bea).exists()


def test_it_ends_her_account(world: World, traces: Traces) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    client = Client()
    client.force_login(world.bea)
    assert client.get("/").status_code == 200
    _, raw = api_token_create(user=world.bea, name="another")

    services.person_erase(person=traces.bea, erased_by=world.ina)

    user = User.objects.get(pk=world.bea.pk)
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.email.endswith("@erased.invalid")
    assert all(h.email == user.email for h in User.history.filter(id=user.pk))
    assert not ApiToken.objects.filter(user=user).exists()
    assert api_token_authenticate(raw=raw) is None
    assert not Authenticator.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_removes_her_features_from_run_snapshots(world: World, traces: Traces) -> None:
    key = str(traces.bea.pk)
    services.person_erase(person=traces.bea, erased_by=world.ina)

    run = MatchingRun.objects.get(pk=traces.run.pk)
    entry = next(p for p in run.inputs["mentees"] if p["key"] == key)
    assert entry["tags"] == []
    assert entry["wants"] == []
    assert entry["languages"] == []
    assert run.inputs["names"][key] == ERASED_NAME
    for pair in ProposedPair.objects.filter(mentee=traces.bea):
        assert {row["detail"] for row in pair.breakdown} == {""}


def test_it_scrubs_a_grouping_snapshot_too() -> None:
    inputs = {
        "members": [
            {"key": "7", "band": "emea", "attributes": {"gender": "Woman", "country": "GB"}},
            {"key": "8", "band": "emea", "attributes": {"gender": "Man", "country": "FR"}},
        ]
    }
    assert erasure._scrub_inputs(inputs, "7")
    assert inputs["members"][0] == {
        "key": "7",
        "band": "emea",
        "attributes": {"gender": None, "country": None},
    }
    assert inputs["members"][1]["attributes"]["gender"] == "Man"


def test_it_blanks_her_rows_in_imports_and_keeps_the_others(world: World, traces: Traces) -> None:
    services.person_erase(person=traces.bea, erased_by=world.ina)

    job = PeopleImport.objects.get(pk=traces.csv_import.pk)
    table = read_table(bytes(job.content), job.filename)
    kept = {line.number: line.cells for line in table.rows}
    assert list(kept) == [3]  # Dan keeps his row number
    assert kept[3][1] == "Dan Young"
    assert kept[3][6] == ""  # his manager's id was hers
    assert [p["row"] for p in job.preview] == [3]
    assert job.errors[0]["message"] == "(removed: it named an erased person)"
    assert (job.rows_total, job.create_count) == (2, 2)
    xlsx = PeopleImport.objects.get(pk=traces.xlsx_import.pk)
    assert sorted(xlsx_rows(xlsx)) == [2, 4]
    assert xlsx.errors == [{"row": 4, "column": "division", "message": "Unknown division"}]


def test_it_keeps_the_admin_log_without_her_name(world: World, traces: Traces) -> None:
    from django.contrib.admin.models import LogEntry

    services.person_erase(person=traces.bea, erased_by=world.ina)
    entry = LogEntry.objects.get(object_id=str(traces.bea.pk), user=world.ada)
    assert entry.object_repr == ERASED_NAME
    assert entry.change_message == ""


def test_erasing_twice_is_fine(world: World, traces: Traces) -> None:
    first = services.person_erase(person=traces.bea, erased_by=world.ina)
    state = everything()
    again = services.person_erase(person=traces.bea, erased_by=world.ada)
    assert again.pk == first.pk
    assert again.erased_by == world.ina
    assert Erasure.objects.count() == 1
    assert everything() == state


def test_the_log_keeps_no_personal_data(world: World, traces: Traces) -> None:
    record = services.person_erase(person=traces.bea, erased_by=world.ina)
    row = json.dumps(list(Erasure.objects.values()), default=str)
    assert [n for n in (*NEEDLES, "Bee") if n in row] == []
    assert record.erased_by == world.ina
    assert record.status == Erasure.Status.DONE


def test_it_is_all_or_nothing(world: World, traces: Traces, monkeypatch) -> None:
    def fail(ids: object) -> int:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(erasure, "erase_imports", fail)
    with pytest.raises(RuntimeError):
        services.person_erase(person=traces.bea, erased_by=world.ina)
    traces.bea.refresh_from_db()
    assert traces.bea.name == "Bea Young"
    assert MatchProfile.objects.filter(person=traces.bea).exists()
    assert User.objects.get(pk=world.bea.pk).is_active
    assert not Erasure.objects.exists()


def test_it_removes_an_unreadable_file_that_names_her(world: World, traces: Traces) -> None:
    job = PeopleImport.objects.create(
        uploaded_by=world.harriet,
        filename="broken.csv",
        content=b"\x00\x01\x02 bea@example.com \x00",
        size=20,
        status=PeopleImport.Status.INVALID,
    )
    other = PeopleImport.objects.create(
        uploaded_by=world.harriet,
        filename="other.csv",
        content=b"\x00\x01\x02 someone@example.com \x00",
        size=20,
        status=PeopleImport.Status.INVALID,
    )
    services.person_erase(person=traces.bea, erased_by=world.ina)
    job.refresh_from_db()
    other.refresh_from_db()
    assert bytes(job.content) == b""
    assert bytes(other.content) == b"\x00\x01\x02 someone@example.com \x00"


def test_it_erases_her_name_from_the_history_of_what_she_changed(world: World) -> None:
    # Given a change Harriet made, and her account deleted since
    harriet = world.person(world.harriet)
    alice = world.person(world.alice)
    person_update(person=alice, changed_by=world.harriet, pronouns="she/her")
    world.harriet.delete()
    # When she is erased
    services.person_erase(person=harriet, erased_by=world.ina)
    # Then the history no longer names her (amplify/home/history_actor.py)
    assert not Person.history.filter(history_actor__icontains="harriet").exists()
    assert changes_of(alice)[0].who == f"{ERASED_NAME}, account deleted"
