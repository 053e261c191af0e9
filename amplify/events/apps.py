from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "amplify.events"
    label = "events"
    verbose_name = "Events"
