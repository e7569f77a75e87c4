"""Timings of the dashboard (Tổng quan) and its drill-down, each as the page and as its
aggregation (`overview.services.summarize`) beside the same groupings in plain SQL; and the
year-end report (documents), built to Word, PDF and Excel."""

from __future__ import annotations

from datetime import date

from danvan.bench.measure import Result, aggregation, page, summarize, timed
from danvan.bench.time_reporting import _floor_sql, _year, cold, floor_params, forget
from danvan.bench.time_reporting import available as reporting_available

# The groupings the dashboard asks the figures service for (overview.services._fill_figures),
# each with whether it is narrowed to the committee's province when no place is chosen.
DASHBOARD_GROUPS = [
    (["indicator_id"], False),
    (["area_id", "indicator_id"], False),
    (["district_id", "indicator_id"], True),
    (["unit_id", "indicator_id"], True),
    (["organization_id", "indicator_id"], False),
    (["period_start", "indicator_id"], False),  # months: every benchmark figure is monthly
]


def available() -> bool:
    from django.apps import apps

    if not (reporting_available() and apps.is_installed("danvan.overview")):
        return False
    try:
        from danvan.overview.services import Scope, summarize  # noqa: F401
    except ImportError:
        return False
    return True


def _sql_of_dashboard(start, end, where: str, extra: list, province_id: int | None = None):
    """The dashboard's groupings in plain SQL; `province_id`: the place groupings are narrowed
    to it (no place chosen: overview.services._place_filters)."""
    from django.db import connection

    queries = []
    for group, narrowed in DASHBOARD_GROUPS:
        if narrowed and province_id is not None:
            sql = _floor_sql(group, where + " AND {a}.province_id = %s")
            params = floor_params(start, end, [*extra, province_id], group)
        else:
            sql, params = _floor_sql(group, where), floor_params(start, end, extra, group)
        queries.append((sql, params))

    def run():
        rows = 0
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                rows += len(cursor.fetchall())
        return rows

    return run


def _dashboard(ctx, name, scope, where, where_params, query, target) -> list[Result]:
    from danvan.accounts.models import User
    from danvan.overview.services import _place_filters, province_of_committee
    from danvan.overview.services import summarize as summarize_dashboard

    user = User.objects.get(username="thuongtruc")
    start, end = scope.start, scope.end
    narrowed = (
        _place_filters(scope, province_of_committee()).get("units") if scope.place is None else None
    )
    sql = _sql_of_dashboard(start, end, where, where_params, narrowed[0].pk if narrowed else None)
    return [
        aggregation(
            f"{name}: aggregation",
            cold(lambda: summarize_dashboard(scope, user)),
            sql,
            ctx.runs,
            target_ms=target,
            note="overview.services.summarize (6 groupings, tasks, registers, completeness) "
            "beside the 6 groupings in plain SQL; nothing kept (as after any change of figures)",
        ),
        aggregation(
            f"{name}: aggregation, answer kept",
            lambda: summarize_dashboard(scope, user),
            sql,
            ctx.runs,
            target_ms=target,
            note="the same with the figures service's answer kept (no figure changed since)",
        ),
        *(
            page(
                ctx.clients["thuongtruc"],
                query,
                ctx.runs,
                name=f"{name}: page{label} (standing office)",
                target_ms=target,
                before=before,
            )
            for label, before in (
                ("", None),
                (", answer shared by another process", _forget_in_process),
                (" after a change", forget),
            )
        ),
    ]


def _forget_in_process() -> None:
    """As in another process of the server, or after an approval once the queue has worked
    the dashboard out again (overview.tasks.keep_dashboards): only the shared answer."""
    from danvan.reporting import figures

    figures._CACHE.clear()


def measure(ctx) -> list[Result]:
    from django.urls import reverse

    from danvan.bench.suite import DASHBOARD_TARGET_MS
    from danvan.core.periods import YEAR, Period
    from danvan.geo.models import AdminUnit
    from danvan.overview.services import Scope

    year = _year(ctx)
    period = Period(date(year, 1, 1), YEAR)
    target = DASHBOARD_TARGET_MS[ctx.scale.name]
    results = []
    ctx.out("  dashboard…")
    results += _dashboard(
        ctx,
        f"dashboard {year}",
        Scope(period=period),
        "",
        [],
        f"/?period={period.code}",
        target,
    )
    ctx.out("  drill-down…")
    district = AdminUnit.objects.get(structure=AdminUnit.LEGACY, level=2, name="Huyện Vĩnh Tường")
    results += _dashboard(
        ctx,
        f"drill-down {district.short_name} {year}",
        Scope(period=period, district=district),
        "AND {a}.district_id = %s",
        [district.pk],
        reverse("overview:drill") + f"?period={period.code}&district={district.pk}",
        target,
    )
    results.append(
        page(
            ctx.clients["vinhtuong"],
            f"/?period={period.code}",
            ctx.runs,
            name=f"dashboard {year}: page (district officer)",
            target_ms=target,
        )
    )
    if _documents_available():
        ctx.out("  year-end report…")
        results.append(year_end_report(ctx, year))
    return results


def _documents_available() -> bool:
    from django.apps import apps

    if not apps.is_installed("danvan.documents"):
        return False
    try:
        from danvan.documents.services import create_review, run_generation  # noqa: F401
    except ImportError:
        return False
    return True


def year_end_report(ctx, year: int) -> Result:
    from danvan.accounts.models import User
    from danvan.documents.models import ReviewReport
    from danvan.documents.services import create_review, run_generation
    from danvan.orgs.models import Committee

    user = User.objects.get(username="thuongtruc")
    committee = Committee.objects.order_by("pk").first()
    report = create_review(kind=ReviewReport.YEAR, year=year, issuer=committee, acting_user=user)
    times, _ = timed(lambda: run_generation(report.pk), min(ctx.runs, 3), warmup=0)
    report.refresh_from_db()
    sizes = ", ".join(
        f"{name} {getattr(report, name).size / 1024:.0f} kB"
        for name in ("docx", "pdf", "xlsx")
        if getattr(report, name)
    )
    return summarize(
        f"year-end report {year} (Word, PDF, Excel)",
        "operation",
        times,
        note=f"documents.services.run_generation: figures, narrative, three files ({sizes})",
    )
