from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    name = "danvan.situations"
    label = "situations"
    verbose_name = _("Situations")

    def ready(self):
        from danvan.core import search
        from danvan.situations.models import Situation

        search.register(Situation, _("Situations"), order=70, select_related=("unit",))
