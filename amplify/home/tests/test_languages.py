"""The interface in English, Spanish and Japanese: every role's home page in each language, the
language chosen by the browser or by the person (her profile wins), the switcher on every page,
her time zone, and API errors in the caller's language."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from amplify.accounts.models import User
from amplify.conftest import World
from amplify.home.locale import PersonLocaleMiddleware
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory, UserFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory
from amplify.tests.catalogues import catalogue, read_po

# How each language names the page's own lang attribute, and words every page carries.
LANGUAGES = {
    "en": ("en-gb", ["Sign out", "Home", "Language"]),
    "es": ("es", ["Cerrar sesión", "Inicio", "Idioma"]),
    "ja": ("ja", ["サインアウト", "ホーム", "言語"]),
}
ROLES = [
    "programme manager",
    "impact admin",
    "administrator",
    "participant",
    "coach",
    "sponsor",
    "mentor",
    "mentee",
    "outreach partner",
]


def _leadership_member(world: World, role: str) -> User:
    user = UserFactory(email=f"{role}@sony.example")
    person = PersonFactory(name=f"{role.capitalize()} Person", email=user.email, user=user)
    EnrolmentFactory(cohort=world.leadership_cohort, person=person, role=role)
    return user


def user_for(world: World, role: str) -> User:
    R = Enrolment.Role
    leadership = {"participant": R.PARTICIPANT, "coach": R.COACH, "sponsor": R.SPONSOR}
    if role in leadership:
        return _leadership_member(world, leadership[role])
    return {
        "programme manager": world.harriet,
        "impact admin": world.ina,
        "administrator": world.ada,
        "mentor": world.alice,
        "mentee": world.bea,
        "outreach partner": world.pat,
    }[role]


def _english_left_in(page: str, language: str) -> list[str]:
    """Catalogue sentences that appear on the page in English although the catalogue has
    them in `language`: a string shown without going through the translation."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    text = re.sub(r"\s+", " ", text)
    left = []
    for entry in read_po(catalogue(language)):
        msgid = entry.msgid
        if "%" in msgid or "{" in msgid or "<" in msgid or len(msgid.split()) < 3:
            continue
        if entry.msgstr.get(0) != msgid and msgid in text:
            left.append(msgid)
    return left


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_it_shows_each_role_home_in_each_language(world: World, role: str, language: str) -> None:
    # Given someone of that role whose browser asks for the language
    client = Client(headers={"accept-language": f"{language},en;q=0.5"})
    client.force_login(user_for(world, role))
    # When she opens her home page
    response = client.get(reverse("home:index"))
    # Then it is in that language, with the language marked for assistive technology
    assert response.status_code == 200
    page = response.content.decode()
    code, words = LANGUAGES[language]
    assert f'<html lang="{code}">' in page
    assert response["Content-Language"] == code
    for word in words:
        assert word in page, (role, language, word)
    if language != "en":
        assert _english_left_in(page, language) == []


def test_it_shows_the_sign_in_page_in_the_browser_language(db: None) -> None:
    page = Client(headers={"accept-language": "ja"}).get(reverse("account_login"))
    assert '<html lang="ja">' in page.content.decode()
    assert "サインイン" in page.content.decode()
    assert 'action="/language/"' in page.content.decode()


def test_it_falls_back_to_british_english(world: World, as_user) -> None:
    client = Client(headers={"accept-language": "en-US,fr;q=0.8"})
    client.force_login(world.alice)
    assert '<html lang="en-gb">' in client.get(reverse("home:index")).content.decode()


def test_it_prefers_the_person_s_own_language_to_the_browser(world: World) -> None:
    Person.objects.filter(user=world.alice).update(interface_language="ja")
    client = Client(headers={"accept-language": "es"})
    client.force_login(world.alice)
    page = client.get(reverse("home:index")).content.decode()
    assert '<html lang="ja">' in page
    assert "あなたのコホート" in page


