from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "amplify.programmes"
    label = "programmes"
    verbose_name = "Programmes and cohorts"
