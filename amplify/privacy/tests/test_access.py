"""Who may download and erase: the person her own data; administrators and impact admins
anyone's; nobody else (403 for a person they may see, 404 for one they may not)."""

from __future__ import annotations

import pytest

from amplify.conftest import World

# who, method, url (person given as a persona's name), expected
CASES = [
    ("alice", "get", "/privacy/people/{bea}/export/", 403),
    ("alice", "get", "/privacy/people/{dan}/export/", 404),
    ("harriet", "get", "/privacy/people/{bea}/export/", 403),
    ("pat", "get", "/privacy/people/{bea}/export/", 403),
    ("otto", "get", "/privacy/people/{bea}/export/", 404),
    ("alice", "get", "/privacy/people/{bea}/", 403),
    ("harriet", "get", "/privacy/people/{bea}/", 403),
    ("harriet", "get", "/privacy/requests/", 403),
    ("bea", "get", "/privacy/requests/", 403),
    ("alice", "post", "/privacy/people/{bea}/erase/", 403),
    ("harriet", "post", "/privacy/people/{bea}/erase/", 403),
    ("bea", "post", "/privacy/people/{bea}/erase/", 403),
    ("otto", "post", "/privacy/people/{bea}/erase/", 404),
    ("alice", "get", "/api/people/{bea}/export", 403),
    ("alice", "get", "/api/people/{dan}/export", 404),
    ("harriet", "get", "/api/people/{bea}/export", 403),
    ("alice", "post", "/api/people/{bea}/erase", 403),
    ("harriet", "post", "/api/people/{bea}/erase", 403),
    ("bea", "post", "/api/people/{bea}/erase", 403),
    ("otto", "post", "/api/people/{dan}/erase", 404),
    # allowed
    ("bea", "get", "/privacy/people/{bea}/export/", 200),
    ("bea", "get", "/api/people/{bea}/export", 200),
    ("ada", "get", "/privacy/people/{bea}/export/", 200),
    ("ina", "get", "/api/people/{bea}/export", 200),
    ("ina", "get", "/privacy/requests/", 200),
    ("ada", "get", "/privacy/people/{bea}/", 200),
]


@pytest.mark.parametrize(("who", "method", "url", "expected"), CASES)
def test_it_lets_in_only_the_right_roles(
    world: World, as_user, who: str, method: str, url: str, expected: int
) -> None:
    people = {k: world.person(getattr(world, k)).pk for k in ("bea", "dan")}
    response = getattr(as_user(getattr(world, who)), method)(url.format(**people))
    assert response.status_code == expected
    if expected != 200:
        assert world.person(world.bea).name == "Bea Young"


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/privacy/"),
        ("get", "/privacy/export/"),
        ("get", "/privacy/requests/"),
        ("get", "/privacy/people/{bea}/export/"),
        ("post", "/privacy/people/{bea}/erase/"),
    ],
)
def test_it_sends_anonymous_visitors_to_sign_in(world: World, client, method, url) -> None:
    response = getattr(client, method)(url.format(bea=world.person(world.bea).pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/me/export"),
        ("get", "/api/people/{bea}/export"),
        ("post", "/api/people/{bea}/erase"),
    ],
)
def test_it_answers_401_to_anonymous_api_calls(world: World, client, method, url) -> None:
    response = getattr(client, method)(url.format(bea=world.person(world.bea).pk))
    assert response.status_code == 401
