"""An import's file-level messages (why a file cannot be read, its warnings, the note on its
encoding, a row that cannot be read as CSV) are stored as msgids and read in the reader's
language on the import page and in the API; imports stored before read as they were."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.people.models import PeopleImport, Person
from amplify.people.services import people_import_start

# A Shift-JIS file with a column Amplify does not read and a row whose quote is never closed.
CSV = (
    "employee_id,name,email,country,shoe_size\n"
    "E900,山田 太郎,taro@sony.example,JP,27\n"
    'E901,"Ola\nPage,ola@sony.example,GB,40\n'
    "E902,Nia Page,nia@sony.example,GB,38\n"
).encode("cp932")
TEXTS = {
    "en": [
        "Ignored columns: shoe_size.",
        "Encoding: Shift-JIS (cp932), detected from the content",
        'A quote (") in this row is never closed, so lines 3–5 of the file',
    ],
    "es": [
        "Columnas ignoradas: shoe_size.",
        "Codificación: Shift-JIS (cp932), deducida del contenido",
        'Una comilla (") de esta fila nunca se cierra, así que las líneas 3–5',
    ],
    "ja": [
        "無視した列：shoe_size。",
        "文字コード：Shift-JIS (cp932)（内容から推定）",
        'この行の引用符（"）が閉じられていないため、ファイルの 3〜5 行目',
    ],
}
UNREADABLE = {
    "en": "This does not look like a CSV or XLSX file (it starts with “",
    "es": "Esto no parece un archivo CSV ni XLSX (empieza por «",
    "ja": "CSV または XLSX ファイルではないようです（先頭は「",
}


def _api(user, language: str) -> Client:
    token = api_token_create(user=user, name="test")[1]
    return Client(headers={"Authorization": f"Bearer {token}", "accept-language": language})


def _reader(user, language: str) -> Client:
    Person.objects.filter(user=user).update(interface_language=language)
    client = Client()
    client.force_login(user)
    return client


def _upload(world: World, capture, filename: str, content: bytes) -> PeopleImport:
    # Checked (and stored) while its uploader reads English.
    with capture(execute=True):
        job = people_import_start(user=world.harriet, filename=filename, content=content)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("language", ["en", "es", "ja"])
def test_it_shows_an_import_s_warnings_and_file_errors_in_the_reader_s_language(
    world: World, language: str, django_capture_on_commit_callbacks
) -> None:
    job = _upload(world, django_capture_on_commit_callbacks, "hr.csv", CSV)
    assert job.status == PeopleImport.Status.INVALID
    page = html.unescape(
        _reader(world.harriet, language).get(reverse("people:import", args=[job.pk])).text
    )
    api = _api(world.harriet, language).get(f"/api/people/imports/{job.pk}").json()
    ignored, encoding, row = TEXTS[language]
    for text in (ignored, encoding, row):
        assert text in page, text
    assert ignored in api["warnings"]
    assert any(w.startswith(encoding) for w in api["warnings"])
    assert api["encoding"] == "Shift-JIS (cp932)"
    assert api["errors"][0]["message"].startswith(row)


@pytest.mark.parametrize("language", ["en", "es", "ja"])
def test_it_says_why_a_file_cannot_be_read_in_the_reader_s_language(
    world: World, language: str, django_capture_on_commit_callbacks
) -> None:
    job = _upload(world, django_capture_on_commit_callbacks, "hr.csv", b"\x00\x01\x02\x03" * 50)
    page = html.unescape(
        _reader(world.harriet, language).get(reverse("people:import", args=[job.pk])).text
    )
    api = _api(world.harriet, language).get(f"/api/people/imports/{job.pk}").json()
    assert UNREADABLE[language] in page
    assert api["errors"][0]["message"].startswith(UNREADABLE[language])


def test_it_shows_an_old_import_s_english_warnings_as_they_are(world: World) -> None:
    job = PeopleImport.objects.create(
        uploaded_by=world.harriet,
        filename="hr.csv",
        content=b"",
        size=0,
        status=PeopleImport.Status.READY,
        warnings=["Encoding: UTF-8.", "Ignored columns: shoe_size."],
    )
    page = _reader(world.harriet, "ja").get(reverse("people:import", args=[job.pk])).text
    api = _api(world.harriet, "ja").get(f"/api/people/imports/{job.pk}").json()
    assert "Ignored columns: shoe_size." in page
    assert (api["encoding"], api["warnings"]) == ("UTF-8", ["Ignored columns: shoe_size."])
