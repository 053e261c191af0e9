"""Naming a programme's safeguarding lead and deputy, on the page; its history is kept."""

from __future__ import annotations

from django.urls import reverse

from amplify.conftest import World
from amplify.safeguarding.models import SafeguardingTeam


def test_it_names_the_leads_and_keeps_their_history(world: World, as_user) -> None:
    client = as_user(world.harriet)
    url = reverse("safeguarding:team", args=[world.programme.slug])
    page = client.get(url)
    data = {
        "lead": world.person(world.alice).pk,
        "deputy": world.person(world.carl).pk,
        "time_zone": "Europe/London",
        "version": page.context["form"].initial["version"],
    }
    assert client.post(url, data).status_code == 302
    again = client.get(url)
    data |= {
        "lead": world.person(world.harriet).pk,
        "version": again.context["form"].initial["version"],
    }
    assert client.post(url, data).status_code == 302
    team = SafeguardingTeam.objects.get()
    assert team.lead == world.person(world.harriet)
    assert [h.lead_id for h in team.history.all()] == [
        world.person(world.harriet).pk,
        world.person(world.alice).pk,
    ]
    page = client.get(url).content.decode()
    assert "Lead: Alice Staff" in page
    programme_page = client.get(reverse("programmes:detail", args=[world.programme.slug]))
    assert "Harriet Staff" in programme_page.content.decode()


def test_it_refuses_a_lead_without_an_account(world: World, as_user) -> None:
    from amplify.people.tests.factories import PersonFactory

    nobody = PersonFactory(name="No Account")
    client = as_user(world.ada)
    url = reverse("safeguarding:team", args=[world.programme.slug])
    version = client.get(url).context["form"].initial["version"]
    response = client.post(
        url, {"lead": nobody.pk, "time_zone": "Europe/London", "version": version}
    )
    # People without an account are not offered, and the service refuses them too.
    assert "lead" in response.context["form"].errors
    assert not SafeguardingTeam.objects.exists()


def test_its_service_refuses_a_lead_without_an_account(world: World) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    from amplify.people.tests.factories import PersonFactory
    from amplify.safeguarding.services import safeguarding_team_set

    with pytest.raises(ValidationError, match="no active account"):
        safeguarding_team_set(
            programme=world.programme,
            lead=PersonFactory(name="No Account"),
            deputy=None,
            changed_by=world.ada,
        )
