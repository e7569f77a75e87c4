from django.apps import AppConfig


class SituationsConfig(AppConfig):
    name = "danvan.situations"
    label = "situations"
