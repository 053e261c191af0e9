"""No lost updates in the admin: for every registered model, a change form (or delete page)
shown before someone else saved the record is refused, and the record keeps their change.

The walk is derived from `admin.site._registry`, so a new app's admin joins it by itself; a
registered model the walk cannot find a record of fails the test until a maker is added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.test import Client, RequestFactory
from django.utils import timezone

from amplify.conftest import World
from amplify.home.adminsite import (
    ADMIN_VERSION_FIELD,
    VersionedAdmin,
    VersionedAdminForm,
    record_fields,
)
from amplify.tests.htmlforms import post_form
from amplify.tests.test_no_diversity_leaks import runs  # noqa: F401 -- a fixture

CONFLICT = "Someone else saved a change since you opened this"
DELETE_REFUSED = "Someone else changed this record since you opened this page"


def _make_group(world: World) -> Group:
    group = Group.objects.create(name="Support desk")
    group.permissions.add(Permission.objects.order_by("pk").first())
    return group


def _make_periodic(world: World) -> Any:
    from amplify.operations.periodic import periodic_run_due

    periodic_run_due()
    return None


def _make_social(world: World) -> None:
    from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken

    app = SocialApp.objects.create(provider="openid_connect", name="Sony SSO", client_id="a")
    account = SocialAccount.objects.create(
        user=world.otto, provider="openid_connect", uid="u1", extra_data={"sub": "u1"}
    )
    SocialToken.objects.create(app=app, account=account, token="t")


def _make_task(world: World) -> None:
    # The tests run tasks at once (no database backend): a queued row, as a worker sees it.
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(
        args_kwargs={"args": [0], "kwargs": {}},
        task_path="amplify.people.tasks.check_people_import",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )


def _make_email(world: World) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=world.otto, email=world.otto.email, verified=True)


def _make_token(world: World) -> None:
    from amplify.accounts.services import api_token_create

    api_token_create(user=world.harriet, name="Reports")


def _make_access_record(world: World) -> None:
    from amplify.diversity.models import AccessRecord
    from amplify.diversity.services import diversity_access_record

    person = world.person(world.bea)
    diversity_access_record(
        reader=world.ina, person_ids=[person.pk], route=AccessRecord.Route.EXPORT
    )


def _make_phase(world: World) -> None:
    from amplify.programmes.models import Phase

    today = timezone.localdate()
    Phase.objects.create(cohort=world.cohort, name="Coaching", starts_on=today, ends_on=today)


def _make_pair_rule(world: World) -> None:
    from amplify.matching.services import pair_rule_set

    pair_rule_set(
        cohort=world.cohort,
        mentor=world.person(world.alice),
        mentee=world.person(world.dan),
        kind="exclude",
        created_by=world.harriet,
    )


def _make_erasure(world: World) -> None:
    from amplify.privacy.services import erasure_request

    erasure_request(
        person=world.person(world.otto), requested_by=world.otto, email=world.otto.email
    )


# Records the world and its runs do not hold; each maker may create several at once.
MAKERS: dict[str, Callable[[World], object]] = {
    "account.emailaddress": _make_email,
    "accounts.apitoken": _make_token,
    "diversity.accessrecord": _make_access_record,
    "programmes.phase": _make_phase,
    "matching.pairrule": _make_pair_rule,
    "privacy.erasure": _make_erasure,
    "auth.group": _make_group,
    "operations.periodiclease": _make_periodic,
    "socialaccount.socialapp": _make_social,
    "socialaccount.socialaccount": _make_social,
    "socialaccount.socialtoken": _make_social,
    "django_tasks_database.dbtaskresult": _make_task,
}


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
    ordered = sorted(
        names, key=lambda n: getattr(model._meta.get_field(n), "unique", False)
    )  # a unique field last: changing it may collide
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
        if field.is_relation or getattr(field, "primary_key", False):
            continue
        value = _changed_value(field, getattr(obj, field.attname))  # type: ignore[arg-type, union-attr]
        if value is None:
            continue
        model._base_manager.filter(pk=obj.pk).update(**{field.attname: value})  # type: ignore[union-attr]
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


def _records(world: World) -> dict[type[models.Model], models.Model]:
    request = RequestFactory().get("/admin/")
    request.user = world.ina
    found: dict[type[models.Model], models.Model] = {}
    missing = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        queryset = model_admin.get_queryset(request).order_by("pk")
        if not queryset.exists() and model._meta.label_lower in MAKERS:
            MAKERS[model._meta.label_lower](world)
        obj = queryset.first()
        if obj is None:
            missing.append(model._meta.label_lower)
        else:
            found[model] = obj
    assert missing == [], f"No record to walk: add a maker to MAKERS for {missing}"
    return found


def _base(model: type[models.Model]) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


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
    for model, obj in _records(world).items():
        url = f"{_base(model)}{obj.pk}/change/"
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
    for model, obj in _records(world).items():
        url = f"{_base(model)}{obj.pk}/delete/"
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
    assert {"people.person", "programmes.cohort", "auth.group"} <= set(walked)


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
