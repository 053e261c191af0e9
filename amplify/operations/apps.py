from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "amplify.operations"
    label = "operations"
    verbose_name = _("Operations: background jobs, periodic work and retention")

    def ready(self) -> None:
        # Each app declares its background jobs and periodic work in its own `periodic.py`;
        # loading them here means the worker, the periodic command and a web request all see
        # the same registry.
        from amplify.operations import heartbeat, retention  # noqa: F401 -- their own jobs

        autodiscover_modules("periodic")
