"""Workflow steps on tasks. Each is atomic, takes `acting_user`, checks permission and writes
the audit entry; pages and the API call these and nothing else to change a task."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from auditlog.context import disable_auditlog
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import is_coordinator, is_leadership
from danvan.core.audit import as_actor, log_action
from danvan.core.concurrency import save_checked
from danvan.core.uploads import attach
from danvan.core.workflow import Transition, Workflow, WorkflowError
from danvan.tasks.models import Task, TaskExtension, TaskTarget, TaskUpdate, source_tasks


def _lead_or_coordinator(user, task) -> bool:
    return user.has_perm("tasks.report_progress", task)


def _confirmer(user, task) -> bool:
    return user.has_perm("tasks.confirm_result", task)


TASK_WORKFLOW = Workflow(
    [
        Transition(
            "complete",
            (Task.OPEN,),
            Task.DONE,
            gettext_lazy("Complete"),
            lambda u, t: not t.requires_confirmation and _lead_or_coordinator(u, t),
            style="success",
        ),
        Transition(
            "report_result",
            (Task.OPEN,),
            Task.REPORTED,
            gettext_lazy("Report result"),
            lambda u, t: t.requires_confirmation and _lead_or_coordinator(u, t),
        ),
        Transition(
            "confirm",
            (Task.REPORTED,),
            Task.DONE,
            gettext_lazy("Confirm completion"),
            _confirmer,
            style="success",
        ),
        Transition(
            "return_result",
            (Task.REPORTED,),
            Task.OPEN,
            gettext_lazy("Return"),
            _confirmer,
            needs_note=True,
            style="warning",
        ),
        Transition(
            "cancel",
            (Task.OPEN, Task.REPORTED),
            Task.CANCELLED,
            gettext_lazy("Cancel task"),
            lambda u, t: u.has_perm("tasks.cancel_task", t),
            needs_note=True,
            style="outline-danger",
        ),
        Transition(
            "reopen",
            (Task.DONE,),
            Task.OPEN,
            gettext_lazy("Reopen"),
            lambda u, t: is_coordinator(u) or is_leadership(u),
            needs_note=True,
            style="outline-secondary",
        ),
    ],
    field="state",
)


@transaction.atomic
def create_task(
    *,
    acting_user,
    title: str,
    lead,
    source=None,
    owner=None,
    coordinators=(),
    units=(),
    area=None,
    description: str = "",
    expected_result: str = "",
    start_date: date | None = None,
    due_date: date | None = None,
    requires_confirmation: bool = False,
    is_published: bool = False,
    targets: list[dict] | None = None,
) -> Task:
    if start_date and due_date and due_date < start_date:
        raise ValidationError({"due_date": _("The due date is before the start date.")})
    task = Task(
        title=title.strip(),
        lead=lead,
        owner=owner,
        area=area,
        description=description,
        expected_result=expected_result,
        start_date=start_date,
        due_date=due_date,
        original_due_date=due_date,
        requires_confirmation=requires_confirmation,
        is_published=is_published,
        created_by=acting_user,
    )
    if source is not None:
        task.source_type = ContentType.objects.get_for_model(source)
        task.source_id = source.pk
    with as_actor(acting_user):
        task.save()
        if coordinators:
            task.coordinators.set([c for c in coordinators if c.pk != lead.pk])
        if units:
            task.units.set(units)
        for target in targets or []:
            TaskTarget.objects.create(task=task, **target)
    return task


def publish_source_tasks(source) -> int:
    """Show a source's draft tasks to their leads and coordinators (plan approved, direction
    issued). The source's own workflow step is the audit entry for this."""
    return source_tasks(source).update(is_published=True)


def _store_files(update: TaskUpdate, files, user) -> None:
    for upload in files or []:
        attach(update, upload, user=user, role="evidence")


def _apply_figures(task: Task, figures: dict | None) -> dict:
    clean = {}
    if not figures:
        return clean
    targets = {str(t.pk): t for t in task.targets.all()}
    for key, raw in figures.items():
        target = targets.get(str(key))
        if target is None or raw in (None, ""):
            continue
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise ValidationError(
                _("“%(value)s” is not a number for “%(label)s”.")
                % {"value": raw, "label": target.label}
            ) from None
        if value < 0:
            raise ValidationError(_("“%(label)s” cannot be negative.") % {"label": target.label})
        target.achieved = value
        target.save(update_fields=["achieved"])
        clean[str(key)] = str(value)
    return clean


