from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "amplify.home"
    label = "home"
    verbose_name = "Home"
