from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentbookConfig(AppConfig):
    name = "amplify.talentbook"
    label = "talentbook"
    verbose_name = _("Talent book")
