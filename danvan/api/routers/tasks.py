"""Tasks: one model for every piece of work followed to a result (plan tasks, assignments of
directions, conference conclusions). Status is derived; every step is `tasks.services`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from ninja import Field, Query, Router, Status

from danvan.accounts.access import get_for_user
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.schemas import (
    Id,
    NoteIn,
    ReasonIn,
    Schema,
    StepOut,
    object_by_id,
    objects_by_id,
    responses,
    steps,
)
from danvan.areas.models import ContentArea
from danvan.geo.models import AdminUnit
from danvan.orgs.models import Organization
from danvan.tasks import services
from danvan.tasks.models import Status as TaskStatus
from danvan.tasks.models import Task, TaskExtension
from danvan.tasks.services import TASK_WORKFLOW

router = Router(tags=["Nhiệm vụ"])


class TaskOut(Schema):
    id: int
    title: str
    description: str
    expected_result: str
    area_id: int | None
    owner_id: int | None
    lead_id: int
    coordinator_ids: list[int]
    unit_ids: list[int]
    start_date: date | None
    due_date: date | None
    original_due_date: date | None
    state: str
    status: TaskStatus
    progress: int
    started_on: date | None
    completed_on: date | None
    requires_confirmation: bool
    is_published: bool
    source_type: str | None
    source_id: int | None
    version: int
    updated_at: datetime

    @staticmethod
    def resolve_coordinator_ids(task) -> list[int]:
        return [o.pk for o in task.coordinators.all()]

    @staticmethod
    def resolve_unit_ids(task) -> list[int]:
        return [u.pk for u in task.units.all()]

    @staticmethod
    def resolve_source_type(task) -> str | None:
        return (
            f"{task.source_type.app_label}.{task.source_type.model}" if task.source_type else None
        )


class TargetOut(Schema):
    id: int
    label: str
    unit: str
    target: Decimal
    achieved: Decimal


class UpdateOut(Schema):
    id: int
    kind: str
    on: date
    percent: int | None
    text: str
    figures: dict
    author_id: int
    organization_id: int | None
    created_at: datetime


class ExtensionOut(Schema):
    id: int
    task_id: int
    previous_due_date: date | None
    requested_due_date: date
    reason: str
    state: str
    requested_by_id: int
    requested_at: datetime
    decided_by_id: int | None
    decided_at: datetime | None
    decision_note: str


class TaskDetailOut(TaskOut):
    targets: list[TargetOut]
    updates: list[UpdateOut]
    extensions: list[ExtensionOut]
    steps: list[StepOut]


class TaskQuery(ListQuery):
    year: int | None = Field(None, ge=1900, le=2200, description="Năm của hạn hoàn thành")
    organization: Id | None = Field(None, description="Đơn vị chủ trì hoặc phối hợp")
    area: Id | None = None
    locality: Id | None = Field(None, description="Địa bàn (xã, hoặc huyện gồm các xã)")
    status: TaskStatus | None = None
    source: str | None = Field(None, description="Nguồn: planning.plan, directions.direction…")
    updated_since: datetime | None = None
    q: str | None = None
    ordering: orderings("due_date", "title", "updated_at") | None = None


def _in_locality(queryset, unit_id: Id):
    through = Task.units.through.objects.filter(
        Q(adminunit_id=unit_id) | Q(adminunit__parent_id=unit_id)
    )
    return queryset.filter(pk__in=through.values("task_id"))


def _by_source(queryset, label: str):
    app_label, _dot, model = label.partition(".")
    return queryset.filter(source_type__app_label=app_label, source_type__model=model)


def task_page(queryset, query, today=None) -> dict:
    """One page of `queryset` (already visible to the user) by the filters of TaskQuery; the
    assignments list of directions uses it too."""
    today = today or timezone.localdate()
    if query.status != TaskStatus.SUPERSEDED:
        queryset = queryset.current()
    return page_of(
        queryset.with_status(today)
        .select_related("source_type")
        .prefetch_related("coordinators", "units"),
        query,
        filters={
            "year": "due_date__year",
            "organization": lambda qs, org: qs.of_organization(org),
            "area": "area_id",
            "locality": _in_locality,
            "status": "status_code",
            "source": _by_source,
            "updated_since": changed_since,
            "q": search,
        },
        order_fields={"due_date": "due_date", "title": "sort_key", "updated_at": "updated_at"},
        default_order=("due_date",),
    )


@router.get("/tasks", response=responses(200, Page[TaskOut]), url_name="task_list")
def list_tasks(request, query: Query[TaskQuery]):
    """Nhiệm vụ bạn được xem (không gồm nhiệm vụ đã được thay bằng bản điều chỉnh, trừ khi lọc
    theo trạng thái đó)."""
    return task_page(Task.objects.visible_to(request.auth), query)


def _task(request, task_id: Id, perm: str | None = None) -> Task:
    return get_for_user(
        Task.objects.select_related("source_type"), request.auth, task_id, perm=perm
    )


def _detail(task: Task, user) -> Task:
    task = Task.objects.select_related("source_type").get(pk=task.pk)
    task.steps = steps(TASK_WORKFLOW, task, user)
    return task


@router.get("/tasks/{task_id}", response=responses(200, TaskDetailOut), url_name="task_detail")
def get_task(request, task_id: Id):
    """Một nhiệm vụ: chỉ tiêu, nhật ký tiến độ, gia hạn và các bước bạn có thể làm."""
    return _detail(_task(request, task_id), request.auth)


class TargetIn(Schema):
    label: str = Field(..., min_length=1, max_length=200)
    unit: str = Field(..., min_length=1, max_length=30)
    target: Decimal = Field(..., ge=0, max_digits=16, decimal_places=2)


class TaskChangeIn(Schema):
    title: str | None = Field(None, min_length=1, max_length=500)
    description: str | None = None
    expected_result: str | None = None
    area: Id | None = None
    lead: Id | None = None
    coordinators: list[Id] | None = None
    units: list[Id] | None = None
    start_date: date | None = None
    due_date: date | None = None
    requires_confirmation: bool | None = None
    targets: list[TargetIn] | None = None
    version: int | None = Field(None, description="Phiên bản đã đọc; nếu đã đổi: 409")


def task_fields(payload: Schema) -> dict:
    """A task's fields from an input schema, ids turned into rows (unknown ids: 422)."""
    data = payload.model_dump(exclude_unset=True)
    if "area" in data:
        data["area"] = object_by_id(ContentArea, data["area"], "area")
    if "lead" in data:
        if data["lead"] is None:
            data.pop("lead")
        else:
            data["lead"] = object_by_id(Organization, data["lead"], "lead")
    if "coordinators" in data:
        data["coordinators"] = objects_by_id(
            Organization, data["coordinators"] or [], "coordinators"
        )
    if "units" in data:
        data["units"] = objects_by_id(AdminUnit, data["units"] or [], "units")
    if data.get("targets") is not None:
        data["targets"] = [dict(t) for t in data["targets"]]
    if "title" in data and data["title"] is None:
        data.pop("title")
    return data


