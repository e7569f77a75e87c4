"""Counts of the register by field, locality, recognition level and kind: one GROUP BY each,
over whatever (already `visible_to`-scoped and filtered) queryset the page holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from danvan.practices.models import Practice


@dataclass(frozen=True)
class Line:
    label: str
    count: int
    key: object = None


def _lines(rows, label_key, count_key="n", key=None) -> list[Line]:
    return [Line(str(row[label_key] or _("(none)")), row[count_key], row.get(key)) for row in rows]


def counts(practices) -> dict[str, list[Line] | int]:
    base = practices.order_by()
    by_area = base.values("area_id", "area__name", "area__order").annotate(n=Count("id"))
    by_district = base.values(
        "commune__parent_id", "commune__parent__name", "commune__parent__sort_key"
    ).annotate(n=Count("id"))
    by_level = dict(base.values_list("recognition_level").annotate(n=Count("id")))
    by_kind = dict(base.values_list("kind").annotate(n=Count("id")))
    return {
        "total": sum(by_kind.values()),
        "by_area": _lines(
            sorted(by_area, key=lambda r: (r["area__order"], r["area__name"])),
            "area__name",
            key="area_id",
        ),
        "by_district": _lines(
            sorted(by_district, key=lambda r: r["commune__parent__sort_key"] or ""),
            "commune__parent__name",
            key="commune__parent_id",
        ),
        "by_level": [
            Line(str(label), by_level.get(code, 0), code)
            for code, label in [*Practice.LEVELS, ("", _("Not yet recognised"))]
        ],
        "by_kind": [Line(str(label), by_kind.get(code, 0), code) for code, label in Practice.KINDS],
    }
