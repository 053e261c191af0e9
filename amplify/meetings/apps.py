from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "amplify.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from amplify.meetings import receivers  # noqa: F401
