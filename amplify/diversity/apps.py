from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiversityConfig(AppConfig):
    name = "amplify.diversity"
    label = "diversity"
    verbose_name = _("Diversity and socioeconomic data")
