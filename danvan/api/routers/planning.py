"""Programs of the committee and the member plans that carry them out. Every change is
`planning.services`; a plan's tasks are tasks (see the tasks router for their steps)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Status

from danvan.accounts.access import get_for_user
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.routers.tasks import TaskChangeIn, TaskDetailOut, task_fields
from danvan.api.routers.tasks import _detail as task_detail
from danvan.api.schemas import Id, NoteIn, ReasonIn, Schema, StepOut, object_by_id, responses, steps
from danvan.orgs.models import Committee, Organization
from danvan.planning import services
from danvan.planning.models import Plan, Program
from danvan.tasks.models import source_tasks

router = Router(tags=["Chương trình - Kế hoạch"])


class ProgramTargetOut(Schema):
    id: int
    label: str
    unit: str
    target: Decimal


class ProgramAreaOut(Schema):
    id: int
    area_id: int
    content: str
    targets: list[ProgramTargetOut]


class ProgramOut(Schema):
    id: int
    committee_id: int
    title: str
    start_year: int
    end_year: int
    summary: str
    number: int
    symbol: str
    issued_on: date | None
    version: int
    created_at: datetime


class ProgramDetailOut(ProgramOut):
    areas: list[ProgramAreaOut]
    plan_ids: list[int]


class ProgramQuery(ListQuery):
    year: int | None = Field(None, ge=1900, le=2200, description="Năm nằm trong chương trình")
    updated_since: datetime | None = None
    q: str | None = None
    ordering: orderings("start_year", "title") | None = None


@router.get("/programs", response=responses(200, Page[ProgramOut]), url_name="program_list")
def list_programs(request, query: Query[ProgramQuery]):
    """Chương trình phối hợp của Ban chỉ đạo."""
    return page_of(
        Program.objects.visible_to(request.auth),
        query,
        filters={
            "year": lambda qs, y: qs.filter(start_year__lte=y, end_year__gte=y),
            "updated_since": changed_since,
            "q": search,
        },
        order_fields={"start_year": ("start_year", "number"), "title": "sort_key"},
        default_order=("-start_year", "-number"),
    )


@router.get(
    "/programs/{program_id}", response=responses(200, ProgramDetailOut), url_name="program_detail"
)
def get_program(request, program_id: Id):
    """Một chương trình: lĩnh vực, chỉ tiêu và các kế hoạch bạn được xem."""
    program = get_for_user(Program.objects, request.auth, program_id)
    program.plan_ids = list(
        Plan.objects.visible_to(request.auth)
        .filter(program=program)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return program


class ProgramIn(Schema):
    committee: Id | None = Field(None, description="Mặc định: Ban chỉ đạo đầu tiên")
    title: str = Field(..., min_length=1, max_length=300)
    start_year: int = Field(..., ge=2000, le=2100)
    end_year: int | None = Field(None, ge=2000, le=2100)
    summary: str = ""
    issued_on: date | None = None


class ProgramChangeIn(Schema):
    version: int | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    start_year: int | None = Field(None, ge=2000, le=2100)
    end_year: int | None = Field(None, ge=2000, le=2100)
    summary: str | None = None
    issued_on: date | None = None


@router.post("/programs", response=responses(201, ProgramDetailOut), url_name="program_create")
def create_program(request, payload: ProgramIn):
    """Thêm chương trình (Văn phòng thường trực); số hiệu được cấp tự động."""
    committee = (
        object_by_id(Committee, payload.committee, "committee")
        if payload.committee
        else Committee.objects.order_by("pk").first()
    )
    program = services.create_program(
        acting_user=request.auth,
        committee=committee,
        **payload.model_dump(exclude={"committee"}),
    )
    program.plan_ids = []
    return Status(201, program)


@router.patch(
    "/programs/{program_id}", response=responses(200, ProgramDetailOut), url_name="program_update"
)
def update_program(request, program_id: Id, payload: ProgramChangeIn):
    """Sửa chương trình."""
    program = get_for_user(Program.objects, request.auth, program_id)
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version", None)
    data = {k: v for k, v in data.items() if v is not None or k == "issued_on"}
    program = services.update_program(program, acting_user=request.auth, version=version, **data)
    return get_program(request, program.pk)


PLAN_STATUSES = Literal[tuple(code for code, _label in Plan.STATUSES)]  # type: ignore[valid-type]


class PlanOut(Schema):
    id: int
    program_id: int
    organization_id: int
    title: str
    year: int
    summary: str
    status: str
    revision: int
    previous_id: int | None
    number: int
    symbol: str
    return_reason: str
    submitted_at: datetime | None
    approved_at: datetime | None
    approved_by_id: int | None
    version: int
    created_at: datetime


class PlanDetailOut(PlanOut):
    task_ids: list[int]
    steps: list[StepOut]


class PlanQuery(ListQuery):
    year: int | None = Field(None, ge=1900, le=2200)
    organization: Id | None = None
    program: Id | None = None
    status: PLAN_STATUSES | None = None
    current: bool | None = Field(None, description="true: bỏ các bản đã được thay thế")
    updated_since: datetime | None = None
    q: str | None = None
    ordering: orderings("year", "title", "created_at") | None = None


@router.get("/plans", response=responses(200, Page[PlanOut]), url_name="plan_list")
def list_plans(request, query: Query[PlanQuery]):
    """Kế hoạch của các đơn vị thành viên mà bạn được xem."""
    return page_of(
        Plan.objects.visible_to(request.auth),
        query,
        filters={
            "year": "year",
            "organization": "organization_id",
            "program": "program_id",
            "status": "status",
            "current": lambda qs, on: qs.current() if on else qs,
            "updated_since": changed_since,
            "q": search,
        },
        order_fields={"year": "year", "title": "sort_key", "created_at": "created_at"},
        default_order=("-year", "sort_key", "-revision"),
    )


def _plan(request, plan_id: Id) -> Plan:
    return get_for_user(
        Plan.objects.select_related("program", "organization"), request.auth, plan_id
    )


def _detail(plan: Plan, user) -> Plan:
    plan = Plan.objects.select_related("program", "organization").get(pk=plan.pk)
    plan.task_ids = list(
        source_tasks(plan).visible_to(user).order_by("pk").values_list("pk", flat=True)
    )
    plan.steps = steps(services.PLAN_WORKFLOW, plan, user)
    return plan


@router.get("/plans/{plan_id}", response=responses(200, PlanDetailOut), url_name="plan_detail")
def get_plan(request, plan_id: Id):
    """Một kế hoạch, với nhiệm vụ và các bước bạn có thể làm."""
    return _detail(_plan(request, plan_id), request.auth)


class PlanIn(Schema):
    program: Id
    organization: Id | None = Field(None, description="Mặc định: đơn vị của bạn")
    title: str = Field(..., min_length=1, max_length=300)
    year: int = Field(..., ge=2000, le=2100)
    summary: str = ""


class PlanChangeIn(Schema):
    version: int | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    year: int | None = Field(None, ge=2000, le=2100)
    summary: str | None = None


@router.post("/plans", response=responses(201, PlanDetailOut), url_name="plan_create")
def create_plan(request, payload: PlanIn):
    """Soạn kế hoạch (nháp); số hiệu được cấp tự động."""
    program = get_for_user(Program.objects, request.auth, payload.program)
    organization = (
        object_by_id(Organization, payload.organization, "organization")
        if payload.organization
        else request.auth.organization
    )
    if organization is None:
        raise ValidationError({"organization": [_("This field is required.")]})
    plan = services.create_plan(
        acting_user=request.auth,
        program=program,
        organization=organization,
        title=payload.title,
        year=payload.year,
        summary=payload.summary,
    )
    return Status(201, _detail(plan, request.auth))


@router.patch("/plans/{plan_id}", response=responses(200, PlanDetailOut), url_name="plan_update")
def update_plan(request, plan_id: Id, payload: PlanChangeIn):
    """Sửa kế hoạch còn nháp hoặc bị trả lại."""
    plan = _plan(request, plan_id)
    data = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    version = data.pop("version", None)
    plan = services.update_plan(plan, acting_user=request.auth, version=version, **data)
    return _detail(plan, request.auth)


@router.post(
    "/plans/{plan_id}/submit", response=responses(200, PlanDetailOut), url_name="plan_submit"
)
def submit_plan(request, plan_id: Id, payload: NoteIn | None = None):
    """Gửi duyệt."""
    plan = services.submit_plan(
        _plan(request, plan_id), acting_user=request.auth, note=payload.note if payload else ""
    )
    return _detail(plan, request.auth)


@router.post(
    "/plans/{plan_id}/approve", response=responses(200, PlanDetailOut), url_name="plan_approve"
)
def approve_plan(request, plan_id: Id, payload: NoteIn | None = None):
    """Phê duyệt: nhiệm vụ của kế hoạch được ban hành."""
    plan = services.approve_plan(
        _plan(request, plan_id), acting_user=request.auth, note=payload.note if payload else ""
    )
    return _detail(plan, request.auth)


@router.post(
    "/plans/{plan_id}/return", response=responses(200, PlanDetailOut), url_name="plan_return"
)
def return_plan(request, plan_id: Id, payload: ReasonIn):
    """Trả lại, kèm lý do."""
    plan = services.return_plan(
        _plan(request, plan_id), acting_user=request.auth, note=payload.note
    )
    return _detail(plan, request.auth)


@router.post(
    "/plans/{plan_id}/revise", response=responses(201, PlanDetailOut), url_name="plan_revise"
)
def revise_plan(request, plan_id: Id):
    """Điều chỉnh kế hoạch đã duyệt: một bản nháp mới, sao chép các nhiệm vụ."""
    revision = services.revise_plan(_plan(request, plan_id), acting_user=request.auth)
    return Status(201, _detail(revision, request.auth))


class PlanTaskIn(TaskChangeIn):
    title: str = Field(..., min_length=1, max_length=500)


@router.post(
    "/plans/{plan_id}/tasks", response=responses(201, TaskDetailOut), url_name="plan_task_add"
)
def add_plan_task(request, plan_id: Id, payload: PlanTaskIn):
    """Thêm nhiệm vụ vào kế hoạch còn nháp."""
    plan = _plan(request, plan_id)
    fields = task_fields(payload)
    fields.pop("version", None)
    task = services.add_plan_task(plan, acting_user=request.auth, **fields)
    return Status(201, task_detail(task, request.auth))
