"""Control characters are refused (or, in search boxes, dropped) at every boundary: forms,
API, models, query strings. The calendar and emails survive rows stored before the rule."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

import amplify
from amplify.conftest import World
from amplify.events.models import Event
from amplify.home.forms import GuardedTextMixin
from amplify.programmes.models import Cohort


@pytest.mark.parametrize("q", ["%00", "a%00b", "%0A%0D", "%1B[31m"])
@pytest.mark.parametrize(
    "page",
    [
        lambda w: reverse("programmes:cohort-people", args=[w.cohort.pk]),
        lambda w: reverse("programmes:cohort-candidates", args=[w.cohort.pk]),
        lambda w: reverse("people:list"),
    ],
)
def test_it_searches_past_control_characters(world: World, as_user, page, q: str) -> None:
    response = as_user(world.harriet).get(f"{page(world)}?q={q}")
    assert response.status_code == 200


@pytest.mark.parametrize("q", ["%00", "x%00y"])
def test_it_searches_diversity_profiles_past_control_characters(
    world: World, as_user, q: str
) -> None:
    assert as_user(world.ina).get(f"{reverse('diversity:index')}?q={q}").status_code == 200


def test_it_refuses_a_line_break_in_an_event_title_through_the_api(world: World, as_user) -> None:
    client = as_user(world.harriet)
    response = client.patch(
        f"/api/events/{world.event.pk}",
        {"title": "Launch\r\nevening", "description": "Line one\nline two\ttabbed"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "line break" in str(response.json()["detail"])
    # A description is multi-line: line breaks and tabs are fine, a NUL is not.
    ok = client.patch(
        f"/api/events/{world.event.pk}",
        {"description": "Line one\nline two\ttabbed"},
        content_type="application/json",
        headers={"If-Match": "*"},
    )
    assert ok.status_code == 200
    nul = client.patch(
        f"/api/events/{world.event.pk}",
        {"description": "a\x00b"},
        content_type="application/json",
    )
    assert nul.status_code == 422


def test_it_refuses_a_line_break_in_a_cohort_name_through_the_api(world: World, as_user) -> None:
    response = as_user(world.harriet).patch(
        f"/api/cohorts/{world.cohort.pk}",
        {"name": "Cohort\n7"},
        content_type="application/json",
    )
    assert response.status_code == 422
    world.cohort.refresh_from_db()
    assert "\n" not in world.cohort.name


def test_it_refuses_a_line_break_in_a_preferred_name(world: World, as_user) -> None:
    me = world.person(world.alice)
    client = as_user(world.alice)
    page = client.post(
        f"/people/{me.pk}/edit/", {"preferred_name": "Al\nBcc: x@evil.example", "bio": "a\nb"}
    )
    assert page.status_code == 200
    assert "Contains a line break at character 3" in page.content.decode()
    api = client.patch(
        f"/api/people/{me.pk}", {"preferred_name": "Al\nice"}, content_type="application/json"
    )
    assert api.status_code == 422
    me.refresh_from_db()
    assert me.preferred_name == ""


def test_it_refuses_a_line_break_in_an_event_form(world: World, as_user) -> None:
    response = as_user(world.harriet).post(
        reverse("events:edit", args=[world.event.pk]),
        {
            "kind": "launch",
            "title": "Launch\nevening",
            "starts_at": "2031-05-01T10:00",
            "ends_at": "2031-05-01T11:00",
            "time_zone": "UTC",
            "format": "in_person",
            "venue": "Hall",
        },
    )
    assert response.status_code == 200
    assert "line break" in response.content.decode()


def test_it_refuses_control_characters_in_model_validation(world: World) -> None:
    # What the admin and every service calling full_clean() rely on.
    person = world.person(world.otto)
    person.name = "Otto\x00Staff"
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "name" in error.value.message_dict
    person.name = "Otto Staff"
    person.bio = "Two\nlines\tand a tab"
    person.full_clean(exclude=["user", "manager", "country", "division", "partner"])


def test_it_writes_calendars_for_titles_and_names_stored_with_line_breaks(
    world: World, as_user
) -> None:
    Event.objects.filter(pk=world.event.pk).update(title="Launch\nevening", venue="Hall\r\nB")
    Cohort.objects.filter(pk=world.cohort.pk).update(name="Cohort\n7")
    client = as_user(world.alice)
    one = client.get(reverse("events:ical", args=[world.event.pk]))
    assert one.status_code == 200
    assert b"SUMMARY:Launchevening" in one.content
    every = client.get(reverse("events:cohort-ical", args=[world.cohort.pk]))
    assert every.status_code == 200
    assert b"X-WR-CALNAME:Cohort7" in every.content


def _project_forms() -> list[type]:
    for module in pkgutil.walk_packages(amplify.__path__, "amplify."):
        if module.name.endswith(("forms", ".forms")) and ".tests" not in module.name:
            importlib.import_module(module.name)
    found = []
    for cls in _subclasses(forms.BaseForm):
        if cls.__module__.startswith("amplify.") and not inspect.isabstract(cls):
            found.append(cls)
    return found


def _subclasses(cls: type) -> set[type]:
    return set(cls.__subclasses__()).union(*(_subclasses(c) for c in cls.__subclasses__()))


def test_it_guards_every_project_form() -> None:
    found = _project_forms()
    assert len(found) > 15
    unguarded = [
        f"{c.__module__}.{c.__name__}" for c in found if not issubclass(c, GuardedTextMixin)
    ]
    assert unguarded == []
