"""A pair that ends stops meeting: its calendar series is cancelled for both people.

The mentoring app's closure sends `relationship_ended`; until it is wired, any save that
sets `Pairing.ended_on` (a withdrawal, the admin) cancels the series here. Both paths call
the one service, which does nothing the second time."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from amplify.programmes.models import Pairing


@receiver(post_save, sender=Pairing, dispatch_uid="meetings_pairing_ended")
def pairing_ended_cancel_series(sender: Any, instance: Pairing, **kwargs: Any) -> None:
    if instance.ended_on is None or kwargs.get("raw"):
        return
    from amplify.meetings.models import MeetingSlot
    from amplify.meetings.services import meeting_series_cancel

    if MeetingSlot.objects.live().filter(pairing=instance).exists():
        meeting_series_cancel(pairing=instance, reason="")


# MERGE: when amplify.mentoring lands, also connect
#   amplify.mentoring.signals.relationship_ended(sender, pairing, reason)
# to `meeting_series_cancel(pairing=pairing, reason=<the reason's label>)`.
