from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "amplify.people"
    label = "people"
    verbose_name = "People and organisation"