@router.patch("/tasks/{task_id}", response=responses(200, TaskDetailOut), url_name="task_update")
def update_task(request, task_id: Id, payload: TaskChangeIn):
    """Sửa một nhiệm vụ còn nháp (chưa ban hành cùng kế hoạch/chỉ đạo)."""
    from danvan.planning.models import Plan
    from danvan.planning.services import change_plan_task

    task = _task(request, task_id)
    fields = task_fields(payload)
    if isinstance(task.source, Plan):
        task = change_plan_task(task, acting_user=request.auth, **fields)
    else:
        task = services.update_task(task, acting_user=request.auth, **fields)
    return _detail(task, request.auth)


@router.delete("/tasks/{task_id}", response=responses(204, None), url_name="task_delete")
def delete_task(request, task_id: Id):
    """Xóa một nhiệm vụ còn nháp."""
    from danvan.planning.models import Plan
    from danvan.planning.services import remove_plan_task

    task = _task(request, task_id)
    if isinstance(task.source, Plan):
        remove_plan_task(task, acting_user=request.auth)
    else:
        services.delete_task(task, acting_user=request.auth)
    return Status(204, None)


class ProgressIn(Schema):
    on: date | None = None
    percent: int | None = Field(None, ge=0, le=100)
    text: str = ""
    figures: dict[str, Decimal] | None = Field(
        None, description="{id chỉ tiêu của nhiệm vụ: đạt được}"
    )


@router.post(
    "/tasks/{task_id}/progress", response=responses(201, UpdateOut), url_name="task_progress"
)
def record_progress(request, task_id: Id, payload: ProgressIn):
    """Báo cáo tiến độ."""
    task = _task(request, task_id, perm="tasks.report_progress")
    update = services.record_progress(
        task,
        acting_user=request.auth,
        on=payload.on,
        percent=payload.percent,
        text=payload.text,
        figures=payload.figures,
    )
    return Status(201, update)


class NoteTextIn(Schema):
    text: str = Field(..., min_length=1)


