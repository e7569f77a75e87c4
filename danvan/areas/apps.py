from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "danvan.areas"
    label = "areas"
    verbose_name = _("Content areas")

    def ready(self):
        from danvan.core.sections import register_catalog

        register_catalog(
            "areas",
            _("Content areas"),
            "areas:area_list",
            _("The fields of work that programs, tasks, indicators and models are grouped by."),
            40,
        )
