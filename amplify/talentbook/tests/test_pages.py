"""Her page: what she writes, what she consents to print, the photo's checks, the preview."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amplify.conftest import World
from amplify.talentbook import content, services
from amplify.talentbook.models import TalentPage
from amplify.talentbook.tests.factories import lena_with_everything, page_for, png


def test_it_prints_only_the_fields_she_consents_to(world: World) -> None:
    # Given Lena's page with everything, then her consent withdrawn for strengths and story
    page = lena_with_everything(world)
    page = page_for(world, "lena", include_strengths=False, include_story=False)
    # When the book would print it
    printed = content.page_preview(page)
    # Then what she said no to is not there, and the rest is
    assert printed["strengths"] == ""
    assert printed["story"] is None
    assert printed["about"].startswith("Lena")
    assert printed["experiment"]["learned"] == "Curation sells, not technology."
    assert printed["results"]["criterion_met"] is True
    assert printed["outcomes"][0]["kind"] == "promotion"
    assert printed["photo"]


def test_it_prints_no_story_she_did_not_consent_to_share(world: World) -> None:
    # Given Lena's story, her consent to share it withdrawn in the experiments app
    page = lena_with_everything(world)
    page.person.stories.update(consent_to_share=False)
    # Then the book does not print it, whatever her page says
    assert content.page_preview(page)["story"] is None


def test_it_leaves_out_a_page_not_in_the_book(world: World) -> None:
    # Given Lena's page without "include me in the book"
    page_for(world, "lena", in_book=False)
    page_for(world, "leo")
    # Then the book of the cohort prints Leo only
    pages = content.pages_for(world.leadership, world.leadership_cohort)
    assert [p.person.user for p in pages] == [world.leo]


def test_it_refuses_a_photo_that_is_not_an_image(world: World) -> None:
    # Given a PDF renamed, and a PDF by its name
    renamed = SimpleUploadedFile("me.png", b"%PDF-1.7 not an image", content_type="image/png")
    document = SimpleUploadedFile("me.pdf", b"%PDF-1.7\n", content_type="application/pdf")
    for photo in (renamed, document):
        # When Lena uploads it
        with pytest.raises(ValidationError) as caught:
            services.talent_page_save(
                person=world.person(world.lena),
                cohort=world.leadership_cohort,
                changed_by=world.lena,
                data={},
                photo=photo,
            )
        # Then the photo field says why, and nothing is saved
        assert "photo" in caught.value.message_dict
    assert not TalentPage.objects.exists()


def test_it_refuses_a_photo_over_the_size_limit(world: World, settings) -> None:
    settings.AMPLIFY_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        services.talent_page_save(
            person=world.person(world.lena),
            cohort=world.leadership_cohort,
            changed_by=world.lena,
            data={},
            photo=png(size=(200, 200)),
        )
    assert "larger than" in caught.value.message_dict["photo"][0]


def test_it_keeps_the_page_to_the_cohorts_participants(world: World) -> None:
    # Given Sam, a sponsor of the cohort: he has no page in its book
    with pytest.raises(PermissionDenied):
        services.talent_page_save(
            person=world.person(world.sam),
            cohort=world.leadership_cohort,
            changed_by=world.sam,
            data={"about": "x"},
        )


def test_it_saves_her_page_from_the_form_and_shows_the_preview(world: World, as_user) -> None:
    # Given Lena on her page's form
    client = as_user(world.lena)
    url = reverse("talentbook:edit", args=[world.leadership_cohort.pk])
    assert client.get(url).status_code == 200
    # When she writes it, consenting to her text only, with a photo
    response = client.post(
        url,
        {"about": "I build bridges.", "in_book": "on", "include_about": "on", "photo": png()},
    )
    # Then her preview shows what will be printed
    page = TalentPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page.get_absolute_url()
    preview = client.get(page.get_absolute_url())
    assert b"I build bridges." in preview.content
    assert not page.include_photo
    assert page.photo
    assert client.get(reverse("talentbook:page-photo", args=[page.pk])).status_code == 200


def test_it_shows_her_form_again_with_the_reason(world: World, as_user) -> None:
    client = as_user(world.lena)
    url = reverse("talentbook:edit", args=[world.leadership_cohort.pk])
    bad = SimpleUploadedFile("me.jpg", b"GIF89a", content_type="image/jpeg")
    response = client.post(url, {"about": "x", "photo": bad})
    assert response.status_code == 400
    assert "content is not what its name says" in response.content.decode()
