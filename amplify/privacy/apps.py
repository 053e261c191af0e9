from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "amplify.privacy"
    label = "privacy"
    verbose_name = "Your data: subject access and erasure"
