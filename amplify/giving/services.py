"""Writes for the giving ledger: funds, recipient organisations and the ledger's lines.

Only impact admins and administrators keep the ledger (the pages and the API check
`giving.manage_ledger` before calling). An edit or a deletion says which version of the line
its author saw (amplify.home.concurrency): two people editing one line at once cannot lose
either's change without being told.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from amplify.accounts.models import User
from amplify.giving.currencies import is_currency
from amplify.giving.models import Fund, Gift, InputType, Recipient, Status
from amplify.home.concurrency import check_version, unique_fields
from amplify.home.control_characters import describe_control_character
from amplify.home.links import validate_web_link
from amplify.home.uploads import upload_check

# The fields of a line an edit may change, and its version is computed from.
GIFT_FIELDS = (
    "given_on",
    "fund",
    "amount",
    "currency",
    "status",
    "input_type",
    "recipient",
    "cause",
    "country",
    "programme",
    "pillar",
    "evidence_link",
    "approved_by",
)
FUND_FIELDS = ("name", "description", "illustrative")
RECIPIENT_FIELDS = ("name", "charity_number", "country")
REQUIRED = ("given_on", "fund", "amount", "currency", "status", "input_type", "recipient")
# The largest amount the column holds (14 digits, 2 after the point).
MAX_AMOUNT = Decimal("999999999999.99")
TEXT_LIMITS = {"cause": 120}


def amount_problem(value: Any) -> str | None:
    """Why `value` is not an amount of money the ledger takes, as a msgid (the importer
    stores it; callers translate it), or None."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return gettext_noop("The amount must be a number, e.g. 1250.00.")
    if not amount.is_finite():
        return gettext_noop("The amount must be a number, e.g. 1250.00.")
    if amount < 0:
        return gettext_noop("The amount cannot be negative.")
    if amount > MAX_AMOUNT:
        return gettext_noop("The amount is too large.")
    if amount != amount.quantize(Decimal("0.01")):
        return gettext_noop("The amount has at most two decimal places.")
    return None


CURRENCY_PROBLEM = gettext_noop("“%(code)s” is not an ISO 4217 currency code (e.g. USD, GBP, EUR).")


def currency_problem(code: str) -> str | None:
    return None if is_currency(code) else _(CURRENCY_PROBLEM) % {"code": code}


def _validate(gift: Gift, errors: dict[str, str]) -> None:
    for name in REQUIRED:
        if getattr(gift, name if name not in ("fund", "recipient") else f"{name}_id") in (
            None,
            "",
        ):
            errors.setdefault(name, _("This field is required."))
    if gift.amount is not None and "amount" not in errors:
        problem = amount_problem(gift.amount)
        if problem:
            errors["amount"] = _(problem)
    if gift.currency and "currency" not in errors:
        gift.currency = gift.currency.strip().upper()
        problem = currency_problem(gift.currency)
        if problem:
            errors["currency"] = problem
    if gift.status and gift.status not in Status.values:
        errors["status"] = _("Choose committed or paid.")
    if gift.input_type and gift.input_type not in InputType.values:
        errors["input_type"] = _("Choose one of: %(items)s.") % {
            "items": ", ".join(InputType.values)
        }
    if isinstance(gift.given_on, date) and not 1900 <= gift.given_on.year <= 2200:
        errors["given_on"] = _("The date must be between the years 1900 and 2200.")
    gift.cause = (gift.cause or "").strip()
    if len(gift.cause) > TEXT_LIMITS["cause"]:
        errors["cause"] = _("Keep it under %(limit)s characters.") % {"limit": 120}
    elif describe_control_character(gift.cause):
        errors["cause"] = describe_control_character(gift.cause) or ""
    try:
        validate_web_link(gift.evidence_link or "")
    except ValidationError as exc:
        errors["evidence_link"] = " ".join(exc.messages)
    if gift.approved_by is not None and not gift.approved_by.is_active:
        errors["approved_by"] = _("Only an active account can approve a line.")
    if errors:
        raise ValidationError(errors)


def _file(errors: dict[str, str], file: UploadedFile | None) -> None:
    if file is None:
        return
    try:
        upload_check(file, field="evidence_file")
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})


@transaction.atomic
def gift_create(
    *,
    recorded_by: User,
    given_on: date,
    fund: Fund,
    amount: Decimal | str,
    currency: str,
    status: str,
    input_type: str,
    recipient: Recipient,
    cause: str = "",
    country: Any = None,
    programme: Any = None,
    pillar: Any = None,
    evidence_link: str = "",
    evidence_file: UploadedFile | None = None,
    approved_by: User | None = None,
    request_key: uuid.UUID | None = None,
) -> Gift:
    """Record a line of the ledger. Sending the same `request_key` again (a form sent twice,
    an import row imported again) returns the line recorded the first time."""
    if request_key is not None:
        found = Gift.objects.filter(request_key=request_key).first()
        if found is not None:
            return found
    errors: dict[str, str] = {}
    problem = amount_problem(amount)
    if problem:
        errors["amount"] = _(problem)
    gift = Gift(
        given_on=given_on,
        fund=fund,
        amount=Decimal(0) if problem else Decimal(str(amount).strip()),
        currency=currency or "",
        status=status or "",
        input_type=input_type or "",
        recipient=recipient,
        cause=cause or "",
        country=country,
        programme=programme,
        pillar=pillar,
        evidence_link=evidence_link or "",
        approved_by=approved_by,
        recorded_by=recorded_by,
        recorded_at=timezone.now(),
        request_key=request_key or uuid.uuid4(),
    )
    _file(errors, evidence_file)
    _validate(gift, errors)
    if evidence_file is not None:
        gift.evidence_file = evidence_file
    gift._history_user = recorded_by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            gift.save()
    except IntegrityError:
        # The same request sent twice at once: the other one recorded it.
        return Gift.objects.get(request_key=gift.request_key)
    return gift


