from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan.areas.models import ContentArea
from danvan.core.periods import YEAR, Period
from danvan.documents.layout import vn
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization
from danvan.overview import services, sources
from danvan.overview.services import Scope


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        raise Http404 from None


def _scope(request, default_year: int | None = None) -> Scope:
    """The scope asked for in the query string; an unknown organisation or place is a 404."""
    get = request.GET
    period = None
    if get.get("period"):
        try:
            period = Period.parse(get["period"])
        except ValueError:
            period = None
    if period is None:
        year = default_year or services.latest_year_with_data(request.user)
        period = Period(date(year, 1, 1), YEAR)
    organization = district = commune = area = None
    if (pk := _int(get.get("org"))) is not None:
        organization = Organization.objects.visible_to(request.user).filter(pk=pk).first()
        if organization is None:
            raise Http404
    if (pk := _int(get.get("commune"))) is not None:
        commune = (
            AdminUnit.objects.filter(pk=pk, level=AdminUnit.COMMUNE)
            .select_related("parent")
            .first()
        )
        if commune is None:
            raise Http404
        if commune.parent and commune.parent.level == AdminUnit.DISTRICT:
            district = commune.parent
    if district is None and (pk := _int(get.get("district"))) is not None:
        district = AdminUnit.objects.filter(pk=pk, level=AdminUnit.DISTRICT).first()
        if district is None:
            raise Http404
    if (pk := _int(get.get("area"))) is not None:
        area = ContentArea.objects.filter(pk=pk).first()
        if area is None:
            raise Http404
    return Scope(
        period=period,
        organization=organization,
        district=district,
        commune=commune,
        area=area,
        indicator_id=_int(get.get("indicator")),
    )


def _drill(scope: Scope, **changes) -> str:
    return reverse("overview:drill") + "?" + scope.query(**changes)


def headlines(summary: services.Summary) -> list[dict]:
    """The big numbers, in the words users say, each linking to where it comes from."""
    scope = summary.scope
    out = []
    chosen = summary.leading(4, fill=False)
    for figure in chosen:
        out.append(
            {
                "value": figure.value,
                "words": figure.words,
                "url": _drill(scope, indicator=figure.indicator_id),
                "key": figure.code,
            }
        )
    units = {figure.unit for figure in chosen}
    if summary.figures_available and "xã" not in units and summary.communes_active:
        out.append(
            {
                "value": summary.communes_active,
                "words": _("communes, wards and towns"),
                "url": _drill(scope),
                "key": "communes",
            }
        )
    practices = summary.registers.get("practices")
    if practices and practices["count"] and "mô hình" not in units:
        out.append(
            {
                "value": practices["count"],
                "words": _("skilful mass mobilization models"),
                "url": practices.get("url", ""),
                "key": "practices",
            }
        )
    return out


def _chart(key, title, unit, rows, kind="bar") -> dict:
    """A chart's data for the page's script: labels, values, links (one per bar)."""
    return {
        "key": key,
        "title": title,
        "unit": unit,
        "kind": kind,
        "labels": [row[0] for row in rows],
        "values": [float(row[1]) for row in rows],
        "texts": [vn(row[1]) for row in rows],
        "urls": [row[2] for row in rows],
    }


def charts(summary: services.Summary) -> list[dict]:
    main = summary.main
    if main is None:
        return []
    scope = summary.scope
    ind = main.indicator_id
    area_rows = []
    for area in summary.by_area:
        value = sum((f.value for f in area["figures"] if f.unit == main.unit), Decimal(0))
        if value and area["id"] is not None:
            area_rows.append((area["name"], value, _drill(scope, area=area["id"])))
    district_rows = [
        (name, value, _drill(scope, district=ident, commune=None))
        for ident, name, value in summary.by_district.series(ind)
        if ident is not None
    ]
    org_rows = [
        (name, value, _drill(scope, org=ident))
        for ident, name, value in summary.by_organization.series(ind)
    ]
    month_rows = [
        (label, value, _drill(scope, period=code))
        for code, label, value in services.months_series(summary, ind)
    ]
    return [
        _chart(
            "areas",
            _("Figures in %(unit)s by content area") % {"unit": main.unit},
            main.unit,
            sorted(area_rows, key=lambda r: -r[1]),
        ),
        _chart(
            "districts",
            _("%(words)s by district") % {"words": main.name},
            main.unit,
            sorted(district_rows, key=lambda r: -r[1]),
        ),
        _chart(
            "months",
            _("%(words)s by month") % {"words": main.name},
            main.unit,
            month_rows,
            kind="column",
        ),
        _chart(
            "organizations",
            _("%(words)s by organisation") % {"words": main.name},
            main.unit,
            sorted(org_rows, key=lambda r: -r[1]),
        ),
    ]


