"""The benefits register's pages: what each country offers, grouped by country (a list, no
map), and adding, changing and ending a benefit. Impact admins and administrators keep it;
programme managers read it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, permission
from amplify.benefits import forms, services
from amplify.benefits.models import Benefit
from amplify.benefits.reports import by_country, current
from amplify.home.concurrency import version_of
from amplify.home.formerrors import add_service_errors

VIEW = "benefits.view_benefits"
MANAGE = "benefits.manage_benefits"


@permission(VIEW)
def benefit_list(request: AuthedRequest) -> HttpResponse:
    form = forms.BenefitFilterForm(request.GET or None)
    benefits = current(today=timezone.localdate())
    if form.is_valid():
        if form.cleaned_data["ended"]:
            benefits = Benefit.objects.all()
        if form.cleaned_data["kind"]:
            benefits = benefits.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["audience"]:
            benefits = benefits.filter(audience=form.cleaned_data["audience"])
    context = {
        "form": form,
        "countries": by_country(benefits),
        "can_manage": request.user.has_perm(MANAGE),
        "today": timezone.localdate(),
    }
    return render(request, "benefits/benefit_list.html", context)


@permission(MANAGE)
def benefit_add(request: AuthedRequest) -> HttpResponse:
    form = forms.BenefitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The benefit is added to the register."))
            return redirect("benefits:list")
    return render(request, "benefits/benefit_form.html", {"form": form})


@permission(MANAGE)
def benefit_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    benefit = get_object_or_404(Benefit, pk=pk)
    initial: dict[str, Any] = {name: getattr(benefit, name) for name in services.FIELDS}
    version = version_of(benefit, services.FIELDS)
    initial["version"] = version
    form = forms.BenefitEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sent = data.pop("version")
        try:
            services.benefit_update(benefit=benefit, changed_by=request.user, version=sent, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The benefit is saved."))
            return redirect("benefits:list")
    end_form = forms.EndForm(initial={"version": version, "ends_on": timezone.localdate()})
    context = {"form": form, "benefit": benefit, "end_form": end_form}
    return render(request, "benefits/benefit_form.html", context)


@require_POST
@permission(MANAGE)
def benefit_end(request: AuthedRequest, pk: int) -> HttpResponse:
    benefit = get_object_or_404(Benefit, pk=pk)
    form = forms.EndForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("benefits:edit", pk=benefit.pk)
    try:
        services.benefit_end(
            benefit=benefit,
            ended_by=request.user,
            ends_on=form.cleaned_data["ends_on"],
            version=form.cleaned_data["version"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("benefits:edit", pk=benefit.pk)
    messages.success(request, _("The benefit is ended."))
    return redirect("benefits:list")
