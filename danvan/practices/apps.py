from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "danvan.practices"
    label = "practices"
