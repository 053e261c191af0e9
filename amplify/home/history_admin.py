"""The admin's history pages in the product's words: who made a change (Amplify itself, an
account, or a deleted account) and what a foreign key held (nothing, or a deleted record),
instead of django-simple-history's "None" and "Deleted user (pk=None)"."""

from __future__ import annotations

from typing import Any

from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from amplify.home.audit import actor, deleted_label


class _Helper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change: Any, value: Any) -> Any:
        if isinstance(value, DeletedObject):
            # simple-history reports an empty foreign key as a deleted object with no pk.
            return "—" if value.pk is None else deleted_label(value.model)
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """The base of every admin with history; the template
    simple_history/object_history_list.html names the author with amplify.home.audit.actor."""

    object_history_list_template = "admin/amplify_history_list.html"

    def get_historical_record_context_helper(
        self, request: Any, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        return _Helper(self.model, historical_record)

    def set_history_delta_changes(
        self, request: Any, historical_records: Any, **kwargs: Any
    ) -> None:

        super().set_history_delta_changes(request, historical_records, **kwargs)
        for record in historical_records:
            record.amplify_actor = actor(record)
