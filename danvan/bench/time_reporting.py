"""Timings of the reporting app: the figures service (what the dashboard, drill-downs, the
year-end report and the API ask) beside the same question in plain SQL; saving a full report
grid; importing an Excel file of 50,000 figures; the report entry page."""

from __future__ import annotations

import io
import math
from datetime import date

from danvan.bench.gen_reporting import BENCH_PREFIX
from danvan.bench.gen_reporting import available as _available
from danvan.bench.measure import Result, aggregation, page, sql_runner, summarize, timed

IMPORT_VALUES = 50_000


def available() -> bool:
    return _available()


def _tables():
    from danvan.reporting.models import Indicator, Report, Value

    return Value._meta.db_table, Report._meta.db_table, Indicator._meta.db_table


def _floor_sql(group: list[str], where: str = "") -> str:
    """Plain SQL for figures(): SUM indicators added up; each LATEST indicator takes, per series
    (indicator × organisation × commune), the figure of the last period in the range — or of
    each month when grouped by month — then adds those up: the figures service's rule.

    `where` is extra conditions written for alias `{a}`; its parameters come after the date
    range, once for each of the three places it is used.
    """
    values, _reports, indicators = _tables()
    cols = ", ".join(f"v.{c}" for c in group)

    def scope(a: str) -> str:
        # The value's own copies of its report's status and its period's end (the best plain
        # SQL on this schema; before they existed the floor joined the reports).
        return (
            f"{a}.approved = %s AND {a}.period_start >= %s AND {a}.period_start <= %s "
            f"AND {a}.period_end <= %s " + where.format(a=a)
        )

    summed = (
        f"SELECT {cols}, SUM(v.value), COUNT(*) FROM {values} v "
        f"JOIN {indicators} i ON i.id = v.indicator_id "
        f"WHERE {scope('v')} AND i.aggregation = 'sum' GROUP BY {cols}"
    )
    if "period_start" in group:
        # Every benchmark figure is monthly: the latest of a series in a month is its figure.
        latest = summed.replace("i.aggregation = 'sum'", "i.aggregation = 'latest'")
        return f"{summed} UNION ALL {latest}"
    latest = (
        f"SELECT {cols}, SUM(v.value), COUNT(*) FROM {values} v "
        f"JOIN {indicators} i ON i.id = v.indicator_id "
        "JOIN (SELECT w.indicator_id, w.organization_id, COALESCE(w.unit_id, 0) AS u, "
        "MAX(w.period_start) AS last "
        f"FROM {values} w "
        f"JOIN {indicators} j ON j.id = w.indicator_id "
        f"WHERE {scope('w')} AND j.aggregation = 'latest' GROUP BY 1, 2, 3) l "
        "ON l.indicator_id = v.indicator_id AND l.organization_id = v.organization_id "
        "AND l.u = COALESCE(v.unit_id, 0) AND l.last = v.period_start "
        f"WHERE {scope('v')} AND i.aggregation = 'latest' GROUP BY {cols}"
    )
    return f"{summed} UNION ALL {latest}"


def floor_params(start, end, extra: list, group: list[str]) -> list:
    """The parameters of `_floor_sql` for a date range and the `where` parameters."""
    once = [True, start, end, end, *extra]
    return once * (2 if "period_start" in group else 3)


def forget() -> None:
    """Drop the figures service's kept answers (in this process and shared): the next question
    is asked of the database, as the first after any change of figures is."""
    from danvan.reporting import figures

    figures.forget()


def cold(fn):
    """`fn` as after a change of figures (nothing kept)."""

    def run():
        forget()
        return fn()

    return run


def _year(ctx) -> int:
    # A whole year, all approved (the last year has reports still waiting).
    return ctx.scale.last_year - 1 if ctx.scale.years > 1 else ctx.scale.last_year


