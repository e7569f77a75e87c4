"""Lists of the API, written once: the query every list takes (page, page size, ordering,
the common filters), and `page_of`, which applies them to a queryset already scoped with
`visible_to(user)`.

Each router declares its own query class (a subclass of `ListQuery` adding the filters that
make sense for it) and says how each filter maps to its model: a lookup string or a function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Generic, Literal, TypeVar

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from ninja import Field

from danvan.api.schemas import Schema
from danvan.core.text import search_terms

T = TypeVar("T")
MAX_PAGE_SIZE = 200


class ListQuery(Schema):
    page: int = Field(1, ge=1, le=100000, description="Trang (từ 1)")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang")


class Page(Schema, Generic[T]):
    count: int
    page: int
    page_size: int
    items: list[T]


def orderings(*names: str):
    """The `ordering` values a list accepts: each name, ascending or descending ("-name")."""
    values = tuple(v for name in names for v in (name, f"-{name}"))
    return Literal[values]  # type: ignore[valid-type]


def changed_since(queryset: QuerySet, since: datetime) -> QuerySet:
    """Rows created or changed at or after `since`: by their own `updated_at` when they have
    one, and by their audit trail (every registered model has one) in any case."""
    since = _as_utc(since)
    model = queryset.model
    logged = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), timestamp__gte=since
    ).values("object_id")
    condition = Q(pk__in=logged)
    if any(f.name == "updated_at" for f in model._meta.get_fields()):
        condition |= Q(updated_at__gte=since)
    return queryset.filter(condition)


def _as_utc(moment: datetime) -> datetime:
    """`moment` in UTC (naive: local time). Any offset ISO 8601 allows is accepted, while
    PostgreSQL takes at most ±15:59; a moment beyond the calendar's ends is clamped to them."""
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return (datetime.min if moment.year < 2000 else datetime.max).replace(tzinfo=UTC)


def search(queryset: QuerySet, text: str) -> QuerySet:
    """The site search's rule: every folded word of `text` in the row's search text."""
    for term in search_terms(text):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


Filter = str | Callable[[QuerySet, Any], QuerySet]


def page_of(
    queryset: QuerySet,
    query: ListQuery,
    *,
    filters: Mapping[str, Filter] | None = None,
    order_fields: Mapping[str, str | tuple[str, ...]] | None = None,
    default_order: tuple[str, ...] = ("pk",),
) -> dict:
    """Filter, order and cut one page of `queryset`.

    `filters` maps a field of `query` to a lookup ("organization_id", "period_start__year") or
    to a function (queryset, value) -> queryset; unset (None) filters are skipped.
    `order_fields` maps an ordering name to the model fields it sorts by; the primary key
    always ends the ordering so pages never overlap.
    """
    for name, how in (filters or {}).items():
        value = getattr(query, name, None)
        if value is None or value == "" or value == []:
            continue
        queryset = how(queryset, value) if callable(how) else queryset.filter(**{how: value})
    ordering = getattr(query, "ordering", None)
    if ordering:
        descending = ordering.startswith("-")
        fields = (order_fields or {})[ordering.lstrip("-")]
        fields = (fields,) if isinstance(fields, str) else fields
        order = [f"-{f}" if descending else f for f in fields]
        order.append("-pk" if descending else "pk")
    else:
        order = [*default_order, "pk"]
    queryset = queryset.order_by(*order)
    count = queryset.count()
    start = (query.page - 1) * query.page_size
    return {
        "count": count,
        "page": query.page,
        "page_size": query.page_size,
        "items": list(queryset[start : start + query.page_size]) if start < count else [],
    }
