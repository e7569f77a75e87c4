"""Proposals to the committee, the head's directions on them, and the assignments they create.
Every step is `directions.services` (its workflow table says who may take it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Status

from danvan.accounts.access import get_for_user
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.routers.tasks import TaskOut, TaskQuery, task_page
from danvan.api.schemas import Id, Schema, StepOut, object_by_id, objects_by_id, responses, steps
from danvan.areas.models import ContentArea
from danvan.directions import services
from danvan.directions.forms import AssignmentForm
from danvan.directions.models import Proposal
from danvan.directions.stats import direction_tasks
from danvan.geo.models import AdminUnit
from danvan.tasks.models import Task

router = Router(tags=["Văn bản - Chỉ đạo"])

STATUSES = Literal[tuple(code for code, _label in Proposal.STATUSES)]  # type: ignore[valid-type]
KINDS = Literal[tuple(code for code, _label in Proposal.KINDS)]  # type: ignore[valid-type]


class DirectionOut(Schema):
    id: int
    decision: str
    text: str
    directed_by_id: int
    directed_at: datetime


class ProposalOut(Schema):
    id: int
    committee_id: int
    organization_id: int
    author_id: int
    kind: str
    title: str
    summary: str
    status: str
    area_id: int | None
    outgoing_symbol: str
    sent_at: datetime | None
    incoming_number: int | None
    incoming_year: int | None
    incoming_date: date | None
    version: int
    created_at: datetime
    updated_at: datetime


class ProposalDetailOut(ProposalOut):
    content: str
    advice: str
    return_note: str
    unit_ids: list[int]
    related_task_ids: list[int]
    directions: list[DirectionOut]
    task_ids: list[int]
    steps: list[StepOut]


class ProposalQuery(ListQuery):
    year: int | None = Field(None, ge=1900, le=2200, description="Năm tạo")
    organization: Id | None = None
    status: STATUSES | None = None
    kind: KINDS | None = None
    area: Id | None = None
    locality: Id | None = None
    updated_since: datetime | None = None
    q: str | None = None
    ordering: orderings("created_at", "updated_at", "title") | None = None


@router.get("/proposals", response=responses(200, Page[ProposalOut]), url_name="proposal_list")
def list_proposals(request, query: Query[ProposalQuery]):
    """Đề xuất, kiến nghị, báo cáo nhanh mà bạn được xem."""
    return page_of(
        Proposal.objects.visible_to(request.auth),
        query,
        filters={
            "year": "created_at__year",
            "organization": "organization_id",
            "status": "status",
            "kind": "kind",
            "area": "area_id",
            "locality": "units",
            "updated_since": changed_since,
            "q": search,
        },
        order_fields={"created_at": "created_at", "updated_at": "updated_at", "title": "sort_key"},
        default_order=("-created_at",),
    )


def _proposal(request, proposal_id: Id) -> Proposal:
    return get_for_user(
        Proposal.objects.select_related("organization", "committee"), request.auth, proposal_id
    )


def _detail(proposal: Proposal, user) -> Proposal:
    proposal = Proposal.objects.get(pk=proposal.pk)
    proposal.unit_ids = list(proposal.units.values_list("pk", flat=True))
    proposal.related_task_ids = list(proposal.related_tasks.values_list("pk", flat=True))
    proposal.task_ids = list(
        proposal.tasks().visible_to(user).order_by("pk").values_list("pk", flat=True)
    )
    proposal.steps = steps(services.PROPOSAL_WORKFLOW, proposal, user)
    return proposal


@router.get(
    "/proposals/{proposal_id}",
    response=responses(200, ProposalDetailOut),
    url_name="proposal_detail",
)
def get_proposal(request, proposal_id: Id):
    """Một đề xuất, với các ý kiến chỉ đạo và nhiệm vụ đã giao."""
    return _detail(_proposal(request, proposal_id), request.auth)


class ProposalIn(Schema):
    kind: KINDS = Proposal.PROPOSAL
    title: str = Field(..., min_length=1, max_length=500)
    summary: str = ""
    content: str = ""
    area: Id | None = None
    units: list[Id] = []
    related_tasks: list[Id] = []


class ProposalChangeIn(Schema):
    version: int = Field(..., description="Phiên bản đã đọc; nếu đã đổi: 409")
    kind: KINDS | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    summary: str | None = None
    content: str | None = None
    area: Id | None = None
    units: list[Id] | None = None
    related_tasks: list[Id] | None = None


def _related_tasks(user, ids):
    if ids is None:
        return None
    tasks = objects_by_id(Task, ids, "related_tasks")
    visible = set(Task.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    if any(t.pk not in visible for t in tasks):
        raise ValidationError({"related_tasks": ["Unknown task."]})
    return tasks


@router.post("/proposals", response=responses(201, ProposalDetailOut), url_name="proposal_create")
def create_proposal(request, payload: ProposalIn):
    """Soạn đề xuất của đơn vị bạn (bản nháp)."""
    proposal = services.create_proposal(
        acting_user=request.auth,
        kind=payload.kind,
        title=payload.title,
        summary=payload.summary,
        content=payload.content,
        area=object_by_id(ContentArea, payload.area, "area"),
        units=objects_by_id(AdminUnit, payload.units, "units"),
        related_tasks=_related_tasks(request.auth, payload.related_tasks),
    )
    return Status(201, _detail(proposal, request.auth))


@router.patch(
    "/proposals/{proposal_id}",
    response=responses(200, ProposalDetailOut),
    url_name="proposal_update",
)
def update_proposal(request, proposal_id: Id, payload: ProposalChangeIn):
    """Sửa đề xuất còn nháp hoặc bị trả lại."""
    proposal = _proposal(request, proposal_id)
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version")
    if "area" in data:
        data["area"] = object_by_id(ContentArea, data["area"], "area")
    units = objects_by_id(AdminUnit, data.pop("units", None), "units")
    related = _related_tasks(request.auth, data.pop("related_tasks", None))
    data = {k: v for k, v in data.items() if v is not None or k == "area"}
    proposal = services.update_proposal(
        proposal,
        acting_user=request.auth,
        expected_version=version,
        units=units,
        related_tasks=related,
        **data,
    )
    return _detail(proposal, request.auth)


class StepIn(Schema):
    note: str = Field("", description="Ý kiến (bắt buộc với trả lại, trình, chỉ đạo)")
    version: int | None = Field(None, description="Phiên bản đã đọc; nếu đã đổi: 409")
    received_on: date | None = Field(None, description="Ngày đến (vào sổ)")


PROPOSAL_STEPS = Literal[
    "send", "register", "return", "forward", "close", "agree", "decline", "ask_more"
]


def _step_kwargs(action: str, payload: StepIn) -> dict:
    """The step function's own words for what the user says (as the pages' step forms)."""
    if action == "register":
        return {"note": payload.note, "received_on": payload.received_on}
    if action == "forward":
        return {"advice": payload.note}
    if action in ("agree", "decline", "ask_more"):
        return {"text": payload.note}
    return {"note": payload.note}


@router.post(
    "/proposals/{proposal_id}/steps/{action}",
    response=responses(200, ProposalDetailOut),
    url_name="proposal_step",
)
def take_step(request, proposal_id: Id, action: PROPOSAL_STEPS, payload: StepIn):
    """Một bước: gửi, vào sổ, trả lại, trình, đóng, đồng ý, không đồng ý, yêu cầu bổ sung."""
    proposal = _proposal(request, proposal_id)
    if not services.PROPOSAL_WORKFLOW[action].allowed(request.auth, proposal):
        raise PermissionDenied
    services.STEP_FUNCTIONS[action](
        proposal,
        acting_user=request.auth,
        expected_version=payload.version,
        **_step_kwargs(action, payload),
    )
    return _detail(proposal, request.auth)


class AssignmentIn(Schema):
    title: str = Field(..., min_length=1, max_length=500)
    lead: Id
    coordinators: list[Id] = []
    due_date: date
    expected_result: str = Field(..., min_length=1)


class AssignIn(Schema):
    note: str = Field(..., min_length=1, description="Ý kiến chỉ đạo")
    version: int | None = None
    assignments: list[AssignmentIn] = Field(..., min_length=1, max_length=20)


@router.post(
    "/proposals/{proposal_id}/assign",
    response=responses(200, ProposalDetailOut),
    url_name="proposal_assign",
)
def assign(request, proposal_id: Id, payload: AssignIn):
    """Giao nhiệm vụ: một ý kiến chỉ đạo và một hoặc nhiều nhiệm vụ (kiểm tra như trên trang)."""
    proposal = _proposal(request, proposal_id)
    if not services.PROPOSAL_WORKFLOW["assign"].allowed(request.auth, proposal):
        raise PermissionDenied
    assignments, errors = [], {}
    for i, item in enumerate(payload.assignments):
        form = AssignmentForm(data=item.model_dump())
        if form.is_valid():
            assignments.append(form.cleaned_data)
        else:
            for field, messages in form.errors.items():
                errors[f"assignments.{i}.{field}"] = [str(m) for m in messages]
    if errors:
        raise ValidationError(errors)
    services.assign_tasks(
        proposal,
        acting_user=request.auth,
        text=payload.note,
        assignments=assignments,
        expected_version=payload.version,
    )
    return _detail(proposal, request.auth)


@router.get("/assignments", response=responses(200, Page[TaskOut]), url_name="assignment_list")
def list_assignments(request, query: Query[TaskQuery]):
    """Nhiệm vụ được giao theo ý kiến chỉ đạo (các bước của chúng: /tasks/{id}/…)."""
    return task_page(direction_tasks().visible_to(request.auth), query)
