from django.contrib import admin

from amplify.benefits.models import Benefit
from amplify.home.history_admin import HistoryAdmin


@admin.register(Benefit)
class BenefitAdmin(HistoryAdmin):
    list_display = ["title", "country", "kind", "audience", "starts_on", "ends_on"]
    list_filter = ["kind", "audience", "enhanced"]
    search_fields = ["title", "description", "country__name"]
    autocomplete_fields = ["country"]
    list_select_related = ["country"]
