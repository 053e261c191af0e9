"""Writes for the benefits register: add a benefit, change it, end it. Only impact admins and
administrators keep the register (the pages and the API check `benefits.manage_benefits`).
An edit says which version its author saw (amplify.home.concurrency)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.benefits.models import Audience, Benefit, Kind
from amplify.home.concurrency import check_version
from amplify.home.control_characters import describe_control_character

FIELDS = (
    "country",
    "kind",
    "title",
    "description",
    "audience",
    "languages",
    "enhanced",
    "starts_on",
    "ends_on",
)
MAX_LANGUAGES = 200


def _validate(benefit: Benefit) -> None:
    benefit.title = (benefit.title or "").strip()
    benefit.description = (benefit.description or "").strip()
    errors: dict[str, str] = {}
    if benefit.kind not in Kind.values:
        errors["kind"] = _("Choose a kind of benefit.")
    if benefit.audience not in Audience.values:
        errors["audience"] = _("Choose whom the benefit is for.")
    if not benefit.title:
        errors["title"] = _("This field is required.")
    elif len(benefit.title) > 200:
        errors["title"] = _("Keep it under %(limit)s characters.") % {"limit": 200}
    elif describe_control_character(benefit.title):
        errors["title"] = describe_control_character(benefit.title) or ""
    if len(benefit.description) > 2000:
        errors["description"] = _("Keep it under %(limit)s characters.") % {"limit": 2000}
    elif describe_control_character(benefit.description, multiline=True):
        errors["description"] = (
            describe_control_character(benefit.description, multiline=True) or ""
        )
    if benefit.languages is not None and not 1 <= benefit.languages <= MAX_LANGUAGES:
        errors["languages"] = _("Give a number of languages between 1 and %(most)s.") % {
            "most": MAX_LANGUAGES
        }
    if not isinstance(benefit.starts_on, date):
        errors["starts_on"] = _("This field is required.")
    elif not 1900 <= benefit.starts_on.year <= 2200:
        errors["starts_on"] = _("The date must be between the years 1900 and 2200.")
    elif benefit.ends_on is not None and benefit.ends_on < benefit.starts_on:
        errors["ends_on"] = _("A benefit cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def benefit_create(
    *,
    created_by: User,
    kind: str,
    title: str,
    starts_on: date,
    country: Any = None,
    description: str = "",
    audience: str = Audience.EMPLOYEES,
    languages: int | None = None,
    enhanced: bool = False,
    ends_on: date | None = None,
) -> Benefit:
    """Add a benefit; no country means it is offered in every country."""
    benefit = Benefit(
        country=country,
        kind=kind,
        title=title,
        description=description,
        audience=audience or Audience.EMPLOYEES,
        languages=languages,
        enhanced=enhanced,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    _validate(benefit)
    benefit._history_user = created_by  # type: ignore[attr-defined]
    benefit.save()
    return benefit


@transaction.atomic
def benefit_update(
    *, benefit: Benefit, changed_by: User, version: str | None, **fields: Any
) -> Benefit:
    """Change a benefit; a field left out stays as it is. `version`: the one the caller saw."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    locked = Benefit.objects.select_for_update().get(pk=benefit.pk)
    check_version(locked, fields=FIELDS, expected=version)
    for name, value in fields.items():
        setattr(locked, name, value)
    _validate(locked)
    locked._history_user = changed_by  # type: ignore[attr-defined]
    locked.save()
    return locked


@transaction.atomic
def benefit_end(*, benefit: Benefit, ended_by: User, ends_on: date, version: str | None) -> Benefit:
    """End a benefit on a day (it stays in the register's history, shown as ended)."""
    return benefit_update(benefit=benefit, changed_by=ended_by, version=version, ends_on=ends_on)
