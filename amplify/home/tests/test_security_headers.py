"""Every response carries a Content-Security-Policy and a Permissions-Policy, and no template
or rendered page relies on what the policy forbids (inline scripts, inline event handlers,
eval'd htmx, inline styles)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from amplify.accounts.models import User
from amplify.conftest import World

TEMPLATES = sorted(Path(settings.BASE_DIR, "amplify").glob("**/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
EVAL_HTMX = re.compile(r"\bhx-on(?:[:-]|\s*=)|\bhx-vals=[\"']js:|\bhx-vars=|javascript:", re.I)
# A style attribute (not data-style=…) and a <style> block without the request's nonce.
STYLE_ATTRIBUTE = re.compile(r"(?<![\w-])style\s*=", re.I)
STYLE_BLOCK = re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I)
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/programmes/"])
def test_it_sends_the_security_policies(world: World, as_user, path: str) -> None:
    response = as_user(world.alice).get(path, follow=True)
    csp = response.headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"] + directives["script-src"]
    assert "'unsafe-eval'" not in csp
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_it_finds_the_templates() -> None:
    assert len(TEMPLATES) > 30


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_it_has_no_inline_script_in_any_template(template: Path) -> None:
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to amplify/static/amplify/"
    assert not EVENT_HANDLER.search(text), "inline on…= handler: use data-confirm or app.js"
    assert not EVAL_HTMX.search(text), "hx-on / js: values are eval'd, which the CSP forbids"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_it_has_no_inline_style_in_any_template(template: Path) -> None:
    text = TEMPLATE_COMMENT.sub("", template.read_text())  # a comment may name <style>
    assert not STYLE_ATTRIBUTE.search(text), "style=: use a class in amplify/static/amplify/app.css"
    assert not STYLE_BLOCK.search(text), "<style>: move it to amplify/static/amplify/app.css"


def test_the_template_checks_catch_inline_styles() -> None:
    assert STYLE_ATTRIBUTE.search('<tr{% if x %}style="color:red"{% endif %}>')
    assert STYLE_ATTRIBUTE.search("<p STYLE = 'x'>")
    assert not STYLE_ATTRIBUTE.search('<p class="x" data-style="y">')
    assert STYLE_BLOCK.search("<style>p{}</style>")
    assert not STYLE_BLOCK.search('<style nonce="{{ request.csp_nonce }}">')


def _pages(world: World) -> list[tuple[User, str]]:
    cohort, leadership = world.cohort.pk, world.leadership_cohort.pk
    world.leadership.managers.add(world.person(world.harriet))  # for its home groups page
    return [
        (world.harriet, "/"),
        (world.harriet, "/programmes/"),
        (world.harriet, f"/programmes/{world.programme.slug}/"),
        (world.harriet, f"/programmes/cohorts/{cohort}/"),
        (world.harriet, f"/programmes/cohorts/{cohort}/people/"),
        (world.harriet, f"/programmes/cohorts/{cohort}/people/candidates/?q=Otto"),
        (world.harriet, f"/programmes/cohorts/{cohort}/pairs/"),
        (world.harriet, f"/events/{world.event.pk}/edit/"),
        (world.harriet, f"/matching/cohort/{cohort}/"),
        (world.harriet, f"/matching/cohort/{leadership}/groups/"),
        (world.harriet, "/people/imports/"),
        (world.harriet, "/account/tokens/"),
        (world.alice, "/"),
        (world.alice, f"/events/{world.event.pk}/"),
        (world.alice, "/matching/profile/"),
        (world.alice, "/matching/my-match/"),
        (world.bea, "/"),
        (world.pat, "/"),
        (world.ina, "/"),
        (world.ina, "/diversity/"),
        (world.ina, f"/diversity/people/{world.person(world.bea).pk}/"),
        (world.otto, f"/people/{world.person(world.otto).pk}/edit/"),
    ]


def _directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


def test_no_product_page_allows_anything_inline(world: World, as_user) -> None:
    # Given pages of every role (and the sign-in page, anonymous)
    responses = [("/accounts/login/", Client().get("/accounts/login/"))]
    responses += [(path, as_user(user).get(path)) for user, path in _pages(world)]
    for path, response in responses:
        assert response.status_code == 200, path
        # Then the policy allows no inline style or script, in any directive
        csp = response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp, path
        assert "'unsafe-hashes'" not in csp, path
        assert _directives(csp)["style-src"] == ["'self'"], path
        # And the page, widgets and tags included, has nothing the policy would refuse
        html = response.content.decode()
        assert not STYLE_ATTRIBUTE.search(html), f"{path}: {STYLE_ATTRIBUTE.search(html)}"
        assert not STYLE_BLOCK.search(html), path
        assert not INLINE_SCRIPT.search(html), path
        assert not EVENT_HANDLER.search(html), f"{path}: {EVENT_HANDLER.search(html)}"


def test_only_the_admin_allows_inline_styles_and_never_scripts(world: World, as_user) -> None:
    admin = as_user(world.ada)
    for path in (
        "/admin/",
        "/admin/people/person/",
        f"/admin/people/person/{world.person(world.bea).pk}/history/",
    ):
        response = admin.get(path)
        assert response.status_code == 200, path
        directives = _directives(response.headers["Content-Security-Policy"])
        assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["script-src"] == ["'self'"]
        assert directives["default-src"] == ["'self'"]
    # The product pages of the same administrator keep the strict policy
    response = admin.get("/")
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
