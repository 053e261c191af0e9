from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "amplify.home"
    label = "home"
    verbose_name = _("Home")

    def ready(self) -> None:
        from amplify.home import checks  # noqa: F401 - registers the deployment checks
        from amplify.home.control_characters import guard_model_fields

        guard_model_fields()
