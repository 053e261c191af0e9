"""The admin covers every model of ours, and opens for an administrator."""

from django.apps import apps
from django.contrib import admin

from amplify.conftest import World

OURS = ("accounts", "people", "diversity", "programmes", "events", "matching")


def test_it_registers_every_model() -> None:
    missing = [
        f"{model._meta.app_label}.{model.__name__}"
        for model in apps.get_models()
        if model._meta.app_label in OURS
        and not model.__name__.startswith("Historical")
        and model not in admin.site._registry
    ]
    assert missing == []


def test_it_opens_each_changelist_for_an_administrator(world: World, as_user) -> None:
    client = as_user(world.ada)
    for model in admin.site._registry:
        # Diversity data and its access log are for impact admins, not administrators.
        if model._meta.app_label not in OURS or model._meta.app_label == "diversity":
            continue
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url
