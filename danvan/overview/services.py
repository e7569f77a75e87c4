"""The figures at a glance: one summary of a period, optionally narrowed to one organisation,
district or commune, used by the dashboard, its drill-down pages and the review reports.

Every indicator figure here is an answer of the figures service (`reporting.figures`), asked
once per grouping; nothing is summed twice or by hand. The number of database queries does not
grow with the data: each part is one grouped query (or the service's fixed few).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.periods import HALF, MONTH, QUARTER, YEAR, Period
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Committee, Organization
from danvan.overview import sources


@dataclass(frozen=True)
class Scope:
    """What a summary covers: a period and at most one organisation and one place."""

    period: Period
    organization: Organization | None = None
    district: AdminUnit | None = None
    commune: AdminUnit | None = None
    area: object | None = None  # a ContentArea
    indicator_id: int | None = None

    @property
    def start(self) -> date:
        return self.period.start

    @property
    def end(self) -> date:
        return self.period.end

    @property
    def place(self) -> AdminUnit | None:
        return self.commune or self.district

    def figure_filters(self) -> dict:
        filters: dict = {"start": self.start, "end": self.end}
        if self.organization is not None:
            filters["organizations"] = [self.organization]
        if self.place is not None:
            filters["units"] = [self.place]
        if self.area is not None:
            filters["areas"] = [self.area]
        return filters

    def query(self, **changes) -> str:
        """The query string of this scope with some parts changed (None removes a part)."""
        params = {
            "period": self.period.code,
            "org": self.organization.pk if self.organization else None,
            "district": self.district.pk if self.district else None,
            "commune": self.commune.pk if self.commune else None,
            "area": self.area.pk if self.area else None,
            "indicator": self.indicator_id,
        }
        params.update(changes)
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})


@dataclass
class Figure:
    """One indicator's total, with the words users say: "24.310 lượt cán bộ, chiến sĩ"."""

    indicator_id: int
    code: str
    name: str
    unit: str
    value: Decimal
    count: int
    area_id: int | None = None

    @property
    def words(self) -> str:
        return figure_words(self.name, self.unit)


def figure_words(name: str, unit: str) -> str:
    """The words after the number: "lượt cán bộ, chiến sĩ" for «Lượt cán bộ, chiến sĩ» in
    lượt; "m cống rãnh…" for «Cống rãnh…» in m; "ngày công" for «Ngày công»."""
    lowered = name[:1].lower() + name[1:]
    if not unit or lowered.lower().startswith(unit.lower()):
        return lowered
    return f"{unit} {lowered}"


@dataclass
class Breakdown:
    """Figures of several indicators over one grouping (districts, organisations, months…)."""

    key: str  # the grouping
    rows: list[dict] = field(default_factory=list)  # {"id", "name", "values": {ind: v}, "count"}

    def value(self, row_id, indicator_id) -> Decimal:
        for row in self.rows:
            if row["id"] == row_id:
                return row["values"].get(indicator_id, Decimal(0))
        return Decimal(0)

    def series(self, indicator_id) -> list[tuple[object, str, Decimal]]:
        return [(r["id"], r["name"], r["values"].get(indicator_id, Decimal(0))) for r in self.rows]


@dataclass
class TaskLine:
    kind: str  # planning, directions, meetings, other
    label: str
    total: int = 0
    done: int = 0
    in_progress: int = 0
    awaiting: int = 0
    overdue: int = 0
    not_started: int = 0

    @property
    def percent_done(self) -> int:
        return round(self.done * 100 / self.total) if self.total else 0


