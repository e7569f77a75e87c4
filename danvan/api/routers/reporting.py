"""Indicator reports: the catalogue (indicators, report forms), reports with their values and
their workflow, and the figures service. Every step is `reporting.services`; every total is
`reporting.figures.figures`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Status

from danvan.accounts.access import get_for_user
from danvan.api.errors import ApiError
from danvan.api.forms import save_form
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.schemas import Id, NoteIn, ReasonIn, Schema, StepOut, responses, steps
from danvan.core.periods import Period
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization
from danvan.reporting import services
from danvan.reporting.figures import GROUPINGS, FiguresError, figures
from danvan.reporting.forms import IndicatorForm, ReportFormForm
from danvan.reporting.models import Indicator, Report, ReportForm

router = Router(tags=["Báo cáo số liệu"])


# --- Indicators -------------------------------------------------------------------------------


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    measure_unit: str
    decimal: bool
    aggregation: str
    area_id: int | None
    description: str
    order: int
    headline_order: int | None
    valid_from: date | None
    valid_to: date | None


class IndicatorIn(Schema):
    code: str | None = None
    name: str | None = None
    measure_unit: str | None = None
    decimal: bool | None = None
    aggregation: str | None = None
    area: Id | None = None
    description: str | None = None
    order: int | None = Field(None, ge=0, le=32767)
    headline_order: int | None = Field(None, ge=0, le=32767)
    valid_from: date | None = None
    valid_to: date | None = None


class IndicatorQuery(ListQuery):
    area: Id | None = None
    q: str | None = None
    valid_on: date | None = None
    updated_since: datetime | None = None
    ordering: orderings("name", "code", "order") | None = None


@router.get("/indicators", response=responses(200, Page[IndicatorOut]), url_name="indicator_list")
def list_indicators(request, query: Query[IndicatorQuery]):
    """Danh mục chỉ tiêu."""
    return page_of(
        Indicator.objects.visible_to(request.auth),
        query,
        filters={
            "area": "area_id",
            "q": search,
            "valid_on": lambda qs, day: qs.valid_on(day),
            "updated_since": changed_since,
        },
        order_fields={"name": "sort_key", "code": "code", "order": ("order", "sort_key")},
        default_order=("order", "sort_key"),
    )


@router.get(
    "/indicators/{indicator_id}", response=responses(200, IndicatorOut), url_name="indicator_detail"
)
def get_indicator(request, indicator_id: Id):
    """Một chỉ tiêu."""
    return get_for_user(Indicator.objects, request.auth, indicator_id)


@router.post("/indicators", response=responses(201, IndicatorOut), url_name="indicator_create")
def create_indicator(request, payload: IndicatorIn):
    """Thêm chỉ tiêu (Văn phòng thường trực)."""
    if not request.auth.has_perm("reporting.manage_forms"):
        raise PermissionDenied
    return Status(
        201, save_form(IndicatorForm, payload.model_dump(exclude_unset=True), actor=request.auth)
    )


@router.patch(
    "/indicators/{indicator_id}", response=responses(200, IndicatorOut), url_name="indicator_update"
)
def update_indicator(request, indicator_id: Id, payload: IndicatorIn):
    """Sửa chỉ tiêu."""
    indicator = get_for_user(
        Indicator.objects, request.auth, indicator_id, perm="reporting.manage_forms"
    )
    return save_form(
        IndicatorForm,
        payload.model_dump(exclude_unset=True),
        actor=request.auth,
        instance=indicator,
    )


# --- Report forms -----------------------------------------------------------------------------


class RuleOut(Schema):
    id: int
    left_id: int
    operator: str
    right_id: int
    message: str


class ReportFormOut(Schema):
    id: int
    code: str
    name: str
    description: str
    period_type: str
    by_commune: bool
    deadline_days: int
    reminder_days: int
    valid_from: date | None
    valid_to: date | None


class ReportFormDetailOut(ReportFormOut):
    indicator_ids: list[int]
    organization_ids: list[int]
    rules: list[RuleOut]


class ReportFormQuery(ListQuery):
    organization: Id | None = None
    period_type: str | None = None
    q: str | None = None
    valid_on: date | None = None
    updated_since: datetime | None = None
    ordering: orderings("name", "code") | None = None


@router.get(
    "/report-forms", response=responses(200, Page[ReportFormOut]), url_name="report_form_list"
)
def list_report_forms(request, query: Query[ReportFormQuery]):
    """Mẫu báo cáo."""
    return page_of(
        ReportForm.objects.visible_to(request.auth),
        query,
        filters={
            "organization": "organizations",
            "period_type": "period_type",
            "q": search,
            "valid_on": lambda qs, day: qs.valid_on(day),
            "updated_since": changed_since,
        },
        order_fields={"name": "sort_key", "code": "code"},
        default_order=("sort_key",),
    )


@router.get(
    "/report-forms/{form_id}",
    response=responses(200, ReportFormDetailOut),
    url_name="report_form_detail",
)
def get_report_form(request, form_id: Id):
    """Một mẫu báo cáo: chỉ tiêu (theo thứ tự), đơn vị báo cáo, quy tắc kiểm tra."""
    return _form_detail(get_for_user(ReportForm.objects, request.auth, form_id))


class ReportFormIn(Schema):
    code: str | None = None
    name: str | None = None
    description: str | None = None
    period_type: str | None = Field(None, description="month, quarter, half hoặc year")
    by_commune: bool | None = None
    deadline_days: int | None = Field(None, ge=0, le=32767)
    reminder_days: int | None = Field(None, ge=0, le=32767)
    valid_from: date | None = None
    valid_to: date | None = None
    indicators: list[Id] | None = Field(None, description="Chỉ tiêu (theo thứ tự danh mục)")
    organizations: list[Id] | None = Field(None, description="Đơn vị báo cáo")


def _form_detail(form: ReportForm) -> ReportForm:
    form.indicator_ids = [i.pk for i in form.ordered_indicators()]
    form.organization_ids = list(
        form.organizations.order_by("sort_key").values_list("pk", flat=True)
    )
    return form


def _save_report_form(request, payload: ReportFormIn, instance=None) -> ReportForm:
    data = payload.model_dump(exclude_unset=True)
    if instance is not None:
        # The form's indicators are not a field of its model: a change keeps them unless given.
        data.setdefault("indicators", [i.pk for i in instance.ordered_indicators()])
    saved = save_form(
        ReportFormForm,
        data,
        actor=request.auth,
        instance=instance,
        save=lambda form: services.save_report_form(form, acting_user=request.auth),
    )
    return _form_detail(saved)


@router.post(
    "/report-forms", response=responses(201, ReportFormDetailOut), url_name="report_form_create"
)
def create_report_form(request, payload: ReportFormIn):
    """Thêm mẫu báo cáo (Văn phòng thường trực): chỉ tiêu, đơn vị báo cáo, kỳ, hạn gửi."""
    if not request.auth.has_perm("reporting.manage_forms"):
        raise PermissionDenied
    return Status(201, _save_report_form(request, payload))


@router.patch(
    "/report-forms/{form_id}",
    response=responses(200, ReportFormDetailOut),
    url_name="report_form_update",
)
def update_report_form(request, form_id: Id, payload: ReportFormIn):
    """Sửa mẫu báo cáo; chỉ những trường được gửi."""
    form = get_for_user(ReportForm.objects, request.auth, form_id, perm="reporting.manage_forms")
    return _save_report_form(request, payload, instance=form)


class CompletenessRowOut(Schema):
    organization_id: int
    organization_name: str
    report_id: int | None
    status: Literal["approved", "submitted", "returned", "draft", "missing"]
    submitted_at: datetime | None
    on_time: bool | None = Field(description="Gửi đúng hạn; null khi chưa gửi")
    overdue: bool = Field(description="Quá hạn mà chưa gửi")


class CompletenessOut(Schema):
    form_id: int
    period: str
    deadline: date
    expected: int
    sent: int
    on_time: int
    approved: int
    rows: list[CompletenessRowOut]


@router.get(
    "/report-forms/{form_id}/completeness",
    response=responses(200, CompletenessOut),
    url_name="report_form_completeness",
)
def get_completeness(
    request,
    form_id: Id,
    period: str | None = Query(  # noqa: B008 - ninja's way to describe a parameter
        None, description="Mã kỳ của mẫu (2022M03…); mặc định: kỳ vừa qua"
    ),
):
    """Tình hình gửi báo cáo của một mẫu trong một kỳ: mỗi đơn vị báo cáo đã gửi chưa, đúng
    hạn hay muộn, đã duyệt chưa (như trang Tình hình gửi báo cáo)."""
    form = get_for_user(ReportForm.objects, request.auth, form_id)
    if period is None:
        chosen = services.opening_period(form)
    else:
        try:
            chosen = Period.parse(period)
        except ValueError as exc:
            raise ApiError(422, "invalid_period", str(exc)) from None
        if chosen.type != form.period_type:
            raise ApiError(
                422,
                "invalid_period",
                _("This form is reported by %(type)s: give a period such as %(example)s.")
                % {
                    "type": form.get_period_type_display().lower(),
                    "example": form.period_of(timezone.localdate()).code,
                },
            )
    rows = services.completeness(form, chosen)
    today = timezone.localdate()
    return {
        "form_id": form.pk,
        "period": chosen.code,
        "deadline": form.deadline(chosen),
        **services.completeness_counts(rows),
        "rows": [
            {
                "organization_id": row.organization.pk,
                "organization_name": row.organization.display_name,
                "report_id": row.report.pk if row.report else None,
                "status": row.state,
                "submitted_at": row.report.submitted_at if row.report else None,
                "on_time": row.on_time,
                "overdue": row.overdue(today),
            }
            for row in rows
        ],
    }


# --- Reports ----------------------------------------------------------------------------------

STATUSES = Literal[tuple(code for code, _label in Report.STATUSES)]  # type: ignore[valid-type]


class ReportOut(Schema):
    id: int
    form_id: int
    organization_id: int
    period: str
    period_type: str
    period_start: date
    status: STATUSES
    version: int
    submitted_at: datetime | None
    approved_at: datetime | None
    approved_by_id: int | None
    last_note: str
    updated_at: datetime

    @staticmethod
    def resolve_period(report) -> str:
        return report.period.code


class ReportDetailOut(ReportOut):
    deadline: date
    on_time: bool | None
    editable: bool
    steps: list[StepOut]


class ReportQuery(ListQuery):
    year: int | None = Field(None, ge=1900, le=2200)
    organization: Id | None = None
    form: Id | None = None
    status: STATUSES | None = None
    period: str | None = Field(None, description="Mã kỳ: 2022M03, 2022Q1, 2022S1, 2022")
    updated_since: datetime | None = None
    ordering: orderings("period", "status", "updated_at") | None = None


def _by_period(queryset, code: str):
    try:
        period = Period.parse(code)
    except ValueError as exc:
        raise ApiError(422, "invalid_period", str(exc)) from None
    return queryset.filter(period_type=period.type, period_start=period.start)


@router.get("/reports", response=responses(200, Page[ReportOut]), url_name="report_list")
def list_reports(request, query: Query[ReportQuery]):
    """Báo cáo số liệu mà bạn được xem."""
    return page_of(
        Report.objects.visible_to(request.auth),
        query,
        filters={
            "year": "period_start__year",
            "organization": "organization_id",
            "form": "form_id",
            "status": "status",
            "period": _by_period,
            "updated_since": changed_since,
        },
        order_fields={
            "period": "period_start",
            "status": "status",
            "updated_at": "updated_at",
        },
        default_order=("-period_start", "form_id", "organization__sort_key"),
    )


def _report(request, report_id: Id) -> Report:
    return get_for_user(
        Report.objects.select_related("form", "organization"), request.auth, report_id
    )


def _detail(report: Report, user) -> Report:
    report.editable = services.can_edit_values(user, report)
    report.steps = steps(services.REPORT_WORKFLOW, report, user)
    return report


@router.get(
    "/reports/{report_id}", response=responses(200, ReportDetailOut), url_name="report_detail"
)
def get_report(request, report_id: Id):
    """Một báo cáo, với các bước bạn có thể thực hiện lúc này."""
    return _detail(_report(request, report_id), request.auth)


class ReportOpenIn(Schema):
    form: Id
    organization: Id
    period: str = Field(..., description="Mã kỳ: 2022M03, 2022Q1, 2022S1, 2022")


@router.post("/reports", response=responses(201, ReportDetailOut), url_name="report_open")
def open_report(request, payload: ReportOpenIn):
    """Mở (tạo nháp) báo cáo của một đơn vị cho một kỳ; trả về báo cáo đã có nếu đã mở."""
    form = get_for_user(ReportForm.objects, request.auth, payload.form)
    organization = get_for_user(Organization.objects, request.auth, payload.organization)
    try:
        period = Period.parse(payload.period)
    except ValueError as exc:
        raise ApiError(422, "invalid_period", str(exc)) from None
    report = services.open_report(form, organization, period, acting_user=request.auth)
    return Status(201, _detail(report, request.auth))


# --- Values -----------------------------------------------------------------------------------


class ValueOut(Schema):
    indicator: Id
    indicator_code: str
    unit: Id | None
    value: str = Field(..., description="Số, viết kiểu máy (1234.5)")
    comment: str


class ValuesOut(Schema):
    report_id: int
    status: str
    version: int
    editable: bool
    values: list[ValueOut]


class ValueIn(Schema):
    indicator: Id
    unit: Id | None = Field(None, description="Xã/phường; bỏ trống: cả đơn vị")
    value: Decimal | str | None = Field(
        ..., description="Số (12.5) hoặc chuỗi viết kiểu Việt Nam (“1.234,5”); null: xóa"
    )
    comment: str = Field("", max_length=500)


class ValuesIn(Schema):
    version: int | None = Field(
        None, description="Phiên bản đã đọc; nếu người khác đã lưu sau đó: 409"
    )
    values: list[ValueIn] = Field(..., max_length=20000)


class ValuesSavedOut(ValuesOut):
    changed: int


def _values(report: Report, user) -> dict:
    rows = report.values.select_related("indicator").order_by("indicator__order", "unit_id", "pk")
    return {
        "report_id": report.pk,
        "status": report.status,
        "version": report.version,
        "editable": services.can_edit_values(user, report),
        "values": [
            {
                "indicator": v.indicator_id,
                "indicator_code": v.indicator.code,
                "unit": v.unit_id,
                "value": format(v.value.normalize(), "f"),
                "comment": v.comment,
            }
            for v in rows
        ],
    }


@router.get(
    "/reports/{report_id}/values", response=responses(200, ValuesOut), url_name="report_values"
)
def get_values(request, report_id: Id):
    """Tất cả số liệu của một báo cáo."""
    return _values(_report(request, report_id), request.auth)


@router.put(
    "/reports/{report_id}/values",
    response=responses(200, ValuesSavedOut),
    url_name="report_values_save",
)
def save_values(request, report_id: Id, payload: ValuesIn):
    """Ghi nhiều số liệu trong một yêu cầu: tất cả hoặc không gì cả.

    Chỉ các ô gửi lên được thay đổi; `value: null` xóa số liệu của ô. Nếu có ô sai, không ô
    nào được lưu và `errors` liệt kê từng ô sai (chỉ tiêu, xã, lý do)."""
    report = _report(request, report_id)
    entries = {
        (item.indicator, item.unit): services.CellInput(item.value, item.comment)
        for item in payload.values
    }
    changed = services.save_values(
        report,
        entries,
        acting_user=request.auth,
        expected_version=payload.version,
        how=_("through the API"),
    )
    report.refresh_from_db()
    return {**_values(report, request.auth), "changed": changed}


# --- Workflow steps ---------------------------------------------------------------------------


@router.post(
    "/reports/{report_id}/submit",
    response=responses(200, ReportDetailOut),
    url_name="report_submit",
)
def submit_report(request, report_id: Id):
    """Gửi duyệt."""
    report = services.submit_report(_report(request, report_id), acting_user=request.auth)
    return _detail(report, request.auth)


@router.post(
    "/reports/{report_id}/approve",
    response=responses(200, ReportDetailOut),
    url_name="report_approve",
)
def approve_report(request, report_id: Id, payload: NoteIn | None = None):
    """Phê duyệt (Văn phòng thường trực)."""
    note = payload.note if payload else ""
    report = services.approve_report(
        _report(request, report_id), acting_user=request.auth, note=note
    )
    return _detail(report, request.auth)


@router.post(
    "/reports/{report_id}/return",
    response=responses(200, ReportDetailOut),
    url_name="report_return",
)
def return_report(request, report_id: Id, payload: ReasonIn):
    """Trả lại, kèm lý do."""
    report = services.return_report(
        _report(request, report_id), acting_user=request.auth, note=payload.note
    )
    return _detail(report, request.auth)


@router.post(
    "/reports/{report_id}/reopen",
    response=responses(200, ReportDetailOut),
    url_name="report_reopen",
)
def reopen_report(request, report_id: Id, payload: ReasonIn):
    """Mở lại báo cáo đã duyệt, kèm lý do."""
    report = services.reopen_report(
        _report(request, report_id), acting_user=request.auth, note=payload.note
    )
    return _detail(report, request.auth)


# --- Figures ----------------------------------------------------------------------------------

GROUPING = Literal[GROUPINGS]  # type: ignore[valid-type]


class FiguresQuery(Schema):
    indicators: list[str] | None = Field(None, description="Mã hoặc id chỉ tiêu")
    period: str | None = Field(None, description="Mã kỳ: 2022M03, 2022Q1, 2022S1, 2022")
    start: date | None = None
    end: date | None = None
    organizations: list[Id] | None = None
    units: list[Id] | None = Field(None, description="Đơn vị hành chính (xã, huyện, tỉnh)")
    areas: list[str] | None = Field(None, description="Mã hoặc id lĩnh vực")
    forms: list[str] | None = Field(None, description="Mã hoặc id mẫu báo cáo")
    group_by: list[GROUPING] = Field(["indicator"], max_length=4)
    approved_only: bool = True
    regroup_2025: bool = False


class FiguresOut(Schema):
    count: int
    rows: list[dict[str, Any]]


def _ids_or_codes(items: list[str] | None) -> list | None:
    if items is None:
        return None
    return [int(i) if i.isdigit() else i for i in items]


@router.get("/figures", response=responses(200, FiguresOut), url_name="figures")
def get_figures(request, query: Query[FiguresQuery]):
    """Tổng hợp số liệu (dịch vụ figures): tổng hoặc giá trị mới nhất của chỉ tiêu, theo kỳ,
    đơn vị, địa bàn, lĩnh vực…, nhóm theo `group_by`. Chỉ tính các báo cáo bạn được xem."""
    period = None
    if query.period:
        try:
            period = Period.parse(query.period)
        except ValueError as exc:
            raise ApiError(422, "invalid_period", str(exc)) from None
    units = None
    if query.units is not None:
        units = list(AdminUnit.objects.filter(pk__in=query.units))
        if len(units) != len(set(query.units)):
            raise ApiError(422, "unknown_unit", _("Unknown administrative unit."))
    try:
        rows = figures(
            indicators=_ids_or_codes(query.indicators),
            period=period,
            start=query.start,
            end=query.end,
            organizations=query.organizations,
            units=units,
            areas=_ids_or_codes(query.areas),
            forms=_ids_or_codes(query.forms),
            group_by=query.group_by,
            approved_only=query.approved_only,
            regroup_2025=query.regroup_2025,
            user=request.auth,
        )
    except FiguresError as exc:
        raise ApiError(422, "invalid_grouping", str(exc)) from None
    return {"count": len(rows), "rows": [_plain_row(r) for r in rows]}


def _plain_row(row: dict) -> dict:
    """Figures as plain decimal text ("1234.5"), the same on SQLite and PostgreSQL."""
    return {k: _plain_value(v) for k, v in row.items()}


def _plain_value(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return value
