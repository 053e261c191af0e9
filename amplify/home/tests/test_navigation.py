"""The menu fits the role: every link shown opens, every link left out would be refused."""

import pytest
from django.urls import reverse

from amplify.conftest import World
from amplify.home.navigation import ACCOUNT, MAIN

PERSONAS = ["harriet", "ina", "ada", "alice", "bea", "carl", "dan", "pat", "otto"]


def _menu(client) -> list[str]:
    page = client.get(reverse("home:index"))
    assert page.status_code == 200
    return [item["url"] for item in page.context["nav_items"] if not item.get("label_only")]


@pytest.mark.parametrize("who", PERSONAS)
def test_it_shows_exactly_the_pages_the_role_may_open(world: World, as_user, who: str) -> None:
    client = as_user(getattr(world, who))
    shown = _menu(client)
    candidates = {reverse(link.url_name) for link in MAIN + ACCOUNT} | {reverse("admin:index")}
    for url in shown:
        assert client.get(url).status_code == 200, f"{who}: the menu links to {url}"
    for url in candidates - set(shown):
        status = client.get(url).status_code
        if url == reverse("admin:index"):
            assert status == 302, f"{who}: the admin lets her in but the menu hides it"
        else:
            assert status in (403, 404), f"{who}: {url} answers {status} but is not in the menu"


def test_it_keeps_young_people_and_partners_to_what_they_use(world: World, as_user) -> None:
    # given a mentee and an outreach partner's staff
    hidden = {
        reverse("accounts:tokens"),
        reverse("mfa_index"),
    }
    for user in (world.bea, world.pat):
        # then neither is offered API tokens or second-factor settings
        assert not hidden & set(_menu(as_user(user)))
    # and the partner, in no cohort, has no programme or event pages to open
    partner_menu = set(_menu(as_user(world.pat)))
    assert reverse("programmes:list") not in partner_menu
    assert reverse("events:list") not in partner_menu
    assert reverse("matching:profile") not in partner_menu


def test_it_offers_employees_and_staff_their_account_pages(world: World, as_user) -> None:
    for user in (world.alice, world.harriet, world.ina, world.ada):
        menu = set(_menu(as_user(user)))
        assert reverse("accounts:tokens") in menu
        assert reverse("mfa_index") in menu


@pytest.mark.parametrize("who", PERSONAS)
def test_it_links_home_only_to_pages_the_role_may_open(world: World, as_user, who: str) -> None:
    import re

    client = as_user(getattr(world, who))
    page = client.get(reverse("home:index")).content.decode()
    main = page.split('id="main"', 1)[1]
    for url in sorted(set(re.findall(r'href="(/[^"#?]*)', main))):
        assert client.get(url).status_code == 200, f"{who}: home links to {url}"