def record_progress(
    task: Task,
    *,
    acting_user,
    on: date | None = None,
    percent: int | None = None,
    text: str = "",
    figures: dict | None = None,
    files=(),
) -> TaskUpdate:
    if not acting_user.has_perm("tasks.report_progress", task):
        raise PermissionDenied
    if task.state != Task.OPEN:
        raise WorkflowError(_("Progress can only be recorded on a task that is still open."))
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Progress must be between 0 and 100%.")})
    on = on or timezone.localdate()
    with transaction.atomic(), as_actor(acting_user):
        task = Task.objects.select_for_update().get(pk=task.pk)
        clean_figures = _apply_figures(task, figures)
        update = TaskUpdate.objects.create(
            task=task,
            kind=TaskUpdate.PROGRESS,
            on=on,
            percent=percent,
            text=text,
            figures=clean_figures,
            author=acting_user,
            organization=acting_user.organization,
        )
        _store_files(update, files, acting_user)
        fields = ["updated_at"]
        if percent is not None:
            task.progress = percent
            fields.append("progress")
        if task.started_on is None or on < task.started_on:
            task.started_on = on
            fields.append("started_on")
        task.save(update_fields=fields)
    return update


def add_note(task: Task, *, acting_user, text: str, files=()) -> TaskUpdate:
    if not acting_user.has_perm("tasks.add_note", task):
        raise PermissionDenied
    if not text.strip() and not files:
        raise ValidationError({"text": _("Write a note or attach a file.")})
    with transaction.atomic(), as_actor(acting_user):
        update = TaskUpdate.objects.create(
            task=task,
            kind=TaskUpdate.NOTE,
            on=timezone.localdate(),
            text=text.strip(),
            author=acting_user,
            organization=acting_user.organization,
        )
        _store_files(update, files, acting_user)
    return update


def _finish(
    task: Task, action: str, *, acting_user, text: str, files, on: date | None, figures: dict | None
) -> Task:
    if not text.strip() and not files:
        raise ValidationError({"text": _("Describe the result or attach the evidence.")})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("The completion date cannot be in the future.")})

    def record(locked: Task) -> None:
        clean_figures = _apply_figures(locked, figures)
        update = TaskUpdate.objects.create(
            task=locked,
            kind=TaskUpdate.RESULT,
            on=on,
            percent=100,
            text=text.strip(),
            figures=clean_figures,
            author=acting_user,
            organization=acting_user.organization,
        )
        _store_files(update, files, acting_user)
        # A task finished without any progress recorded first started, at the latest, then.
        if locked.started_on is None:
            Task.objects.filter(pk=locked.pk).update(started_on=on)
            locked.started_on = on

    with as_actor(acting_user):
        return TASK_WORKFLOW.apply(
            task,
            action,
            acting_user=acting_user,
            note=text,
            changes={"completed_on": on, "progress": 100},
            extra=record,
        )


def complete_task(
    task: Task,
    *,
    acting_user,
    text: str = "",
    files=(),
    on: date | None = None,
    figures: dict | None = None,
) -> Task:
    """The lead marks a plan task done, with the evidence."""
    return _finish(
        task, "complete", acting_user=acting_user, text=text, files=files, on=on, figures=figures
    )


def report_result(
    task: Task,
    *,
    acting_user,
    text: str = "",
    files=(),
    on: date | None = None,
    figures: dict | None = None,
) -> Task:
    """The assignee reports the result of an assignment; the standing office then confirms it."""
    return _finish(
        task,
        "report_result",
        acting_user=acting_user,
        text=text,
        files=files,
        on=on,
        figures=figures,
    )


def confirm_result(task: Task, *, acting_user, note: str = "") -> Task:
    def record(locked: Task) -> None:
        TaskUpdate.objects.create(
            task=locked,
            kind=TaskUpdate.CONFIRMED,
            on=timezone.localdate(),
            text=note,
            author=acting_user,
            organization=acting_user.organization,
        )

    with as_actor(acting_user):
        return TASK_WORKFLOW.apply(
            task,
            "confirm",
            acting_user=acting_user,
            note=note,
            changes={"confirmed_by": acting_user, "confirmed_at": timezone.now()},
            extra=record,
        )


def return_result(task: Task, *, acting_user, note: str) -> Task:
    def record(locked: Task) -> None:
        TaskUpdate.objects.create(
            task=locked,
            kind=TaskUpdate.RETURNED,
            on=timezone.localdate(),
            text=note,
            author=acting_user,
            organization=acting_user.organization,
        )

    with as_actor(acting_user):
        return TASK_WORKFLOW.apply(
            task,
            "return_result",
            acting_user=acting_user,
            note=note,
            changes={"completed_on": None},
            extra=record,
        )


