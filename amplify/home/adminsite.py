"""The admin site, with the product's optimistic concurrency on every change and delete page.

Two administrators editing the same record must not silently overwrite each other, as two
managers on the product's own pages do not (amplify.home.concurrency). The site itself adds
the mechanism to every ModelAdmin registered with it — the apps' own and those of installed
packages alike — so no admin can be forgotten:

- a change form carries the version token of the fields it edits, read when the page was
  shown; saving re-reads the record under a lock (the admin's view is one transaction) and
  refuses a stale token with the conflict message, keeping the author's input and giving the
  form the current token, so that saving again is a deliberate overwrite;
- a delete page carries the token of the record's editable fields; deleting a record changed
  since the page was shown is refused, and the page shows it again as it is now.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext

from amplify.home.concurrency import EditConflict, VersionField, check_version, version_of
from amplify.home.forms import GuardedTextMixin

# Not "version": the name must never shadow a model field of the same name.
ADMIN_VERSION_FIELD = "_version"


class AmplifyAdminConfig(AdminConfig):
    default_site = "amplify.home.adminsite.AmplifyAdminSite"


def _locked(model: type[models.Model], pk: Any) -> models.Model | None:
    """The record as it is now, locked until the admin's transaction ends (None if it was
    deleted meanwhile). The base manager: an admin's queryset may hide or annotate rows."""
    # Ordered by pk alone: a default ordering on a nullable relation (a benefit by its
    # country) would join it, and PostgreSQL refuses to lock an outer join.
    return model._base_manager.select_for_update(of=("self",)).filter(pk=pk).order_by("pk").first()


def _current(model: type[models.Model], pk: Any) -> models.Model | None:
    return model._base_manager.filter(pk=pk).first()


def versioned_fields(form_class: type[forms.ModelForm], model: type[models.Model]) -> list[str]:
    """The fields of the record a change form can overwrite: those it edits (a disabled or
    read-only field writes back what is there, and is left out)."""
    names = {f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many}
    return [
        name
        for name, field in form_class.base_fields.items()
        if name in names and not field.disabled
    ]


def record_fields(model: type[models.Model]) -> list[str]:
    """Everything a deletion discards that a person can edit: the delete page's version."""
    return [
        f.name
        for f in model._meta.get_fields()
        if (f.concrete or f.many_to_many)
        and getattr(f, "editable", False)
        and not getattr(f, "primary_key", False)
        and not f.auto_created
    ]


class VersionedAdminForm(GuardedTextMixin, forms.ModelForm):
    """Mixed into an admin change form: the version field, and the check when it is saved.
    Its text fields refuse control characters, as every project form's do."""

    version_fields: ClassVar[list[str]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The version of the record as stored: a revert form's instance is a past version.
        self.fields[ADMIN_VERSION_FIELD] = VersionField()
        stored = _current(self._meta.model, self.instance.pk)
        self.fields[ADMIN_VERSION_FIELD].initial = version_of(stored, self.version_fields)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        try:
            check_version(
                _locked(self._meta.model, self.instance.pk),
                fields=self.version_fields,
                expected=self.cleaned_data.get(ADMIN_VERSION_FIELD) or "",
            )
        except EditConflict as conflict:
            conflict.show_on(self, field=ADMIN_VERSION_FIELD)
        except ValidationError as stale:
            self.add_error(None, stale)
        return cleaned


class VersionedAdmin(admin.ModelAdmin):
    """What the site mixes into every ModelAdmin registered with it."""

    delete_confirmation_template = "admin/versioned_delete_confirmation.html"

    def _edits(self, request: HttpRequest, obj: Any, fields: Any) -> bool:
        """Whether the change page of `obj` lets this person edit any of these fields."""
        if obj is None or obj.pk is None or not self.has_change_permission(request, obj):
            return False
        readonly = set(self.get_readonly_fields(request, obj))
        return any(f not in readonly and f != ADMIN_VERSION_FIELD for f in fields or ())

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        # The token is no model field: the form factory must not be asked for it. (Without
        # `fields`, the parent would take them from the fieldsets, which name it.)
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            kwargs["fields"] = [f for f in kwargs["fields"] if f != ADMIN_VERSION_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        if kwargs["fields"] is None or not self._edits(request, obj, kwargs["fields"]):
            return form  # nothing on the page to overwrite anything with
        # What the form edits, or (if none of that is the record's) the record as a whole.
        fields = versioned_fields(form, self.model) or record_fields(self.model)
        return type(form.__name__, (VersionedAdminForm, form), {"version_fields": fields})

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        # The admin renders only the fields its fieldsets name: the hidden version goes in
        # the last one (hidden fields make no row of their own).
        shown = flatten_fieldsets(fieldsets)
        if fieldsets and ADMIN_VERSION_FIELD not in shown and self._edits(request, obj, shown):
            name, options = fieldsets[-1]
            fields = [*options.get("fields", ()), ADMIN_VERSION_FIELD]
            fieldsets[-1] = (name, {**options, "fields": fields})
        return fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A view-only page shows every field of its fieldsets read-only: not the token.
        return [f for f in super().get_readonly_fields(request, obj) if f != ADMIN_VERSION_FIELD]

    def history_form_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # simple_history's revert form saves outside a transaction: the check needs one.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, *args, **kwargs)  # type: ignore[misc]

    def render_delete_form(self, request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
        obj = context.get("object")
        context["amplify_version_field"] = ADMIN_VERSION_FIELD
        context["amplify_version"] = version_of(
            _current(self.model, getattr(obj, "pk", None)), record_fields(self.model)
        )
        return super().render_delete_form(request, context)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> Any:
        if request.method != "POST":
            return super().delete_view(request, object_id, extra_context)
        with transaction.atomic(using=router.db_for_write(self.model)):
            to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
            obj = self.get_object(request, unquote(object_id), to_field)
            # A record not found, or not this person's to delete, is the parent's to answer.
            if obj is not None and self.has_delete_permission(request, obj):
                stored = _locked(self.model, obj.pk)
                seen = request.POST.get(ADMIN_VERSION_FIELD, "")
                if seen != version_of(stored, record_fields(self.model)):
                    self.message_user(
                        request,
                        gettext(
                            "Someone else changed this record since you opened this page: "
                            "nothing was deleted. Check it below, then delete it again if "
                            "you still mean to."
                        ),
                        messages.ERROR,
                    )
                    return HttpResponseRedirect(request.get_full_path())
            return super().delete_view(request, object_id, extra_context)


def versioned(admin_class: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    if issubclass(admin_class, VersionedAdmin):
        return admin_class
    return type(
        admin_class.__name__,
        (VersionedAdmin, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )


class AmplifyAdminSite(admin.AdminSite):
    def register(
        self,
        model_or_iterable: Any,
        admin_class: type[admin.ModelAdmin] | None = None,
        **options: Any,
    ) -> None:
        super().register(model_or_iterable, versioned(admin_class or admin.ModelAdmin), **options)