def _filter_choices(request, scope: Scope, province) -> dict:
    districts = AdminUnit.objects.filter(level=AdminUnit.DISTRICT)
    districts = districts.filter(parent=province) if province else districts.none()
    organizations = (
        Organization.objects.visible_to(request.user)
        .valid_on(scope.start)
        .exclude(kind=Organization.COMMUNE)
        .order_by("sort_key")
    )
    year = scope.period.start.year
    years = list(range(year - 3, year + 2))
    return {
        "periods": services.period_choices(years),
        "districts": districts.order_by("sort_key"),
        "organizations": organizations,
    }


@require_GET
def index(request):
    scope = _scope(request)
    summary = services.summarize(scope, request.user)
    main = summary.main
    context = {
        "scope": scope,
        "summary": summary,
        "headlines": headlines(summary),
        "charts": charts(summary),
        "points": services.map_points(summary) if summary.figures_available else [],
        "main": main,
        "map_unit": main.unit if main else "",
        "drill_url": reverse("overview:drill"),
        "drill_query": scope.query(commune=None),
        "tasks_url": reverse("overview:tasks") + "?" + scope.query(),
        "review_url": reverse("documents:review_list"),
        **_filter_choices(request, scope, summary.province),
    }
    return render(request, "overview/index.html", context)


def _reports(request, scope: Scope):
    """The approved reports a figure of this scope comes from (newest first)."""
    report_model = sources.model("reporting", "Report")
    if report_model is None or scope.organization is None:
        return None
    reports = report_model.objects.visible_to(request.user).filter(
        organization=scope.organization,
        status=report_model.APPROVED,
        period_start__gte=scope.start,
        period_start__lte=scope.end,
    )
    if scope.commune is not None:
        reports = reports.filter(values__unit=scope.commune).distinct()
    elif scope.district is not None:
        reports = reports.filter(values__district=scope.district).distinct()
    return list(reports.select_related("form", "organization").order_by("period_start")[:100])


@require_GET
def drill(request):
    """Where a figure comes from: the province by district, a district by commune, a commune by
    organisation, an organisation's reports."""
    scope = _scope(request)
    summary = services.summarize(scope, request.user)
    shown = summary.totals
    if scope.indicator_id:
        shown = [f for f in summary.totals if f.indicator_id == scope.indicator_id] or shown
    columns = shown[:6]
    if scope.commune is not None:
        places, place_key = None, None
    elif scope.district is not None:
        places, place_key = summary.by_commune, "commune"
    else:
        places, place_key = summary.by_district, "district"
    place_rows = []
    if places is not None:
        for row in places.rows:
            if row["id"] is None:
                continue
            place_rows.append(
                {
                    "name": row["name"],
                    "url": _drill(scope, **{place_key: row["id"]}),
                    "values": [row["values"].get(f.indicator_id) for f in columns],
                }
            )
    org_rows = [
        {
            "name": row["name"],
            "url": _drill(scope, org=row["id"]),
            "values": [row["values"].get(f.indicator_id) for f in columns],
        }
        for row in summary.by_organization.rows
    ]
    crumbs = [
        (
            _("Overview"),
            reverse("overview:index")
            + "?"
            + scope.query(org=None, district=None, commune=None, area=None, indicator=None),
        )
    ]
    if scope.district is not None:
        crumbs.append((scope.district.name, _drill(scope, commune=None, org=None)))
    if scope.commune is not None:
        crumbs.append((scope.commune.name, _drill(scope, org=None)))
    if scope.organization is not None:
        crumbs.append((scope.organization.name, _drill(scope)))
    context = {
        "scope": scope,
        "summary": summary,
        "columns": columns,
        "place_rows": place_rows,
        "place_key": place_key,
        "org_rows": org_rows,
        "reports": _reports(request, scope),
        "crumbs": crumbs,
        "tasks_url": reverse("overview:tasks") + "?" + scope.query(),
    }
    return render(request, "overview/drill.html", context)


def _task_url(task) -> str:
    try:
        return task.get_absolute_url()
    except NoReverseMatch:
        return ""


@require_GET
def tasks(request):
    """The tasks behind the completion figures, filtered by status."""
    from danvan.tasks.models import Status

    scope = _scope(request)
    status = request.GET.get("status", "")
    rows = services._tasks_in_scope(scope, request.user).with_status()
    if status in Status.values:
        rows = rows.filter(status_code=status)
    kind = request.GET.get("kind", "")
    if kind in services.TASK_KINDS:
        rows = rows.filter(source_type__app_label=kind)
    elif kind == "other":
        rows = rows.exclude(source_type__app_label__in=list(services.TASK_KINDS))
    rows = rows.select_related("lead").distinct().order_by("due_date", "pk")[:300]
    items = [{"task": task, "url": _task_url(task)} for task in rows]
    return render(
        request,
        "overview/tasks.html",
        {
            "scope": scope,
            "items": items,
            "status": status,
            "statuses": Status.choices,
            "back_url": reverse("overview:index") + "?" + scope.query(),
        },
    )
