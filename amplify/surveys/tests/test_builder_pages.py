"""The builder's pages: the item bank, a programme's settings and templates, the cohort's
Surveys tab and a wave's page, with clear messages on bad input."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from amplify.conftest import World
from amplify.surveys.models import Item, Mode, SurveySettings, Template, Wave, WaveQuestion
from amplify.surveys.tests.builder_factories import (
    answered,
    draft_wave,
    launched,
    more_mentors,
    stand_in_launch,
)
from amplify.surveys.tests.factories import ItemFactory


def test_a_manager_keeps_the_item_bank(world: World, as_user) -> None:
    harriet = as_user(world.harriet)
    ItemFactory(key="keep_meeting", text="I would keep meeting my mentee.")
    ItemFactory(key="career_paths", text="I understand the career paths.", kind="yes_no")
    page = harriet.get(reverse("surveys:items"), {"kind": "yes_no"})
    assert b"career_paths" in page.content
    assert b"keep_meeting" not in page.content
    assert b"keep_meeting" in harriet.get(reverse("surveys:items"), {"q": "mentee"}).content
    # Bad options: a clear message, nothing saved
    bad = harriet.post(
        reverse("surveys:item-new"),
        {"key": "helped", "kind": "single", "text": "What helped?", "choices_text": "a | A\na | B"},
    )
    assert bad.status_code == 400
    assert "used twice" in bad.content.decode()
    good = harriet.post(
        reverse("surveys:item-new"),
        {"key": "helped", "kind": "single", "text": "What helped?", "choices_text": "a | A\nb"},
    )
    assert good.status_code == 302
    assert Item.objects.get(key="helped").choices == [
        {"value": "a", "label": "A"},
        {"value": "b", "label": "b"},
    ]
    item = Item.objects.get(key="helped")
    edit = harriet.get(reverse("surveys:item-edit", args=[item.pk]))
    assert "a | A" in edit.content.decode()
    harriet.post(reverse("surveys:item-retire", args=[item.pk]))
    assert Item.objects.get(pk=item.pk).retired


def test_a_manager_sets_the_programmes_reminders(world: World, as_user) -> None:
    harriet = as_user(world.harriet)
    url = reverse("surveys:programme", args=[world.programme.slug])
    page = harriet.get(url)
    assert page.status_code == 200
    assert 'value="3, 7"' in page.content.decode()
    bad = harriet.post(
        reverse("surveys:settings", args=[world.programme.slug]),
        {"reminder_days": "3, soon", "max_reminders": 3, "follow_up_months": 6},
    )
    assert bad.status_code == 400
    assert "whole numbers" in bad.content.decode()
    harriet.post(
        reverse("surveys:settings", args=[world.programme.slug]),
        {"reminder_days": "2, 5", "max_reminders": 2, "follow_up_months": 9},
    )
    saved = SurveySettings.objects.get(programme=world.programme)
    assert (saved.reminder_days, saved.max_reminders, saved.remind_before_close) == (
        [2, 5],
        2,
        False,
    )


def test_a_manager_builds_a_template_and_applies_it(world: World, as_user) -> None:
    harriet = as_user(world.harriet)
    harriet.post(reverse("surveys:template-new", args=[world.programme.slug]), {"name": "Usual"})
    template = Template.objects.get(name="Usual")
    wave_url = reverse("surveys:template-wave-new", args=[template.pk])
    body = {
        "title": "Before",
        "phase": "pre",
        "audience": ["mentor", "mentee"],
        "mode": "confidential",
        "anchor": "start",
        "opens_after_days": -7,
        "open_days": 14,
    }
    assert harriet.post(wave_url, {**body, "open_days": 0}).status_code == 400
    assert harriet.post(wave_url, body).status_code == 302
    tw = template.waves.get()
    item = ItemFactory(key="barriers_understood")
    harriet.post(
        reverse("surveys:template-question-add", args=[tw.pk]), {"item": item.pk, "required": "on"}
    )
    page = harriet.get(reverse("surveys:template", args=[template.pk]))
    assert b"barriers_understood" in page.content
    applied = harriet.post(
        reverse("surveys:cohort-apply", args=[world.cohort.pk]), {"template": template.pk}
    )
    assert applied.status_code == 302
    wave = Wave.objects.get(cohort=world.cohort)
    assert list(WaveQuestion.objects.filter(wave=wave).values_list("item__key", flat=True)) == [
        "barriers_understood"
    ]
    # Applying again adds nothing and says so
    again = harriet.post(
        reverse("surveys:template-apply", args=[template.pk]),
        {"cohort": world.cohort.pk},
        follow=True,
    )
    assert "already has every wave" in again.content.decode()
    assert Wave.objects.filter(cohort=world.cohort).count() == 1


def test_the_surveys_tab_shows_the_live_response_rate(world: World, as_user) -> None:
    people = more_mentors(world, 8)
    wave = launched(draft_wave(world, title="End of programme"))
    answered(wave, people[:5])
    page = as_user(world.harriet).get(reverse("surveys:cohort", args=[world.cohort.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "End of programme" in text
    assert "Open" in text
    assert "fewer than 5" in text  # the 2 mentees
    assert "pseudonymous key" in text  # the mode in plain words
    # Confidential: nobody named, neither who answered nor who did not
    for person in people:
        assert person.name not in text
    wave_page = as_user(world.harriet).get(reverse("surveys:wave", args=[wave.pk])).content.decode()
    assert "Who answered" not in wave_page
    assert people[0].name not in wave_page


def test_an_attributed_wave_names_who_answered(world: World, as_user) -> None:
    people = more_mentors(world, 3)
    wave = launched(draft_wave(world, mode=Mode.ATTRIBUTED))
    answered(wave, people[:1])
    page = as_user(world.harriet).get(reverse("surveys:wave", args=[wave.pk])).content.decode()
    assert "Who answered" in page
    assert people[0].display_name in page
    assert people[1].display_name not in page


def test_a_manager_edits_sends_and_closes_a_wave(world: World, as_user) -> None:
    harriet = as_user(world.harriet)
    wave = draft_wave(world)
    edit = reverse("surveys:wave-edit", args=[wave.pk])
    body = {
        "title": "After",
        "phase": "post",
        "audience": ["mentor"],
        "mode": "anonymous",
        "opens_at": "2026-03-01T09:00",
        "closes_at": "2026-02-01T09:00",
    }
    bad = harriet.post(edit, body)
    assert bad.status_code == 400
    assert "close after it opens" in bad.content.decode()
    page = harriet.get(reverse("surveys:wave-send", args=[wave.pk]))
    assert b"cannot be undone" in page.content
    with mock.patch(
        "amplify.surveys.invitations.wave_launch", side_effect=stand_in_launch
    ) as launch:
        sent = harriet.post(reverse("surveys:wave-send", args=[wave.pk]), follow=True)
    assert launch.call_count == 1
    assert "4 people invited" in sent.content.decode()
    # Launched: the edit page sends her back, the mode stays
    assert harriet.get(edit).status_code == 302
    harriet.post(edit, {**body, "closes_at": "2027-01-01T09:00"})
    assert Wave.objects.get(pk=wave.pk).mode == Mode.CONFIDENTIAL
    harriet.post(reverse("surveys:wave-close", args=[wave.pk]))
    wave.refresh_from_db()
    from amplify.surveys.services import wave_status

    assert wave_status(wave) == "closed"


def test_an_impact_admin_reads_the_tab_without_buttons(world: World, as_user) -> None:
    wave = draft_wave(world)
    ina = as_user(world.ina)
    page = ina.get(reverse("surveys:cohort", args=[world.cohort.pk]))
    assert page.status_code == 200
    assert b"Apply the template" not in page.content
    assert ina.get(reverse("surveys:wave", args=[wave.pk])).status_code == 200
    assert ina.get(reverse("surveys:wave-edit", args=[wave.pk])).status_code == 403
    # The tab is on the cohort's pages for her and for the manager
    cohort_page = ina.get(reverse("programmes:cohort", args=[world.cohort.pk]))
    assert reverse("surveys:cohort", args=[world.cohort.pk]).encode() in cohort_page.content
