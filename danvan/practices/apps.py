from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "danvan.practices"
    label = "practices"
    verbose_name = _("Skilful mobilization models")

    def ready(self):
        from danvan.core import search
        from danvan.practices.models import Practice

        search.register(
            Practice, _("Skilful mobilization models"), order=65, select_related=("commune",)
        )
