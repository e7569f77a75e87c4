from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "danvan.training"
    label = "training"
