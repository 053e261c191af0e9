"""Every read of an identifiable diversity profile is recorded (who, when, whose, which
route), whichever way it is read; impact admins alone see the log, on a page, through the
API and in the admin, and no one can change it."""

import pytest
from django.test import Client
from django.urls import reverse

from amplify.conftest import World
from amplify.diversity.models import AccessRecord, DiversityProfile
from amplify.diversity.services import diversity_access_record, diversity_profile_save
from amplify.people.tests.factories import PersonFactory

Route = AccessRecord.Route


@pytest.fixture
def profiles(world: World) -> list[DiversityProfile]:
    return [
        diversity_profile_save(
            person=world.person(who), changed_by=world.ina, consent_given=True, gender="woman"
        )
        for who in (world.bea, world.dan)
    ]


@pytest.fixture
def ina(world: World, as_user) -> Client:
    world.ina.is_staff = True  # the admin needs admin access as well as the role
    world.ina.save()
    return as_user(world.ina)


def _reads(world: World) -> set[tuple[str, str, str]]:
    return {
        (r.reader.email, r.subject.name, r.route)
        for r in AccessRecord.objects.select_related("reader", "subject")
    }


def test_it_records_the_profile_page(world: World, profiles, ina: Client) -> None:
    assert ina.get(reverse("diversity:person", args=[profiles[0].person_id])).status_code == 200
    assert _reads(world) == {("ina@sony.example", "Bea Young", Route.PAGE_PROFILE)}


def test_it_records_each_profile_on_the_list_page(world: World, profiles, ina: Client) -> None:
    assert ina.get(reverse("diversity:index")).status_code == 200
    assert _reads(world) == {
        ("ina@sony.example", "Bea Young", Route.PAGE_LIST),
        ("ina@sony.example", "Dan Young", Route.PAGE_LIST),
    }


def test_it_records_the_api_read(world: World, profiles, ina: Client) -> None:
    assert ina.get(f"/api/diversity/profiles/{profiles[1].person_id}").status_code == 200
    assert _reads(world) == {("ina@sony.example", "Dan Young", Route.API_PROFILE)}


def test_it_records_the_admin_pages(world: World, profiles, ina: Client) -> None:
    pk = profiles[0].pk
    assert ina.get(f"/admin/diversity/diversityprofile/{pk}/change/").status_code == 200
    assert ina.get(f"/admin/diversity/diversityprofile/{pk}/history/").status_code == 200
    assert ina.get("/admin/diversity/diversityprofile/").status_code == 200
    assert _reads(world) == {
        ("ina@sony.example", "Bea Young", Route.ADMIN_CHANGE),
        ("ina@sony.example", "Bea Young", Route.ADMIN_HISTORY),
        ("ina@sony.example", "Bea Young", Route.ADMIN_LIST),
        ("ina@sony.example", "Dan Young", Route.ADMIN_LIST),
    }


def test_it_records_nothing_when_nothing_is_shown(
    world: World, profiles, ina: Client, as_user
) -> None:
    otto = world.person(world.otto).pk  # no profile
    assert ina.get(reverse("diversity:person", args=[otto])).status_code == 200
    assert ina.get(f"/api/diversity/profiles/{otto}").status_code == 404
    refused = as_user(world.ada)
    assert refused.get(f"/api/diversity/profiles/{profiles[0].person_id}").status_code == 403
    assert refused.get(
        f"/admin/diversity/diversityprofile/{profiles[0].pk}/change/"
    ).status_code in (
        302,
        403,
    )
    assert not AccessRecord.objects.exists()


