from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "danvan.meetings"
    label = "meetings"
    verbose_name = _("Conferences")

    def ready(self):
        from danvan.core import search
        from danvan.meetings.models import Meeting

        search.register(Meeting, _("Conferences"), order=60)
