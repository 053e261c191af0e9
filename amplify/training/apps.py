from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "amplify.training"
    label = "training"
    verbose_name = _("Mentor training and screening")
