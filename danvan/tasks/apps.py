from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "danvan.tasks"
    label = "tasks"
