from django.apps import AppConfig


class DirectionsConfig(AppConfig):
    name = "danvan.directions"
    label = "directions"
