"""Background jobs of this app (huey): deadline reminders for assignments."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

REMIND_DAYS = 3


def remind_due_assignments(today: date | None = None, days: int = REMIND_DAYS) -> int:
    """Tell the lead organisation of each open assignment due within `days` days. Each
    reminder goes once per deadline: running again the same day, or the next day, adds
    nothing; a deadline moved by an extension is a new deadline and is reminded again."""
    from danvan.core.notify import notify
    from danvan.directions.services import organization_users
    from danvan.directions.stats import direction_tasks

    today = today or timezone.localdate()
    told = 0
    due = direction_tasks().filter(
        state="open",
        is_published=True,
        due_date__gte=today,
        due_date__lte=today + timedelta(days=days),
    )
    for task in due.select_related("lead"):
        told += notify(
            organization_users(task.lead),
            _("Assignment due on %(due)s: %(title)s")
            % {"due": task.due_date.strftime("%d/%m/%Y"), "title": task.title},
            task.get_absolute_url(),
            event_key=f"task:{task.pk}:due:{task.due_date.isoformat()}",
        )
    return told


@db_periodic_task(crontab(hour="7", minute="0"))
def remind_due_assignments_daily() -> int:
    return remind_due_assignments()