def cancel_task(task: Task, *, acting_user, note: str) -> Task:
    with as_actor(acting_user):
        return TASK_WORKFLOW.apply(task, "cancel", acting_user=acting_user, note=note)


def reopen_task(task: Task, *, acting_user, note: str) -> Task:
    with as_actor(acting_user):
        return TASK_WORKFLOW.apply(
            task,
            "reopen",
            acting_user=acting_user,
            note=note,
            changes={"completed_on": None, "confirmed_at": None, "confirmed_by": None},
        )


def request_extension(task: Task, *, acting_user, new_due_date: date, reason: str) -> TaskExtension:
    if not acting_user.has_perm("tasks.request_extension", task):
        raise PermissionDenied
    if task.state != Task.OPEN:
        raise WorkflowError(_("Only an open task can have its deadline extended."))
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    if task.due_date and new_due_date <= task.due_date:
        raise ValidationError(
            {
                "requested_due_date": _("The new due date must be after the current one (%(due)s).")
                % {"due": task.due_date.strftime("%d/%m/%Y")}
            }
        )
    with transaction.atomic(), as_actor(acting_user):
        if (
            TaskExtension.objects.select_for_update()
            .filter(task=task, state=TaskExtension.REQUESTED)
            .exists()
        ):
            raise WorkflowError(
                _("An extension request for this task is already waiting for a decision.")
            )
        return TaskExtension.objects.create(
            task=task,
            previous_due_date=task.due_date,
            requested_due_date=new_due_date,
            reason=reason.strip(),
            requested_by=acting_user,
        )


def decide_extension(
    extension: TaskExtension, *, acting_user, grant: bool, note: str = ""
) -> TaskExtension:
    if not acting_user.has_perm("tasks.decide_extension", extension.task):
        raise PermissionDenied
    with transaction.atomic(), as_actor(acting_user):
        extension = TaskExtension.objects.select_for_update().get(pk=extension.pk)
        if extension.state != TaskExtension.REQUESTED:
            raise WorkflowError(_("This extension request has already been decided."))
        extension.state = TaskExtension.GRANTED if grant else TaskExtension.REFUSED
        extension.decided_by = acting_user
        extension.decided_at = timezone.now()
        extension.decision_note = note.strip()
        extension.save()
        task = Task.objects.select_for_update().get(pk=extension.task_id)
        if grant:
            old = task.due_date
            task.due_date = extension.requested_due_date
            task.save(update_fields=["due_date", "updated_at"])
            log_action(
                task,
                "extend",
                actor=acting_user,
                label=_("Deadline extended"),
                note=note,
                changes={"due_date": [str(old) if old else None, str(task.due_date)]},
            )
        TaskUpdate.objects.create(
            task=task,
            kind=TaskUpdate.EXTENSION,
            on=timezone.localdate(),
            text=(
                _("Extension to %(due)s granted.") if grant else _("Extension to %(due)s refused.")
            )
            % {"due": extension.requested_due_date.strftime("%d/%m/%Y")}
            + (f" {note.strip()}" if note.strip() else ""),
            author=acting_user,
            organization=acting_user.organization,
        )
    return extension


# Fields a draft task's owner may change (the workflow fields move only through the steps).
EDITABLE_FIELDS = (
    "title",
    "description",
    "expected_result",
    "area",
    "lead",
    "start_date",
    "due_date",
    "requires_confirmation",
)


def _check_draft(task: Task, acting_user) -> None:
    if not acting_user.has_perm("tasks.change_task", task):
        raise PermissionDenied
    if task.is_published:
        raise WorkflowError(
            _("This task is published with its source: change it through a new revision.")
        )


@transaction.atomic
def update_task(
    task: Task,
    *,
    acting_user,
    coordinators=None,
    units=None,
    targets: list[dict] | None = None,
    version: int | None = None,
    **fields,
) -> Task:
    """Change a draft task; `targets` (if given) replaces its target figures. With `version`,
    refuse (ConcurrentEditError) if someone saved the task since that version was read."""
    _check_draft(task, acting_user)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    start = fields.get("start_date", task.start_date)
    due = fields.get("due_date", task.due_date)
    if start and due and due < start:
        raise ValidationError({"due_date": _("The due date is before the start date.")})
    with transaction.atomic(), as_actor(acting_user):
        for name, value in fields.items():
            setattr(task, name, value.strip() if isinstance(value, str) else value)
        if "due_date" in fields:
            # Until publication the deadline is still being set, not moved.
            task.original_due_date = task.due_date
        save_checked(task, version)
        if coordinators is not None:
            task.coordinators.set([c for c in coordinators if c.pk != task.lead_id])
        if units is not None:
            task.units.set(units)
        if targets is not None:
            _replace_targets(task, targets)
    return task