@dataclass
class Summary:
    scope: Scope
    figures_available: bool
    totals: list[Figure] = field(default_factory=list)
    by_area: list[dict] = field(default_factory=list)  # {"id", "name", "figures": [Figure]}
    by_district: Breakdown = field(default_factory=lambda: Breakdown("district"))
    by_commune: Breakdown = field(default_factory=lambda: Breakdown("commune"))
    by_organization: Breakdown = field(default_factory=lambda: Breakdown("organization"))
    by_month: Breakdown = field(default_factory=lambda: Breakdown("month"))
    communes_active: int = 0
    tasks: list[TaskLine] = field(default_factory=list)
    registers: dict = field(default_factory=dict)
    completeness: dict | None = None
    headline_codes: list[str] = field(default_factory=list)
    province: AdminUnit | None = None  # the committee's (province_of_committee), read once

    def leading(self, limit: int, *, fill: bool = True) -> list[Figure]:
        """The figures to show first: the catalogue's headlines, then (with `fill`, or when the
        catalogue marks none) the most reported ones."""
        chosen = [f for f in (self.total(code) for code in self.headline_codes) if f]
        if fill or not chosen:
            for figure in sorted(self.totals, key=lambda f: -f.count):
                if figure not in chosen:
                    chosen.append(figure)
        return chosen[:limit]

    def total(self, code_or_id) -> Figure | None:
        for figure in self.totals:
            if code_or_id in (figure.code, figure.indicator_id):
                return figure
        return None

    @property
    def main(self) -> Figure | None:
        """The indicator the charts show: the one asked for, else the first headline."""
        if self.scope.indicator_id:
            chosen = self.total(self.scope.indicator_id)
            if chosen:
                return chosen
        for code in self.headline_codes:
            figure = self.total(code)
            if figure:
                return figure
        return self.totals[0] if self.totals else None

    @property
    def task_totals(self) -> TaskLine:
        line = TaskLine("all", _("All tasks"))
        for item in self.tasks:
            for name in ("total", "done", "in_progress", "awaiting", "overdue", "not_started"):
                setattr(line, name, getattr(line, name) + getattr(item, name))
        return line


def headline_codes() -> list[str]:
    """The indicators the catalogue marks as headlines (Indicator.headline_order), in order."""
    indicator = sources.model("reporting", "Indicator")
    if indicator is None:
        return []
    return list(
        indicator.objects.filter(headline_order__isnull=False)
        .order_by("headline_order")
        .values_list("code", flat=True)
    )


def summarize(scope: Scope, user=None) -> Summary:
    figures_by = sources.figures_by_service()
    summary = Summary(
        scope=scope,
        figures_available=figures_by is not None,
        headline_codes=headline_codes(),
        province=province_of_committee(),
    )
    if figures_by is not None:
        _fill_figures(summary, figures_by, scope, user)
    summary.tasks = task_lines(scope, user)
    summary.registers = register_counts(scope, user)
    summary.completeness = reporting_completeness(scope, user)
    return summary


# The groupings of a summary, asked together (the service folds them into fewer queries).
WHOLE_GROUPINGS = (
    ("indicator",),
    ("area", "indicator"),
    ("organization", "indicator"),
    ("month", "indicator"),
)
# The places under the one in view: with no place chosen, the committee's province's districts
# and communes (the map, the district chart and the district filter show no other).
PLACE_GROUPINGS = (
    ("district", "indicator"),
    ("commune", "indicator"),
)
GROUPINGS = WHOLE_GROUPINGS + PLACE_GROUPINGS


def _place_filters(scope: Scope, province: AdminUnit | None) -> dict:
    """The filters of the place breakdowns: the scope's, narrowed to the committee's province
    when no place is chosen. A database holding other provinces' figures (the national
    benchmark) would otherwise break the whole country down by its 10,000 communes for a map
    of one province."""
    filters = scope.figure_filters()
    if scope.place is None:
        beyond = sources.figures_function("any_figure_beyond")
        # Only a unit of the old structure: figures are kept by their communes of then, and a
        # 2025 province would be matched through its communes' successions (not kept). When
        # every figure is the province's (a provincial deployment) narrowing changes nothing,
        # and asking once is cheaper than asking twice.
        if (
            province is not None
            and province.structure == AdminUnit.LEGACY
            and beyond is not None
            and beyond(province)
        ):
            filters["units"] = [province]
    return filters


def keep_figures(year: int) -> None:
    """Ask the figures of the committee-wide dashboard of a year (every committee-wide user
    shares its answer), so that the figures service keeps it for the next viewer."""
    figures_by = sources.figures_by_service()
    if figures_by is not None:
        scope = Scope(period=Period(date(year, 1, 1), YEAR))
        summary = Summary(scope=scope, figures_available=True, province=province_of_committee())
        _fill_figures(summary, figures_by, scope, None)


