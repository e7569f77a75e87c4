"""The figures service: every total anyone shows (dashboards, documents, the API) comes from here.

    from danvan.reporting.figures import figures

    rows = figures(
        indicators=["LLVT-LUOT", "LLVT-NGAYCONG"],   # codes, ids or Indicator objects; None: all
        start=date(2022, 1, 1), end=date(2022, 12, 31),  # or period=Period.parse("2022")
        organizations=None,        # Organization objects or ids; None: all
        units=None,                # AdminUnits (commune, district or province; legacy or 2025)
        areas=None,                # ContentArea objects, ids or codes
        forms=None,                # ReportForm objects, ids or codes
        group_by=("district", "indicator"),
        approved_only=True,        # False: also figures waiting for approval, drafts, returned
        regroup_2025=False,        # True: communes (and provinces) become their 2025 successors
        user=None,                 # given: only reports this user may see (visible_to)
    )
    # → [{"district": 12, "district_name": "Huyện Vĩnh Tường",
    #     "indicator": 3, "indicator_code": "LLVT-LUOT", "indicator_name": "…",
    #     "measure_unit": "lượt", "aggregation": "sum",
    #     "value": Decimal("1234"), "count": 57}, …]

`group_by` takes any of:

- places: ``"commune"``, ``"district"``, ``"province"`` (a value's own commune and the district and
  province it belonged to when reported; with ``regroup_2025`` the commune and province are the
  2025 units the old commune passed to, by its default succession, and ``"district"`` is refused:
  there are no districts after 1 July 2025). A figure reported for an organisation as a whole
  has no commune and takes its organisation's district/province.
- ``"organization"``, ``"area"`` (content area), ``"indicator"``, ``"form"``;
- time: ``"month"``, ``"quarter"``, ``"half"``, ``"year"`` (the bucket the figure's period starts
  in; codes as DHIS2: "2022M03", "2022Q1", "2022S1", "2022"), or ``"period"`` (the figure's own
  period).

Each row holds, per grouping, the id (or period code) under its name and a readable
``<name>_name`` (``<name>_start`` too for time buckets), then ``value`` (a Decimal) and ``count``
(how many figures went into it). With no grouping there is one row: the grand total (or none
when nothing matches). Rows are sorted by the groupings in order (places and organisations in
Vietnamese order).

How figures add up: an indicator aggregated by **sum** adds every figure. One aggregated by
**latest** (the number of communes covered so far, the models running…) takes, for each series
(indicator × organisation × commune), the figure of the last period within each time bucket (the
whole range when there is no time grouping), and then adds those across series, as DHIS2's
"last value" does. The period range holds the figures whose whole period lies in
[start, end]: a quarter's figure is not counted in a month.

Everything is grouped in the database: one GROUP BY query for the summed indicators, one for the
others (per series and period; the last period of each series is picked in Python), and one
query per kind of label.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models import Value as V
from django.db.models.functions import Coalesce, ExtractMonth, ExtractQuarter, ExtractYear

from danvan.accounts.access import is_committee_wide
from danvan.core.periods import HALF, MONTH, QUARTER, YEAR, Period
from danvan.geo.models import AdminUnit, UnitSuccession
from danvan.reporting.models import Indicator, Report, ReportForm, Value

PLACES = ("commune", "district", "province")
TIME = ("month", "quarter", "half", "year", "period")
GROUPINGS = (*PLACES, "organization", "area", "indicator", "form", *TIME)


class FiguresError(ValueError):
    pass


def figures(
    *,
    indicators: Iterable | None = None,
    start: date | None = None,
    end: date | None = None,
    period: Period | None = None,
    organizations: Iterable | None = None,
    units: Iterable | None = None,
    areas: Iterable | None = None,
    forms: Iterable | None = None,
    group_by: Sequence[str] = ("indicator",),
    approved_only: bool = True,
    regroup_2025: bool = False,
    user=None,
) -> list[dict]:
    """Sum (or latest, per indicator) of figures, grouped; see the module docstring."""
    group_by = tuple(group_by)
    unknown = [g for g in group_by if g not in GROUPINGS]
    if unknown:
        raise FiguresError(f"Unknown grouping {unknown}; choose from {GROUPINGS}")
    if regroup_2025 and "district" in group_by:
        raise FiguresError("There are no districts in the 2025 structure to regroup onto.")
    if period is not None:
        start, end = period.start, period.end

    base = _filtered(
        indicators=indicators,
        start=start,
        end=end,
        organizations=organizations,
        units=units,
        areas=areas,
        forms=forms,
        approved_only=approved_only,
        user=user,
    )
    dims = _dimensions(group_by, regroup_2025)
    names = list(dims)

    summed = (
        base.filter(indicator__aggregation=Indicator.SUM)
        .annotate(**dims)
        .values(*names)
        .annotate(value=Sum("value"), count=Count("id"))
        .order_by()
    )

    latest = _latest_rows(base, group_by, dims)

    merged: dict[tuple, dict] = {}
    for row in [*summed, *latest]:
        key = tuple(row[n] for n in names)
        if key in merged:
            merged[key]["value"] += row["value"] or Decimal(0)
            merged[key]["count"] += row["count"]
        else:
            merged[key] = {
                **{n: row[n] for n in names},
                "value": row["value"] or Decimal(0),
                "count": row["count"],
            }
    rows = [_finish(r, group_by) for r in merged.values()]
    for row in rows:
        row["value"] = _exact(row["value"])
    _label(rows, group_by)
    rows.sort(key=lambda r: tuple(_sort_part(r, g) for g in group_by))
    for row in rows:
        for g in group_by:
            row.pop(f"_{g}_sort", None)
    return rows


def _latest_rows(base, group_by, dims) -> list[dict]:
    """Rows of the "latest value" indicators: per series (indicator × organisation × commune)
    and time bucket, only the figures of the series' last period in that bucket.

    One GROUP BY query returns each series' total per period (at most a bucket's periods per
    series); picking the last period happens here. A correlated sub-query doing the same in SQL
    cost minutes on SQLite for a year of a province's monthly reports.
    """
    buckets = _buckets(group_by)
    names = list(dims)
    rows = (
        base.filter(indicator__aggregation=Indicator.LATEST)
        .annotate(_unit=Coalesce("unit_id", V(0), output_field=IntegerField()), **buckets, **dims)
        .values(*names, *buckets, "indicator_id", "organization_id", "_unit", "period_start")
        .annotate(value=Sum("value"), count=Count("id"))
        .order_by()
    )
    last: dict[tuple, list[dict]] = {}
    for row in rows:
        key = (
            row["indicator_id"],
            row["organization_id"],
            row["_unit"],
            *(row[b] for b in buckets),
        )
        kept = last.get(key)
        if kept is None or row["period_start"] > kept[0]["period_start"]:
            last[key] = [row]
        elif row["period_start"] == kept[0]["period_start"]:
            kept.append(row)
    return [row for kept in last.values() for row in kept]


# --- Filters ----------------------------------------------------------------------------------


def _ids(items, model, code_field: str | None = "code") -> tuple[list[int], list[str]]:
    ids, codes = [], []
    for item in items:
        if isinstance(item, model):
            ids.append(item.pk)
        elif isinstance(item, int):
            ids.append(item)
        elif isinstance(item, str) and item.isdigit() and code_field is None:
            ids.append(int(item))
        else:
            codes.append(str(item))
    return ids, codes


def _by_id_or_code(items, model, field: str) -> Q:
    ids, codes = _ids(items, model)
    return Q(**{f"{field}__in": ids}) | Q(**{f"{field}__code__in": codes})


def _filtered(*, indicators, start, end, organizations, units, areas, forms, approved_only, user):
    values = Value.objects.all()
    if approved_only:
        # The value's copy of its report's status (kept by the workflow's steps): no join.
        values = values.filter(approved=True)
    if user is not None and not is_committee_wide(user):
        # Committee-wide users see every report (Report.visible_to): no filter to add.
        values = values.filter(report__in=Report.objects.visible_to(user).values("pk"))
    if indicators is not None:
        values = values.filter(_by_id_or_code(indicators, Indicator, "indicator"))
    if forms is not None:
        values = values.filter(_by_id_or_code(forms, ReportForm, "report__form"))
    if areas is not None:
        from danvan.areas.models import ContentArea

        values = values.filter(_by_id_or_code(areas, ContentArea, "area"))
    if organizations is not None:
        values = values.filter(organization__in=[getattr(o, "pk", o) for o in organizations])
    if units is not None:
        values = values.filter(_in_units(units))
    if start is not None:
        values = values.filter(period_start__gte=start)
    if end is not None:
        # The whole period lies before `end` (a quarter's figure is not counted in a month);
        # the bound on period_start too (implied) keeps the index range closed.
        values = values.filter(period_start__lte=end, period_end__lte=end)
    return values


# The one column that holds a legacy unit of each level on a value (see Value.fill_copies).
_COLUMN_OF_LEVEL = {
    AdminUnit.COMMUNE: "unit",
    AdminUnit.DISTRICT: "district",
    AdminUnit.PROVINCE: "province",
}


def _in_units(units) -> Q:
    """Figures reported for these places: a legacy unit is matched on the one column of its
    level (a district only ever appears as a value's district); a 2025 unit through the
    communes that passed to it."""
    units = [u if isinstance(u, AdminUnit) else AdminUnit.objects.get(pk=u) for u in units]
    by_column: dict[str, list[int]] = {}
    new = []
    for u in units:
        if u.structure != AdminUnit.LEGACY:
            new.append(u.pk)
        else:
            by_column.setdefault(_COLUMN_OF_LEVEL[u.level], []).append(u.pk)
    q = Q(pk__in=[])
    for column, ids in by_column.items():
        q |= Q(**{f"{column}__in": ids})
    if new:
        old = UnitSuccession.objects.filter(is_default=True).filter(
            Q(new__in=new) | Q(new__parent__in=new)
        )
        q |= Q(unit__in=old.values("old"))
    return q


# --- Groupings --------------------------------------------------------------------------------


def _half():
    return Case(
        When(period_start__month__lte=6, then=V(1)), default=V(2), output_field=IntegerField()
    )


def _buckets(group_by) -> dict:
    """The time bucket a figure falls in, as columns (the latest value is picked per bucket)."""
    out = {}
    for g in group_by:
        if g in ("month", "quarter", "half", "year"):
            out["_b_year"] = ExtractYear("period_start")
        if g == "month":
            out["_b_month"] = ExtractMonth("period_start")
        elif g == "quarter":
            out["_b_quarter"] = ExtractQuarter("period_start")
        elif g == "half":
            out["_b_half"] = _half()
        elif g == "period":
            out["_b_period_start"] = F("period_start")
            out["_b_period_type"] = F("period_type")
    return out


def _successor(field: str):
    return Subquery(
        UnitSuccession.objects.filter(old=OuterRef("unit"), is_default=True)
        .order_by("pk")
        .values(field)[:1]
    )


def _dimensions(group_by, regroup: bool) -> dict:
    """The columns grouped by, named `g_<grouping>` (raw time parts: `t_…`)."""
    dims = {}
    for g in group_by:
        if g == "commune":
            dims["g_commune"] = _successor("new") if regroup else F("unit_id")
        elif g == "district":
            dims["g_district"] = F("district_id")
        elif g == "province":
            if regroup:
                # A whole-organisation figure has no commune: its province goes where the
                # province's communes went.
                by_province = Subquery(
                    UnitSuccession.objects.filter(is_default=True)
                    .filter(
                        Q(old__parent=OuterRef("province"))
                        | Q(old__parent__parent=OuterRef("province"))
                    )
                    .order_by("pk")
                    .values("new__parent")[:1]
                )
                dims["g_province"] = Coalesce(_successor("new__parent"), by_province)
            else:
                dims["g_province"] = F("province_id")
        elif g == "organization":
            dims["g_organization"] = F("organization_id")
        elif g == "area":
            dims["g_area"] = F("area_id")
        elif g == "indicator":
            dims["g_indicator"] = F("indicator_id")
        elif g == "form":
            dims["g_form"] = F("report__form_id")
        elif g == "period":
            dims["t_start"] = F("period_start")
            dims["t_type"] = F("period_type")
        else:
            dims["t_year"] = ExtractYear("period_start")
            if g == "month":
                dims["t_month"] = ExtractMonth("period_start")
            elif g == "quarter":
                dims["t_quarter"] = ExtractQuarter("period_start")
            elif g == "half":
                dims["t_half"] = _half()
    return dims


def _finish(row: dict, group_by) -> dict:
    """Turn the raw time columns into period codes."""
    out = {k[2:]: v for k, v in row.items() if k.startswith("g_")}
    out["value"], out["count"] = row["value"], row["count"]
    for g in group_by:
        if g == "period":
            p = Period(_as_date(row["t_start"]), row["t_type"])
        elif g in ("month", "quarter", "half", "year"):
            year = int(row["t_year"])
            if g == "month":
                p = Period(date(year, int(row["t_month"]), 1), MONTH)
            elif g == "quarter":
                p = Period(date(year, (int(row["t_quarter"]) - 1) * 3 + 1, 1), QUARTER)
            elif g == "half":
                p = Period(date(year, 1 if int(row["t_half"]) == 1 else 7, 1), HALF)
            else:
                p = Period(date(year, 1, 1), YEAR)
        else:
            continue
        out[g] = p.code
        out[f"{g}_start"] = p.start
        out[f"{g}_name"] = p.label
        out[f"_{g}_sort"] = (p.start, p.type)
    return out


def _exact(value) -> Decimal:
    """SQLite adds decimals as floating point (926.700000000001): back to the 4 places the
    figures are stored with; whole numbers without a fraction."""
    value = Decimal(str(value)).quantize(Decimal("0.0001"))
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def _as_date(value) -> date:
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value


def _label(rows: list[dict], group_by) -> None:
    """Add `<grouping>_name` to each row, one query per kind of label."""
    from danvan.areas.models import ContentArea
    from danvan.orgs.models import Organization

    sources = {
        "commune": (AdminUnit, "name"),
        "district": (AdminUnit, "name"),
        "province": (AdminUnit, "name"),
        "organization": (Organization, None),
        "area": (ContentArea, "name"),
        "form": (ReportForm, "name"),
    }
    units_needed = {r[g] for r in rows for g in group_by if g in PLACES and r[g]}
    unit_names = (
        {u.pk: (u.name, u.sort_key) for u in AdminUnit.objects.filter(pk__in=units_needed)}
        if units_needed
        else {}
    )
    for g in group_by:
        if g in TIME:
            continue
        if g == "indicator":
            ids = {r[g] for r in rows}
            found = {i.pk: i for i in Indicator.objects.filter(pk__in=ids)}
            for r in rows:
                i = found.get(r[g])
                r["indicator_code"] = i.code if i else ""
                r["indicator_name"] = i.name if i else ""
                r["measure_unit"] = i.measure_unit if i else ""
                r["aggregation"] = i.aggregation if i else ""
                r[f"_{g}_sort"] = (i.order, i.sort_key) if i else (0, "")
            continue
        if g in PLACES:
            names = unit_names
        else:
            model, _field = sources[g]
            ids = {r[g] for r in rows if r[g]}
            objs = model.objects.filter(pk__in=ids) if ids else []
            if g == "organization":
                names = {o.pk: (o.display_name, o.sort_key) for o in objs}
            elif g == "area":
                names = {o.pk: (o.name, f"{o.order:05d}{o.sort_key}") for o in objs}
            else:
                names = {o.pk: (o.name, o.sort_key) for o in objs}
        for r in rows:
            name, key = names.get(r[g], ("", ""))
            r[f"{g}_name"] = name
            # Rows without the place (a whole-organisation figure) come last.
            r[f"_{g}_sort"] = (r[g] is None, key)


def _sort_part(row: dict, g: str):
    return row.get(f"_{g}_sort", row.get(g))
