"""The admin covers every model of ours, and every one of its pages opens for an
administrator without showing a diversity value.

Both walks are derived from the app registry and `admin.site._registry`, so a new app or
model joins them by itself.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import admin
from django.test import Client, RequestFactory
from simple_history.admin import SimpleHistoryAdmin

from amplify.conftest import World
from amplify.people.admin import SPECIAL_CATEGORY_APPS
from amplify.tests.adminwalk import admin_base, admin_records
from amplify.tests.test_no_diversity_leaks import leaks, runs  # noqa: F401 -- runs: a fixture

OURS = {config.label for config in apps.get_app_configs() if config.name.startswith("amplify.")}


def test_it_registers_every_model() -> None:
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in OURS
        and not model.__name__.startswith("Historical")
        and model not in admin.site._registry
    ]
    assert missing == []


def test_it_knows_the_apps_it_walks() -> None:
    # Not a list to keep up to date: a guard that the derivation above finds the apps.
    assert {"accounts", "people", "diversity", "matching", "privacy", "operations"} <= OURS


def admin_pages(model: Any, model_admin: Any, obj: Any, request: Any) -> list[str]:
    """Every page of one registered model that the admin offers this person."""
    base = admin_base(model)
    urls = [base]
    if model_admin.has_add_permission(request):
        urls.append(f"{base}add/")
    if obj is None:
        return urls
    urls.append(f"{base}{obj.pk}/change/")
    urls.append(f"{base}{obj.pk}/history/")
    if model_admin.has_delete_permission(request, obj):
        urls.append(f"{base}{obj.pk}/delete/")
    if isinstance(model_admin, SimpleHistoryAdmin):
        past = model.history.filter(**{model._meta.pk.attname: obj.pk}).first()
        if past is not None:
            urls.append(f"{base}{obj.pk}/history/{past.history_id}/")
    return urls


def test_it_opens_every_admin_page_for_an_administrator_without_diversity_values(
    world: World,
    runs: Any,  # noqa: F811 -- the fixture imported above: consented profiles, runs, groups
    as_user,
    settings,
) -> None:
    # The tests run tasks at once; the task admin shows rows of the database backend.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client: Client = as_user(world.ada)
    request = RequestFactory().get("/admin/")
    request.user = world.ada
    records = admin_records(world, world.ada)
    opened, refused, failures, found = [], set(), [], []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_module_permission(request):
            # Special-category data: for impact admins only, who are not all administrators.
            refused.add(model._meta.app_label)
            response = client.get(admin_base(model))
            if response.status_code != 403:
                failures.append(f"{admin_base(model)}: {response.status_code}, not 403")
            continue
        for url in admin_pages(model, model_admin, records.get(model), request):
            response = client.get(url)
            if response.status_code != 200:
                failures.append(f"{url}: {response.status_code}")
            found += leaks(client, url)
            opened.append(url)
    assert failures == []
    assert found == [], "\n".join(found)
    # applications: its ApplicationEvidence (applicants' dates of birth and backgrounds).
    assert refused == SPECIAL_CATEGORY_APPS | {"applications"}
    assert any(url.startswith("/admin/operations/periodiclease/") for url in opened)
    assert any(url.startswith("/admin/privacy/erasure/") for url in opened)
