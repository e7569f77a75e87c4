"""Organisations and the steering committee: registries every signed-in user reads; the
standing office and the administrator keep them (`orgs.change_registry`)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from ninja import Field, Query, Router, Status

from danvan.accounts.access import get_for_user
from danvan.api.forms import save_form
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.schemas import Id, Schema, responses
from danvan.orgs.forms import CommitteeForm, OrganizationForm, PositionForm, TermForm
from danvan.orgs.models import Committee, Organization, Position, Term

router = Router(tags=["Đơn vị"])


class OrganizationOut(Schema):
    id: int
    name: str
    short_name: str
    symbol: str
    kind: str
    parent_id: int | None
    unit_id: int | None
    document_style: str
    address: str
    phone: str
    email: str
    valid_from: date | None
    valid_to: date | None
    successor_id: int | None


class OrganizationIn(Schema):
    name: str | None = None
    short_name: str | None = None
    symbol: str | None = None
    kind: str | None = None
    parent: Id | None = None
    unit: Id | None = None
    document_style: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    successor: Id | None = None


class OrganizationQuery(ListQuery):
    kind: str | None = None
    parent: Id | None = None
    locality: Id | None = None
    q: str | None = None
    valid_on: date | None = None
    updated_since: datetime | None = None
    ordering: orderings("name", "kind") | None = None


@router.get(
    "/organizations", response=responses(200, Page[OrganizationOut]), url_name="organization_list"
)
def list_organizations(request, query: Query[OrganizationQuery]):
    """Danh sách đơn vị (cơ quan, tổ chức, địa phương)."""
    return page_of(
        Organization.objects.visible_to(request.auth),
        query,
        filters={
            "kind": "kind",
            "parent": "parent_id",
            "locality": "unit_id",
            "q": search,
            "valid_on": lambda qs, day: qs.valid_on(day),
            "updated_since": changed_since,
        },
        order_fields={"name": "sort_key", "kind": ("kind", "sort_key")},
        default_order=("sort_key",),
    )


@router.get(
    "/organizations/{organization_id}",
    response=responses(200, OrganizationOut),
    url_name="organization_detail",
)
def get_organization(request, organization_id: Id):
    """Một đơn vị."""
    return get_for_user(Organization.objects, request.auth, organization_id)


@router.post(
    "/organizations", response=responses(201, OrganizationOut), url_name="organization_create"
)
def create_organization(request, payload: OrganizationIn):
    """Thêm đơn vị (Văn phòng thường trực, quản trị)."""
    if not request.auth.has_perm("orgs.change_registry"):
        raise PermissionDenied
    return Status(
        201,
        _save(request, OrganizationForm, payload),
    )


@router.patch(
    "/organizations/{organization_id}",
    response=responses(200, OrganizationOut),
    url_name="organization_update",
)
def update_organization(request, organization_id: Id, payload: OrganizationIn):
    """Sửa đơn vị (chỉ các trường gửi lên)."""
    org = get_for_user(
        Organization.objects, request.auth, organization_id, perm="orgs.change_registry"
    )
    return _save(request, OrganizationForm, payload, instance=org)


class PositionOut(Schema):
    id: int
    role: str
    person_name: str
    title: str
    organization_id: int
    start: date | None
    end: date | None


class TermOut(Schema):
    id: int
    name: str
    start: date
    end: date | None
    decision: str
    positions: list[PositionOut]


class CommitteeOut(Schema):
    id: int
    name: str
    short_name: str
    symbol: str
    unit_id: int | None
    host_id: int | None
    standing_office_id: int | None
    parent_body: str
    place_name: str
    document_style: str


class CommitteeDetailOut(CommitteeOut):
    terms: list[TermOut]


@router.get("/committees", response=responses(200, Page[CommitteeOut]), url_name="committee_list")
def list_committees(request, query: Query[ListQuery]):
    """Ban chỉ đạo."""
    return page_of(Committee.objects.visible_to(request.auth), query, default_order=("pk",))


@router.get(
    "/committees/{committee_id}",
    response=responses(200, CommitteeDetailOut),
    url_name="committee_detail",
)
def get_committee(request, committee_id: Id):
    """Ban chỉ đạo, với các nhiệm kỳ và thành viên."""
    committee = get_for_user(
        Committee.objects.prefetch_related(
            Prefetch(
                "terms",
                queryset=Term.objects.prefetch_related(
                    Prefetch("positions", queryset=Position.objects.order_by("order", "sort_key"))
                ),
            )
        ),
        request.auth,
        committee_id,
    )
    return committee


# --- Writing the committee, its terms and members (Danh mục → Ban chỉ đạo) ---------------------


class CommitteeIn(Schema):
    name: str | None = None
    short_name: str | None = None
    symbol: str | None = None
    parent_body: str | None = None
    unit: Id | None = None
    host: Id | None = None
    standing_office: Id | None = None
    place_name: str | None = None
    document_style: str | None = None


class TermIn(Schema):
    name: str | None = None
    start: date | None = None
    end: date | None = None
    decision: str | None = None


class PositionIn(Schema):
    role: str | None = None
    person_name: str | None = None
    title: str | None = None
    organization: Id | None = None
    start: date | None = None
    end: date | None = None
    order: int | None = Field(None, ge=0, le=32767)


def _save(request, form_class, payload, instance=None, parent=None):
    """The page's form over the fields sent, audited as the caller."""
    return save_form(
        form_class,
        payload.model_dump(exclude_unset=True),
        actor=request.auth,
        instance=instance,
        parent=parent,
    )


@router.patch(
    "/committees/{committee_id}",
    response=responses(200, CommitteeDetailOut),
    url_name="committee_update",
)
def update_committee(request, committee_id: Id, payload: CommitteeIn):
    """Sửa thông tin Ban chỉ đạo (Văn phòng thường trực, quản trị)."""
    committee = get_for_user(
        Committee.objects, request.auth, committee_id, perm="orgs.change_registry"
    )
    _save(request, CommitteeForm, payload, instance=committee)
    return get_committee(request, committee_id)


@router.post(
    "/committees/{committee_id}/terms",
    response=responses(201, TermOut),
    url_name="term_create",
)
def create_term(request, committee_id: Id, payload: TermIn):
    """Thêm nhiệm kỳ của Ban chỉ đạo (quyết định kiện toàn)."""
    committee = get_for_user(
        Committee.objects, request.auth, committee_id, perm="orgs.change_registry"
    )
    return Status(201, _save(request, TermForm, payload, parent={"committee": committee}))


@router.post(
    "/terms/{term_id}/positions",
    response=responses(201, PositionOut),
    url_name="position_create",
)
def create_position(request, term_id: Id, payload: PositionIn):
    """Thêm thành viên Ban chỉ đạo trong một nhiệm kỳ."""
    if not request.auth.has_perm("orgs.change_registry"):
        raise PermissionDenied
    term = get_for_user(Term.objects, request.auth, term_id)
    return Status(201, _save(request, PositionForm, payload, parent={"term": term}))


@router.patch(
    "/positions/{position_id}",
    response=responses(200, PositionOut),
    url_name="position_update",
)
def update_position(request, position_id: Id, payload: PositionIn):
    """Sửa thành viên Ban chỉ đạo (chức vụ, người, thời gian)."""
    position = get_for_user(
        Position.objects, request.auth, position_id, perm="orgs.change_registry"
    )
    return _save(request, PositionForm, payload, instance=position)