def _fill_figures(summary: Summary, figures_by, scope: Scope, user) -> None:
    place_filters = _place_filters(scope, summary.province)
    whole_filters = scope.figure_filters()
    if place_filters == whole_filters:
        asked = figures_by(GROUPINGS, user=user, **whole_filters)
    else:
        asked = [
            *figures_by(WHOLE_GROUPINGS, user=user, **whole_filters),
            *figures_by(PLACE_GROUPINGS, user=user, **place_filters),
        ]
    answers = dict(zip(GROUPINGS, asked, strict=True))
    summary.totals = [
        Figure(
            indicator_id=row["indicator"],
            code=row["indicator_code"],
            name=row["indicator_name"],
            unit=row["measure_unit"],
            value=row["value"],
            count=row["count"],
        )
        for row in answers[("indicator",)]
    ]
    by_id = {f.indicator_id: f for f in summary.totals}

    areas: dict = {}
    for row in answers[("area", "indicator")]:
        area = areas.setdefault(
            row["area"],
            {"id": row["area"], "name": row.get("area_name") or _("Other"), "figures": []},
        )
        total = by_id.get(row["indicator"])
        if total is not None:
            total.area_id = row["area"]
        area["figures"].append(
            Figure(
                indicator_id=row["indicator"],
                code=row["indicator_code"],
                name=row["indicator_name"],
                unit=row["measure_unit"],
                value=row["value"],
                count=row["count"],
                area_id=row["area"],
            )
        )
    summary.by_area = list(areas.values())

    summary.by_district = _breakdown("district", answers[("district", "indicator")])
    summary.by_commune = _breakdown("commune", answers[("commune", "indicator")])
    summary.by_organization = _breakdown("organization", answers[("organization", "indicator")])
    summary.by_month = _breakdown("month", answers[("month", "indicator")])
    summary.communes_active = sum(1 for row in summary.by_commune.rows if row["id"] is not None)


def _breakdown(key: str, rows: list[dict]) -> Breakdown:
    out: dict = {}
    for row in rows:
        ident = row[key]
        entry = out.setdefault(
            ident,
            {
                "id": ident,
                "name": row.get(f"{key}_name") or (ident if key == "month" else ""),
                "values": {},
                "count": 0,
            },
        )
        entry["values"][row["indicator"]] = row["value"]
        entry["count"] += row["count"]
    return Breakdown(key, list(out.values()))


# --- tasks ----------------------------------------------------------------------------------

TASK_KINDS = {
    "planning": lambda: _("Plan tasks"),
    "directions": lambda: _("Assignments"),
    "meetings": lambda: _("Conference conclusions"),
}


def _tasks_in_scope(scope: Scope, user):
    from danvan.tasks.models import Task

    tasks = Task.objects.all() if user is None else Task.objects.visible_to(user)
    tasks = tasks.filter(
        Q(due_date__gte=scope.start, due_date__lte=scope.end)
        | Q(due_date__isnull=True, start_date__gte=scope.start, start_date__lte=scope.end)
    ).exclude(state__in=[Task.CANCELLED, Task.SUPERSEDED])  # superseded: replaced by a revision
    if scope.organization is not None:
        tasks = tasks.of_organization(scope.organization.pk)
    if scope.area is not None:
        tasks = tasks.filter(area=scope.area)
    if scope.commune is not None:
        tasks = tasks.filter(units=scope.commune)
    elif scope.district is not None:
        tasks = tasks.filter(Q(units=scope.district) | Q(units__parent=scope.district))
    return tasks