def dashboard_totals(ctx) -> Result:
    from danvan.bench.suite import DASHBOARD_TARGET_MS
    from danvan.reporting.figures import figures

    year = _year(ctx)
    start, end = date(year, 1, 1), date(year, 12, 31)
    group = ["indicator_id"]
    return aggregation(
        f"figures: {year} totals by indicator",
        cold(lambda: figures(start=start, end=end, group_by=("indicator",))),
        sql_runner(_floor_sql(group), floor_params(start, end, [], group)),
        ctx.runs,
        target_ms=DASHBOARD_TARGET_MS[ctx.scale.name],
        note="the dashboard's aggregation: every indicator's total for a year",
    )


def dashboard_by_province(ctx) -> Result:
    from danvan.bench.suite import DASHBOARD_TARGET_MS
    from danvan.reporting.figures import figures

    year = _year(ctx)
    start, end = date(year, 1, 1), date(year, 12, 31)
    group = ["province_id", "indicator_id"]
    return aggregation(
        f"figures: {year} by province × indicator",
        cold(lambda: figures(start=start, end=end, group_by=("province", "indicator"))),
        sql_runner(_floor_sql(group), floor_params(start, end, [], group)),
        ctx.runs,
        target_ms=DASHBOARD_TARGET_MS[ctx.scale.name],
    )


def drill_down(ctx) -> Result:
    from danvan.geo.models import AdminUnit
    from danvan.reporting.figures import figures

    year = _year(ctx)
    start, end = date(year, 1, 1), date(year, 12, 31)
    district = AdminUnit.objects.get(structure=AdminUnit.LEGACY, level=2, name="Huyện Vĩnh Tường")
    group = ["unit_id", "indicator_id"]
    sql = _floor_sql(group, "AND {a}.district_id = %s")
    params = floor_params(start, end, [district.pk], group)
    return aggregation(
        f"figures: drill-down {district.short_name} {year} by commune",
        cold(
            lambda: figures(
                start=start, end=end, units=[district], group_by=("commune", "indicator")
            )
        ),
        sql_runner(sql, params),
        ctx.runs,
        target_ms=150 if ctx.scale.name != "national" else 1000,
    )


def drill_down_months(ctx) -> Result:
    from danvan.reporting.figures import figures
    from danvan.reporting.models import Indicator

    year = _year(ctx)
    start, end = date(year, 1, 1), date(year, 12, 31)
    indicator = Indicator.objects.get(code=f"{BENCH_PREFIX}-001")
    group = ["period_start"]
    sql = _floor_sql(group, "AND {a}.indicator_id = %s")
    params = floor_params(start, end, [indicator.pk], group)
    return aggregation(
        f"figures: one indicator {year} by month",
        cold(lambda: figures(indicators=[indicator], start=start, end=end, group_by=("month",))),
        sql_runner(sql, params),
        ctx.runs,
        target_ms=150 if ctx.scale.name != "national" else 1000,
    )


def _grid_report(ctx):
    from danvan.accounts.models import User
    from danvan.reporting.models import Report

    user = User.objects.get(username="vinhtuong")
    report = (
        Report.objects.filter(form__code=f"{BENCH_PREFIX}-XA", organization=user.organization)
        .order_by("-period_start")
        .first()
    )
    if report.status != Report.DRAFT:
        Report.objects.filter(pk=report.pk).update(status=Report.DRAFT)
        report.values.update(approved=False)
        report.refresh_from_db()
    return user, report


def save_grid(ctx) -> Result:
    from danvan.reporting import services

    user, report = _grid_report(ctx)
    cells = [
        (i.pk, u.pk if u else None)
        for i in report.form.ordered_indicators()
        for u in services.localities(report.form, report.organization, report.period)
    ]
    turn = {"n": 0}

    def save():
        turn["n"] += 1
        entries = {
            cell: services.CellInput(str((n + turn["n"]) % 97)) for n, cell in enumerate(cells)
        }
        report.refresh_from_db()
        changed = services.save_values(
            report, entries, acting_user=user, expected_version=report.version
        )
        assert changed, "the grid save changed nothing"

    times, _ = timed(save, ctx.runs)
    return summarize(
        f"save a full report grid ({len(cells)} figures)",
        "operation",
        times,
        note="services.save_values, as the entry page calls it, every cell changed",
    )


