from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectionsConfig(AppConfig):
    name = "danvan.directions"
    label = "directions"
    verbose_name = _("Documents and directions")

    def ready(self):
        from danvan.core import search
        from danvan.core.sections import register_inbox
        from danvan.directions import inbox, signals
        from danvan.directions.models import Proposal

        search.register(Proposal, _("Proposals"), order=40, select_related=("organization",))
        register_inbox("directions", inbox.total)
        signals.connect()
