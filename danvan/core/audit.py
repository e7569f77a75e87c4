"""Audit trail glue over django-auditlog.

Field changes of registered models are recorded by auditlog itself (actor from the request via
its middleware, or from `acting_user` through `as_actor`). Workflow steps are recorded by
`log_action` as one entry naming the step, the state change and what the actor said.
"""

from __future__ import annotations

from contextlib import contextmanager

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog


def register(model=None, **options):
    """Audit every create, change and delete of `model`: `@register` or `@register(**options)`."""
    if model is None:
        return auditlog.register(**options)
    auditlog.register(model, **options)
    return model


@contextmanager
def as_actor(user):
    """Attribute auditlog entries written inside the block to `user` (API, commands, tests)."""
    if user is None:
        yield
        return
    with set_actor(user):
        yield


def log_action(
    obj, action: str, *, actor, label: str, note: str = "", changes: dict | None = None
) -> LogEntry:
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes=changes or {},
        actor=actor,
        additional_data={"action": action, "label": str(label), "note": note},
    )


def history(obj):
    """The audit entries of one object, newest first, with their actors (and content type:
    auditlog's display of changes reads it, one query per entry otherwise)."""
    return (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )


def log_created(objects) -> int:
    """One "created" entry per object written with bulk_create (which auditlog's signals do
    not see), the same entry auditlog writes for a save, in one INSERT."""
    from auditlog.diff import model_instance_diff
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    as_json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    entries = [
        LogEntry(
            content_type=ContentType.objects.get_for_model(obj),
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj),
            action=LogEntry.Action.CREATE,
            changes=model_instance_diff(None, obj, use_json_for_changes=as_json),
        )
        for obj in objects
    ]
    LogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)
