"""Reports and their values at scale, written with the reporting app's own models.

Two monthly forms: one filled per commune by every district leadership (the figures of its
communes), one filled once by every provincial member organisation. Every month of every
year, every organisation reports; the last two months wait (sent, draft), the rest are
approved. Values carry the aggregation copies exactly as `Value.fill_copies` sets them.

Values are written in batches straight into the table (COPY on PostgreSQL), with the
table's own secondary indexes dropped during the load and rebuilt after, as bulk loaders do.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time
from decimal import Decimal

from django.apps import apps
from django.db import connection
from django.utils import timezone

BENCH_PREFIX = "BENCH"


def available() -> bool:
    if not apps.is_installed("danvan.reporting"):
        return False
    try:
        from danvan.reporting import models
    except ImportError:
        return False
    return all(hasattr(models, n) for n in ("Indicator", "ReportForm", "Report", "Value"))


def months(scale) -> list[date]:
    return [
        date(y, m, 1) for y in range(scale.first_year, scale.last_year + 1) for m in range(1, 13)
    ]


def _indicators(scale):
    from danvan.areas.models import ContentArea
    from danvan.reporting.models import MEASURE_UNITS, Indicator

    areas = list(ContentArea.objects.order_by("order", "pk"))
    made = []
    for n in range(scale.indicators):
        unit = MEASURE_UNITS[n % len(MEASURE_UNITS)]
        indicator = Indicator(
            code=f"{BENCH_PREFIX}-{n + 1:03d}",
            name=f"Chỉ tiêu mẫu {n + 1:03d} ({unit})",
            measure_unit=unit,
            decimal=unit in ("km", "tấn", "triệu đồng", "m³"),
            # One in ten counts "so far" (communes covered, models running): latest value.
            aggregation=Indicator.LATEST if n % 10 == 9 else Indicator.SUM,
            area=areas[n % len(areas)] if areas else None,
            order=500 + n,
        )
        indicator.refresh_index_fields()
        made.append(indicator)
    return Indicator.objects.bulk_create(made)


def _form(code, name, by_commune, indicators, organizations):
    from danvan.core.periods import MONTH
    from danvan.reporting.models import FormIndicator, ReportForm

    form = ReportForm(code=code, name=name, by_commune=by_commune, period_type=MONTH)
    form.save()
    FormIndicator.objects.bulk_create(
        [FormIndicator(form=form, indicator=i, order=n) for n, i in enumerate(indicators)]
    )
    form.organizations.set(organizations)
    return form


def _value_table_indexes(model):
    """The table's secondary indexes and unique constraints (Meta), to drop during the bulk
    load and rebuild after."""
    return list(model._meta.indexes), list(model._meta.constraints)


def _load_rows(model, columns: list[str], rows, total_hint: int, log) -> int:
    table = model._meta.db_table
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(f'"{c}"' for c in columns)
            # As pg_restore does: no trigger per row during the load. Otherwise every row queues
            # its deferred foreign-key checks (millions), and PostgreSQL refuses to rebuild the
            # indexes in the same transaction ("pending trigger events"). The rows are made
            # from ids just read. The figures stamp's trigger is skipped too: changed below.
            cursor.execute("SET LOCAL session_replication_role = replica")
            with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
                    if count % 1_000_000 == 0:
                        log(f"    {count:,} / ~{total_hint:,} values")
            cursor.execute("SET LOCAL session_replication_role = origin")
            cursor.execute(
                "UPDATE reporting_figuresstamp SET token = floor(random() * 4.6e18)::bigint"
            )
            return count
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == 20_000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch.clear()
                if count % 1_000_000 < 20_000:
                    log(f"    {count:,} / ~{total_hint:,} values")
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def generate(build) -> dict[str, int]:
    from danvan.accounts.models import User
    from danvan.core.periods import MONTH, Period
    from danvan.geo.models import AdminUnit
    from danvan.reporting.models import Report, Value

    scale = build.scale
    rng = random.Random(2022)  # noqa: S311 - made-up figures
    indicators = _indicators(scale)
    commune_ind = indicators[: scale.commune_indicators]
    member_ind = indicators[scale.commune_indicators :][: scale.member_indicators]
    districts = build.district_orgs
    members = build.member_orgs
    commune_form = _form(
        f"{BENCH_PREFIX}-XA",
        "Báo cáo kết quả tháng theo xã (mẫu đo hiệu năng)",
        True,
        commune_ind,
        districts,
    )
    member_form = _form(
        f"{BENCH_PREFIX}-DV",
        "Báo cáo kết quả tháng của đơn vị (mẫu đo hiệu năng)",
        False,
        member_ind,
        members,
    )

    # Communes of each district, with the district and province the figures are copied with.
    communes_of: dict[int, list[tuple[int, int, int]]] = {}
    for commune_id, district_id, province_id in AdminUnit.objects.filter(
        structure=AdminUnit.LEGACY, level=AdminUnit.COMMUNE
    ).values_list("pk", "parent_id", "parent__parent_id"):
        communes_of.setdefault(district_id, []).append((commune_id, district_id, province_id))

    office = User.objects.get(username="thuongtruc")
    all_months = months(scale)
    waiting = set(all_months[-2:])
    reports = []
    for month in all_months:
        sent = timezone.make_aware(datetime.combine(month.replace(day=28), time(9)))
        for form, orgs in ((commune_form, districts), (member_form, members)):
            for org in orgs:
                status = Report.APPROVED
                if month == all_months[-1]:
                    status = Report.DRAFT if org.pk % 3 == 0 else Report.SUBMITTED
                elif month in waiting and org.pk % 4 == 0:
                    status = Report.SUBMITTED
                reports.append(
                    Report(
                        form=form,
                        organization=org,
                        period_type=MONTH,
                        period_start=month,
                        status=status,
                        submitted_at=None if status == Report.DRAFT else sent,
                        last_submitted_at=None if status == Report.DRAFT else sent,
                        approved_at=sent if status == Report.APPROVED else None,
                        approved_by=office if status == Report.APPROVED else None,
                    )
                )
    Report.objects.bulk_create(reports, batch_size=5000)
    # Read whole before the load: on PostgreSQL an iterator() is a server-side cursor on the
    # connection the COPY holds, and psycopg waits for that connection forever (the first
    # national build hung in COPY, and held up other sessions' DROP DATABASE meanwhile).
    report_rows = list(
        Report.objects.filter(form__in=[commune_form, member_form]).values_list(
            "pk", "form_id", "organization_id", "period_start"
        )
    )
    org_unit = {o.pk: o.unit for o in [*districts, *members]}

    columns = [f.column for f in Value._meta.concrete_fields if not f.primary_key]

    approved_ids = set(
        Report.objects.filter(
            form__in=[commune_form, member_form], status=Report.APPROVED
        ).values_list("pk", flat=True)
    )
    month_end = {m: Period(m, MONTH).end for m in all_months}

    def row(report_id, indicator, unit_id, number, start, org_id, district_id, province_id):
        values = {
            "report_id": report_id,
            "indicator_id": indicator.pk,
            "unit_id": unit_id,
            "value": number,
            "comment": "",
            "period_start": start,
            "period_type": MONTH,
            "period_end": month_end[start],
            "approved": report_id in approved_ids,
            "organization_id": org_id,
            "district_id": district_id,
            "province_id": province_id,
            "area_id": indicator.area_id,
        }
        return tuple(values[c] for c in columns)

    def figure(indicator, n) -> Decimal:
        base = (indicator.pk * 7 + n) % 40 + rng.randint(0, 60)
        return Decimal(base) if not indicator.decimal else Decimal(base) / 4

    def rows():
        for report_id, form_id, org_id, start in report_rows:
            if form_id == commune_form.pk:
                for commune_id, district_id, province_id in communes_of.get(
                    org_unit[org_id].pk, []
                ):
                    for indicator in commune_ind:
                        yield row(
                            report_id,
                            indicator,
                            commune_id,
                            figure(indicator, commune_id),
                            start,
                            org_id,
                            district_id,
                            province_id,
                        )
            else:
                province_id = org_unit[org_id].pk if org_unit[org_id] else None
                for indicator in member_ind:
                    yield row(
                        report_id,
                        indicator,
                        None,
                        figure(indicator, org_id),
                        start,
                        org_id,
                        None,
                        province_id,
                    )

    n_communes = sum(len(communes_of.get(o.unit_id, [])) for o in districts)
    hint = len(all_months) * (n_communes * len(commune_ind) + len(members) * len(member_ind))
    indexes, constraints = _value_table_indexes(Value)
    # The statements of the model's own schema, run inside the build's transaction (SQLite's
    # schema editor refuses to open inside one).
    editor = connection.SchemaEditorClass(connection, collect_sql=False)
    editor.deferred_sql = []
    drop = [i.remove_sql(Value, editor) for i in indexes] + [
        c.remove_sql(Value, editor) for c in constraints
    ]
    create = [c.create_sql(Value, editor) for c in constraints] + [
        i.create_sql(Value, editor) for i in indexes
    ]
    with connection.cursor() as cursor:
        for statement in drop:
            cursor.execute(str(statement))
    written = _load_rows(Value, columns, rows(), hint, build.log)
    build.log("    rebuilding the value indexes…")
    with connection.cursor() as cursor:
        for statement in create:
            cursor.execute(str(statement))
    build.bench_forms = (commune_form, member_form)
    return {
        "indicators": len(indicators),
        "reports": len(reports),
        "values": written,
    }
