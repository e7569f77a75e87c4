"""Administrative units (legacy and 2025 structures): a registry every signed-in user reads."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Query, Router

from danvan.accounts.access import get_for_user
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.schemas import Id, Schema, responses
from danvan.geo.models import AdminUnit

router = Router(tags=["Đơn vị hành chính"])


class UnitOut(Schema):
    id: int
    structure: str
    level: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    latitude: float | None
    longitude: float | None
    valid_from: date | None
    valid_to: date | None


class UnitDetailOut(UnitOut):
    successor_ids: list[int]
    predecessor_ids: list[int]


class UnitQuery(ListQuery):
    structure: str | None = None
    level: int | None = None
    parent: Id | None = None
    q: str | None = None
    valid_on: date | None = None
    updated_since: datetime | None = None
    ordering: orderings("name", "code", "level") | None = None


@router.get("/units", response=responses(200, Page[UnitOut]), url_name="unit_list")
def list_units(request, query: Query[UnitQuery]):
    """Danh sách đơn vị hành chính (tỉnh, huyện, xã; trước và sau 1/7/2025)."""
    return page_of(
        AdminUnit.objects.visible_to(request.auth),
        query,
        filters={
            "structure": "structure",
            "level": "level",
            "parent": "parent_id",
            "q": search,
            "valid_on": lambda qs, day: qs.valid_on(day),
            "updated_since": changed_since,
        },
        order_fields={"name": "sort_key", "code": "code", "level": ("level", "sort_key")},
        default_order=("level", "sort_key"),
    )


@router.get("/units/{unit_id}", response=responses(200, UnitDetailOut), url_name="unit_detail")
def get_unit(request, unit_id: Id):
    """Một đơn vị hành chính, với đơn vị kế thừa (sau sắp xếp 2025) và đơn vị tiền thân."""
    unit = get_for_user(AdminUnit.objects, request.auth, unit_id)
    unit.successor_ids = list(unit.successions.values_list("new_id", flat=True))
    unit.predecessor_ids = list(unit.predecessions.values_list("old_id", flat=True))
    return unit
