"""The timeline of a proposal: every step, who took it, when, and what was said, from the
proposal's own audit entries and the log of the tasks assigned from it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Attachment
from danvan.directions.models import Direction, Proposal
from danvan.tasks.models import Task, TaskExtension, TaskUpdate

PROPOSAL_STEPS = {
    "send": _("Sent to the committee"),
    "register": _("Registered in the incoming register"),
    "forward": _("Forwarded to the head with the standing office's advice"),
    "return": _("Returned to the sender for more information"),
    "agree": _("The head agreed"),
    "assign": _("The head assigned tasks"),
    "decline": _("The head did not agree"),
    "ask_more": _("The head asked for more information"),
    "close": _("Closed"),
}
TASK_STEPS = {
    "cancel": _("Task cancelled"),
    "reopen": _("Task reopened"),
}
UPDATE_LABELS = {
    TaskUpdate.PROGRESS: _("Progress reported"),
    TaskUpdate.NOTE: _("Note added"),
    TaskUpdate.RESULT: _("Result reported"),
    TaskUpdate.CONFIRMED: _("Completion confirmed"),
    TaskUpdate.RETURNED: _("Result returned"),
    TaskUpdate.EXTENSION: _("Extension decided"),
}
STYLES = {
    "send": "primary",
    "register": "info",
    "forward": "info",
    "return": "warning",
    "ask_more": "warning",
    "agree": "success",
    "assign": "success",
    "decline": "danger",
    "close": "secondary",
    TaskUpdate.RESULT: "primary",
    TaskUpdate.CONFIRMED: "success",
    TaskUpdate.RETURNED: "warning",
}


@dataclass
class Step:
    when: datetime
    who: object
    label: str
    code: str
    note: str = ""
    detail: str = ""
    task: Task | None = None
    files: list = field(default_factory=list)
    assigned: list = field(default_factory=list)
    order: int = 0

    @property
    def organization(self) -> str:
        """The organisation under the name it bore that day (boards were renamed in 2025)."""
        org = getattr(self.who, "organization", None)
        if org is None:
            return ""
        if org.names.all():
            return org.name_on(timezone.localtime(self.when).date())
        return org.display_name

    @property
    def style(self) -> str:
        return STYLES.get(self.code, "secondary")


def build(proposal: Proposal) -> list[Step]:
    steps: list[Step] = []
    entries = (
        LogEntry.objects.get_for_object(proposal)
        .select_related("actor__organization")
        .prefetch_related("actor__organization__names")
        .order_by("timestamp", "id")
    )
    directions = list(Direction.objects.filter(proposal=proposal).order_by("directed_at", "id"))
    tasks = list(
        Task.objects.filter(
            source_type=ContentType.objects.get_for_model(Direction),
            source_id__in=[d.pk for d in directions],
        )
        .select_related("lead")
        .prefetch_related("coordinators")
        .order_by("id")
    )
    tasks_by_direction = defaultdict(list)
    for task in tasks:
        tasks_by_direction[task.source_id].append(task)
    # The n-th direction step of a kind is the n-th direction of that decision: both are
    # written in the same transaction, in order.
    pending = defaultdict(list)
    for direction in directions:
        pending[direction.decision].append(direction)
    decision_of = {"agree": "agree", "decline": "decline", "ask_more": "more", "assign": "assign"}

    for entry in entries:
        data = entry.additional_data or {}
        action = data.get("action")
        if entry.action == LogEntry.Action.CREATE:
            steps.append(Step(entry.timestamp, entry.actor, str(_("Drafted")), "create"))
            continue
        if not action:
            continue
        label = str(PROPOSAL_STEPS.get(action, data.get("label", action)))
        step = Step(entry.timestamp, entry.actor, label, action, note=data.get("note", ""))
        if action == "send" and proposal.outgoing_symbol:
            step.detail = str(_("No. %(n)s")) % {"n": proposal.outgoing_symbol}
        elif action == "register" and proposal.incoming_label:
            step.detail = str(_("Incoming no. %(n)s")) % {"n": proposal.incoming_label}
        decision = decision_of.get(action)
        if decision and pending[decision]:
            direction = pending[decision].pop(0)
            step.assigned = tasks_by_direction.get(direction.pk, [])
        steps.append(step)

    if tasks:
        task_ids = [t.pk for t in tasks]
        by_id = {t.pk: t for t in tasks}
        for entry in (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Task),
                object_id__in=task_ids,
            )
            .select_related("actor__organization")
            .prefetch_related("actor__organization__names")
            .order_by("timestamp", "id")
        ):
            action = (entry.additional_data or {}).get("action")
            if action in TASK_STEPS:
                steps.append(
                    Step(
                        entry.timestamp,
                        entry.actor,
                        str(TASK_STEPS[action]),
                        action,
                        note=(entry.additional_data or {}).get("note", ""),
                        task=by_id.get(entry.object_id),
                    )
                )
        updates = list(
            TaskUpdate.objects.filter(task_id__in=task_ids)
            .exclude(kind=TaskUpdate.EXTENSION)
            .select_related("author__organization")
            .prefetch_related("author__organization__names")
        )
        files = defaultdict(list)
        for item in Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(TaskUpdate),
            object_id__in=[u.pk for u in updates],
        ):
            files[item.object_id].append(item)
        for update in updates:
            label = str(UPDATE_LABELS[update.kind])
            if update.kind == TaskUpdate.PROGRESS and update.percent is not None:
                label = f"{label} ({update.percent}%)"
            steps.append(
                Step(
                    update.created_at,
                    update.author,
                    label,
                    update.kind,
                    note=update.text,
                    task=by_id[update.task_id],
                    files=files.get(update.pk, []),
                )
            )
        for extension in (
            TaskExtension.objects.filter(task_id__in=task_ids)
            .select_related("requested_by__organization", "decided_by__organization")
            .prefetch_related(
                "requested_by__organization__names", "decided_by__organization__names"
            )
        ):
            steps.append(
                Step(
                    extension.requested_at,
                    extension.requested_by,
                    str(_("Extension to %(due)s requested"))
                    % {"due": extension.requested_due_date.strftime("%d/%m/%Y")},
                    "extension_request",
                    note=extension.reason,
                    task=by_id[extension.task_id],
                )
            )
            if extension.decided_at:
                steps.append(
                    Step(
                        extension.decided_at,
                        extension.decided_by,
                        str(
                            _("Extension granted")
                            if extension.state == TaskExtension.GRANTED
                            else _("Extension refused")
                        ),
                        "extension_decision",
                        note=extension.decision_note,
                        task=by_id[extension.task_id],
                    )
                )
    for index, step in enumerate(steps):
        step.order = index
    return sorted(steps, key=lambda s: (s.when, s.order))
