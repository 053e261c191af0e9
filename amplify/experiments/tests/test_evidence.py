"""Evidence: a link or a file, type and size checked, served only to those who see it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from amplify.conftest import World
from amplify.experiments import services
from amplify.experiments.models import Stage
from amplify.experiments.tests.factories import evidence_of, experiment_of, pdf


def test_it_refuses_a_file_whose_content_is_not_what_its_name_says(world: World) -> None:
    experiment = experiment_of(world, stage=Stage.RUNNING)
    fake = SimpleUploadedFile("results.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(experiment=experiment, by=experiment.owner, title="x", file=fake)
    assert "file" in exc.value.message_dict


@override_settings(AMPLIFY_UPLOAD_MAX_BYTES=10)
def test_it_refuses_a_file_larger_than_the_limit(world: World) -> None:
    experiment = experiment_of(world, stage=Stage.RUNNING)
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(experiment=experiment, by=experiment.owner, title="x", file=pdf())
    assert "file" in exc.value.message_dict


def test_it_needs_a_link_or_a_file_and_a_started_experiment(world: World) -> None:
    experiment = experiment_of(world, stage=Stage.RUNNING)
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(experiment=experiment, by=experiment.owner, title="x")
    assert "link" in exc.value.message_dict
    draft = experiment_of(world, who="leo")
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(experiment=draft, by=draft.owner, title="x", link="https://a.example")
    assert "stage" in exc.value.message_dict


def test_it_serves_the_file_as_a_download_to_those_who_see_it(world: World, as_user) -> None:
    evidence = evidence_of(world)
    url = reverse("experiments:evidence-file", args=[evidence.pk])
    response = as_user(world.sam).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert as_user(world.otto).get(url).status_code == 404
    assert as_user(world.harriet).get(url).status_code == 404


def test_it_adds_evidence_through_the_page(world: World, as_user) -> None:
    experiment = experiment_of(world, stage=Stage.RUNNING)
    url = reverse("experiments:evidence", args=[experiment.pk])
    response = as_user(world.lena).post(url, {"title": "Slides", "file": pdf("slides.pdf")})
    assert response.status_code == 302
    assert experiment.evidence.get().file.name.endswith(".pdf")
    bad = as_user(world.lena).post(url, {"title": "Slides"})
    assert bad.status_code == 400
    assert "Give a link or upload a file." in bad.content.decode()
