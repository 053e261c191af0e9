"""The http(s)-only link rule is one rule: every link field of every model uses it."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from amplify.home.links import WebLinkField, validate_web_link
from amplify.people.tests.factories import PartnerFactory


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example/"])
def test_it_refuses_other_schemes(link: str) -> None:
    with pytest.raises(ValidationError, match="https://"):
        validate_web_link(link)


@pytest.mark.parametrize("link", ["", "https://meet.example/a?b=c", "http://intranet.example"])
def test_it_accepts_web_addresses(link: str) -> None:
    validate_web_link(link)


def test_it_is_the_field_of_every_link_in_the_models() -> None:
    links = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("amplify.")
        for field in model._meta.get_fields()
        if isinstance(field, models.URLField) and not isinstance(field, WebLinkField)
    ]
    assert links == []


def test_it_refuses_a_script_website_for_a_partner(db: None) -> None:
    partner = PartnerFactory.build(website="javascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "website" in error.value.message_dict
