"""Training statistics per organisation for one year, in one GROUP BY."""

from __future__ import annotations

from django.db.models import Avg, Count, F, Q, Sum

from danvan.training.models import Participant


def by_organization(year: int, participants=None):
    """Rows of {organization, courses, participants, completed, certificates, hours, score}
    for courses starting in `year`; hours count only completed attendance."""
    participants = participants if participants is not None else Participant.objects.all()
    rows = (
        participants.filter(course__start_date__year=year)
        .values("organization_id", "organization__name", "organization__sort_key")
        .annotate(
            courses=Count("course", distinct=True),
            people=Count("id"),
            completed_count=Count("id", filter=Q(completed=True)),
            certificates=Count("id", filter=Q(certificate=True)),
            hours=Sum(F("course__hours"), filter=Q(completed=True)),
            score=Avg("score"),
        )
        .order_by("organization__sort_key")
    )
    return list(rows)
