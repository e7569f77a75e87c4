"""Site-wide search: each app registers its searchable models in its AppConfig.ready().

Matching is on the stored folded column (see core.models.IndexedModel), so "dang" finds "Đảng"
identically on SQLite and PostgreSQL, and only within `Model.objects.visible_to(user)`, so a
confidential row can never appear in results.
"""

from __future__ import annotations

from dataclasses import dataclass

from danvan.core.text import search_terms


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    model: type
    order: int
    select_related: tuple[str, ...]


_sources: dict[str, Source] = {}


def register(model, label, *, order: int = 100, select_related: tuple[str, ...] = ()) -> None:
    key = model._meta.label_lower
    _sources[key] = Source(key, label, model, order, select_related)


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: s.order)


def search(user, query: str, *, limit: int = 20) -> list[dict]:
    """Groups of results by kind: [{"label", "results", "count"}], empty groups left out."""
    terms = search_terms(query)
    if not terms:
        return []
    groups = []
    for source in sources():
        qs = source.model.objects.visible_to(user)
        for term in terms:
            qs = qs.filter(search_text__contains=term)
        if source.select_related:
            qs = qs.select_related(*source.select_related)
        results = (
            list(qs.order_by("sort_key", "pk")[: limit + 1])
            if hasattr(source.model, "sort_key")
            else list(qs[: limit + 1])
        )
        if results:
            groups.append(
                {
                    "label": source.label,
                    "results": results[:limit],
                    "more": len(results) > limit,
                    "key": source.key,
                }
            )
    return groups
