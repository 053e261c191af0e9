"""Model permissions (given in the admin to an account or its groups) still count, and a
page loads them with one query, not one per kind."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amplify.accounts.models import User
from amplify.conftest import World


def _permission_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home:index")).status_code == 200
    return [q["sql"] for q in queries.captured_queries if "auth_permission" in q["sql"]]


def test_it_loads_a_members_model_permissions_once_per_page(world: World, as_user) -> None:
    client = as_user(world.alice)
    client.get(reverse("home:index"))
    assert len(_permission_queries(client)) == 1


def test_it_still_grants_permissions_given_to_the_account_or_its_groups(world: World) -> None:
    own = Permission.objects.get(codename="view_person")
    through_group = Permission.objects.get(codename="view_cohort")
    group = Group.objects.create(name="Readers")
    group.permissions.add(through_group)
    world.otto.user_permissions.add(own)
    world.otto.groups.add(group)

    otto = User.objects.get(pk=world.otto.pk)  # fresh: no cached permissions
    with CaptureQueriesContext(connection) as queries:
        assert otto.has_perm("people.view_person")
        assert otto.has_perm("programmes.view_cohort")
        assert not otto.has_perm("programmes.delete_cohort")
    assert otto.get_all_permissions() >= {"people.view_person", "programmes.view_cohort"}
    assert len([q for q in queries.captured_queries if "auth_permission" in q["sql"]]) == 1

    # An account switched off keeps none of them.
    User.objects.filter(pk=otto.pk).update(is_active=False)
    assert not User.objects.get(pk=otto.pk).has_perm("people.view_person")


def test_it_gives_administrators_every_model_permission(world: World) -> None:
    ada = User.objects.get(pk=world.ada.pk)
    assert ada.is_superuser
    assert len(ada.get_all_permissions()) == Permission.objects.count()
