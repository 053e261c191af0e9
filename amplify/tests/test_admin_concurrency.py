"""No lost updates in the admin: for every registered model, a change form (or delete page)
shown before someone else saved the record is refused, and the record keeps their change.

The walk is derived from `admin.site._registry`, so a new app's admin joins it by itself; a
registered model the walk cannot find a record of fails the test until a maker is added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib import admin
from django.db import IntegrityError, models, transaction
from django.test import Client
from django.utils import timezone

from amplify.conftest import World
from amplify.home.adminsite import (
    ADMIN_VERSION_FIELD,
    VersionedAdmin,
    VersionedAdminForm,
    record_fields,
)
from amplify.tests.adminwalk import admin_base, admin_records
from amplify.tests.htmlforms import post_form
from amplify.tests.test_no_diversity_leaks import runs  # noqa: F401 -- a fixture

CONFLICT = "Someone else saved a change since you opened this"
DELETE_REFUSED = "Someone else changed this record since you opened this page"


# Third-party admins whose change form does not validate as shown, whoever saves it:
# allauth's authenticator (`last_used_at` may be null but not blank).
INVALID_AS_SHOWN = {"mfa.authenticator"}


def _snapshot(obj: models.Model) -> dict[str, Any]:
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    out: dict[str, Any] = {}
    for field in fresh._meta.get_fields():
        if field.many_to_many and not field.auto_created:
            out[field.name] = sorted(getattr(fresh, field.name).values_list("pk", flat=True))
        elif field.concrete and not field.many_to_many:
            out[field.name] = getattr(fresh, field.attname)  # type: ignore[union-attr]
    return out


def _changed_value(field: models.Field[Any, Any], old: Any) -> Any:
    """Another value for the field, or None if this walk does not know how to change it."""
    if field.choices:
        others = [value for value, _ in field.flatchoices if value != old and value != ""]
        return others[0] if others else None
    if isinstance(field, models.BooleanField):
        return not old
    if isinstance(field, models.CharField | models.TextField):
        suffix = "y" if str(old or "").endswith("z") else "z"
        text = f"{old or ''}{suffix}"
        limit = getattr(field, "max_length", None)
        return text[-limit:] if limit else text
    if isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
        return (old or 0) + 1
    if isinstance(field, models.DateTimeField):
        return (old or timezone.now()) + dt.timedelta(hours=1)
    if isinstance(field, models.DateField):
        return (old or timezone.localdate()) + dt.timedelta(days=1)
    if isinstance(field, models.JSONField):
        return {"changed": True} if old != {"changed": True} else {}
    return None


def change_elsewhere(obj: models.Model, names: list[str]) -> str:
    """Save a change to one of these fields by another path than the admin's form (the
    product's own pages, the API, a script): a plain UPDATE, or a many-to-many change."""
    model = type(obj)
    # A unique field late (changing it may collide), a foreign key last of all.
    ordered = sorted(
        names,
        key=lambda n: (
            bool(model._meta.get_field(n).many_to_one),
            getattr(model._meta.get_field(n), "unique", False),
        ),
    )
    for name in ordered:
        field = model._meta.get_field(name)
        if field.many_to_many:
            related = getattr(obj, name)
            if related.exists():
                related.clear()
            else:
                candidate = field.related_model._default_manager.first()  # type: ignore[union-attr]
                if candidate is None:
                    continue
                related.add(candidate)
            return name
        if getattr(field, "primary_key", False) or (field.is_relation and not field.many_to_one):
            continue
        if field.is_relation:
            # Only relations left (a vote is a voter, a slot and an event): point one of them
            # at another row, as a script fixing a record would.
            current = getattr(obj, field.attname)  # type: ignore[union-attr]
            other = (
                field.related_model._default_manager.exclude(pk=current)  # type: ignore[union-attr]
                .values_list("pk", flat=True)
                .first()
            )
            if other is None:
                continue
            value = other
        else:
            value = _changed_value(field, getattr(obj, field.attname))  # type: ignore[arg-type, union-attr]
        if value is None:
            continue
        try:
            # A value the model's own checks refuse in this combination (a held session
            # needs its date) is no change at all: try the next field.
            with transaction.atomic():
                model._base_manager.filter(pk=obj.pk).update(**{field.attname: value})  # type: ignore[union-attr]
        except IntegrityError:
            continue
        return name
    raise AssertionError(f"The walk cannot change any of {names} of {model.__name__}")


@pytest.fixture
def superadmin(world: World) -> Client:
    """An administrator who is also an impact admin, so that the walk reaches every admin,
    the diversity app's included."""
    world.ina.is_staff = True
    world.ina.is_superuser = True
    world.ina.save()
    client = Client()
    client.force_login(world.ina)
    return client


def test_every_registered_admin_is_versioned() -> None:
    unversioned = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if not isinstance(model_admin, VersionedAdmin)
    ]
    assert unversioned == []


