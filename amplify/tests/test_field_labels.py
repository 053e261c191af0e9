"""Every field of every Amplify model is named in the reader's language (the admin's column
headings and form labels, model forms without labels of their own): a field with no verbose
name gets Django's, made from its name in English."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from amplify.conftest import World
from amplify.people.models import Person


def _fields() -> list[tuple[str, models.Field]]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("amplify."):
            continue
        # simple_history's tables for many-to-many changes are the library's, not ours.
        if model._meta.object_name.startswith("Historical") and "_" in model._meta.object_name:
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.Field) or field.auto_created:
                continue  # reverse relations, and Django's own "ID"
            if field.name.startswith("history_") or field.name == "m2m_history_id":
                continue  # simple_history's own columns
            found.append((f"{model._meta.label}.{field.name}", field))
    return found


def test_every_model_field_has_a_verbose_name_marked_for_translation() -> None:
    unmarked = [name for name, field in _fields() if not isinstance(field.verbose_name, Promise)]
    assert unmarked == []


def test_every_model_field_is_named_in_spanish_and_japanese() -> None:
    fields = _fields()
    assert len(fields) > 200
    untranslated = {}
    for language in ("es", "ja"):
        with translation.override("en"):
            english = {name: str(field.verbose_name) for name, field in fields}
        with translation.override(language):
            untranslated[language] = [
                name
                for name, field in fields
                # A name the language rightly keeps ("mentor" in Spanish) is listed below.
                if str(field.verbose_name) == english[name]
                and english[name] not in SAME_IN_TRANSLATION.get(language, set())
            ]
    assert untranslated == {"es": [], "ja": []}


# Names whose translation is, rightly, the English word.
SAME_IN_TRANSLATION: dict[str, set[str]] = {
    "es": {"LGBTQ+", "mentor", "mentee"},
    "ja": {"LGBTQ+"},
}


@pytest.mark.parametrize(
    ("language", "heading", "label"),
    [("es", "Empieza el", "Lugar"), ("ja", "開始日時", "会場")],
)
def test_the_admin_names_the_fields_in_the_reader_s_language(
    world: World, as_user, language: str, heading: str, label: str
) -> None:
    Person.objects.filter(user=world.ada).update(interface_language=language)
    client = as_user(world.ada)
    changelist = client.get("/admin/events/event/")
    assert heading in changelist.content.decode()
    change = client.get(f"/admin/events/event/{world.event.pk}/change/")
    assert f">{label}:<" in change.content.decode()
