from django.contrib import admin

from amplify.giving.models import Fund, Gift, Recipient
from amplify.home.history_admin import HistoryAdmin


@admin.register(Fund)
class FundAdmin(HistoryAdmin):
    list_display = ["name", "illustrative"]
    list_filter = ["illustrative"]
    search_fields = ["name"]


@admin.register(Recipient)
class RecipientAdmin(HistoryAdmin):
    list_display = ["name", "charity_number", "country"]
    search_fields = ["name", "charity_number"]
    autocomplete_fields = ["country"]
    list_select_related = ["country"]


@admin.register(Gift)
class GiftAdmin(HistoryAdmin):
    list_display = ["given_on", "fund", "recipient", "amount", "currency", "status", "input_type"]
    list_filter = ["status", "input_type", "fund", "currency"]
    search_fields = ["recipient__name", "recipient__charity_number", "cause", "fund__name"]
    autocomplete_fields = ["fund", "recipient", "country", "programme", "approved_by"]
    list_select_related = ["fund", "recipient"]
    date_hierarchy = "given_on"
    # Who recorded a line and from which request are facts of its recording, not typed.
    readonly_fields = ["recorded_by", "recorded_at", "request_key"]
