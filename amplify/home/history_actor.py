"""Who made a recorded change, kept in the history record itself.

django-simple-history points a record at its author with a foreign key that is emptied when
the account is deleted, which would make a deleted author's changes read as Amplify's own.
Every model with history therefore records through `HistoricalRecords(bases=[HistoryActor])`,
and the author's name and email at the time are written beside the key as the record is made
(`record_actor`, connected to `pre_create_historical_record`).
`amplify.home.audit.actor` reads both.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record

# A person's name (200) and an email address (254), with the brackets around the email.
ACTOR_MAX_LENGTH = 500
_CACHE = "_amplify_history_actor"


class HistoryActor(models.Model):
    """The base of every historical model: the author as she was named when she made it."""

    history_actor = models.CharField(
        _("changed by (as recorded)"),
        max_length=ACTOR_MAX_LENGTH,
        blank=True,
        default="",
        # The HR importer writes its history rows with its own SQL.
        db_default="",
        help_text=_("The author's name and email when the change was made; empty for Amplify."),
    )

    class Meta:
        abstract = True


def actor_label(user: Any) -> str:
    """`Harriet Staff (harriet@sony.example)`, or the email alone for an account without a
    person record; empty for no account (Amplify itself)."""
    if user is None or not getattr(user, "pk", None):
        return ""
    cached = user.__dict__.get(_CACHE)
    if cached is None:
        # Read without the `user.person` accessor, whose cache other code may rely on.
        person_model = user._meta.get_field("person").related_model
        name = (
            person_model._default_manager.filter(user_id=user.pk)
            .values_list("name", flat=True)
            .first()
        )
        cached = f"{name} ({user.email})" if name else str(user.email)
        cached = cached[:ACTOR_MAX_LENGTH]
        user.__dict__[_CACHE] = cached
    return str(cached)


@receiver(pre_create_historical_record)
def record_actor(sender: Any, history_instance: Any, history_user: Any, **kwargs: Any) -> None:
    if hasattr(history_instance, "history_actor"):
        history_instance.history_actor = actor_label(history_user)
