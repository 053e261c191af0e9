from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "amplify.matching"
    label = "matching"
    verbose_name = "Matching and home groups"
