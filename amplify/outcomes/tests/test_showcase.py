"""A mentee's showcase project, attached to her cohort's showcase event: she edits her own
until the event starts; the cohort's people and its managers see the presentations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import Event
from amplify.outcomes.models import ShowcaseProject
from amplify.outcomes.services import showcase_project_save
from amplify.outcomes.tests.factories import bea_project, pdf, showcase_for


def test_it_attaches_the_project_to_the_showcase_event(world: World) -> None:
    project = bea_project(world)
    assert project.event.kind == Event.Kind.SHOWCASE
    assert project.event.cohort == world.cohort


def test_saving_again_keeps_one_project(world: World, as_user) -> None:
    showcase_for(world)
    url = reverse("outcomes:showcase-edit", args=[world.cohort.pk])
    client = as_user(world.bea)
    assert client.get(url).status_code == 200
    body = {"title": "Podcast", "summary": "Six episodes."}
    assert client.post(url, body).status_code == 302
    assert client.post(url, body | {"title": "Podcast, season 2"}).status_code == 302
    project = ShowcaseProject.objects.get()
    assert project.title == "Podcast, season 2"


def test_the_cohort_and_its_manager_see_the_presentations(world: World, as_user) -> None:
    bea_project(world, file=pdf("slides.pdf"))
    url = reverse("outcomes:showcase", args=[world.cohort.pk])
    for who in (world.bea, world.dan, world.alice, world.harriet, world.ina):
        page = as_user(who).get(url)
        assert page.status_code == 200, who
        assert b"A podcast about getting into music" in page.content
    for who in (world.otto, world.pat):
        assert as_user(who).get(url).status_code == 404, who
    file_url = reverse("outcomes:showcase-file", args=[ShowcaseProject.objects.get().pk])
    assert as_user(world.dan).get(file_url).status_code == 200
    assert as_user(world.otto).get(file_url).status_code == 404


def test_only_a_mentee_of_the_cohort_has_a_project_page(world: World, as_user) -> None:
    showcase_for(world)
    url = reverse("outcomes:showcase-edit", args=[world.cohort.pk])
    assert as_user(world.alice).get(url).status_code == 404
    assert as_user(world.harriet).get(url).status_code == 404
    assert as_user(world.otto).get(url).status_code == 404


def test_it_refuses_changes_once_the_showcase_started(world: World, as_user) -> None:
    bea_project(world)
    Event.objects.filter(kind=Event.Kind.SHOWCASE).update(
        starts_at=timezone.now() - timedelta(minutes=5)
    )
    with pytest.raises(ValidationError) as caught:
        bea_project(world, title="Too late")
    assert "has started" in caught.value.message_dict["title"][0]
    url = reverse("outcomes:showcase-edit", args=[world.cohort.pk])
    response = as_user(world.bea).post(url, {"title": "Too late", "summary": "x"})
    assert response.status_code == 400
    assert ShowcaseProject.objects.get().title != "Too late"


def test_it_says_when_the_cohort_has_no_showcase(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        showcase_project_save(
            person=world.person(world.bea),
            cohort=world.cohort,
            changed_by=world.bea,
            title="x",
            summary="y",
        )
    assert "no showcase event" in caught.value.message_dict["cohort"][0]


@override_settings(AMPLIFY_UPLOAD_MAX_BYTES=1024 * 1024)
def test_it_refuses_a_huge_or_wrong_file_with_a_clear_message(world: World, as_user) -> None:
    showcase_for(world)
    url = reverse("outcomes:showcase-edit", args=[world.cohort.pk])
    client = as_user(world.bea)
    huge = pdf(content=b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024))
    response = client.post(url, {"title": "T", "summary": "S", "file": huge})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["The file is larger than 1 MB."]
    script = SimpleUploadedFile("slides.html", b"<script>alert(1)</script>")
    response = client.post(url, {"title": "T", "summary": "S", "file": script})
    assert response.status_code == 400
    assert "not accepted" in response.context["form"].errors["file"][0]
    assert not ShowcaseProject.objects.exists()


def test_it_refuses_control_characters_in_the_title(world: World, as_user) -> None:
    showcase_for(world)
    url = reverse("outcomes:showcase-edit", args=[world.cohort.pk])
    response = as_user(world.bea).post(url, {"title": "Pod\ncast", "summary": "ok"})
    assert response.status_code == 400
    assert "line break" in response.context["form"].errors["title"][0]
