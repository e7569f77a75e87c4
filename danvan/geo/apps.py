from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "danvan.geo"
    label = "geo"
    verbose_name = _("Administrative units")

    def ready(self):
        from danvan.core import search
        from danvan.core.sections import register_catalog
        from danvan.geo.models import AdminUnit

        search.register(AdminUnit, _("Administrative units"), order=30, select_related=("parent",))
        register_catalog(
            "units",
            _("Administrative units"),
            "geo:unit_list",
            _(
                "Provinces, districts and communes, before and after 1 July 2025, with codes and coordinates."
            ),
            30,
        )