def _replace_targets(task: Task, targets: list[dict]) -> None:
    existing = {(t.label, t.unit): t for t in task.targets.all()}
    keep = set()
    for target in targets:
        key = (target["label"].strip(), target["unit"].strip())
        row = existing.get(key)
        if row is None:
            row = TaskTarget.objects.create(
                task=task, label=key[0], unit=key[1], target=target["target"]
            )
        elif row.target != target["target"]:
            row.target = target["target"]
            row.save(update_fields=["target"])
        keep.add(row.pk)
    for row in existing.values():
        if row.pk not in keep:
            row.delete()


@transaction.atomic
def delete_task(task: Task, *, acting_user) -> None:
    _check_draft(task, acting_user)
    with as_actor(acting_user):
        task.delete()


@transaction.atomic
def copy_source_tasks(old_source, new_source, *, acting_user) -> list[Task]:
    """A new revision of a plan starts as a copy of its tasks (unpublished, each remembering
    the task it was copied from); the old revision's tasks stay as they are."""
    copies = []
    for task in (
        source_tasks(old_source)
        .exclude(state__in=[Task.CANCELLED, Task.SUPERSEDED])
        .prefetch_related("coordinators", "units", "targets")
    ):
        copy = create_task(
            acting_user=acting_user,
            source=new_source,
            owner=task.owner,
            title=task.title,
            lead=task.lead,
            coordinators=list(task.coordinators.all()),
            units=list(task.units.all()),
            area=task.area,
            description=task.description,
            expected_result=task.expected_result,
            start_date=task.start_date,
            due_date=task.due_date,
            requires_confirmation=task.requires_confirmation,
            targets=[
                {"label": t.label, "unit": t.unit, "target": t.target} for t in task.targets.all()
            ],
        )
        copy.carried_from = task
        copy.original_due_date = task.original_due_date
        with as_actor(acting_user):
            copy.save(update_fields=["carried_from", "original_due_date"])
        copies.append(copy)
    return copies


# What a task carried into a new revision takes over from its earlier version.
_CARRIED_STATE = (
    "state",
    "progress",
    "started_on",
    "completed_on",
    "confirmed_by",
    "confirmed_at",
)


@transaction.atomic
def supersede_source_tasks(old_source, new_source, *, acting_user) -> int:
    """The revision `new_source` replaces `old_source` (its plan was approved).

    Each carried task takes over the work done so far on its earlier version (state, progress,
    dates, achieved figures) as of now, since work went on under the old revision until this
    moment; the earlier versions, and tasks the revision dropped, become "superseded": they
    stay readable with their log as the old revision's record but leave every list and count.
    """
    old_tasks = {
        t.pk: t
        for t in source_tasks(old_source)
        .select_for_update()
        .exclude(state=Task.SUPERSEDED)
        .prefetch_related("targets")
    }
    with as_actor(acting_user):
        for copy in source_tasks(new_source).filter(carried_from__in=list(old_tasks)):
            origin = old_tasks[copy.carried_from_id]
            changes = {}
            for name in _CARRIED_STATE:
                old, new = getattr(copy, name), getattr(origin, name)
                if old != new:
                    changes[name] = [None if old is None else str(old), str(new)]
                    setattr(copy, name, new)
            if changes:
                with disable_auditlog():
                    copy.save()
                log_action(
                    copy,
                    "carry",
                    actor=acting_user,
                    label=_("Work carried over from the earlier revision"),
                    changes=changes,
                )
            achieved = {(t.label, t.unit): t.achieved for t in origin.targets.all()}
            for target in copy.targets.all():
                value = achieved.get((target.label, target.unit))
                if value is not None and value != target.achieved:
                    target.achieved = value
                    target.save(update_fields=["achieved"])
        for task in old_tasks.values():
            previous = task.state
            task.state = Task.SUPERSEDED
            with disable_auditlog():
                task.save(update_fields=["state", "updated_at"])
            log_action(
                task,
                "supersede",
                actor=acting_user,
                label=_("Replaced by a revision of its plan"),
                changes={"state": [previous, Task.SUPERSEDED]},
            )
    return len(old_tasks)
