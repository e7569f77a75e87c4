"""Tell people about the steps taken on assignments of directions.

The tasks app takes those steps (report the result, confirm or return it, extensions) and audits
each one; this app listens for those audit entries and rows, so the people following a proposal
hear of them without the tasks app knowing about proposals. One notification per step: the
event key names the audit entry or row.
"""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from danvan.tasks.models import Task, TaskExtension, TaskUpdate


def _direction_task(task_id) -> Task | None:
    from danvan.directions.models import Direction

    return (
        Task.objects.filter(pk=task_id, source_type=ContentType.objects.get_for_model(Direction))
        .select_related("lead", "owner")
        .first()
    )


def _tell(people, task: Task, text: str, key: str, actor_id=None) -> None:
    from danvan.core.notify import notify
    from danvan.directions.services import _quiet

    notify(
        [u for u in people if u.pk != actor_id],
        f"{text}: {task.title}",
        task.get_absolute_url(),
        event_key=key,
        email=not _quiet.get(),
    )


def on_audit_entry(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    from danvan.directions.services import organization_users, standing_office_users

    action = (instance.additional_data or {}).get("action")
    if not created or action not in ("report_result", "confirm", "return_result"):
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Task).pk:
        return
    task = _direction_task(instance.object_id)
    if task is None:
        return
    key = f"task:{task.pk}:step:{instance.pk}"
    if action == "report_result":
        people = standing_office_users() + organization_users(task.owner)
        text = _("Result reported, to confirm")
    elif action == "confirm":
        people = organization_users(task.lead) + organization_users(task.owner)
        text = _("Completion confirmed")
    else:
        people = organization_users(task.lead)
        text = _("Result returned")
    _tell(people, task, text, key, instance.actor_id)


def on_extension(sender, instance: TaskExtension, created: bool, **kwargs) -> None:
    from danvan.directions.services import leadership_users, standing_office_users

    task = _direction_task(instance.task_id) if created else None
    if task is not None:
        _tell(
            standing_office_users() + leadership_users(),
            task,
            _("Extension requested"),
            f"task:{task.pk}:extension:{instance.pk}",
            instance.requested_by_id,
        )


def on_task_update(sender, instance: TaskUpdate, created: bool, **kwargs) -> None:
    from danvan.directions.services import organization_users

    if not created or instance.kind != TaskUpdate.EXTENSION:
        return
    task = _direction_task(instance.task_id)
    if task is not None:
        _tell(
            organization_users(task.lead),
            task,
            _("Extension decided"),
            f"task:{task.pk}:extension-decided:{instance.pk}",
            instance.author_id,
        )


def connect() -> None:
    post_save.connect(on_audit_entry, sender=LogEntry, dispatch_uid="directions-task-steps")
    post_save.connect(on_extension, sender=TaskExtension, dispatch_uid="directions-extensions")
    post_save.connect(on_task_update, sender=TaskUpdate, dispatch_uid="directions-decisions")