@router.post("/tasks/{task_id}/notes", response=responses(201, UpdateOut), url_name="task_note")
def add_note(request, task_id: Id, payload: NoteTextIn):
    """Thêm ghi chú."""
    task = _task(request, task_id, perm="tasks.add_note")
    return Status(201, services.add_note(task, acting_user=request.auth, text=payload.text))


class ResultIn(Schema):
    text: str = Field(..., min_length=1)
    on: date | None = None
    figures: dict[str, Decimal] | None = None


def _gated(request, task_id: Id, action: str) -> Task:
    """The task of a step: 404 outside scope, 403 when the step is not the caller's (as the
    pages' `_gate`); the state is checked by the step itself (409)."""
    task = _task(request, task_id)
    if not TASK_WORKFLOW[action].allowed(request.auth, task):
        raise PermissionDenied
    return task


@router.post(
    "/tasks/{task_id}/complete", response=responses(200, TaskDetailOut), url_name="task_complete"
)
def complete_task(request, task_id: Id, payload: ResultIn):
    """Hoàn thành (nhiệm vụ không cần xác nhận)."""
    task = _gated(request, task_id, "complete")
    task = services.complete_task(
        task, acting_user=request.auth, text=payload.text, on=payload.on, figures=payload.figures
    )
    return _detail(task, request.auth)


@router.post(
    "/tasks/{task_id}/report", response=responses(200, TaskDetailOut), url_name="task_report"
)
def report_result(request, task_id: Id, payload: ResultIn):
    """Báo cáo kết quả (nhiệm vụ cần Văn phòng thường trực xác nhận)."""
    task = _gated(request, task_id, "report_result")
    task = services.report_result(
        task, acting_user=request.auth, text=payload.text, on=payload.on, figures=payload.figures
    )
    return _detail(task, request.auth)


@router.post(
    "/tasks/{task_id}/confirm", response=responses(200, TaskDetailOut), url_name="task_confirm"
)
def confirm_result(request, task_id: Id, payload: NoteIn | None = None):
    """Xác nhận hoàn thành."""
    task = _gated(request, task_id, "confirm")
    task = services.confirm_result(
        task, acting_user=request.auth, note=payload.note if payload else ""
    )
    return _detail(task, request.auth)


@router.post(
    "/tasks/{task_id}/return", response=responses(200, TaskDetailOut), url_name="task_return"
)
def return_result(request, task_id: Id, payload: ReasonIn):
    """Trả lại kết quả, kèm lý do."""
    task = _gated(request, task_id, "return_result")
    return _detail(
        services.return_result(task, acting_user=request.auth, note=payload.note), request.auth
    )


@router.post(
    "/tasks/{task_id}/cancel", response=responses(200, TaskDetailOut), url_name="task_cancel"
)
def cancel_task(request, task_id: Id, payload: ReasonIn):
    """Hủy nhiệm vụ, kèm lý do."""
    task = _gated(request, task_id, "cancel")
    return _detail(
        services.cancel_task(task, acting_user=request.auth, note=payload.note), request.auth
    )


@router.post(
    "/tasks/{task_id}/reopen", response=responses(200, TaskDetailOut), url_name="task_reopen"
)
def reopen_task(request, task_id: Id, payload: ReasonIn):
    """Mở lại nhiệm vụ đã hoàn thành, kèm lý do."""
    task = _gated(request, task_id, "reopen")
    return _detail(
        services.reopen_task(task, acting_user=request.auth, note=payload.note), request.auth
    )


class ExtensionIn(Schema):
    new_due_date: date
    reason: str = Field(..., min_length=1)


@router.post(
    "/tasks/{task_id}/extensions",
    response=responses(201, ExtensionOut),
    url_name="task_extension_request",
)
def request_extension(request, task_id: Id, payload: ExtensionIn):
    """Xin gia hạn."""
    task = _task(request, task_id, perm="tasks.request_extension")
    extension = services.request_extension(
        task, acting_user=request.auth, new_due_date=payload.new_due_date, reason=payload.reason
    )
    return Status(201, extension)


class DecisionIn(Schema):
    grant: bool
    note: str = ""


@router.post(
    "/extensions/{extension_id}/decide",
    response=responses(200, ExtensionOut),
    url_name="extension_decide",
)
def decide_extension(request, extension_id: Id, payload: DecisionIn):
    """Đồng ý hoặc không đồng ý gia hạn."""
    extension = get_for_user(
        TaskExtension.objects.select_related("task"), request.auth, extension_id
    )
    return services.decide_extension(
        extension, acting_user=request.auth, grant=payload.grant, note=payload.note
    )
