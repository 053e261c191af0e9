from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from amplify.people.models import Country, Division, Language, Partner, PeopleImport, Person, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "website", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "employee_id", "country", "division", "job_title"]
    list_filter = ["country__region", "division"]
    search_fields = ["name", "preferred_name", "email", "employee_id"]
    autocomplete_fields = ["manager", "user", "country", "division", "partner", "referred_by"]
    readonly_fields = ["created_at", "updated_at"]
    list_select_related = ["country", "division"]


@admin.register(PeopleImport)
class PeopleImportAdmin(admin.ModelAdmin):
    list_display = [
        "filename",
        "uploaded_by",
        "created_at",
        "status",
        "create_count",
        "update_count",
        "error_count",
    ]
    list_filter = ["status"]
    exclude = ["content"]
    readonly_fields = [f.name for f in PeopleImport._meta.fields if f.name != "content"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
