"""Situations followed to resolution: the record through the page's form, the log and the
steps through `situations.services`. A confidential one is 404 to those not involved."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.db.models import Q
from ninja import Field, Query, Router, Status

from danvan.accounts.access import get_for_user
from danvan.api.forms import save_record
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.schemas import Id, NoteIn, Schema, StepOut, object_by_id, responses, steps
from danvan.orgs.models import Organization
from danvan.situations import services
from danvan.situations.forms import SituationForm
from danvan.situations.models import Situation

router = Router(tags=["Tình huống"])

STATUSES = Literal[tuple(code for code, _label in Situation.STATUSES)]  # type: ignore[valid-type]


class SituationOut(Schema):
    id: int
    title: str
    kind: str
    unit_id: int
    occurred_on: date
    severity: str
    organization_id: int
    is_confidential: bool
    status: str
    resolved_on: date | None
    created_at: datetime


class ActionOut(Schema):
    id: int
    on: date
    action: str
    result: str
    organization_id: int | None
    author_id: int
    created_at: datetime


class SituationDetailOut(SituationOut):
    description: str
    resolution: str
    involved_ids: list[int]
    actions: list[ActionOut]
    steps: list[StepOut]

    @staticmethod
    def resolve_involved_ids(situation) -> list[int]:
        return [o.pk for o in situation.involved.all()]


class SituationQuery(ListQuery):
    year: int | None = Field(None, ge=1900, le=2200)
    organization: Id | None = Field(None, description="Đơn vị báo cáo hoặc liên quan")
    locality: Id | None = Field(None, description="Xã, hoặc huyện gồm các xã")
    status: STATUSES | None = None
    kind: str | None = None
    updated_since: datetime | None = None
    q: str | None = None
    ordering: orderings("occurred_on", "title") | None = None


@router.get("/situations", response=responses(200, Page[SituationOut]), url_name="situation_list")
def list_situations(request, query: Query[SituationQuery]):
    """Tình huống, vụ việc mà bạn được xem."""
    return page_of(
        Situation.objects.visible_to(request.auth),
        query,
        filters={
            "year": "occurred_on__year",
            "organization": lambda qs, o: qs.filter(
                Q(organization_id=o) | Q(involved=o)
            ).distinct(),
            "locality": lambda qs, u: qs.filter(Q(unit_id=u) | Q(unit__parent_id=u)),
            "status": "status",
            "kind": "kind",
            "updated_since": changed_since,
            "q": search,
        },
        order_fields={"occurred_on": "occurred_on", "title": "sort_key"},
        default_order=("-occurred_on",),
    )


def _detail(situation: Situation, user) -> Situation:
    situation = Situation.objects.get(pk=situation.pk)
    situation.steps = steps(services.WORKFLOW, situation, user)
    return situation


def _situation(request, situation_id: Id) -> Situation:
    return get_for_user(Situation.objects, request.auth, situation_id)


@router.get(
    "/situations/{situation_id}",
    response=responses(200, SituationDetailOut),
    url_name="situation_detail",
)
def get_situation(request, situation_id: Id):
    """Một tình huống, với nhật ký xử lý."""
    return _detail(_situation(request, situation_id), request.auth)


class SituationIn(Schema):
    title: str | None = None
    kind: str | None = None
    unit: Id | None = None
    occurred_on: date | None = None
    severity: str | None = None
    description: str | None = None
    organization: Id | None = None
    involved: list[Id] | None = None
    is_confidential: bool | None = None


@router.post(
    "/situations", response=responses(201, SituationDetailOut), url_name="situation_create"
)
def create_situation(request, payload: SituationIn):
    """Báo cáo tình huống mới."""
    situation = save_record(request, SituationForm, payload, perm="situations.add_situation")
    return Status(201, _detail(situation, request.auth))


@router.patch(
    "/situations/{situation_id}",
    response=responses(200, SituationDetailOut),
    url_name="situation_update",
)
def update_situation(request, situation_id: Id, payload: SituationIn):
    """Sửa tình huống."""
    situation = save_record(
        request,
        SituationForm,
        payload,
        perm="situations.change_situation",
        instance=_situation(request, situation_id),
    )
    return _detail(situation, request.auth)


class ActionIn(Schema):
    on: date
    action: str = Field(..., min_length=1)
    result: str = ""
    organization: Id | None = Field(None, description="Văn phòng thường trực ghi thay đơn vị")


@router.post(
    "/situations/{situation_id}/actions",
    response=responses(201, SituationDetailOut),
    url_name="situation_action_add",
)
def log_action(request, situation_id: Id, payload: ActionIn):
    """Ghi một việc đã làm (việc đầu tiên chuyển tình huống sang “đang xử lý”)."""
    situation = get_for_user(
        Situation.objects, request.auth, situation_id, perm="situations.log_action"
    )
    services.log_action(
        situation,
        acting_user=request.auth,
        on=payload.on,
        action=payload.action,
        result=payload.result,
        organization=object_by_id(Organization, payload.organization, "organization"),
    )
    return Status(201, _detail(situation, request.auth))


@router.post(
    "/situations/{situation_id}/steps/{action}",
    response=responses(200, SituationDetailOut),
    url_name="situation_step",
)
def take_step(
    request, situation_id: Id, action: Literal["start", "resolve", "reopen"], payload: NoteIn
):
    """Bắt đầu xử lý, đã giải quyết (kèm cách giải quyết), mở lại (kèm lý do)."""
    situation = _situation(request, situation_id)
    services.STEPS[action](situation, acting_user=request.auth, note=payload.note)
    return _detail(situation, request.auth)
