"""Việc chờ tôi: what waits for the user in this section, by role. The same querysets feed the
inbox page, its counts and the count in the navigation."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, Count, Q, Value
from django.utils.translation import gettext_lazy as _

from danvan.accounts.access import can_write, is_coordinator, is_leadership
from danvan.directions.models import Proposal
from danvan.directions.stats import direction_tasks
from danvan.tasks.models import Task, TaskExtension


@dataclass(frozen=True)
class Box:
    key: str
    label: str
    kind: str  # "proposal" or "task"


BOXES = [
    Box("register", _("To register"), "proposal"),
    Box("advise", _("To check and advise"), "proposal"),
    Box("direct", _("To direct"), "proposal"),
    Box("returned", _("Returned to us"), "proposal"),
    Box("carry_out", _("To carry out"), "task"),
    Box("confirm", _("To confirm"), "task"),
    Box("extension", _("Extensions to decide"), "task"),
]


def proposal_boxes(user) -> dict[str, Q]:
    boxes = {}
    if is_coordinator(user):
        boxes["register"] = Q(status=Proposal.SENT)
        boxes["advise"] = Q(status=Proposal.REGISTERED)
    if is_leadership(user):
        boxes["direct"] = Q(status=Proposal.FORWARDED)
    if can_write(user) and user.organization_id:
        boxes["returned"] = Q(status=Proposal.RETURNED, organization_id=user.organization_id)
    return boxes


def task_boxes(user) -> dict[str, Q]:
    boxes = {}
    if can_write(user) and user.organization_id:
        boxes["carry_out"] = Q(state=Task.OPEN, is_published=True, lead_id=user.organization_id)
    if is_coordinator(user):
        boxes["confirm"] = Q(state=Task.REPORTED)
        boxes["extension"] = Q(
            pk__in=TaskExtension.objects.filter(state=TaskExtension.REQUESTED).values("task_id")
        )
    return boxes


def counts(user) -> dict[str, int]:
    """One query, whatever the role: each box is a grouped count, the boxes joined by UNION ALL
    (the navigation asks on every page)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    parts = []
    for key, q in proposal_boxes(user).items():
        parts.append(_count_of(Proposal.objects.visible_to(user).filter(q), key))
    for key, q in task_boxes(user).items():
        parts.append(_count_of(direction_tasks().visible_to(user).filter(q), key))
    if not parts:
        return {}
    result = dict.fromkeys([*proposal_boxes(user), *task_boxes(user)], 0)
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    result.update(dict(query))
    return result


def _count_of(queryset, key: str):
    return (
        queryset.order_by()
        .annotate(box=Value(key, output_field=CharField()))
        .values("box")
        .annotate(n=Count("pk"))
        .values_list("box", "n")
    )


def total(user) -> int:
    return sum(counts(user).values())


def items(user, key: str):
    """The rows waiting in one box (a queryset), or None when the box is not the user's."""
    proposals = proposal_boxes(user)
    if key in proposals:
        return (
            Proposal.objects.visible_to(user)
            .filter(proposals[key])
            .select_related("organization")
            .order_by("sent_at", "pk")
        )
    tasks = task_boxes(user)
    if key in tasks:
        return (
            direction_tasks()
            .visible_to(user)
            .filter(tasks[key])
            .with_status()
            .select_related("lead")
            .order_by("due_date", "pk")
        )
    return None
