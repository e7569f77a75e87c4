from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "danvan.overview"
    label = "overview"