def task_lines(scope: Scope, user=None, today: date | None = None) -> list[TaskLine]:
    """Plan tasks, assignments and conclusions due in the period: done, open, overdue (one
    grouped query)."""
    from danvan.tasks.models import Status

    tasks = _tasks_in_scope(scope, user)
    counts = (
        tasks.with_status(today)
        .values("source_type__app_label", "status_code")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    lines: dict[str, TaskLine] = {}
    for row in counts:
        kind = row["source_type__app_label"] or "other"
        kind = kind if kind in TASK_KINDS else "other"
        line = lines.get(kind) or lines.setdefault(
            kind, TaskLine(kind, TASK_KINDS[kind]() if kind in TASK_KINDS else _("Other tasks"))
        )
        n = row["n"]
        line.total += n
        code = row["status_code"]
        if code == Status.DONE:
            line.done += n
        elif code == Status.OVERDUE:
            line.overdue += n
        elif code == Status.AWAITING_CONFIRMATION:
            line.awaiting += n
        elif code == Status.IN_PROGRESS:
            line.in_progress += n
        else:
            line.not_started += n
    order = [*TASK_KINDS, "other"]
    return sorted(lines.values(), key=lambda line: order.index(line.kind))


# --- registers and completeness (filled in as those apps land) ----------------------------


def register_counts(scope: Scope, user=None) -> dict:
    """{"practices": {...} | None, "training": …, "meetings": …, "situations": …}: None means
    the register is not available yet."""
    from danvan.overview import registers

    return registers.counts(scope, user)


def reporting_completeness(scope: Scope, user=None) -> dict | None:
    from danvan.overview import registers

    return registers.completeness(scope, user)


# --- periods and choices ------------------------------------------------------------------


def latest_year_with_data(user=None) -> int:
    """The latest year that has approved figures (or tasks); this year when nothing has."""
    last_period_start = sources.figures_function("last_period_start")
    years: list[int] = []
    if last_period_start is not None:
        last = last_period_start(user=user)
        if last is not None:
            years.append(last.year)
    if not years:
        from danvan.tasks.models import Task

        last = Task.objects.exclude(due_date=None).order_by("-due_date").first()
        if last is not None:
            years.append(last.due_date.year)
    return max(years) if years else timezone.localdate().year


def period_choices(years: list[int]) -> list[tuple[str, str]]:
    out = []
    for year in sorted(set(years), reverse=True):
        whole = Period(date(year, 1, 1), YEAR)
        out.append((whole.code, whole.label))
        for child in whole.children(HALF) + whole.children(QUARTER):
            out.append((child.code, child.label))
    return out


def province_of_committee() -> AdminUnit | None:
    committee = Committee.objects.select_related("unit").order_by("pk").first()
    return committee.unit if committee else None


def map_points(summary: Summary, structure_day: date | None = None) -> list[dict]:
    """Every commune of the province (or the district in scope) with its coordinates and
    activity: the number of figures reported for it and the main indicator's value."""
    province = summary.province
    scope = summary.scope
    communes = AdminUnit.objects.filter(level=AdminUnit.COMMUNE, latitude__isnull=False)
    if scope.district is not None:
        communes = communes.filter(parent=scope.district)
    elif province is not None:
        communes = communes.filter(Q(parent__parent=province) | Q(parent=province))
    communes = communes.filter(structure=province.structure if province else AdminUnit.LEGACY)
    main = summary.main
    activity = {row["id"]: row for row in summary.by_commune.rows}
    points = []
    for unit in communes.only("pk", "name", "latitude", "longitude", "parent_id"):
        row = activity.get(unit.pk)
        points.append(
            {
                "id": unit.pk,
                "name": unit.name,
                "lat": unit.latitude,
                "lon": unit.longitude,
                "count": row["count"] if row else 0,
                "value": float(row["values"].get(main.indicator_id, 0)) if row and main else 0,
            }
        )
    return points


def months_series(summary: Summary, indicator_id) -> list[tuple[str, str, Decimal]]:
    """The main indicator month by month over the period, months without figures as 0."""
    values = defaultdict(Decimal)
    for row in summary.by_month.rows:
        values[row["id"]] = row["values"].get(indicator_id, Decimal(0))
    return [
        (
            month.code,
            f"{month.start.month:02d}/{month.start.year}",
            values.get(month.code, Decimal(0)),
        )
        for month in summary.scope.period.children(MONTH)
    ]