@transaction.atomic
def gift_update(
    *,
    gift: Gift,
    changed_by: User,
    version: str | None,
    evidence_file: UploadedFile | None = None,
    **fields: Any,
) -> Gift:
    """Change a line; a field left out stays as it is. `version` is the one the caller saw
    (EditConflict if someone else saved since; None only for internal callers)."""
    unknown = set(fields) - set(GIFT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    locked = Gift.objects.select_for_update().get(pk=gift.pk)
    check_version(locked, fields=GIFT_FIELDS, expected=version)
    errors: dict[str, str] = {}
    if "amount" in fields:
        problem = amount_problem(fields["amount"])
        if problem:
            errors["amount"] = _(problem)
            fields.pop("amount")
        else:
            fields["amount"] = Decimal(str(fields["amount"]).strip())
    for name, value in fields.items():
        setattr(locked, name, value)
    _file(errors, evidence_file)
    _validate(locked, errors)
    if evidence_file is not None:
        locked.evidence_file = evidence_file
    locked._history_user = changed_by  # type: ignore[attr-defined]
    locked.save()
    return locked


@transaction.atomic
def gift_delete(*, gift: Gift, deleted_by: User, version: str | None) -> None:
    """Delete a line (its history keeps it). Refused if someone changed it since the caller
    read it: she would delete what she has not seen."""
    locked = Gift.objects.select_for_update().filter(pk=gift.pk).first()
    if locked is None:
        return  # already deleted: deleting it again changes nothing
    check_version(locked, fields=GIFT_FIELDS, expected=version)
    locked._history_user = deleted_by  # type: ignore[attr-defined]
    locked.delete()


# ---------- Funds ----------


def _fund_validate(fund: Fund) -> None:
    fund.name = (fund.name or "").strip()
    fund.description = (fund.description or "").strip()
    errors: dict[str, str] = {}
    if not fund.name:
        errors["name"] = _("This field is required.")
    elif len(fund.name) > 160:
        errors["name"] = _("Keep it under %(limit)s characters.") % {"limit": 160}
    if len(fund.description) > 2000:
        errors["description"] = _("Keep it under %(limit)s characters.") % {"limit": 2000}
    if fund.name and Fund.objects.filter(name__iexact=fund.name).exclude(pk=fund.pk).exists():
        errors["name"] = _("There is already a fund with this name.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def fund_create(
    *, created_by: User, name: str, description: str = "", illustrative: bool = False
) -> Fund:
    fund = Fund(name=name, description=description, illustrative=illustrative)
    _fund_validate(fund)
    fund._history_user = created_by  # type: ignore[attr-defined]
    with unique_fields({"name": _("There is already a fund with this name.")}):
        fund.save()
    return fund


@transaction.atomic
def fund_update(*, fund: Fund, changed_by: User, version: str | None, **fields: Any) -> Fund:
    unknown = set(fields) - set(FUND_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    locked = Fund.objects.select_for_update().get(pk=fund.pk)
    check_version(locked, fields=FUND_FIELDS, expected=version)
    for name, value in fields.items():
        setattr(locked, name, value)
    _fund_validate(locked)
    locked._history_user = changed_by  # type: ignore[attr-defined]
    with unique_fields({"name": _("There is already a fund with this name.")}):
        locked.save()
    return locked


# ---------- Recipients ----------

RECIPIENT_TAKEN = gettext_lazy("There is already a recipient with this name and charity number.")


def _recipient_validate(recipient: Recipient) -> None:
    recipient.name = (recipient.name or "").strip()
    recipient.charity_number = (recipient.charity_number or "").strip()
    errors: dict[str, str] = {}
    if not recipient.name:
        errors["name"] = _("This field is required.")
    elif len(recipient.name) > 200:
        errors["name"] = _("Keep it under %(limit)s characters.") % {"limit": 200}
    if len(recipient.charity_number) > 40:
        errors["charity_number"] = _("Keep it under %(limit)s characters.") % {"limit": 40}
    taken = Recipient.objects.filter(
        name__iexact=recipient.name, charity_number=recipient.charity_number
    ).exclude(pk=recipient.pk)
    if recipient.name and "name" not in errors and taken.exists():
        errors["name"] = str(RECIPIENT_TAKEN)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def recipient_create(
    *, created_by: User, name: str, charity_number: str = "", country: Any = None
) -> Recipient:
    recipient = Recipient(name=name, charity_number=charity_number, country=country)
    _recipient_validate(recipient)
    recipient._history_user = created_by  # type: ignore[attr-defined]
    with unique_fields({"name": str(RECIPIENT_TAKEN)}):
        recipient.save()
    return recipient


@transaction.atomic
def recipient_update(
    *, recipient: Recipient, changed_by: User, version: str | None, **fields: Any
) -> Recipient:
    unknown = set(fields) - set(RECIPIENT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
    check_version(locked, fields=RECIPIENT_FIELDS, expected=version)
    for name, value in fields.items():
        setattr(locked, name, value)
    _recipient_validate(locked)
    locked._history_user = changed_by  # type: ignore[attr-defined]
    with unique_fields({"name": str(RECIPIENT_TAKEN)}):
        locked.save()
    return locked
