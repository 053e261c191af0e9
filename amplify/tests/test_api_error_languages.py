"""Every error the API can answer with reads in the caller's language: each of pydantic's
error types has a translated sentence, and ninja's own 400 for a body that is not JSON is
translated too."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from pydantic_core._pydantic_core import list_all_errors

from amplify.accounts.services import api_token_create
from amplify.apivalidation import MESSAGES
from amplify.conftest import World

NOT_JSON = {
    "en": "The request body could not be read: send valid JSON.",
    "es": "No se pudo leer el cuerpo de la petición: envíe JSON válido.",
    "ja": "リクエスト本文を読み取れませんでした。有効な JSON を送信してください。",
}


class _Two(dict[str, Any]):
    """Any placeholder a sentence names (and the number a plural picks its form by) is 2."""

    def __missing__(self, key: str) -> int:
        return 2


def test_every_pydantic_error_type_has_a_sentence() -> None:
    types = {error["type"] for error in list_all_errors()}
    assert types - set(MESSAGES) == set()


@pytest.mark.parametrize("language", ["es", "ja"])
def test_every_pydantic_error_sentence_is_translated(language: str) -> None:
    untranslated = []
    for error_type, message in MESSAGES.items():
        with translation.override("en"):
            english = str(message % _Two())
        with translation.override(language):
            if str(message % _Two()) == english:
                untranslated.append(error_type)
    assert untranslated == []


@pytest.mark.parametrize("language", ["en", "es", "ja"])
def test_it_answers_a_body_that_is_not_json_in_the_caller_s_language(
    world: World, language: str
) -> None:
    token = api_token_create(user=world.harriet, name="test")[1]
    client = Client(headers={"Authorization": f"Bearer {token}", "accept-language": language})
    response = client.post(
        "/api/programmes/positive-influence/cohorts", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": NOT_JSON[language]}


@pytest.mark.parametrize("language", ["es", "ja"])
def test_it_answers_a_browser_session_in_its_language(world: World, language: str) -> None:
    # The API follows the caller's Accept-Language (amplify.home.locale), session or token.
    client = Client(headers={"accept-language": language})
    client.force_login(world.harriet)
    response = client.post(
        "/api/programmes/positive-influence/cohorts", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": NOT_JSON[language]}
