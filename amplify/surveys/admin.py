"""The surveys admin. Privacy: an invitation's draft (her unsent answers, tied to her) is
never shown; responses and answers are evidence, read-only, with no filter, search or
column that could join one to a person (a respondent is shown only where the wave was
attributed, which is what attributed means); whether someone answered is shown only for
attributed waves too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from amplify.home.history_admin import HistoryAdmin
from amplify.surveys.models import (
    Answer,
    Invitation,
    Item,
    Mode,
    Response,
    SurveySettings,
    Template,
    TemplateQuestion,
    TemplateWave,
    Wave,
    WaveQuestion,
)


class ReadOnly:
    """Nothing added or changed from the admin (deleting stays with the model's rules)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(HistoryAdmin):
    list_display = ["key", "kind", "text", "retired"]
    list_filter = ["kind", "retired"]
    search_fields = ["key", "text"]


@admin.register(SurveySettings)
class SurveySettingsAdmin(HistoryAdmin):
    list_display = ["programme", "reminder_days", "max_reminders", "follow_up_months"]
    autocomplete_fields = ["programme"]


class TemplateWaveInline(admin.TabularInline[TemplateWave, Template]):
    model = TemplateWave
    extra = 0
    fields = ["title", "phase", "mode", "anchor", "opens_after_days", "open_days"]
    show_change_link = True


@admin.register(Template)
class TemplateAdmin(HistoryAdmin):
    list_display = ["name", "programme", "created_at"]
    list_filter = ["programme"]
    search_fields = ["name"]
    inlines = [TemplateWaveInline]


class TemplateQuestionInline(admin.TabularInline[TemplateQuestion, TemplateWave]):
    model = TemplateQuestion
    extra = 0
    autocomplete_fields = ["item"]


@admin.register(TemplateWave)
class TemplateWaveAdmin(admin.ModelAdmin[TemplateWave]):
    list_display = ["title", "template", "phase", "mode", "anchor", "opens_after_days"]
    list_filter = ["phase", "mode"]
    search_fields = ["title", "template__name"]
    list_select_related = ["template"]
    inlines = [TemplateQuestionInline]


@admin.register(TemplateQuestion)
class TemplateQuestionAdmin(admin.ModelAdmin[TemplateQuestion]):
    list_display = ["__str__", "position", "required"]
    autocomplete_fields = ["item"]
    list_select_related = ["wave", "item"]


class WaveQuestionInline(admin.TabularInline[WaveQuestion, Wave]):
    model = WaveQuestion
    extra = 0
    autocomplete_fields = ["item"]


@admin.register(Wave)
class WaveAdmin(HistoryAdmin):
    list_display = ["title", "cohort", "phase", "mode", "opens_at", "closes_at", "launched_at"]
    list_filter = ["phase", "mode", "cohort__programme"]
    search_fields = ["title", "cohort__name"]
    autocomplete_fields = ["cohort"]
    list_select_related = ["cohort"]
    # Set by sending the invitations (amplify.surveys.services.wave_send), never typed.
    readonly_fields = ["launched_at", "template_wave", "created_by"]
    inlines = [WaveQuestionInline]


@admin.register(WaveQuestion)
class WaveQuestionAdmin(admin.ModelAdmin[WaveQuestion]):
    list_display = ["__str__", "position", "required"]
    autocomplete_fields = ["item"]
    list_select_related = ["wave__cohort", "item"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnly, admin.ModelAdmin[Invitation]):
    list_display = ["wave", "person", "role", "sent_at", "reminders_sent", "answered"]
    list_filter = ["role"]
    search_fields = ["wave__title"]
    list_select_related = ["wave__cohort", "person"]
    # Never the draft (her unsent answers) nor the link key (it would let one answer as her);
    # whether she answered only for attributed waves.
    fields = ["wave", "person", "role", "sent_at", "reminders_sent", "last_reminded_at"]

    @admin.display(description=_("answered"))
    def answered(self, obj: Invitation) -> str:
        if obj.wave.mode != Mode.ATTRIBUTED:
            return "—"
        return str(_("yes")) if obj.responded_on else str(_("no"))


class AnswerInline(admin.TabularInline[Answer, Response]):
    model = Answer
    extra = 0
    fields = ["item", "number", "choice"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(ReadOnly, admin.ModelAdmin[Response]):
    list_display = ["wave", "role", "submitted_on", "attributed_to"]
    list_filter = ["wave__mode"]
    list_select_related = ["wave__cohort", "respondent"]
    # No respondent, pseudonym, country or division to filter or search by: each could
    # single a person out. The respondent only where the wave was attributed.
    fields = ["wave", "role", "submitted_on", "attributed_to"]
    readonly_fields = ["wave", "role", "submitted_on", "attributed_to"]
    inlines = [AnswerInline]

    @admin.display(description=_("respondent"))
    def attributed_to(self, obj: Response) -> str:
        if obj.wave.mode != Mode.ATTRIBUTED or obj.respondent is None:
            return "—"
        return obj.respondent.display_name

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Answer)
class AnswerAdmin(ReadOnly, admin.ModelAdmin[Answer]):
    list_display = ["item", "number", "choice"]
    list_filter = ["item__kind"]
    list_select_related = ["item"]
    fields = ["item", "number", "choice"]  # never free text: it may name its author
    readonly_fields = ["item", "number", "choice"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
