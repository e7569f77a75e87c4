from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    label = "documents"
