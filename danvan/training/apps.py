from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "danvan.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from danvan.core import search
        from danvan.training.models import Course

        search.register(Course, _("Training courses"), order=75)
