from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "amplify.matching"
    label = "matching"
    verbose_name = _("Matching and home groups")

    def ready(self) -> None:
        from amplify.matching.announcements import on_cohort_status_changed
        from amplify.programmes.signals import cohort_status_changed

        cohort_status_changed.connect(on_cohort_status_changed, dispatch_uid="matching-announce")
