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
others (per series and period; the last period of each series, and the time buckets, are
worked out in Python), and one query per kind of label. `figures_by` answers several groupings
of the same figures with fewer queries (the dashboard's six in four plus one).

How it stays fast: a value carries copies of what is filtered and grouped on (period start and
end, approved, organisation, commune, district, province, area), so a question reads one table
on one index; a place is matched on the one column of its level; committee-wide users need no
visibility filter. Answers about approved figures are kept in memory under the figures stamp
(`reporting.models.FiguresStamp`), a token the database itself changes with every write that
touches an approved figure, an indicator or a form: nothing kept is ever stale, and saving
drafts does not throw kept answers away.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models import Value as V
from django.db.models.functions import Coalesce

from danvan.core.periods import HALF, MONTH, QUARTER, YEAR, Period
from danvan.geo.models import AdminUnit, UnitSuccession
from danvan.reporting.models import FiguresStamp, Indicator, Report, ReportForm, Value

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
    return figures_by(
        [group_by],
        indicators=indicators,
        start=start,
        end=end,
        period=period,
        organizations=organizations,
        units=units,
        areas=areas,
        forms=forms,
        approved_only=approved_only,
        regroup_2025=regroup_2025,
        user=user,
    )[0]


def figures_by(groupings: Sequence[Sequence[str]], **filters) -> list[list[dict]]:
    """Several groupings of the same figures: for each grouping, exactly the rows
    `figures(group_by=grouping, **filters)` returns, with fewer queries. Groupings that differ
    only in places are asked as one (district × indicator and commune × indicator: one query
    by district, commune and indicator); a grouping contained in another is added up from it
    (indicator totals from area × indicator); the "latest" indicators are read once for all.

    Answers about approved figures are kept in memory under the figures stamp
    (`FiguresStamp`), which the database changes with any write touching an approved figure,
    an indicator or a form: a kept answer is never stale (an approval counts at the next
    request).
    """
    groupings = [tuple(g) for g in groupings]
    regroup = filters.get("regroup_2025", False)
    for group_by in groupings:
        unknown = [g for g in group_by if g not in GROUPINGS]
        if unknown:
            raise FiguresError(f"Unknown grouping {unknown}; choose from {GROUPINGS}")
        if regroup and "district" in group_by:
            raise FiguresError("There are no districts in the 2025 structure to regroup onto.")
    period = filters.pop("period", None)
    if period is not None:
        filters["start"], filters["end"] = period.start, period.end
    filters.setdefault("approved_only", True)

    key = _cache_key(groupings, filters)
    if key is None:
        answers = _compute(groupings, filters)
    else:
        answers = _CACHE.get_or_compute(key, lambda: _shared(key, groupings, filters))
    out = []
    labels: dict = {}
    for group_by, rows in zip(groupings, answers, strict=True):
        rows = [dict(r) for r in rows]
        _label(rows, group_by, labels)
        rows.sort(key=lambda r: tuple(_sort_part(r, g) for g in group_by))  # noqa: B023
        for row in rows:
            for g in group_by:
                row.pop(f"_{g}_sort", None)
        out.append(rows)
    return out


def _compute(groupings: list[tuple], filters: dict) -> list[list[dict]]:
    """The unlabelled rows of each grouping (value, count, time buckets)."""
    regroup = filters.get("regroup_2025", False)
    base = _filtered(
        **{k: filters.get(k) for k in _FILTERS},
        approved_only=filters["approved_only"],
    )
    # Which indicators take their latest value, read once (a catalogue of a hundred): the
    # figures are split on their own indicator_id, with no join to the catalogue.
    latest_ids = list(
        Indicator.objects.filter(aggregation=Indicator.LATEST).values_list("pk", flat=True)
    )
    # The summed indicators: one GROUP BY per query grouping (see figures_by).
    asked = _query_groupings(groupings)
    summed: dict[tuple, list[dict]] = {}
    for query in asked:
        dims = _dimensions(query, regroup)
        rows = base.exclude(indicator_id__in=latest_ids) if latest_ids else base
        if dims:
            rows = list(
                rows.annotate(**dims)
                .values(*dims)
                .annotate(value=Sum("value"), count=Count("id"))
                .order_by()
            )
        else:
            total = rows.aggregate(value=Sum("value"), count=Count("id"))
            rows = [total] if total["count"] else []
        summed[query] = rows
    # The "latest" indicators: one query grouped by every grouping's columns at once.
    everything = tuple(dict.fromkeys(g for group_by in groupings for g in group_by))
    latest = (
        _latest_rows(base.filter(indicator_id__in=latest_ids), _dimensions(everything, regroup))
        if latest_ids
        else []
    )

    answers = []
    for group_by in groupings:
        query = next(q for q in asked if set(group_by) <= set(q))
        finish = _Finisher(group_by)
        merged: dict[tuple, dict] = {}
        for row in [*summed[query], *_last_of_series(latest, group_by)]:
            # Time buckets come from the period's start here, not from date functions in SQL
            # (a Python function per row on SQLite): rows of several periods of a bucket merge.
            out = finish(row)
            key = tuple(out[g] for g in group_by)
            if key in merged:
                merged[key]["value"] += out["value"]
                merged[key]["count"] += out["count"]
            else:
                merged[key] = out
        rows = list(merged.values())
        for row in rows:
            row["value"] = _exact(row["value"])
        answers.append(rows)
    return answers


_FILTERS = ("indicators", "start", "end", "organizations", "units", "areas", "forms", "user")


def last_period_start(*, user=None, approved_only: bool = True) -> date | None:
    """The start of the latest period any figure (approved, and seen by `user`) is for: the
    year a dashboard opens on. One index lookup, where grouping every figure by year read
    them all (0.5 s at a province's ten years)."""
    values = _filtered(**(dict.fromkeys(_FILTERS) | {"user": user}), approved_only=approved_only)
    found = values.aggregate(last=Max("period_start"))["last"]
    return _as_date(found) if found is not None else None


def any_figure_beyond(province) -> bool:
    """Whether any figure was reported for a place of another province than this one (a
    database shared with other provinces): two probes of the index on the value's province."""
    values = Value.objects.all()
    return (
        values.filter(province_id__lt=province.pk).exists()
        or values.filter(province_id__gt=province.pk).exists()
    )


def _query_groupings(groupings: list[tuple]) -> list[tuple]:
    """The groupings to ask the database: those differing only in places become one (by the
    union of their places); one contained in another is not asked."""
    merged: dict[tuple, list[str]] = {}
    for group_by in groupings:
        rest = tuple(g for g in group_by if g not in PLACES)
        places = merged.setdefault(rest, [])
        places += [g for g in group_by if g in PLACES and g not in places]
    queries = [tuple(places) + rest for rest, places in merged.items()]
    return [q for q in queries if not any(set(q) < set(other) for other in queries if other != q)]


def _latest_rows(base, dims) -> list[dict]:
    """Each series' total per period (`base`: figures of "latest" indicators; a series is
    indicator × organisation × commune), split by `dims`; `_last_of_series` picks the last
    period.

    A correlated sub-query picking the last period in SQL cost minutes on SQLite for a year of
    a province's monthly reports.
    """
    rows = (
        base.annotate(_unit=Coalesce("unit_id", V(0), output_field=IntegerField()), **dims)
        .values(*dims, "indicator_id", "organization_id", "_unit", "period_start", "period_type")
        .annotate(value=Sum("value"), count=Count("id"))
        .order_by()
    )
    out = []
    for row in rows:
        row["period_start"] = _as_date(row["period_start"])
        out.append(row)
    return out


def _last_of_series(rows: list[dict], group_by) -> list[dict]:
    """The rows of each series' last period within each time bucket of `group_by` (the whole
    range when there is no time grouping)."""
    bucket = _Buckets(group_by)
    last: dict[tuple, list[dict]] = {}
    for row in rows:
        start = row["period_start"]
        key = (
            row["indicator_id"],
            row["organization_id"],
            row["_unit"],
            *bucket(start, row["period_type"]),
        )
        kept = last.get(key)
        if kept is None or start > kept[0]["period_start"]:
            last[key] = [row]
        elif start == kept[0]["period_start"]:
            kept.append(row)
    return [row for kept in last.values() for row in kept]


class _Buckets:
    """The time buckets (periods) of a figure's period, one per time grouping, memoised."""

    def __init__(self, group_by):
        self.time = [g for g in group_by if g in TIME]
        self.seen: dict[tuple, tuple[Period, ...]] = {}

    def __call__(self, start: date, type_: str) -> tuple[Period, ...]:
        found = self.seen.get((start, type_))
        if found is None:
            found = self.seen[(start, type_)] = tuple(
                Period(start, type_) if g == "period" else Period.of(_BUCKET_TYPES[g], start)
                for g in self.time
            )
        return found


_BUCKET_TYPES = {"month": MONTH, "quarter": QUARTER, "half": HALF, "year": YEAR}


# --- Kept answers -----------------------------------------------------------------------------


class _Answers:
    """Answers of `_compute` kept in this process under the figures stamp, least recently used
    first out, bounded by answers and by rows (a national dashboard is ≈ 56,000 rows). Another
    process's write changes the stamp in the database, so every process sees it at its next
    question."""

    SIZE = 64
    ROWS = 300_000

    def __init__(self):
        self.lock = threading.Lock()
        self.kept: OrderedDict[tuple, tuple[int, list[list[dict]]]] = OrderedDict()
        self.rows = 0
        self.pending: dict[tuple, threading.Event] = {}

    def get_or_compute(self, key, compute, wait: float = 30.0):
        """The kept answer, or `compute()`'s, kept. While one thread of this process computes
        an answer, the others asking the same question wait for it instead of computing it
        again (after a change, the first views of a busy dashboard all arrive at once)."""
        with self.lock:
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
                return found[1]
            running = self.pending.get(key)
            if running is None:
                running = self.pending[key] = threading.Event()
                mine = True
            else:
                mine = False
        if not mine:
            running.wait(wait)
            found = self.get(key)
            return found if found is not None else compute()
        try:
            answers = compute()
            self.put(key, answers)
            return answers
        finally:
            with self.lock:
                self.pending.pop(key, None)
            running.set()

    def get(self, key):
        with self.lock:
            found = self.kept.get(key)
            if found is None:
                return None
            self.kept.move_to_end(key)
            return found[1]

    def put(self, key, answers) -> None:
        size = sum(len(rows) for rows in answers)
        if size > self.ROWS // 2:
            return  # too large to keep
        with self.lock:
            old = self.kept.pop(key, None)
            if old is not None:
                self.rows -= old[0]
            self.kept[key] = (size, answers)
            self.rows += size
            while len(self.kept) > self.SIZE or self.rows > self.ROWS:
                _key, (dropped, _answers) = self.kept.popitem(last=False)
                self.rows -= dropped

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()
            self.rows = 0


_CACHE = _Answers()


def _shared(key: tuple, groupings: list[tuple], filters: dict) -> list[list[dict]]:
    """The answer another process of the server computed (the "figures" cache: files under
    var/ or Redis), or this one's, left there for the others. The key holds the stamp, so an
    answer found is never stale; a cache that fails is skipped, never trusted."""
    from django.core.cache import caches

    name = "figures:" + hashlib.sha256(repr(key).encode()).hexdigest()
    try:
        shared = caches["figures"]
        found = shared.get(name)
    except Exception:  # noqa: BLE001 - an unreachable cache must not stop the dashboard
        shared, found = None, None
    if found is not None and found[0] == key:
        return found[1]
    answers = _compute(groupings, filters)
    if shared is not None and sum(len(rows) for rows in answers) <= _Answers.ROWS // 2:
        with contextlib.suppress(Exception):  # kept in this process all the same
            shared.set(name, (key, answers))
    return answers


def forget() -> None:
    """Drop every kept answer, in this process and shared (the benchmark's "nothing kept")."""
    from django.core.cache import caches

    _CACHE.clear()
    caches["figures"].clear()


def _stamp() -> int | None:
    """The figures stamp as the database has it now (None: no stamp row, keep nothing)."""
    token = FiguresStamp.objects.filter(pk=1).values_list("token", flat=True).first()
    return token


def _cache_key(groupings: list[tuple], filters: dict) -> tuple | None:
    """What the answer depends on, or None for a question not kept: figures not yet approved
    (the stamp does not watch drafts), regrouping onto 2025 units and 2025 places (successions
    are not watched by the stamp), and content areas named by code (areas are not watched
    either)."""
    if filters.get("regroup_2025") or not filters["approved_only"]:
        return None
    parts = []
    for name in _FILTERS:
        value = filters.get(name)
        if name == "user" and value is None:
            parts.append(("all", None))  # no user: no visibility filter, as committee-wide
        elif value is None:
            parts.append(None)
        elif name == "user":
            # Users who see the same figures share answers: every committee-wide user (and,
            # for approved figures, every viewer) one, each organisation's officers one.
            kind, organization_id = Report.objects.visibility(value)
            if kind == "approved" and filters["approved_only"]:
                kind = "all"
            parts.append((kind, organization_id))
        elif name in ("start", "end"):
            parts.append(value)
        elif name == "units":
            units = [u if isinstance(u, AdminUnit) else AdminUnit.objects.get(pk=u) for u in value]
            if any(u.structure != AdminUnit.LEGACY for u in units):
                return None
            parts.append(tuple(sorted((u.pk, u.level) for u in units)))
        else:
            items = []
            for item in value:
                pk = getattr(item, "pk", None)
                if pk is not None:
                    items.append(("pk", pk))
                elif isinstance(item, int | str):
                    if name == "areas" and not (isinstance(item, int) or item.isdigit()):
                        return None
                    items.append((type(item).__name__, item))
                else:
                    return None
            parts.append(tuple(sorted(items, key=repr)))
    token = _stamp()
    if token is None:
        return None
    return (
        connection.alias,
        connection.settings_dict.get("NAME"),
        token,
        filters["approved_only"],
        tuple(groupings),
        *parts,
    )


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


# `approved=True` is written `WHERE "approved"` on SQLite, which its planner cannot match to
# the index `value_period (approved, period_start, period_end)`; `IN (1)` it can.
_APPROVED = Q(approved__in=[True])


def _filtered(*, indicators, start, end, organizations, units, areas, forms, approved_only, user):
    values = Value.objects.all()
    if approved_only:
        # The value's copy of its report's status (kept by the workflow's steps): no join.
        values = values.filter(_APPROVED)
    if user is not None:
        values = _visible(values, user)
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


def _visible(values, user):
    """Report.visible_to's rule, on the value's copies of its report's status and
    organisation: no join, and committee-wide users get no filter at all."""
    kind, organization_id = Report.objects.visibility(user)
    if kind == "approved":
        return values.filter(_APPROVED)
    if kind == "organization":
        return values.filter(organization_id=organization_id)
    if kind == "none":
        return values.none()
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
        else:
            # The bucket is worked out from the period in Python (_Finisher).
            dims["t_start"] = F("period_start")
            dims["t_type"] = F("period_type")
    return dims


class _Finisher:
    """A grouped row as returned: groupings by name, time buckets as period codes."""

    def __init__(self, group_by):
        self.places = [g for g in group_by if g not in TIME]  # and the other non-time ones
        self.buckets = _Buckets(group_by)
        self.parts: dict[Period, tuple] = {}

    def __call__(self, row: dict) -> dict:
        out = {g: row[f"g_{g}"] for g in self.places}
        out["value"], out["count"] = row["value"] or Decimal(0), row["count"]
        if self.buckets.time:
            periods = self.buckets(_as_date(row["t_start"]), row["t_type"])
            for g, p in zip(self.buckets.time, periods, strict=True):
                parts = self.parts.get(p)
                if parts is None:
                    parts = self.parts[p] = (p.code, p.start, p.label, (p.start, p.type))
                out[g], out[f"{g}_start"], out[f"{g}_name"], out[f"_{g}_sort"] = parts
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


def _label(rows: list[dict], group_by, known: dict) -> None:
    """Add `<grouping>_name` to each row, one query per kind of label (`known` keeps the
    labels already read for the other groupings of the same call)."""
    from danvan.areas.models import ContentArea
    from danvan.orgs.models import Organization

    def lookup(kind: str, ids: set, read) -> dict:
        found = known.setdefault(kind, {})
        missing = {i for i in ids if i and i not in found}
        if missing:
            found.update(read(missing))
        return found

    for g in group_by:
        if g in TIME:
            continue
        ids = {r[g] for r in rows}
        if g == "indicator":
            found = lookup(
                "indicator",
                ids,
                lambda pks: {i.pk: i for i in Indicator.objects.filter(pk__in=pks)},
            )
            for r in rows:
                i = found.get(r[g])
                r["indicator_code"] = i.code if i else ""
                r["indicator_name"] = i.name if i else ""
                r["measure_unit"] = i.measure_unit if i else ""
                r["aggregation"] = i.aggregation if i else ""
                r[f"_{g}_sort"] = (i.order, i.sort_key) if i else (0, "")
            continue
        if g in PLACES:
            names = lookup(
                "unit",
                {r[h] for r in rows for h in group_by if h in PLACES},
                lambda pks: {
                    u.pk: (u.name, u.sort_key) for u in AdminUnit.objects.filter(pk__in=pks)
                },
            )
        elif g == "organization":
            names = lookup(
                g,
                ids,
                lambda pks: {
                    o.pk: (o.display_name, o.sort_key)
                    for o in Organization.objects.filter(pk__in=pks)
                },
            )
        elif g == "area":
            names = lookup(
                g,
                ids,
                lambda pks: {
                    o.pk: (o.name, f"{o.order:05d}{o.sort_key}")
                    for o in ContentArea.objects.filter(pk__in=pks)
                },
            )
        else:
            names = lookup(
                g,
                ids,
                lambda pks: {
                    o.pk: (o.name, o.sort_key) for o in ReportForm.objects.filter(pk__in=pks)
                },
            )
        for r in rows:
            name, key = names.get(r[g], ("", ""))
            r[f"{g}_name"] = name
            # Rows without the place (a whole-organisation figure) come last.
            r[f"_{g}_sort"] = (r[g] is None, key)


def _sort_part(row: dict, g: str):
    return row.get(f"_{g}_sort", row.get(g))
