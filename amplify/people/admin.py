from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, quote
from django.core.exceptions import FieldDoesNotExist
from django.db import models, router
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from amplify.home.history_admin import HistoryAdmin
from amplify.people.models import Country, Division, Language, Partner, PeopleImport, Person, Region

# Apps holding special-category data (named, not imported: only the diversity app and
# matching may import it). Who has a record there is itself special-category data, so no
# admin page may let anyone but an impact admin infer it: not a list filter, not a related
# object or count on a delete page.
SPECIAL_CATEGORY_APPS = frozenset({"diversity"})


def sees_special_category(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_impact_admin", False))


def _is_special(model: type[models.Model] | None) -> bool:
    return model is not None and model._meta.app_label in SPECIAL_CATEGORY_APPS


def reaches_special_category(model: type[models.Model], lookup: str) -> bool:
    """Whether a changelist lookup such as `diversity_profile__isnull` goes through a
    special-category model."""
    for part in lookup.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        related = field.related_model if field.is_relation else None
        if related is None or related == "self":
            return False
        if _is_special(related):
            return True
        model = related
    return False


class _CollectorWithoutSpecialCategory(NestedObjects):
    """The delete page's collector, blind to special-category rows. The delete itself still
    cascades to them (and their history goes too): only the page stops naming them."""

    def collect(  # type: ignore[override]
        self, objs: Any, source: Any = None, source_attr: Any = None, **kwargs: Any
    ) -> None:
        model = getattr(objs, "model", None) or (type(objs[0]) if len(objs) else None)
        if _is_special(model):
            return
        super().collect(objs, source=source, source_attr=source_attr, **kwargs)


class HidesSpecialCategory(admin.ModelAdmin):
    """For the admin of a model that special-category records point at (a person): lookups
    through them are refused and its delete pages do not name them, except for impact
    admins."""

    def lookup_allowed(self, lookup: str, value: str, request: Any = None) -> bool:
        if reaches_special_category(self.model, lookup) and (
            request is None or not sees_special_category(request)
        ):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        if sees_special_category(request):
            return super().get_deleted_objects(objs, request)
        # django.contrib.admin.utils.get_deleted_objects, with the collector above.
        objs = list(objs)
        if not objs:
            return [], {}, set(), []
        collector = _CollectorWithoutSpecialCategory(
            using=router.db_for_write(self.model), origin=objs
        )
        collector.collect(objs)
        perms_needed: set[str] = set()
        site = self.admin_site

        def format_callback(obj: models.Model) -> str:
            opts = obj._meta
            no_edit_link = f"{capfirst(opts.verbose_name)}: {obj}"
            if not site.is_registered(type(obj)):
                return no_edit_link
            if not site.get_model_admin(type(obj)).has_delete_permission(request, obj):
                perms_needed.add(str(opts.verbose_name))
            try:
                url = reverse(
                    f"{site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]
                )
            except NoReverseMatch:
                return no_edit_link
            return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

        to_delete = collector.nested(format_callback)
        protected = [format_callback(obj) for obj in collector.protected]
        # Keyed by model class (django-stubs says str).
        found_by_model: dict[Any, set[models.Model]] = dict(collector.model_objs)
        model_count = {
            found_model._meta.verbose_name_plural: len(found)
            for found_model, found in found_by_model.items()
        }
        return to_delete, model_count, perms_needed, protected


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
class PersonAdmin(HidesSpecialCategory, HistoryAdmin):
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
