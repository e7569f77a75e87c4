"""Figures on assignments from directions: on-time completion per organisation and period,
and what is overdue. Counted in SQL, always within `Task.objects.visible_to(user)`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q
from django.utils import timezone

from danvan.core.periods import Period
from danvan.directions.models import Direction
from danvan.orgs.models import Organization
from danvan.tasks.models import Task


def direction_tasks():
    """Every assignment made by a direction of the head."""
    return Task.objects.filter(source_type=ContentType.objects.get_for_model(Direction))


@dataclass
class CompletionRow:
    organization: Organization | None
    total: int = 0
    on_time: int = 0
    late: int = 0
    awaiting: int = 0
    overdue: int = 0
    pending: int = 0

    @property
    def rate(self) -> Decimal | None:
        """Share of the assignments due in the period that were completed by their deadline."""
        if not self.total:
            return None
        return (Decimal(self.on_time) * 100 / self.total).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def add(self, other: CompletionRow) -> None:
        for name in ("total", "on_time", "late", "awaiting", "overdue", "pending"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def completion(user, period: Period, today: date | None = None):
    """Rows per lead organisation (Vietnamese order) and the total, for assignments whose
    deadline falls in `period`. Done on the deadline day counts as on time."""
    today = today or timezone.localdate()
    rows = (
        direction_tasks()
        .visible_to(user)
        .exclude(state=Task.CANCELLED)
        .filter(due_date__gte=period.start, due_date__lte=period.end)
        .values("lead")
        .annotate(
            total=Count("pk"),
            on_time=Count("pk", filter=Q(state=Task.DONE, completed_on__lte=F("due_date"))),
            late=Count("pk", filter=Q(state=Task.DONE, completed_on__gt=F("due_date"))),
            awaiting=Count("pk", filter=Q(state=Task.REPORTED)),
            overdue=Count("pk", filter=Q(state=Task.OPEN, due_date__lt=today)),
            pending=Count("pk", filter=Q(state=Task.OPEN, due_date__gte=today)),
        )
        .order_by()
    )
    rows = list(rows)
    orgs = Organization.objects.in_bulk([r["lead"] for r in rows])
    result = [
        CompletionRow(
            organization=orgs.get(r["lead"]),
            **{k: r[k] for k in ("total", "on_time", "late", "awaiting", "overdue", "pending")},
        )
        for r in rows
    ]
    result.sort(key=lambda r: (r.organization.sort_key if r.organization else "", r.total))
    total = CompletionRow(organization=None)
    for row in result:
        total.add(row)
    return result, total


def years_with_assignments(user) -> list[int]:
    days = direction_tasks().visible_to(user).exclude(due_date=None).dates("due_date", "year")
    return sorted({d.year for d in days}, reverse=True)