def test_it_refuses_every_stale_change_form_and_keeps_the_other_change(
    world: World,
    runs: Any,  # noqa: F811 -- the fixture imported above: runs, groups, an import
    superadmin: Client,
) -> None:
    walked, read_only = [], []
    for model, obj in admin_records(world, world.ina).items():
        url = f"{admin_base(model)}{obj.pk}/change/"
        page = superadmin.get(url)
        assert page.status_code == 200, url
        form = page.context["adminform"].form
        if not isinstance(form, VersionedAdminForm):
            # Nothing on the page can be saved: no field to overwrite.
            assert not any(not f.disabled for f in form.fields.values()), url
            read_only.append(model._meta.label_lower)
            continue
        # Given the form as shown, saved untouched: it saves (so the walk posts valid forms),
        # unless the package's admin cannot save its own records as shown.
        data = post_form(page.content.decode(), having=ADMIN_VERSION_FIELD)
        saved = superadmin.post(url, {**data, "_continue": "1"})
        if model._meta.label_lower in INVALID_AS_SHOWN:
            assert saved.status_code == 200, url
        else:
            assert saved.status_code == 302, (url, saved.context["adminform"].form.errors)

        # Given the form shown again, and then someone else's change saved by another path
        page = superadmin.get(url)
        data = post_form(page.content.decode(), having=ADMIN_VERSION_FIELD)
        field = change_elsewhere(obj, page.context["adminform"].form.version_fields)
        theirs = _snapshot(obj)

        # When the stale form is saved
        stale = superadmin.post(url, {**data, "_save": "1"})

        # Then it is refused with the conflict, the author's input kept, nothing saved
        assert stale.status_code == 200, url
        assert CONFLICT in stale.content.decode(), url
        assert _snapshot(obj) == theirs, url
        again = post_form(stale.content.decode(), having=ADMIN_VERSION_FIELD)
        assert again[ADMIN_VERSION_FIELD] != data[ADMIN_VERSION_FIELD], url
        walked.append(f"{model._meta.label_lower}.{field}")
    # The walk did reach the product's editable admins.
    for label in ("people.person", "programmes.cohort", "accounts.user", "auth.group"):
        assert any(w.startswith(f"{label}.") for w in walked), (label, walked)
    assert "people.peopleimport" in read_only


def test_saving_again_after_the_conflict_replaces_their_change_on_purpose(
    world: World, superadmin: Client
) -> None:
    cohort = world.cohort
    url = f"/admin/programmes/cohort/{cohort.pk}/change/"
    data = post_form(superadmin.get(url).content.decode(), having=ADMIN_VERSION_FIELD)
    type(cohort).objects.filter(pk=cohort.pk).update(name="Renamed elsewhere")
    data["name"] = ["Renamed in the admin"]

    stale = superadmin.post(url, data)
    assert stale.status_code == 200
    assert "Renamed elsewhere" in stale.content.decode()  # what changed is shown
    cohort.refresh_from_db()
    assert cohort.name == "Renamed elsewhere"

    again = post_form(stale.content.decode(), having=ADMIN_VERSION_FIELD)
    assert again["name"] == ["Renamed in the admin"]  # the author's input is kept
    assert superadmin.post(url, again).status_code == 302
    cohort.refresh_from_db()
    assert cohort.name == "Renamed in the admin"


def test_it_refuses_a_change_form_without_its_version(world: World, superadmin: Client) -> None:
    url = f"/admin/programmes/cohort/{world.cohort.pk}/change/"
    data = post_form(superadmin.get(url).content.decode(), having=ADMIN_VERSION_FIELD)
    del data[ADMIN_VERSION_FIELD]
    data["name"] = ["Tampered"]

    response = superadmin.post(url, data)

    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()
    world.cohort.refresh_from_db()
    assert world.cohort.name != "Tampered"


def test_it_refuses_every_stale_delete_and_keeps_the_record(
    world: World,
    runs: Any,  # noqa: F811 -- the fixture imported above
    superadmin: Client,
) -> None:
    walked = []
    for model, obj in admin_records(world, world.ina).items():
        url = f"{admin_base(model)}{obj.pk}/delete/"
        page = superadmin.get(url)
        if page.status_code == 403:
            continue  # nobody may delete these (the access log, the erasure log)
        assert page.status_code == 200, url
        if page.context["protected"] or page.context["perms_lacking"]:
            continue  # refused anyway, with its own message
        data = post_form(page.content.decode(), having=ADMIN_VERSION_FIELD)
        names = record_fields(model)
        if not names:
            continue
        change_elsewhere(obj, names)
        theirs = _snapshot(obj)

        refused = superadmin.post(url, data)

        assert refused.status_code == 302, url
        assert refused["Location"] == url
        assert _snapshot(obj) == theirs, url
        shown = superadmin.get(url).content.decode()
        assert DELETE_REFUSED in shown, url
        walked.append(model._meta.label_lower)
    # A cohort with applications is protected from deletion, so the walk cannot delete one.
    assert {"people.person", "events.event", "auth.group"} <= set(walked)


def test_it_deletes_a_record_nobody_changed(world: World, superadmin: Client) -> None:
    event = world.event
    url = f"/admin/events/event/{event.pk}/delete/"
    data = post_form(superadmin.get(url).content.decode(), having=ADMIN_VERSION_FIELD)

    assert superadmin.post(url, data).status_code == 302

    assert not type(event).objects.filter(pk=event.pk).exists()


def test_it_reverts_to_a_past_version_unless_someone_saved_since(
    world: World, superadmin: Client
) -> None:
    cohort = world.cohort
    first_name = cohort.name
    cohort.name = "Second name"
    cohort.save()
    past = cohort.history.order_by("history_id").first()
    url = f"/admin/programmes/cohort/{cohort.pk}/history/{past.history_id}/"

    # Someone renames it after the revert page was opened: the revert is refused
    data = post_form(superadmin.get(url).content.decode(), having=ADMIN_VERSION_FIELD)
    type(cohort).objects.filter(pk=cohort.pk).update(name="Third name")
    refused = superadmin.post(url, data)
    assert refused.status_code == 200
    assert CONFLICT in refused.content.decode()
    cohort.refresh_from_db()
    assert cohort.name == "Third name"

    # Opened again, it reverts
    data = post_form(superadmin.get(url).content.decode(), having=ADMIN_VERSION_FIELD)
    assert superadmin.post(url, data).status_code == 302
    cohort.refresh_from_db()
    assert cohort.name == first_name
