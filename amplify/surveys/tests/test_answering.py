"""Saving a draft and submitting: each kind of answer checked, the response stored apart
from the invitation with only what the wave's mode allows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from amplify.conftest import World
from amplify.surveys import answering, links
from amplify.surveys.models import TEXT_MAX_LENGTH, Answer, Invitation, Mode, Response, Wave
from amplify.surveys.tests.respondent import COMPLETE, invitation_of, launched


@pytest.fixture
def wave(world: World, django_capture_on_commit_callbacks) -> Wave:
    return launched(world, django_capture_on_commit_callbacks)


def _errors(call: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_draft_keeps_part_of_the_answers(world: World, wave: Wave) -> None:
    bea = invitation_of(world, world.bea, wave)
    answering.survey_draft_save(
        invitation=bea, answers={"barriers_understood": "5", "keep_meeting": "no"}
    )
    bea.refresh_from_db()
    assert bea.draft == {"barriers_understood": 5, "keep_meeting": False}
    assert bea.draft_saved_at is not None
    assert not Response.objects.exists()
    # A draft is still checked answer by answer.
    errors = _errors(
        lambda: answering.survey_draft_save(invitation=bea, answers={"hours_a_month": "99"})
    )
    assert errors == {"hours_a_month": ["Enter a number from 0 to 40."]}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("barriers_understood", 6, "Choose one of the five points"),
        ("barriers_understood", 0, "Choose one of the five points"),
        ("barriers_understood", 2.5, "Choose one of the five points"),
        ("would_recommend", 11, "Choose a number from 0 to 10."),
        ("would_recommend", -1, "Choose a number from 0 to 10."),
        ("keep_meeting", "maybe", "Answer yes or no."),
        ("hours_a_month", "abc", "Enter a number"),
        ("hours_a_month", "inf", "Enter a number"),
        ("hours_a_month", "nan", "Enter a number"),
        ("hours_a_month", -1, "Enter a number from 0 to 40."),
        ("heard_from", "tv", "Choose one of the options given."),
        ("liked_most", ["events", "parties"], "Choose only among the options given."),
        ("comments", "a\x00b", "NUL byte"),
        ("comments", "x" * (TEXT_MAX_LENGTH + 1), "Keep your answer to 5000 characters"),
    ],
)
def test_each_kind_refuses_an_impossible_answer(
    world: World, wave: Wave, key: str, value: Any, message: str
) -> None:
    bea = invitation_of(world, world.bea, wave)
    errors = _errors(
        lambda: answering.survey_submit(invitation=bea, answers={**COMPLETE, key: value})
    )
    assert list(errors) == [key]
    assert message in errors[key][0]
    assert not Response.objects.exists()


def test_required_questions_must_be_answered_to_submit(world: World, wave: Wave) -> None:
    bea = invitation_of(world, world.bea, wave)
    errors = _errors(lambda: answering.survey_submit(invitation=bea, answers={"comments": ""}))
    assert errors == {
        key: ["Answer this question: it is required."]
        for key in ("barriers_understood", "would_recommend", "keep_meeting")
    }
    unknown = _errors(
        lambda: answering.survey_submit(invitation=bea, answers={**COMPLETE, "salary": 3})
    )
    assert unknown == {"salary": ["This survey has no such question."]}


def test_a_confidential_response_carries_the_code_not_the_name(world: World, wave: Wave) -> None:
    bea = invitation_of(world, world.bea, wave)
    answering.survey_draft_save(invitation=bea, answers={"barriers_understood": 2})
    response = answering.survey_submit(invitation=bea, answers=COMPLETE)
    person = world.person(world.bea)
    assert response.respondent is None
    assert response.pseudonym == links.pseudonym(world.cohort.pk, person.pk)
    assert response.role == "mentee"
    assert response.country_id == person.country_id
    assert response.division_id == person.division_id
    assert response.submitted_on == timezone.localdate()
    answers = {
        (a.item.key, a.number, a.choice, a.text) for a in Answer.objects.filter(response=response)
    }
    assert answers == {
        ("barriers_understood", 4.0, "", ""),
        ("would_recommend", 9.0, "", ""),
        ("keep_meeting", 1.0, "", ""),
        ("hours_a_month", 6.0, "", ""),
        ("heard_from", None, "school", ""),
        ("liked_most", None, "meetings", ""),
        ("liked_most", None, "events", ""),
        ("comments", None, "", "Good.\nThank you."),
    }
    bea.refresh_from_db()
    assert bea.responded_on == timezone.localdate()
    assert bea.draft == {}
    assert bea.draft_saved_at is None


@pytest.mark.parametrize(
    ("mode", "named", "coded"),
    [
        (Mode.ATTRIBUTED, True, False),
        (Mode.CONFIDENTIAL, False, True),
        (Mode.ANONYMOUS, False, False),
    ],
)
def test_the_mode_decides_what_links_the_response_to_her(
    world: World, django_capture_on_commit_callbacks, mode: str, named: bool, coded: bool
) -> None:
    wave = launched(world, django_capture_on_commit_callbacks, mode=mode)
    response = answering.survey_submit(
        invitation=invitation_of(world, world.alice, wave), answers=COMPLETE
    )
    assert (response.respondent == world.person(world.alice)) is named
    assert (response.respondent is None) is not named
    assert bool(response.pseudonym) is coded


def test_the_same_person_in_pre_and_post_gets_the_same_code(
    world: World, django_capture_on_commit_callbacks
) -> None:
    pre = launched(world, django_capture_on_commit_callbacks, phase="pre", title="Before")
    post = Wave.objects.create(
        cohort=world.cohort,
        title="After",
        phase="post",
        audience=["mentee"],
        mode=Mode.CONFIDENTIAL,
        opens_at=pre.opens_at,
        closes_at=pre.closes_at,
    )
    for question in pre.questions.all():
        post.questions.create(item=question.item, position=question.position, required=False)
    from amplify.surveys import invitations

    invitations.wave_launch(wave=post, by=world.harriet)
    a = answering.survey_submit(invitation=invitation_of(world, world.bea, pre), answers=COMPLETE)
    b = answering.survey_submit(invitation=invitation_of(world, world.bea, post), answers={})
    c = answering.survey_submit(invitation=invitation_of(world, world.dan, post), answers={})
    assert a.pseudonym == b.pseudonym != c.pseudonym


def test_a_link_used_twice_a_closed_wave_and_one_not_open_yet_are_told(
    world: World, wave: Wave
) -> None:
    bea = invitation_of(world, world.bea, wave)
    answering.survey_submit(invitation=bea, answers=COMPLETE)
    with pytest.raises(ValidationError, match="You have already answered this survey, thank you"):
        answering.survey_submit(invitation=bea, answers=COMPLETE)
    with pytest.raises(ValidationError, match="already answered"):
        answering.survey_draft_save(invitation=bea, answers={})
    assert Response.objects.count() == 1
    dan = invitation_of(world, world.dan, wave)
    now = timezone.now()
    Wave.objects.filter(pk=wave.pk).update(
        opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=2)
    )
    with pytest.raises(ValidationError, match="This survey closed on"):
        answering.survey_submit(invitation=dan, answers=COMPLETE)
    Wave.objects.filter(pk=wave.pk).update(
        opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=20)
    )
    with pytest.raises(ValidationError, match="This survey opens on"):
        answering.survey_draft_save(invitation=dan, answers={})
    assert Invitation.objects.get(pk=dan.pk).responded_on is None
