"""The admin's history names who changed what in the product's words."""

from django.urls import reverse

from amplify.conftest import World
from amplify.people.models import Person
from amplify.people.tests.factories import UserFactory


def test_it_reads_an_empty_link_as_nothing_and_a_gone_one_as_deleted(world: World, as_user) -> None:
    # given Otto's record, unlinked and linked to another account by Amplify itself (no
    # acting user)...
    otto = Person.objects.get(user=world.otto)
    otto.user = None
    otto.save()
    spare = UserFactory(email="spare@sony.example")
    otto.user = spare
    otto.save()
    # ...and that account then deleted
    otto.user = None
    otto.save()
    spare.delete()
    # when the administrator reads the record's history
    page = as_user(world.ada).get(reverse("admin:people_person_history", args=[otto.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    # then an empty link reads as nothing, the gone account as deleted, the author as Amplify
    assert "pk=None" not in html
    assert "Deleted user" not in html
    assert "a deleted account" in html
    assert "Amplify (automatic)" in html
