"""What the program page shows: the cascade program → plans → tasks, and completion per member
and per content area, counted in SQL (a fixed number of GROUP BY queries however many tasks)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, F, Q, Sum

from danvan.planning.models import Plan, Program
from danvan.tasks.models import Status, Task, TaskTarget


@dataclass
class Completion:
    """Counts of tasks by derived status, for one member or one content area."""

    key: object
    total: int = 0
    done: int = 0
    done_late: int = 0
    overdue: int = 0
    in_progress: int = 0
    not_started: int = 0
    reported: int = 0
    cancelled: int = 0
    average_progress: float = 0.0
    label: object = None

    @property
    def percent_done(self) -> int:
        counted = self.total - self.cancelled
        return round(self.done * 100 / counted) if counted else 0


def plan_tasks(plans):
    """All tasks whose source is one of `plans` (a list of Plan)."""
    return Task.objects.filter(
        source_type=ContentType.objects.get_for_model(Plan),
        source_id__in=[p.pk for p in plans],
    )


def _completion(tasks, group_by: str, today: date) -> dict:
    rows = (
        tasks.with_status(today)
        .order_by()
        .values(group_by)
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status_code=Status.DONE)),
            done_late=Count(
                "pk",
                filter=Q(
                    status_code=Status.DONE,
                    completed_on__isnull=False,
                    due_date__isnull=False,
                    completed_on__gt=F("due_date"),
                ),
            ),
            overdue=Count("pk", filter=Q(status_code=Status.OVERDUE)),
            in_progress=Count("pk", filter=Q(status_code=Status.IN_PROGRESS)),
            not_started=Count("pk", filter=Q(status_code=Status.NOT_STARTED)),
            reported=Count("pk", filter=Q(status_code=Status.AWAITING_CONFIRMATION)),
            cancelled=Count("pk", filter=Q(status_code=Status.CANCELLED)),
            average_progress=Avg("progress"),
        )
    )
    result = {}
    for row in rows:
        key = row.pop(group_by)
        row["average_progress"] = float(row["average_progress"] or 0)
        result[key] = Completion(key=key, **row)
    return result


@dataclass
class AreaTarget:
    label: str
    unit: str
    target: Decimal
    achieved: Decimal = Decimal(0)

    @property
    def percent(self) -> int:
        return int(min(100, self.achieved * 100 / self.target)) if self.target else 0


@dataclass
class ProgramView:
    program: Program
    plans: list
    tasks_by_plan: dict
    by_member: list
    by_area: list
    totals: Completion
    area_targets: dict = field(default_factory=dict)


def program_view(program: Program, user, *, task_filter=None, today: date) -> ProgramView:
    """The program page's data for `user`: only plans and tasks the user may see.

    `task_filter(queryset) -> queryset` narrows the tasks shown in the cascade (the page's
    filters); the completion tables count the tasks of approved plans under the same filter.
    """
    plans = list(
        Plan.objects.visible_to(user)
        .filter(program=program)
        .current()
        .select_related("organization")
        .order_by("organization__sort_key", "year", "number")
    )
    visible = Task.objects.visible_to(user).current()
    tasks = plan_tasks(plans).filter(pk__in=visible.values("pk"))
    if task_filter is not None:
        tasks = task_filter(tasks)
    by_plan = defaultdict(list)
    for task in tasks.select_related("lead", "area").order_by("due_date", "pk"):
        by_plan[task.source_id].append(task)

    approved = [p for p in plans if p.status == Plan.APPROVED]
    counted = tasks.filter(source_id__in=[p.pk for p in approved])
    members = _completion(counted, "owner", today)
    areas = _completion(counted, "area", today)
    totals = Completion(key=None)
    for row in members.values():
        for name in (
            "total",
            "done",
            "done_late",
            "overdue",
            "in_progress",
            "not_started",
            "reported",
            "cancelled",
        ):
            setattr(totals, name, getattr(totals, name) + getattr(row, name))
    if totals.total:
        totals.average_progress = (
            sum(r.average_progress * r.total for r in members.values()) / totals.total
        )

    orgs = {p.organization_id: p.organization for p in plans}
    by_member = sorted(members.values(), key=lambda r: orgs[r.key].sort_key)
    for row in by_member:
        row.label = orgs[row.key].display_name
    program_areas = list(program.areas.select_related("area").prefetch_related("targets"))
    area_names = {pa.area_id: pa.area for pa in program_areas}
    by_area = []
    for pa in program_areas:
        row = areas.pop(pa.area_id, Completion(key=pa.area_id))
        row.label = pa.area
        by_area.append(row)
    # Tasks in areas the program does not name (or none) still count.
    for key, row in areas.items():
        row.label = area_names.get(key) or (str(key) if key else "—")
        by_area.append(row)
    _fill_area_names(by_area)

    achieved = {
        (row["task__area"], row["label"], row["unit"]): row["achieved"]
        for row in TaskTarget.objects.filter(task__in=counted)
        .order_by()
        .values("task__area", "label", "unit")
        .annotate(achieved=Sum("achieved"))
    }
    area_targets = {
        pa.pk: [
            AreaTarget(
                t.label,
                t.unit,
                t.target,
                achieved.get((pa.area_id, t.label, t.unit)) or Decimal(0),
            )
            for t in pa.targets.all()
        ]
        for pa in program_areas
    }
    return ProgramView(
        program=program,
        plans=plans,
        tasks_by_plan=dict(by_plan),
        by_member=by_member,
        by_area=by_area,
        totals=totals,
        area_targets=area_targets,
    )


def _fill_area_names(rows) -> None:
    """Areas outside the program's list are named with one query."""
    from danvan.areas.models import ContentArea

    missing = [r for r in rows if isinstance(r.label, str) and r.key]
    if missing:
        names = ContentArea.objects.in_bulk([r.key for r in missing])
        for row in missing:
            row.label = names.get(row.key, row.label)
