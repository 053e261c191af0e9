"""The nominations admin opens its list, change and history pages (the shared admin walk
covers every model; this one runs even while another app lacks its maker)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from amplify.conftest import World
from amplify.nominations.models import Nomination
from amplify.nominations.tests.factories import make_everything


def test_it_opens_the_nomination_admin_pages(world: World) -> None:
    # Given a nomination in each state
    make_everything(world)
    client = Client()
    client.force_login(world.ada)
    # When the administrator opens the list, each change page and its history
    assert client.get(reverse("admin:nominations_nomination_changelist")).status_code == 200
    for n in Nomination.objects.all():
        for name in ("change", "history"):
            url = reverse(f"admin:nominations_nomination_{name}", args=[n.pk])
            # Then each opens
            assert client.get(url).status_code == 200, url
    assert Nomination.objects.values("status").distinct().count() == 4
