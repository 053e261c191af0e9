"""403, 404 and 500 pages in the product's layout, with a plain explanation and a way back."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amplify.conftest import World
from amplify.home.unavailable import server_error


def test_it_explains_a_refused_page_inside_the_layout(world: World, as_user) -> None:
    response = as_user(world.pat).get(reverse("programmes:list"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "amplify/app.css" in page
    assert 'aria-label="Main"' in page  # the menu, so she can go on from here
    assert "This page is not open to your role" in page
    assert f'href="{reverse("home:index")}"' in page
    assert "programmes.view_programmes" not in page  # no internals


def test_it_explains_a_missing_page_inside_the_layout(world: World, as_user) -> None:
    response = as_user(world.alice).get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "amplify/app.css" in page
    assert "There is nothing here for you" in page
    assert "Go to your home page" in page


def test_it_offers_sign_in_to_someone_signed_out(client) -> None:
    page = client.get("/no-such-page/").content.decode()
    assert "Sign in" in page
    assert reverse("account_login") in page


@pytest.mark.django_db
def test_it_renders_the_server_error_page_without_the_database() -> None:
    # A 500 may come from the database itself: the page asks nothing of it, nor of the
    # session or the context processors.
    request = RequestFactory().get("/somewhere/")
    with CaptureQueriesContext(connection) as queries:
        response = server_error(request)
    assert response.status_code == 500
    assert len(queries) == 0
    page = response.content.decode()
    assert "amplify/app.css" in page
    assert "Something went wrong" in page
    assert 'href="/"' in page
