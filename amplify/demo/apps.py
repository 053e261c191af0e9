from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "amplify.demo"
    label = "demo"
    verbose_name = "Demo organisation"
