from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "danvan.tasks"
    label = "tasks"
    verbose_name = _("Tasks")

    def ready(self):
        from danvan.core import search
        from danvan.core.sections import register_inbox
        from danvan.tasks.models import Task
        from danvan.tasks.views import waiting_count

        search.register(Task, _("Tasks"), order=40, select_related=("lead",))
        register_inbox("planning", waiting_count)
