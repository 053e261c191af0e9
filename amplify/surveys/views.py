"""The builder's pages: the item bank, a programme's survey settings and templates, a
cohort's Surveys tab, and a wave's page (its questions, sending, closing). Every write calls
the service the API calls."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, permission, require, signed_in
from amplify.home.formerrors import add_service_errors
from amplify.programmes.models import Programme
from amplify.programmes.views import cohort_tabs_context, visible_cohort
from amplify.surveys import schedule, services
from amplify.surveys.forms import (
    ApplyForm,
    ApplyToCohortForm,
    ItemFilterForm,
    ItemForm,
    QuestionAddForm,
    SettingsForm,
    TemplateForm,
    TemplateWaveForm,
    WaveForm,
    choices_to_lines,
)
from amplify.surveys.models import Item, Template, TemplateWave, Wave

PAGE_SIZE = 200


def _errors(request: AuthedRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# ---------- The item bank ----------


@permission("surveys.view_items")
def item_list(request: AuthedRequest) -> HttpResponse:
    form = ItemFilterForm(request.GET or None)
    items = Item.objects.all()
    if form.is_valid():
        if form.cleaned_data["kind"]:
            items = items.filter(kind=form.cleaned_data["kind"])
        if q := form.cleaned_data["q"]:
            items = items.filter(Q(key__icontains=q) | Q(text__icontains=q))
        if not form.cleaned_data["retired"]:
            items = items.filter(retired=False)
    else:
        items = items.filter(retired=False)
    context = {
        "form": form,
        "items": items[:PAGE_SIZE],
        "may_edit": request.user.has_perm("surveys.edit_items"),
    }
    return render(request, "surveys/manage/items.html", context)


def _item_form_page(
    request: AuthedRequest, form: ItemForm, item: Item | None, status: int = 200
) -> HttpResponse:
    return render(
        request, "surveys/manage/item_form.html", {"form": form, "item": item}, status=status
    )


@permission("surveys.edit_items")
def item_create(request: AuthedRequest) -> HttpResponse:
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_create(by=request.user, **form.values())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item is in the bank."))
            return redirect("surveys:items")
    return _item_form_page(request, form, None, 400 if form.errors else 200)


@permission("surveys.edit_items")
def item_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item, pk=pk)
    answered = services.item_answered(item)
    initial = {
        "key": item.key,
        "kind": item.kind,
        "text": item.text,
        "help_text": item.help_text,
        "choices_text": choices_to_lines(item.choices),
        "number_min": item.number_min,
        "number_max": item.number_max,
    }
    form = ItemForm(request.POST or None, initial=initial, answered=answered)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=item, by=request.user, **form.values())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("surveys:items")
    return _item_form_page(request, form, item, 400 if form.errors else 200)


@require_POST
@permission("surveys.edit_items")
def item_retire(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item, pk=pk)
    retired = request.POST.get("retired", "1") != "0"
    services.item_retire(item=item, by=request.user, retired=retired)
    messages.success(
        request, _("The item is retired.") if retired else _("The item is offered again.")
    )
    return redirect("surveys:items")


# ---------- A programme's settings and templates ----------


def _programme(request: AuthedRequest, slug: str) -> Programme:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "surveys.view_programme_surveys", programme)
    return programme


def _settings_initial(programme: Programme) -> dict[str, Any]:
    settings = schedule.settings_for(programme)
    return {
        "reminder_days": ", ".join(str(d) for d in settings.reminder_days),
        "remind_before_close": settings.remind_before_close,
        "max_reminders": settings.max_reminders,
        "follow_up_months": settings.follow_up_months,
    }


def _programme_page(
    request: AuthedRequest,
    programme: Programme,
    settings_form: SettingsForm | None = None,
    template_form: TemplateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "programme": programme,
        "may_manage": request.user.has_perm("surveys.manage_programme_surveys", programme),
        "settings_form": settings_form or SettingsForm(initial=_settings_initial(programme)),
        "template_form": template_form or TemplateForm(),
        "templates": Template.objects.filter(programme=programme),
    }
    return render(request, "surveys/manage/programme.html", context, status=status)


@signed_in
def programme_surveys(request: AuthedRequest, slug: str) -> HttpResponse:
    return _programme_page(request, _programme(request, slug))


@require_POST
@signed_in
def settings_save(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    require(request.user, "surveys.manage_programme_surveys", programme)
    form = SettingsForm(request.POST)
    if form.is_valid():
        try:
            services.survey_settings_save(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("surveys:programme", slug=programme.slug)
    return _programme_page(request, programme, settings_form=form, status=400)


@require_POST
@signed_in
def template_create(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    require(request.user, "surveys.manage_programme_surveys", programme)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            template = services.template_create(
                programme=programme, by=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("surveys:template", pk=template.pk)
    return _programme_page(request, programme, template_form=form, status=400)


def _template(request: AuthedRequest, pk: int) -> Template:
    template = get_object_or_404(
        Template.objects.select_related("programme").filter(
            programme__in=Programme.objects.for_user(request.user)
        ),
        pk=pk,
    )
    require(request.user, "surveys.view_programme_surveys", template.programme)
    return template


def _template_page(
    request: AuthedRequest,
    template: Template,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = forms or {}
    waves = list(template.waves.prefetch_related("questions__item"))
    context = {
        "template": template,
        "programme": template.programme,
        "may_manage": request.user.has_perm("surveys.manage_template", template),
        "waves": waves,
        "rename_form": forms.get("rename") or TemplateForm(initial={"name": template.name}),
        "apply_form": forms.get("apply") or ApplyToCohortForm(template=template, user=request.user),
        "settings": schedule.settings_for(template.programme),
        "bank": Item.objects.filter(retired=False),
        "change_name": "surveys:template-question",
    }
    return render(request, "surveys/manage/template.html", context, status=status)


@signed_in
def template_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _template_page(request, _template(request, pk))


@require_POST
@signed_in
def template_rename(request: AuthedRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    require(request.user, "surveys.manage_template", template)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            services.template_rename(template=template, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("surveys:template", pk=template.pk)
    return _template_page(request, template, {"rename": form}, status=400)


@signed_in
def template_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    require(request.user, "surveys.manage_template", template)
    if request.method == "POST":
        slug = template.programme.slug
        services.template_delete(template=template, by=request.user)
        messages.success(request, _("The template is deleted."))
        return redirect("surveys:programme", slug=slug)
    context = {"template": template, "programme": template.programme}
    return render(request, "surveys/manage/template_delete.html", context)


@require_POST
@signed_in
def template_apply(request: AuthedRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    require(request.user, "surveys.manage_template", template)
    form = ApplyToCohortForm(request.POST, template=template, user=request.user)
    if form.is_valid():
        cohort = form.cleaned_data["cohort"]
        return _apply(request, template, cohort)
    return _template_page(request, template, {"apply": form}, status=400)


def _apply(request: AuthedRequest, template: Template, cohort: Any) -> HttpResponse:
    try:
        made = services.template_apply(template=template, cohort=cohort, by=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if made:
            messages.success(
                request,
                _("%(n)s waves added to the cohort, as drafts: check them, then send each.")
                % {"n": len(made)},
            )
        else:
            messages.info(request, _("The cohort already has every wave of this template."))
    return redirect("surveys:cohort", pk=cohort.pk)


def _template_wave(request: AuthedRequest, pk: int) -> TemplateWave:
    wave = get_object_or_404(
        TemplateWave.objects.select_related("template__programme").filter(
            template__programme__in=Programme.objects.for_user(request.user)
        ),
        pk=pk,
    )
    require(request.user, "surveys.manage_template", wave.template)
    return wave


def _template_wave_form_page(
    request: AuthedRequest, template: Template, form: TemplateWaveForm, wave: TemplateWave | None
) -> HttpResponse:
    context = {"template": template, "programme": template.programme, "form": form, "wave": wave}
    return render(
        request,
        "surveys/manage/template_wave_form.html",
        context,
        status=400 if form.errors else 200,
    )


@signed_in
def template_wave_new(request: AuthedRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    require(request.user, "surveys.manage_template", template)
    initial = {"opens_after_days": 0, "open_days": 14, "anchor": "start"}
    form = TemplateWaveForm(request.POST or None, programme=template.programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_wave_create(template=template, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("surveys:template", pk=template.pk)
    return _template_wave_form_page(request, template, form, None)


@signed_in
def template_wave_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    wave = _template_wave(request, pk)
    initial = {name: getattr(wave, name) for name in services.TEMPLATE_WAVE_FIELDS}
    form = TemplateWaveForm(
        request.POST or None, programme=wave.template.programme, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.template_wave_update(wave=wave, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("surveys:template", pk=wave.template_id)
    return _template_wave_form_page(request, wave.template, form, wave)


@require_POST
@signed_in
def template_wave_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    wave = _template_wave(request, pk)
    services.template_wave_delete(wave=wave, by=request.user)
    messages.success(request, _("The wave is removed from the template."))
    return redirect("surveys:template", pk=wave.template_id)


# ---------- Questions (a template wave's or a wave's) ----------


def _question_add(request: AuthedRequest, wave: TemplateWave | Wave) -> None:
    form = QuestionAddForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return
    try:
        services.question_add(wave=wave, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)


def _question_change(request: AuthedRequest, wave: TemplateWave | Wave, item_pk: int) -> None:
    item = get_object_or_404(Item, pk=item_pk)
    action = request.POST.get("action", "")
    try:
        if action == "remove":
            services.question_remove(wave=wave, item=item, by=request.user)
        elif action in ("up", "down"):
            services.question_move(wave=wave, item=item, by=request.user, up=action == "up")
        elif action in ("required", "optional"):
            services.question_set_required(
                wave=wave, item=item, by=request.user, required=action == "required"
            )
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as exc:
        _errors(request, exc)


@require_POST
@signed_in
def template_question_add(request: AuthedRequest, pk: int) -> HttpResponse:
    wave = _template_wave(request, pk)
    _question_add(request, wave)
    return redirect("surveys:template", pk=wave.template_id)


@require_POST
@signed_in
def template_question_change(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    wave = _template_wave(request, pk)
    _question_change(request, wave, item_pk)
    return redirect("surveys:template", pk=wave.template_id)


# ---------- A cohort's Surveys tab ----------


@signed_in
def cohort_surveys(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "surveys.view_cohort_surveys", cohort)
    waves = Wave.objects.filter(cohort=cohort)
    context = cohort_tabs_context(request, cohort, "surveys")
    context.update(
        rates=services.response_rates(waves),
        may_manage=request.user.has_perm("surveys.manage_cohort_surveys", cohort),
        apply_form=ApplyForm(cohort=cohort),
    )
    return render(request, "surveys/manage/cohort.html", context)


@require_POST
@signed_in
def cohort_apply(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "surveys.manage_cohort_surveys", cohort)
    form = ApplyForm(request.POST, cohort=cohort)
    if not form.is_valid():
        messages.error(request, _("Choose one of the programme's templates."))
        return redirect("surveys:cohort", pk=cohort.pk)
    return _apply(request, form.cleaned_data["template"], cohort)


def _wave_form_page(
    request: AuthedRequest, cohort: Any, form: WaveForm, wave: Wave | None
) -> HttpResponse:
    context = cohort_tabs_context(request, cohort, "surveys")
    context.update(form=form, wave=wave, modes=services.MODE_EXPLAINED)
    return render(
        request, "surveys/manage/wave_form.html", context, status=400 if form.errors else 200
    )


@signed_in
def wave_new(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = visible_cohort(request, pk)
    require(request.user, "surveys.manage_cohort_surveys", cohort)
    form = WaveForm(request.POST or None, programme=cohort.programme)
    if request.method == "POST" and form.is_valid():
        try:
            wave = services.wave_create(cohort=cohort, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("surveys:wave", pk=wave.pk)
    return _wave_form_page(request, cohort, form, None)


def _wave(request: AuthedRequest, pk: int, perm: str = "surveys.view_cohort_surveys") -> Wave:
    wave = get_object_or_404(
        Wave.objects.for_user(request.user).select_related("cohort__programme"), pk=pk
    )
    require(request.user, perm, wave.cohort)
    return wave


@signed_in
def wave_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    wave = _wave(request, pk)
    questions = list(wave.questions.select_related("item"))
    may_manage = request.user.has_perm("surveys.manage_cohort_surveys", wave.cohort)
    editable = may_manage and wave.launched_at is None
    context = cohort_tabs_context(request, wave.cohort, "surveys")
    context.update(
        wave=wave,
        rate=services.response_rates([wave], with_names=True)[0],
        questions=questions,
        may_manage=may_manage,
        editable=editable,
        add_form=QuestionAddForm(asked=[q.item_id for q in questions]) if editable else None,
        mode_explained=services.MODE_EXPLAINED[wave.mode],  # type: ignore[index]
        change_name="surveys:wave-question",
        add_name="surveys:wave-question-add",
    )
    return render(request, "surveys/manage/wave.html", context)


@signed_in
def wave_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    wave = _wave(request, pk, "surveys.manage_cohort_surveys")
    if wave.launched_at is not None:
        messages.info(
            request, _("The invitations of this wave have been sent: it can no longer be changed.")
        )
        return redirect("surveys:wave", pk=wave.pk)
    initial = {name: getattr(wave, name) for name in services.WAVE_FIELDS}
    form = WaveForm(request.POST or None, programme=wave.cohort.programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.wave_update(wave=wave, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("surveys:wave", pk=wave.pk)
    return _wave_form_page(request, wave.cohort, form, wave)


@require_POST
@signed_in
def wave_question_add(request: AuthedRequest, pk: int) -> HttpResponse:
    wave = _wave(request, pk, "surveys.manage_cohort_surveys")
    _question_add(request, wave)
    return redirect("surveys:wave", pk=wave.pk)


@require_POST
@signed_in
def wave_question_change(request: AuthedRequest, pk: int, item_pk: int) -> HttpResponse:
    wave = _wave(request, pk, "surveys.manage_cohort_surveys")
    _question_change(request, wave, item_pk)
    return redirect("surveys:wave", pk=wave.pk)


def _confirm(request: AuthedRequest, wave: Wave, action: str) -> HttpResponse:
    context = cohort_tabs_context(request, wave.cohort, "surveys")
    context.update(
        wave=wave,
        action=action,
        mode_explained=services.MODE_EXPLAINED[wave.mode],  # type: ignore[index]
        questions=wave.questions.count(),
    )
    return render(request, "surveys/manage/wave_confirm.html", context)


@signed_in
def wave_send(request: AuthedRequest, pk: int) -> HttpResponse:
    """A confirmation page, then the invitations (they cannot be taken back)."""
    wave = _wave(request, pk, "surveys.manage_cohort_surveys")
    if request.method != "POST":
        return _confirm(request, wave, "send")
    try:
        invited = services.wave_send(wave=wave, by=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Invitations sent: %(n)s people invited.") % {"n": invited})
    return redirect("surveys:wave", pk=wave.pk)


@signed_in
def wave_close(request: AuthedRequest, pk: int) -> HttpResponse:
    wave = _wave(request, pk, "surveys.manage_cohort_surveys")
    if request.method != "POST":
        return _confirm(request, wave, "close")
    try:
        services.wave_close(wave=wave, by=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The wave is closed: no more answers are taken."))
    return redirect("surveys:wave", pk=wave.pk)


@signed_in
def wave_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    wave = _wave(request, pk, "surveys.manage_cohort_surveys")
    if request.method != "POST":
        return _confirm(request, wave, "delete")
    try:
        services.wave_delete(wave=wave, by=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("surveys:wave", pk=wave.pk)
    messages.success(request, _("The wave is deleted."))
    return redirect("surveys:cohort", pk=wave.cohort_id)
