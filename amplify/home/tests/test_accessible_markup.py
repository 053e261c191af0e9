"""The shared page plumbing gives assistive technology what it needs: a skip link and a live
region on every page, fields whose help and errors are read with them, groups of choices
named by a legend, and bars and badges that say what they show. (The browser tests run
axe-core on the rendered pages; these catch the same faults without a browser.)"""

import re
from pathlib import Path

from django import forms
from django.urls import reverse

from amplify.conftest import World
from amplify.home.forms import Form

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("**/templates/**/*.html"))


def test_every_page_starts_with_a_skip_link_to_its_main_content(world: World, as_user) -> None:
    page = as_user(world.alice).get(reverse("home:index")).content.decode()
    body = page[page.index("<body") :]
    first_link = re.search(r"<a [^>]*>", body)
    assert first_link is not None
    assert 'href="#main"' in first_link.group(0)
    assert "Skip to main content" in body
    assert '<main class="main" id="main" tabindex="-1">' in page


def test_every_page_has_a_polite_live_region_for_what_htmx_changed(world: World, as_user) -> None:
    page = as_user(world.alice).get(reverse("home:index")).content.decode()
    assert re.search(r'<div id="announcer"[^>]*aria-live="polite"', page)


def test_the_sign_in_pages_have_a_main_landmark(db: None, client) -> None:
    page = client.get(reverse("account_login")).content.decode()
    assert '<main class="auth">' in page


class Sample(Form):  # the project's base form, as every form is
    name = forms.CharField(help_text="What people call you.")
    colours = forms.MultipleChoiceField(
        choices=[("r", "Red"), ("g", "Green")], widget=forms.CheckboxSelectMultiple
    )


def test_a_fields_help_and_errors_are_what_its_described_by_points_at() -> None:
    form = Sample(data={"name": ""})
    html = str(form)
    described = re.search(r'<input[^>]*name="name"[^>]*aria-describedby="([^"]+)"', html)
    assert described is not None
    for target in described.group(1).split():
        assert f'id="{target}"' in html, target
    assert 'aria-invalid="true"' in html


def test_a_group_of_choices_is_a_fieldset_named_by_its_legend() -> None:
    html = str(Sample())
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>Colours</legend>", html)


def test_every_bar_in_a_template_has_an_accessible_name() -> None:
    unnamed = []
    for path in TEMPLATES:
        for tag in re.findall(
            r"<(?:progress|meter)\b[^>]*>|<[^>]*role=\"progressbar\"[^>]*>", path.read_text()
        ):
            if "aria-label" not in tag:
                unnamed.append(f"{path.name}: {tag}")
    assert unnamed == []


def test_no_badge_in_a_template_is_colour_alone() -> None:
    empty = []
    for path in TEMPLATES:
        empty += [
            f"{path.name}: {m}"
            for m in re.findall(r'<span class="badge[^"]*"[^>]*>\s*</span>', path.read_text())
        ]
    assert empty == []
