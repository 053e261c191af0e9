from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amplify.events.activitygroups import DEFAULT_SIZE, MAX_SIZE, MIN_SIZE
from amplify.events.models import Event, EventSession
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
    speaker_name = forms.CharField(
        max_length=160,
        required=False,
        label=_("Speaker"),
        help_text=_("For an external speaker's talk: who speaks."),
    )
    speaker_bio = forms.CharField(
        required=False, widget=forms.Textarea, label=_("About the speaker")
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
                "speaker_name",
                "speaker_bio",
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


def _in_zone(data: dict[str, Any], zone_name: str) -> dict[str, Any]:
    zone = zoneinfo.ZoneInfo(zone_name)
    for key in ("starts_at", "ends_at"):
        value: datetime | None = data.get(key)
        if value is not None:
            data[key] = value.replace(tzinfo=None).replace(tzinfo=zone)
    return data


class SessionForm(Form):
    """A session of a global week; times as the clock reads where the week happens."""

    title = forms.CharField(max_length=160, label=_("Title"))
    activity = forms.ChoiceField(choices=EventSession.Activity.choices, label=_("Activity"))
    starts_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        label=_("Starts"),
    )
    ends_at = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        label=_("Ends"),
    )
    place = forms.CharField(max_length=200, label=_("Place"))
    host = forms.CharField(
        max_length=160,
        required=False,
        label=_("Host"),
        help_text=_("Who leads it: a charity, a guide, a company of actors, a speaker."),
    )
    description = forms.CharField(required=False, widget=forms.Textarea, label=_("Description"))
    capacity = forms.IntegerField(
        min_value=1, required=False, help_text=_("Leave empty for no limit."), label=_("Capacity")
    )
    version = VersionField()

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        self.event = event
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(session: EventSession) -> dict[str, Any]:
        zone = zoneinfo.ZoneInfo(session.event.time_zone)
        data = {
            f: getattr(session, f)
            for f in ("title", "activity", "place", "host", "description", "capacity")
        }
        data["starts_at"] = timezone.localtime(session.starts_at, zone).replace(tzinfo=None)
        data["ends_at"] = timezone.localtime(session.ends_at, zone).replace(tzinfo=None)
        return data

    def clean(self) -> dict[str, Any]:
        return _in_zone(super().clean() or {}, self.event.time_zone)


class GroupsForm(Form):
    size = forms.IntegerField(
        min_value=MIN_SIZE,
        max_value=MAX_SIZE,
        initial=DEFAULT_SIZE,
        label=_("People per group"),
        help_text=_("About this many; the groups differ by one at most."),
    )


class GroupRenameForm(Form):
    name = forms.CharField(max_length=80, label=_("Name"))
