"""Texts a record keeps and shows later (an import's row errors, a matching run's stage and
proof) read in the reader's language, and records written before still read as they were."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.core.matching import engine, groups, preferences
from amplify.home.storedtext import shown
from amplify.matching import enginetext, grouping, services
from amplify.matching.models import MatchingRun
from amplify.matching.tests.cohorts import build_matchable
from amplify.matching.tests.test_services import WEIGHTS
from amplify.people.models import PeopleImport, Person
from amplify.people.services import people_import_start
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory

CSV = (
    b"employee_id,name,email,country\n"
    b"E900,Nia Page,not-an-email,GB\n"
    b"E901,Ola Page,ola@sony.example,XX\n"
)
ROW_ERRORS = {
    "en": ["“not-an-email” is not a valid email address.", "Unknown country code “XX”"],
    "es": [
        "«not-an-email» no es una dirección de correo electrónico válida.",
        "Código de país desconocido «XX»",
    ],
    "ja": ["「not-an-email」は有効なメールアドレスではありません。", "不明な国コード「XX」です。"],
}
PROOF = {
    "en": "Certified optimal",
    "es": "Óptimo certificado",
    "ja": "最適性を証明済みです",
}


def _api(user, language: str) -> Client:
    token = api_token_create(user=user, name="test")[1]
    return Client(headers={"Authorization": f"Bearer {token}", "accept-language": language})


def _reader(user, language: str) -> Client:
    Person.objects.filter(user=user).update(interface_language=language)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["en", "es", "ja"])
def test_it_shows_an_import_s_row_errors_in_the_reader_s_language(
    world: World, language: str, django_capture_on_commit_callbacks
) -> None:
    # Given an import checked (and stored) while its uploader read English
    with django_capture_on_commit_callbacks(execute=True):
        job = people_import_start(user=world.harriet, filename="hr.csv", content=CSV)
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.INVALID
    client = _reader(world.harriet, language)

    # Then its page, its errors CSV and the API say them in her language now
    page = client.get(reverse("people:import", args=[job.pk])).content.decode()
    errors_csv = client.get(reverse("people:import-errors", args=[job.pk])).content.decode()
    api = _api(world.harriet, language).get(f"/api/people/imports/{job.pk}")
    for text in ROW_ERRORS[language]:
        assert text in page, text
        assert text in errors_csv, text
    assert ROW_ERRORS[language][0] in api.json()["errors"][0]["message"]


def test_it_shows_an_old_import_s_english_errors_as_they_are(world: World) -> None:
    job = PeopleImport.objects.create(
        uploaded_by=world.harriet,
        filename="hr.csv",
        content=b"",
        size=0,
        status=PeopleImport.Status.INVALID,
        errors=[{"row": 3, "column": "country", "message": "Unknown country code “XX”"}],
        error_count=1,
    )
    page = _reader(world.harriet, "ja").get(reverse("people:import", args=[job.pk]))
    assert "Unknown country code “XX”" in page.content.decode()


@pytest.mark.parametrize("language", ["en", "es", "ja"])
def test_it_shows_a_run_s_proof_and_stage_in_the_reader_s_language(
    world: World, language: str
) -> None:
    m = build_matchable(world)
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
    )
    run = services.matching_run_execute(run=run)
    client = _reader(world.harriet, language)
    page = client.get(run.get_absolute_url()).content.decode()
    assert PROOF[language] in page
    proof = _api(world.harriet, language).get(f"/api/matching-runs/{run.pk}").json()["proof"]
    assert proof.startswith(PROOF[language])

    # A run still working shows the engine's stage in her language too
    MatchingRun.objects.filter(pk=run.pk).update(status="running", stage="Solving")
    page = client.get(run.get_absolute_url()).content.decode()
    assert {"en": "Solving", "es": "Resolviendo", "ja": "解いています"}[language] in page


def test_it_shows_an_old_run_s_english_proof_as_it_is(world: World) -> None:
    m = build_matchable(world)
    run = services.matching_run_execute(
        run=services.matching_run_start(
            cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
        )
    )
    run.result["proof"] = {"optimal": True, "text": "Certified optimal (an old run)"}
    run.save()
    page = _reader(world.harriet, "es").get(run.get_absolute_url()).content.decode()
    assert "Certified optimal (an old run)" in page


def test_the_engine_s_texts_are_all_marked_for_translation() -> None:
    assert enginetext.STAGES == engine.STAGES
    assert enginetext.STATEMENTS == engine.STATEMENTS
    assert enginetext.PREFERENCES == preferences.STATEMENTS


def test_it_falls_back_to_english_when_a_translation_breaks_its_placeholders() -> None:
    assert shown({"msgid": "No such msgid %(x)s", "params": {"x": 1}}) == "No such msgid 1"
    assert shown("An old sentence") == "An old sentence"
    assert shown(None) == ""


def test_the_grouping_warnings_are_all_marked_for_translation() -> None:
    assert enginetext.GROUPING_WARNINGS == groups.WARNINGS


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "people, one group below the minimum of 5."),
        ("es", "personas, un grupo por debajo del mínimo de 5."),
        ("ja", "1つのグループが最小人数 5 人を下回ります。"),
    ],
)
def test_it_shows_a_grouping_s_warnings_in_the_reader_s_language(
    world: World, language: str, expected: str
) -> None:
    world.leadership.managers.add(world.person(world.harriet))
    cohort = world.leadership_cohort
    Enrolment.objects.filter(cohort=cohort).delete()
    for n in range(3):  # fewer than the minimum of one group
        person = PersonFactory(name=f"Participant {n}", country_id="GB")
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT)
    run = grouping.grouping_run_execute(
        run=grouping.grouping_run_start(
            cohort=cohort, created_by=world.harriet, min_size=5, target_size=6, max_size=8
        )
    )
    assert run.result["notices"], "the cohort is meant to be too small for one group"
    page = _reader(world.harriet, language).get(run.get_absolute_url()).content.decode()
    assert html.unescape(page).count(expected) >= 1
