"""The giving ledger's pages: its lines (filtered, paged), adding, editing and deleting a line,
funds and recipients, the roll-ups per fund and by group, and the import from CSV or XLSX.
Impact admins and administrators keep it; programme managers read the lines of their own
programmes (and the roll-ups of those lines)."""

from __future__ import annotations

import mimetypes
import os
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, permission
from amplify.giving import forms, importing, reports, services
from amplify.giving.models import Fund, Gift, Recipient
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors

PAGE_SIZE = 50
VIEW = "giving.view_ledger"
MANAGE = "giving.manage_ledger"


@permission(VIEW)
def gift_list(request: AuthedRequest) -> HttpResponse:
    visible = Gift.objects.for_user(request.user)
    form = forms.GiftFilterForm(request.GET or None)
    gifts = visible.select_related("fund", "recipient", "country", "programme", "pillar")
    if form.is_valid():
        gifts = gifts.matching(form.cleaned_data)
    page = Paginator(gifts.order_by("-given_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "can_manage": request.user.has_perm(MANAGE),
        "tab": "lines",
    }
    return render(request, "giving/gift_list.html", context)


def _initial(gift: Gift) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(gift, name) for name in services.GIFT_FIELDS}
    initial["version"] = version_of(gift, services.GIFT_FIELDS)
    return initial


@permission(MANAGE)
def gift_add(request: AuthedRequest) -> HttpResponse:
    form = forms.GiftAddForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.gift_create(recorded_by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The line is added to the ledger."))
            return redirect("giving:list")
    return render(request, "giving/gift_form.html", {"form": form})


@permission(MANAGE)
def gift_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    gift = get_object_or_404(Gift.objects.for_user(request.user), pk=pk)
    form = forms.GiftEditForm(request.POST or None, request.FILES or None, initial=_initial(gift))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        evidence_file = data.pop("evidence_file")
        try:
            services.gift_update(
                gift=gift,
                changed_by=request.user,
                version=version,
                evidence_file=evidence_file or None,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The line is saved."))
            return redirect("giving:list")
    context = {
        "form": form,
        "gift": gift,
        "delete_form": forms.DeleteForm(initial={"version": _initial(gift)["version"]}),
    }
    return render(request, "giving/gift_form.html", context)


@require_POST
@permission(MANAGE)
def gift_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    gift = get_object_or_404(Gift.objects.for_user(request.user), pk=pk)
    form = forms.DeleteForm(request.POST)
    form.is_valid()
    try:
        services.gift_delete(
            gift=gift, deleted_by=request.user, version=form.cleaned_data.get("version", "")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("giving:edit", pk=gift.pk)
    messages.success(request, _("The line is deleted."))
    return redirect("giving:list")


@permission(VIEW)
def gift_evidence(request: AuthedRequest, pk: int) -> HttpResponse:
    gift = get_object_or_404(Gift.objects.for_user(request.user), pk=pk)
    if not gift.evidence_file:
        raise Http404
    name = os.path.basename(gift.evidence_file.name or "")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    # Always a download: an uploaded file is never shown inline as if it were our page.
    response: Any = FileResponse(
        gift.evidence_file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    return response


@permission(VIEW)
def summary(request: AuthedRequest) -> HttpResponse:
    """The roll-ups per fund and by one group, of the lines the user may read."""
    form = forms.SummaryForm(request.GET or None)
    since, by = None, "input_type"
    if form.is_valid():
        since, by = form.cleaned_data["since"], form.cleaned_data["by"]
    user = None if request.user.has_perm(MANAGE) else request.user
    context = {
        "form": form,
        "tables": [
            reports.fund_table(since=since, user=user),
            reports.breakdown_table(by=by, since=since, user=user),
        ],
        "definitions": reports.definitions(),
        "tab": "summary",
    }
    return render(request, "giving/summary.html", context)


# ---------- Funds and recipients ----------


@permission(MANAGE)
def fund_list(request: AuthedRequest) -> HttpResponse:
    form = forms.FundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.fund_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The fund is added."))
            return redirect("giving:funds")
    context = {"form": form, "funds": Fund.objects.all(), "tab": "funds"}
    return render(request, "giving/fund_list.html", context)


@permission(MANAGE)
def fund_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    fund = get_object_or_404(Fund, pk=pk)
    initial: dict[str, Any] = {name: getattr(fund, name) for name in services.FUND_FIELDS}
    initial["version"] = version_of(fund, services.FUND_FIELDS)
    form = forms.FundEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.fund_update(fund=fund, changed_by=request.user, version=version, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The fund is saved."))
            return redirect("giving:funds")
    return render(request, "giving/edit_form.html", {"form": form, "title": fund.name})


@permission(MANAGE)
def recipient_list(request: AuthedRequest) -> HttpResponse:
    form = forms.RecipientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recipient_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The recipient organisation is added."))
            return redirect("giving:recipients")
    page = Paginator(Recipient.objects.select_related("country").order_by("name", "pk"), 100)
    context = {"form": form, "page": page.get_page(request.GET.get("page")), "tab": "recipients"}
    return render(request, "giving/recipient_list.html", context)


@permission(MANAGE)
def recipient_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    recipient = get_object_or_404(Recipient, pk=pk)
    initial: dict[str, Any] = {name: getattr(recipient, name) for name in services.RECIPIENT_FIELDS}
    initial["version"] = version_of(recipient, services.RECIPIENT_FIELDS)
    form = forms.RecipientEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.recipient_update(
                recipient=recipient, changed_by=request.user, version=version, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The recipient organisation is saved."))
            return redirect("giving:recipients")
    return render(request, "giving/edit_form.html", {"form": form, "title": recipient.name})


# ---------- Import ----------


@permission(MANAGE)
def gift_import(request: AuthedRequest) -> HttpResponse:
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(settings.AMPLIFY_IMPORT_MAX_BYTES + 1)
        try:
            result = importing.gifts_import(
                imported_by=request.user, filename=upload.name or "", content=content
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    context = {
        "form": form,
        "result": result,
        "errors": result.error_lines() if result else [],
        "warnings": result.warning_lines() if result else [],
        "columns": importing.COLUMNS,
        "required": importing.REQUIRED,
        "tab": "import",
    }
    return render(request, "giving/import.html", context)
