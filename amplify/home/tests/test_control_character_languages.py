"""A refused control character is told in the reader's language at every boundary: the core
(amplify.core.text) says only what and where; forms, the API and the importer put it in
words, and an import stores the msgid so that whoever reads it later reads her language."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.core.text import KINDS
from amplify.home.control_characters import MESSAGES
from amplify.people.models import PeopleImport, Person
from amplify.people.services import people_import_start

LINE_BREAK = {
    "en": "Contains a line break at character 3; remove it.",
    "es": "Contiene un salto de línea en el carácter 3; elimínelo.",
    "ja": "3 文字目に改行が含まれています。削除してください。",
}
OTHER = {
    "en": "Contains the control character U+001B at character 4; remove it.",
    "es": "Contiene el carácter de control U+001B en el carácter 4;",
    "ja": "4 文字目に制御文字 U+001B が含まれています。",
}


def _speaking(user, language: str) -> Client:
    Person.objects.filter(user=user).update(interface_language=language)
    client = Client()
    client.force_login(user)
    return client


def test_every_kind_the_core_finds_has_a_message() -> None:
    assert set(MESSAGES) == set(KINDS)


@pytest.mark.parametrize("language", ["en", "es", "ja"])
def test_it_refuses_a_line_break_in_the_reader_s_language_on_a_form_and_the_api(
    world: World, language: str
) -> None:
    me = world.person(world.alice)
    client = _speaking(world.alice, language)
    page = client.post(f"/people/{me.pk}/edit/", {"preferred_name": "Al\nice", "bio": ""})
    assert LINE_BREAK[language] in html.unescape(page.content.decode())
    token = api_token_create(user=world.alice, name="test")[1]
    api = Client(headers={"Authorization": f"Bearer {token}", "accept-language": language})
    response = api.patch(
        f"/api/people/{me.pk}", {"preferred_name": "Al\nice"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert LINE_BREAK[language] in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize("language", ["en", "es", "ja"])
def test_it_shows_an_import_s_control_character_in_the_reader_s_language(
    world: World, language: str, django_capture_on_commit_callbacks
) -> None:
    # Given an import checked while its uploader read English
    content = b"employee_id,name,email,country\nE900,Ana\x1b[31m,ana@x.example,BR\n"
    with django_capture_on_commit_callbacks(execute=True):
        job = people_import_start(user=world.harriet, filename="hr.csv", content=content)
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.INVALID
    assert job.errors[0]["msgid"] == MESSAGES["other"]
    # Then she reads it in her language now
    page = _speaking(world.harriet, language).get(reverse("people:import", args=[job.pk]))
    assert OTHER[language] in html.unescape(page.content.decode())
