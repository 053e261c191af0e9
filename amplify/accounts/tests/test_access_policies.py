"""Every page and every API operation declares who may reach it; anonymous visitors are sent
to sign in (pages) or get 401 (API)."""

import re

import pytest
from django.test import Client

from amplify.accounts.tests.urlwalk import pages
from amplify.api import api


def test_it_finds_a_declared_policy_on_every_page() -> None:
    missing = [p.route for p in pages() if p.policy is None]
    assert missing == [], f"Pages without an access policy: {missing}"


def test_it_finds_auth_and_an_access_note_on_every_api_operation() -> None:
    schema = api.get_openapi_schema()
    problems = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if not operation.get("security"):
                problems.append(f"{method.upper()} {path}: no authentication")
            if not operation.get("x-access"):
                problems.append(f"{method.upper()} {path}: no x-access note")
    assert problems == []


OUR_PAGES = [p for p in pages() if p.ours and p.policy != "public"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", OUR_PAGES, ids=[p.name for p in OUR_PAGES])
def test_it_sends_anonymous_visitors_to_sign_in(page) -> None:
    client = Client()
    url = page.sample_url()
    response = client.get(url)
    if response.status_code == 405:  # POST-only actions
        response = client.post(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith("/accounts/login/"), url


def _api_calls() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    calls = []
    for path, methods in schema["paths"].items():
        url = re.sub(r"\{[^}]+\}", "1", path)
        calls += [(method, url) for method in methods]
    return calls


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "url"), _api_calls())
def test_it_answers_401_to_anonymous_api_calls(method: str, url: str) -> None:
    client = Client()
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, content_type="application/json", data="{}")
    assert response.status_code == 401, (method, url, response.content[:200])
