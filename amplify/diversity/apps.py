from django.apps import AppConfig


class DiversityConfig(AppConfig):
    name = "amplify.diversity"
    label = "diversity"
    verbose_name = "Diversity and socioeconomic data"