def entry_page(ctx) -> Result:
    _user, report = _grid_report(ctx)
    return page(
        ctx.clients["vinhtuong"],
        report.get_absolute_url(),
        ctx.runs,
        name="page: report entry grid",
        target_ms=100 if ctx.scale.name != "national" else 1000,
    )


def _import_report(ctx):
    """A report of a form wide enough to hold 50,000 figures for one provincial member."""
    from django.db import transaction

    from danvan.accounts.models import User
    from danvan.core.periods import MONTH, Period
    from danvan.reporting import services
    from danvan.reporting.models import FormIndicator, Indicator, ReportForm

    user = User.objects.get(username="mttq")
    org = user.organization
    period = Period.parse(f"{ctx.scale.last_year}M06")
    code = f"{BENCH_PREFIX}-IMP"
    with transaction.atomic():
        form = ReportForm.objects.filter(code=code).first()
        if form is None:
            form = ReportForm(code=code, name="Mẫu nhập Excel lớn (đo hiệu năng)", by_commune=True)
            form.period_type = MONTH
            form.save()
            communes = len(services.localities(form, org, period))
            wanted = math.ceil(IMPORT_VALUES / max(communes, 1))
            made = []
            for n in range(wanted):
                indicator = Indicator(
                    code=f"{code}-{n + 1:03d}",
                    name=f"Chỉ tiêu nhập {n + 1:03d}",
                    measure_unit="lượt",
                    order=900,
                )
                indicator.refresh_index_fields()
                made.append(indicator)
            made = Indicator.objects.bulk_create(made)
            FormIndicator.objects.bulk_create(
                [FormIndicator(form=form, indicator=i, order=n) for n, i in enumerate(made)]
            )
            form.organizations.add(org)
        report = services.open_report(form, org, period, acting_user=user)
    return user, report


def _workbook_bytes(report, shift: int) -> tuple[bytes, int]:
    from danvan.reporting import excel

    book = excel.template(report.form, report.organization, report.period, None)
    sheet = book[excel.DATA_SHEET]
    key_row = next(
        r for r in range(1, 30) if str(sheet.cell(row=r, column=1).value or "") == excel.KEY_MARK
    )
    written = 0
    for r in range(key_row + 2, sheet.max_row + 1):
        for c in range(excel.FIRST_VALUE_COLUMN, sheet.max_column + 1):
            sheet.cell(row=r, column=c, value=(r * 31 + c + shift) % 500)
            written += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), written


def excel_import(ctx) -> Result:
    from django.core.files.base import ContentFile

    from danvan.reporting.excel import run_import_job
    from danvan.reporting.models import ImportJob

    user, report = _import_report(ctx)
    files = [_workbook_bytes(report, shift) for shift in (1, 2)]
    turn = {"n": 0}

    def run():
        data, _written = files[turn["n"] % 2]
        turn["n"] += 1
        job = ImportJob(report=report, file_name="bench.xlsx", created_by=user)
        job.file.save("bench.xlsx", ContentFile(data), save=False)
        job.save()
        job = run_import_job(job.pk)
        assert job.state == ImportJob.DONE, job.errors[:3]
        return job.imported

    runs = min(ctx.runs, 3)
    # No warm-up run: each run is long, and the first is as cold as an officer's.
    times, imported = timed(run, runs, warmup=0)
    return summarize(
        f"import an Excel file of {files[0][1]:,} figures".replace(",", "."),
        "operation",
        times,
        note=f"read, checked and stored all-or-nothing; {imported} figures changed per run; "
        f"file {len(files[0][0]) / 1048576:.1f} MB",
    )


def measure(ctx) -> list[Result]:
    results = []
    for step in (
        dashboard_totals,
        dashboard_by_province,
        drill_down,
        drill_down_months,
        save_grid,
        entry_page,
        excel_import,
    ):
        ctx.out(f"  {step.__name__}…")
        results.append(step(ctx))
    return results
