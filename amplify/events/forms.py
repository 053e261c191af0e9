from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amplify.events.models import Event
from amplify.home.concurrency import VersionField
from amplify.home.forms import Form
from amplify.home.links import WebLinkFormField
from amplify.people.forms import time_zone_choices


class EventForm(Form):
    """Times are entered as the clock reads where the event happens (its time zone)."""

    kind = forms.ChoiceField(choices=Event.Kind.choices, label=_("Kind"))
    title = forms.CharField(max_length=160, label=_("Title"))
    description = forms.CharField(required=False, widget=forms.Textarea, label=_("Description"))
    starts_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        label=_("Starts"),
    )
    ends_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        label=_("Ends"),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"))
    format = forms.ChoiceField(
        choices=Event.Format.choices, widget=forms.RadioSelect, label=_("Format")
    )
    # Empty: who the kind of event is for (Event.default_audience); a choice overrides it.
    audience = forms.ChoiceField(
        label=_("Who is invited"),
        choices=[("", _("As its kind says")), *Event.Audience.choices],
        help_text=_("The event page then says whom it invites."),
        required=False,
    )
    venue = forms.CharField(max_length=200, required=False, label=_("Venue"))
    online_url = WebLinkFormField(required=False, label=_("Online link"))
    capacity = forms.IntegerField(
        min_value=1, required=False, help_text=_("Leave empty for no limit."), label=_("Capacity")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = time_zone_choices()[1:]

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        zone = zoneinfo.ZoneInfo(event.time_zone)
        data = {
            f: getattr(event, f)
            for f in (
                "kind",
                "title",
                "description",
                "time_zone",
                "format",
                "venue",
                "online_url",
                "capacity",
            )
        }
        # Shown as "as the kind says" while it does, so that a change of kind carries it.
        default = Event.default_audience(kind=event.kind, cohort=event.cohort)
        data["audience"] = "" if event.audience == default else event.audience
        data["starts_at"] = timezone.localtime(event.starts_at, zone).replace(tzinfo=None)
        data["ends_at"] = timezone.localtime(event.ends_at, zone).replace(tzinfo=None)
        return data

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone_name = data.get("time_zone") or "UTC"
        zone = zoneinfo.ZoneInfo(zone_name)
        for key in ("starts_at", "ends_at"):
            value: datetime | None = data.get(key)
            if value is not None:
                # The browser sends a wall-clock time; it means that time in the event's zone.
                data[key] = value.replace(tzinfo=None).replace(tzinfo=zone)
        return data


class EventEditForm(EventForm):
    """The same form, carrying the version of the event it was shown with."""

    version = VersionField()