def test_it_shows_the_log_with_filters_and_pages(world: World, profiles, ina: Client) -> None:
    # Given 60 reads of Bea's profile by Ina and one of Dan's by Carl (an imagined reader)
    for _ in range(60):
        diversity_access_record(
            reader=world.ina, person_ids=[profiles[0].person_id], route=Route.PAGE_PROFILE
        )
    diversity_access_record(
        reader=world.carl, person_ids=[profiles[1].person_id], route=Route.API_PROFILE
    )
    url = reverse("diversity:access-log")
    page = ina.get(url)
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 61
    assert len(page.context["page"].object_list) == 50
    assert ina.get(url, {"page": 2}).context["page"].object_list.__len__() == 11
    by_person = ina.get(url, {"person": profiles[1].person_id})
    assert [r.reader for r in by_person.context["page"].object_list] == [world.carl]
    assert b"Dan Young" in by_person.content
    by_reader = ina.get(url, {"reader": world.ina.pk})
    assert by_reader.context["page"].paginator.count == 60
    assert ina.get(url, {"reader": "x", "person": "²"}).status_code == 200


def test_it_lists_the_log_in_the_api(world: World, profiles, ina: Client) -> None:
    diversity_access_record(
        reader=world.ina, person_ids=[p.person_id for p in profiles], route=Route.PAGE_LIST
    )
    rows = ina.get("/api/diversity/access-log").json()
    assert rows["count"] == 2
    assert {r["person_id"] for r in rows["items"]} == {p.person_id for p in profiles}
    assert rows["items"][0]["reader_email"] == "ina@sony.example"
    assert rows["items"][0]["route"] == "page:list"
    one = ina.get("/api/diversity/access-log", {"person": profiles[0].person_id}).json()
    assert [r["person_id"] for r in one["items"]] == [profiles[0].person_id]
    assert ina.get("/api/diversity/access-log", {"reader": world.carl.pk}).json()["count"] == 0
    assert ina.get("/api/diversity/access-log", {"person": 0}).status_code == 422


@pytest.mark.parametrize("who", ["harriet", "ada", "alice", "bea"])
def test_it_hides_the_log_from_everyone_else(world: World, profiles, as_user, who: str) -> None:
    diversity_access_record(
        reader=world.ina, person_ids=[profiles[0].person_id], route=Route.PAGE_PROFILE
    )
    client = as_user(getattr(world, who))
    assert client.get(reverse("diversity:access-log")).status_code == 403
    assert client.get("/api/diversity/access-log").status_code == 403
    assert client.get("/admin/diversity/accessrecord/").status_code in (302, 403)
    assert AccessRecord.objects.for_user(getattr(world, who)).count() == 0


def test_it_sends_anonymous_visitors_away(world: World) -> None:
    client = Client()
    page = client.get(reverse("diversity:access-log"))
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/")
    assert client.get("/api/diversity/access-log").status_code == 401


def test_it_keeps_the_log_append_only(world: World, profiles, ina: Client) -> None:
    diversity_access_record(
        reader=world.ina, person_ids=[profiles[0].person_id], route=Route.PAGE_PROFILE
    )
    record = AccessRecord.objects.get()
    # The admin shows it to an impact admin, read-only
    assert ina.get(f"/admin/diversity/accessrecord/{record.pk}/change/").status_code == 200
    assert ina.get("/admin/diversity/accessrecord/").status_code == 200
    assert ina.get("/admin/diversity/accessrecord/add/").status_code == 403
    change = ina.post(f"/admin/diversity/accessrecord/{record.pk}/change/", {"route": "export"})
    assert change.status_code == 403
    delete = ina.post(f"/admin/diversity/accessrecord/{record.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    # And the model refuses changes made in code
    record.route = Route.EXPORT
    with pytest.raises(ValueError, match="append-only"):
        record.save()
    with pytest.raises(ValueError, match="append-only"):
        record.delete()
    assert AccessRecord.objects.get().route == Route.PAGE_PROFILE


def test_it_keeps_the_reads_of_a_deleted_person_without_naming_her(world: World) -> None:
    person = PersonFactory()
    diversity_profile_save(person=person, changed_by=world.ina, consent_given=True, gender="man")
    diversity_access_record(reader=world.ina, person_ids=[person.pk], route=Route.PAGE_PROFILE)
    person.delete()
    record = AccessRecord.objects.get()
    assert record.subject_id is None
    assert record.reader == world.ina
