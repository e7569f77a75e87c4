from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "danvan.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    def ready(self):
        from danvan.core import search
        from danvan.core.sections import register_catalog
        from danvan.orgs.models import Committee, Organization, Position

        search.register(Organization, _("Organisations"), order=20)
        search.register(Committee, _("Steering committee"), order=10)
        search.register(
            Position, _("Committee members"), order=25, select_related=("organization",)
        )
        register_catalog(
            "committee",
            _("Steering committee"),
            "orgs:committee_current",
            _("Terms, head, deputies, standing office and members."),
            10,
        )
        register_catalog(
            "organizations",
            _("Organisations"),
            "orgs:organization_list",
            _("Member organisations, their kinds, localities and names over time."),
            20,
        )
