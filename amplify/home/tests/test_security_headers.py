"""Every response carries a Content-Security-Policy and a Permissions-Policy, and no template
relies on what the policy forbids (inline scripts, inline event handlers, eval'd htmx)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from amplify.conftest import World

TEMPLATES = sorted(Path(settings.BASE_DIR, "amplify").glob("**/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
EVAL_HTMX = re.compile(r"\bhx-on(?:[:-]|\s*=)|\bhx-vals=[\"']js:|\bhx-vars=|javascript:", re.I)


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
