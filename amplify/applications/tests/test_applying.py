"""Applying without an account: draft, emailed resume link, submit, the eligibility answer,
double submits, forged links and the spam brakes."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from amplify.applications import links
from amplify.applications.models import Application, ApplicationEvidence, Stage
from amplify.applications.services import application_start, application_submit
from amplify.applications.tests.factories import ELIGIBLE_ANSWERS, recruiting_cohort
from amplify.conftest import World
from amplify.programmes.models import Cohort

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def form_post(answers: dict[str, object], **extra: object) -> dict[str, object]:
    data: dict[str, object] = {"consent": "on", "email": "yasmin@example.com"}
    for key, value in answers.items():
        if isinstance(value, bool):
            data[key] = "yes" if value else "no"
        elif isinstance(value, date):
            data[key] = value.isoformat()
        else:
            data[key] = value
    data.update(extra)
    return data


def link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://\S+(/applications/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_it_shows_the_form_to_anyone_while_the_cohort_recruits(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    response = Client().get(reverse("applications:apply", args=[cohort.pk]))
    assert response.status_code == 200
    assert b"Your consent" in response.content


def test_it_has_no_form_for_a_cohort_that_is_not_recruiting(world: World) -> None:
    response = Client().get(reverse("applications:apply", args=[world.cohort.pk]))
    assert response.status_code == 404


def test_it_saves_a_draft_and_emails_a_link_to_resume_it(
    world: World, django_capture_on_commit_callbacks
) -> None:
    cohort = recruiting_cohort(world.programme)
    client = Client()
    draft = {"name": "Yasmin Young", "postcode": "E1 6AN"}
    response = client.post(
        reverse("applications:apply", args=[cohort.pk]), form_post(draft, save="1")
    )
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.stage == Stage.DRAFT
    assert application.consent_given_at is not None
    assert not application.complete
    [message] = mail.outbox
    assert message.to == ["yasmin@example.com"]
    # The link is signed: it does not carry a bare, guessable id.
    path = link_in(message)
    assert f"/{application.pk}/" not in path
    page = Client().get(path)
    assert page.status_code == 200
    assert b"E1 6AN" in page.content


def test_it_submits_and_says_the_applicant_is_eligible(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    response = Client().post(
        reverse("applications:apply", args=[cohort.pk]),
        form_post(ELIGIBLE_ANSWERS, submit="1"),
        follow=True,
    )
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.stage == Stage.ELIGIBLE
    assert application.criteria_met == [
        "working_class_background",
        "state_school",
        "free_school_meals",
    ]
    assert b"you meet the cohort" in response.content


def test_it_tells_an_ineligible_applicant_kindly_which_rule_and_why(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    # Turns 18 a week after the cohort starts.
    answers = ELIGIBLE_ANSWERS | {"date_of_birth": date(2008, 9, 8)}
    response = Client().post(
        reverse("applications:apply", args=[cohort.pk]),
        form_post(answers, submit="1"),
        follow=True,
    )
    application = Application.objects.get()
    assert application.stage == Stage.INELIGIBLE
    assert application.failures[0]["code"] == "too_young"
    text = response.content.decode()
    assert "at least 18 on the day it starts" in text
    assert "8 September 2026" in text or "8 Sep 2026" in text


def test_it_keeps_an_incomplete_submission_as_a_draft_and_says_what_is_missing(
    world: World,
) -> None:
    cohort = recruiting_cohort(world.programme)
    answers = {k: v for k, v in ELIGIBLE_ANSWERS.items() if k != "school_type"}
    response = Client().post(
        reverse("applications:apply", args=[cohort.pk]),
        form_post(answers, submit="1"),
        follow=True,
    )
    assert Application.objects.get().stage == Stage.DRAFT
    assert b"One question is still to answer" in response.content


def test_it_creates_nothing_twice_on_a_double_submit(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    client = Client()
    url = reverse("applications:apply", args=[cohort.pk])
    client.post(url, form_post(ELIGIBLE_ANSWERS, submit="1"))
    second = client.post(url, form_post(ELIGIBLE_ANSWERS | {"name": "Someone Else"}, submit="1"))
    assert Application.objects.count() == 1
    assert Application.objects.get().name == "Yasmin Young"
    # The second form changed nothing: it sent the link to the address's owner instead.
    assert b"already an application" in second.content
    assert len(mail.outbox) == 1


def test_it_submits_once_when_the_service_is_called_twice(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    application, _ = application_start(
        cohort=cohort, email="y@example.com", consent=True, **ELIGIBLE_ANSWERS
    )
    first = application_submit(application=application)
    again = application_submit(application=application)
    assert first.submitted_at == again.submitted_at
    assert Application.history.filter(id=application.pk, stage=Stage.ELIGIBLE).count() == 1


def test_it_resumes_a_draft_and_submits_it(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    application, _ = application_start(
        cohort=cohort, email="y@example.com", consent=True, name="Yasmin Young"
    )
    path = reverse("applications:resume", args=[links.token_for(application, links.RESUME)])
    data = form_post(ELIGIBLE_ANSWERS, submit="1")
    del data["email"]
    response = Client().post(path, data, follow=True)
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.stage == Stage.ELIGIBLE
    assert ApplicationEvidence.objects.get(application=application).school_type
    # Once submitted, the link shows where it stands and changes nothing.
    again = Client().post(path, data | {"name": "Changed"})
    application.refresh_from_db()
    assert application.name == "Yasmin Young"
    assert again.status_code == 200


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("aa" if not token.endswith("aa") else "bb"),
        lambda token: "999" + token[token.index(":") :],
        lambda token: "nothing",
    ],
)
def test_it_refuses_a_forged_or_altered_link(world: World, mangle) -> None:
    cohort = recruiting_cohort(world.programme)
    application, _ = application_start(cohort=cohort, email="y@example.com", consent=True, name="Y")
    token = mangle(links.token_for(application, links.RESUME))
    response = Client().get(reverse("applications:resume", args=[token]))
    assert response.status_code == 404
    assert b"This link does not work" in response.content


def test_it_refuses_an_expired_link(world: World, settings) -> None:
    cohort = recruiting_cohort(world.programme)
    application, _ = application_start(cohort=cohort, email="y@example.com", consent=True, name="Y")
    token = links.token_for(application, links.RESUME)
    settings.AMPLIFY_APPLICATION_LINK_DAYS = -1
    assert links.application_for(token, links.RESUME) is None


def test_it_refuses_a_link_signed_for_another_purpose(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    application, _ = application_start(cohort=cohort, email="y@example.com", consent=True, name="Y")
    offer_token = links.token_for(application, links.OFFER)
    assert links.application_for(offer_token, links.RESUME) is None
    with pytest.raises(signing.BadSignature):
        signing.TimestampSigner(salt=links.RESUME).unsign(offer_token)


def test_it_needs_consent(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    data = form_post({"name": "Y"}, save="1")
    del data["consent"]
    response = Client().post(reverse("applications:apply", args=[cohort.pk]), data)
    assert response.status_code == 200
    assert Application.objects.count() == 0
    assert response.context["form"].errors["consent"]


def test_it_turns_away_the_bot_trap_and_too_many_forms(world: World, settings) -> None:
    cohort = recruiting_cohort(world.programme)
    url = reverse("applications:apply", args=[cohort.pk])
    client = Client()
    client.post(url, form_post({"name": "Bot"}, save="1", website="http://spam.example"))
    assert Application.objects.count() == 0
    settings.AMPLIFY_APPLICATION_POSTS_PER_HOUR = 2
    for n in range(3):
        client.post(url, form_post({"name": "Y"}, save="1", email=f"y{n}@example.com"))
    assert Application.objects.count() == 2  # the third form is over the limit


def test_it_stops_taking_submissions_when_recruiting_ends(world: World) -> None:
    cohort = recruiting_cohort(world.programme)
    application, _ = application_start(
        cohort=cohort, email="y@example.com", consent=True, **ELIGIBLE_ANSWERS
    )
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.MATCHING)
    path = reverse("applications:resume", args=[links.token_for(application, links.RESUME)])
    data = form_post(ELIGIBLE_ANSWERS, submit="1")
    del data["email"]
    response = Client().post(path, data)
    assert b"not taking applications" in response.content
    application.refresh_from_db()
    assert application.stage == Stage.DRAFT
