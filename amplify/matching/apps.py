from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "amplify.matching"
    label = "matching"
    verbose_name = "Matching and home groups"

    def ready(self) -> None:
        from amplify.matching.announcements import on_cohort_status_changed
        from amplify.programmes.signals import cohort_status_changed

        cohort_status_changed.connect(on_cohort_status_changed, dispatch_uid="matching-announce")
