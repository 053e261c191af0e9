"""The erasure log in the admin (read-only), and "Erase the selected people" on the person
list. The action replaces the people app's person admin with a subclass, so that the people
app need not know about this one."""

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from amplify.people.admin import PersonAdmin
from amplify.people.models import Person
from amplify.privacy import services
from amplify.privacy.models import Erasure
from amplify.privacy.rules import may_erase


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    list_display = ["short_reference", "status", "requested_by_person", "requested_at"]
    list_display += ["erased_at", "erased_by"]
    list_filter = ["status", "requested_by_person"]
    readonly_fields = [f.name for f in Erasure._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ErasablePersonAdmin(PersonAdmin):
    actions = ["erase"]

    @admin.action(description="Erase the selected people (anonymise everywhere; cannot be undone)")
    def erase(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        user: Any = request.user
        refused = [p for p in queryset if not may_erase(user, p)]
        if refused:
            self.message_user(
                request,
                "Nothing was erased: only administrators and impact admins may erase people, "
                "and never their own record.",
                level=messages.ERROR,
            )
            return
        with transaction.atomic():  # all of them, or none
            references = [
                services.person_erase(person=p, erased_by=user).short_reference for p in queryset
            ]
        self.message_user(request, f"{len(references)} erased: {', '.join(references)}.")


admin.site.unregister(Person)
admin.site.register(Person, ErasablePersonAdmin)
