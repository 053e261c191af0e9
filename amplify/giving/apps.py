from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GivingConfig(AppConfig):
    name = "amplify.giving"
    label = "giving"
    verbose_name = _("Giving ledger")