def test_it_offers_the_switcher_on_every_page(world: World, as_user) -> None:
    for url in (reverse("home:index"), reverse("people:list"), reverse("events:list")):
        page = as_user(world.alice).get(url).content.decode()
        assert '<form class="language-switcher" method="post" action="/language/">' in page
        assert 'name="csrfmiddlewaretoken"' in page
        assert '<label for="language-switcher">' in page
        assert '<option value="ja" lang="ja">日本語</option>' in page


def test_it_switches_and_remembers_the_language_on_the_profile(world: World, as_user) -> None:
    client = as_user(world.alice)
    response = client.post(reverse("home:language"), {"language": "es", "next": "/people/"})
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    assert response.cookies["amplify_language"].value == "es"
    assert world.person(world.alice).interface_language == "es"
    # Her next page, in any browser, is in Spanish.
    other = Client(headers={"accept-language": "ja"})
    other.force_login(world.alice)
    assert '<html lang="es">' in other.get("/").content.decode()


def test_it_switches_for_someone_not_signed_in(db: None) -> None:
    client = Client()
    response = client.post(reverse("home:language"), {"language": "ja", "next": "/accounts/login/"})
    assert response["Location"] == "/accounts/login/"
    assert '<html lang="ja">' in client.get("/accounts/login/").content.decode()


def test_it_refuses_an_unknown_language_and_a_foreign_next(world: World, as_user) -> None:
    client = as_user(world.alice)
    response = client.post(
        reverse("home:language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home:index")
    assert "amplify_language" not in response.cookies
    assert world.person(world.alice).interface_language == ""


def test_it_needs_a_csrf_token_to_switch(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("home:language"), {"language": "es"}).status_code == 403


def test_it_answers_get_on_the_switcher_with_405(db: None) -> None:
    assert Client().get(reverse("home:language")).status_code == 405


def test_it_offers_the_language_on_the_profile_form(world: World, as_user) -> None:
    person = world.person(world.alice)
    page = as_user(world.alice).get(reverse("people:edit", args=[person.pk])).content.decode()
    assert 'name="interface_language"' in page


@pytest.mark.django_db
def test_it_activates_the_person_s_time_zone_for_the_request(world: World) -> None:
    Person.objects.filter(user=world.alice).update(time_zone="Asia/Tokyo")
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        seen["language"] = translation.get_language()
        from django.http import HttpResponse

        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = world.alice
    PersonLocaleMiddleware(view)(request)
    assert seen["zone"] == "Asia/Tokyo"
    # And it does not leak into the next request of the thread.
    assert timezone.get_current_timezone_name() == "UTC"


def test_it_answers_api_errors_in_the_caller_s_language(world: World) -> None:
    anonymous = Client(headers={"accept-language": "ja"})
    assert "サインイン" in anonymous.get("/api/me").json()["detail"]
    client = Client(headers={"accept-language": "es"})
    client.force_login(world.alice)
    assert client.get("/api/people/999999").json() == {"detail": "No encontrado."}
    person = world.person(world.alice)
    response = client.patch(
        f"/api/people/{person.pk}",
        {"time_zone": "Mars/Olympus"},
        content_type="application/json",
        headers={"If-Match": "*"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Zona horaria desconocida: «Mars/Olympus»."


def test_it_writes_dates_in_the_language_s_own_order(world: World) -> None:
    url = reverse("events:detail", args=[world.event.pk])
    pages = {}
    for language in ("en", "es", "ja"):
        client = Client(headers={"accept-language": language})
        client.force_login(world.alice)
        pages[language] = client.get(url).content.decode()
    start = timezone.localtime(world.event.starts_at, timezone.get_fixed_timezone(0))
    assert f"{start.year}年{start.month}月{start.day}日（" in pages["ja"]
    assert f"{start.day} de " in pages["es"]
    assert f"{start:%B} {start.year}" in pages["en"]
