"""A pair that ends stops meeting: its calendar series is cancelled for both people.

The mentoring app's closure sends `relationship_ended`, and any save that sets
`Pairing.ended_on` (a withdrawal, the admin) cancels the series too. Both paths call the one
service, which does nothing the second time."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from amplify.mentoring.signals import relationship_ended
from amplify.programmes.models import Pairing


@receiver(post_save, sender=Pairing, dispatch_uid="meetings_pairing_ended")
def pairing_ended_cancel_series(sender: Any, instance: Pairing, **kwargs: Any) -> None:
    if instance.ended_on is None or kwargs.get("raw"):
        return
    from amplify.meetings.models import MeetingSlot
    from amplify.meetings.services import meeting_series_cancel

    if MeetingSlot.objects.live().filter(pairing=instance).exists():
        meeting_series_cancel(pairing=instance, reason="")


@receiver(relationship_ended, dispatch_uid="meetings_relationship_ended")
def relationship_ended_cancel_series(sender: Any, pairing: Pairing, **kwargs: Any) -> None:
    # Closing saves `ended_on` first, so the receiver above has usually cancelled already and
    # this call does nothing; it covers a pair whose end was recorded before its closure.
    # The closure's reason stays with the programme team: the cancellation does not say it.
    from amplify.meetings.services import meeting_series_cancel

    meeting_series_cancel(pairing=pairing)
