from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "danvan.planning"
    label = "planning"
    verbose_name = _("Programs and plans")

    def ready(self):
        from danvan.core import search
        from danvan.core.sections import register_inbox
        from danvan.planning.models import Plan, Program
        from danvan.planning.views import waiting_count

        search.register(Program, _("Coordination programs"), order=35)
        search.register(Plan, _("Plans"), order=36)
        register_inbox("planning", waiting_count)
