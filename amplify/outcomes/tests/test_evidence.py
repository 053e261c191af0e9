"""Evidence: a file (type and size checked, by its name and its first bytes) or a link; the
file opens for whoever may see the outcome, and nobody else."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from amplify.conftest import World
from amplify.outcomes.models import Outcome
from amplify.outcomes.tests.factories import bea_outcome, during, pdf


def _post(client, world: World, file: SimpleUploadedFile):
    body = {
        "kind": "job",
        "happened_on": during(world).isoformat(),
        "cohort": world.cohort.pk,
        "evidence_file": file,
    }
    return client.post(reverse("outcomes:add"), body)


@override_settings(AMPLIFY_UPLOAD_MAX_BYTES=1024 * 1024)
def test_it_refuses_a_huge_file_with_a_clear_message(world: World, as_user) -> None:
    huge = pdf(content=b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1))
    response = _post(as_user(world.bea), world, huge)
    assert response.status_code == 400
    assert response.context["form"].errors["evidence_file"] == ["The file is larger than 1 MB."]
    assert not Outcome.objects.exists()


def test_it_refuses_a_wrong_type_naming_the_accepted_ones(world: World, as_user) -> None:
    exe = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = _post(as_user(world.bea), world, exe)
    assert response.status_code == 400
    message = response.context["form"].errors["evidence_file"][0]
    assert message.startswith("This type of file is not accepted")
    assert ".pdf" in message


def test_it_refuses_a_file_whose_content_is_not_what_its_name_says(world: World) -> None:
    renamed = SimpleUploadedFile("offer.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError) as caught:
        bea_outcome(world, evidence_file=renamed)
    assert "not what its name says" in caught.value.message_dict["evidence_file"][0]


def test_it_refuses_a_link_that_is_not_a_web_address(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        bea_outcome(world, evidence_link="javascript:alert(1)")
    assert "https://" in caught.value.message_dict["evidence_link"][0]


def test_the_file_opens_for_her_and_her_manager_and_no_one_else(world: World, as_user) -> None:
    outcome = bea_outcome(world, evidence_file=pdf())
    url = reverse("outcomes:evidence", args=[outcome.pk])
    for who in (world.bea, world.harriet, world.ina):
        response = as_user(who).get(url)
        assert response.status_code == 200, who
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    for who in (world.dan, world.alice, world.otto, world.pat):
        assert as_user(who).get(url).status_code == 404, who


def test_an_outcome_without_a_file_has_none_to_open(world: World, as_user) -> None:
    outcome = bea_outcome(world)
    url = reverse("outcomes:evidence", args=[outcome.pk])
    assert as_user(world.bea).get(url).status_code == 404
