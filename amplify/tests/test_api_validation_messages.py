"""A 422 from an input schema (pydantic) speaks the caller's language: each error keeps its
`type`, `loc` and `ctx` for scripts, and its `msg` is a translated sentence."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from amplify.apivalidation import MESSAGES, translated_message
from amplify.conftest import World

# A cohort that fails five ways at once: too long a name, a date that is not one, a missing
# end date, a number below its bound, and a control character (our own validator).
BAD_COHORT = {"name": "x" * 161, "starts_on": "someday", "number": 0, "description": "a\x00b"}


def _errors(world: World, language: str) -> dict[str, dict[str, Any]]:
    client = Client(headers={"accept-language": language})
    client.force_login(world.harriet)
    response = client.post(
        "/api/programmes/positive-influence/cohorts", BAD_COHORT, content_type="application/json"
    )
    assert response.status_code == 422
    return {error["loc"][-1]: error for error in response.json()["detail"]}


def test_it_keeps_english_sentences_and_the_shape(world: World) -> None:
    errors = _errors(world, "en")
    assert {field: e["type"] for field, e in errors.items()} == {
        "name": "string_too_long",
        "starts_on": "date_from_datetime_parsing",
        "ends_on": "missing",
        "number": "greater_than_equal",
        "description": "value_error",
    }
    assert errors["name"]["loc"] == ["body", "payload", "name"]
    assert errors["name"]["ctx"] == {"max_length": 160}
    assert errors["name"]["msg"] == "Enter at most 160 characters."
    assert errors["starts_on"]["msg"] == "Enter a valid date (YYYY-MM-DD)."
    assert errors["ends_on"]["msg"] == "This field is required."
    assert errors["number"]["msg"] == "Enter a value of at least 1."
    assert errors["description"]["msg"].startswith("Invalid value: ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "es",
            {
                "name": "Introduzca como máximo 160 caracteres.",
                "starts_on": "Introduzca una fecha válida (AAAA-MM-DD).",
                "ends_on": "Este campo es obligatorio.",
                "number": "Introduzca un valor de al menos 1.",
            },
        ),
        (
            "ja",
            {
                "name": "160文字以内で入力してください。",
                "starts_on": "有効な日付（YYYY-MM-DD）を入力してください。",
                "ends_on": "この項目は必須です。",
                "number": "1以上の値を入力してください。",
            },
        ),
    ],
)
def test_it_translates_field_errors(world: World, language: str, expected: dict[str, str]) -> None:
    errors = _errors(world, language)
    assert {field: errors[field]["msg"] for field in expected} == expected
    # Type and location never change with the language.
    assert errors["ends_on"]["type"] == "missing"
    assert errors["ends_on"]["loc"] == ["body", "payload", "ends_on"]
    # Our own validator's sentence was already translated; pydantic's prefix is too.
    assert "Value error" not in errors["description"]["msg"]


def test_it_translates_a_choice_and_a_list(world: World) -> None:
    client = Client(headers={"accept-language": "es"})
    client.force_login(world.harriet)
    response = client.post(
        "/api/programmes",
        {"name": "Bridge", "kind": "wizard", "pillars": "I"},
        content_type="application/json",
    )
    errors = {error["loc"][-1]: error for error in response.json()["detail"]}
    assert errors["kind"]["type"] == "literal_error"
    assert errors["kind"]["msg"] == "Elija una de estas opciones: 'leadership', 'mentoring'."
    assert errors["pillars"]["type"] == "list_type"
    assert errors["pillars"]["msg"] == "Indique una lista."


def test_it_falls_back_to_pydantic_s_sentence() -> None:
    unknown = {"type": "something_new", "msg": "Something new went wrong", "loc": ["body"]}
    assert translated_message(unknown) == "Something new went wrong"
    # A sentence whose ctx value is missing falls back rather than failing.
    assert translated_message({"type": "greater_than", "msg": "Too small"}) == "Too small"
    assert "missing" in MESSAGES
