"""The register of “Dân vận khéo” models, written through the page's form."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, File, Query, Router, Status, UploadedFile

from danvan.accounts.access import get_for_user
from danvan.api.files import AttachmentOut, attach_files
from danvan.api.forms import save_record
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.schemas import Id, Schema, responses
from danvan.core.uploads import IMAGES, attachments_of
from danvan.practices.forms import PracticeForm
from danvan.practices.models import Practice
from danvan.practices.views import PHOTO

router = Router(tags=["Mô hình dân vận khéo"])


class PracticeOut(Schema):
    id: int
    kind: str
    name: str
    area_id: int
    commune_id: int
    organization_id: int
    recognition_level: str
    recognition_year: int | None
    is_replicated: bool
    started_on: date | None
    created_at: datetime


class PracticeDetailOut(PracticeOut):
    coordinator_ids: list[int]
    partners: str
    goals: str
    method: str
    funds: Decimal | None
    workdays: Decimal | None
    results: str
    replicated_in_ids: list[int]

    @staticmethod
    def resolve_coordinator_ids(practice) -> list[int]:
        return [o.pk for o in practice.coordinators.all()]

    @staticmethod
    def resolve_replicated_in_ids(practice) -> list[int]:
        return [u.pk for u in practice.replicated_in.all()]


class PracticeQuery(ListQuery):
    year: int | None = Field(None, ge=1900, le=2200, description="Năm được công nhận")
    organization: Id | None = None
    locality: Id | None = Field(None, description="Xã, hoặc huyện gồm các xã")
    area: Id | None = None
    kind: str | None = None
    updated_since: datetime | None = None
    q: str | None = None
    ordering: orderings("name", "recognition_year") | None = None


@router.get("/practices", response=responses(200, Page[PracticeOut]), url_name="practice_list")
def list_practices(request, query: Query[PracticeQuery]):
    """Mô hình “Dân vận khéo”, điển hình."""
    from django.db.models import Q

    return page_of(
        Practice.objects.visible_to(request.auth),
        query,
        filters={
            "year": "recognition_year",
            "organization": "organization_id",
            "locality": lambda qs, u: qs.filter(Q(commune_id=u) | Q(commune__parent_id=u)),
            "area": "area_id",
            "kind": "kind",
            "updated_since": changed_since,
            "q": search,
        },
        order_fields={"name": "sort_key", "recognition_year": "recognition_year"},
        default_order=("sort_key",),
    )


@router.get(
    "/practices/{practice_id}",
    response=responses(200, PracticeDetailOut),
    url_name="practice_detail",
)
def get_practice(request, practice_id: Id):
    """Một mô hình."""
    return get_for_user(Practice.objects, request.auth, practice_id)


class PracticeIn(Schema):
    kind: str | None = None
    name: str | None = None
    area: Id | None = None
    commune: Id | None = None
    organization: Id | None = None
    coordinators: list[Id] | None = None
    partners: str | None = None
    goals: str | None = None
    method: str | None = None
    funds: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=1)
    workdays: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=1)
    results: str | None = None
    started_on: date | None = None
    recognition_level: str | None = None
    recognition_year: int | None = Field(None, ge=1900, le=2200)
    is_replicated: bool | None = None
    replicated_in: list[Id] | None = None


@router.post("/practices", response=responses(201, PracticeDetailOut), url_name="practice_create")
def create_practice(request, payload: PracticeIn):
    """Thêm mô hình."""
    return Status(201, save_record(request, PracticeForm, payload, perm="practices.add_practice"))


@router.patch(
    "/practices/{practice_id}",
    response=responses(200, PracticeDetailOut),
    url_name="practice_update",
)
def update_practice(request, practice_id: Id, payload: PracticeIn):
    """Sửa mô hình."""
    practice = get_for_user(Practice.objects, request.auth, practice_id)
    return save_record(
        request, PracticeForm, payload, perm="practices.change_practice", instance=practice
    )


# --- Files ------------------------------------------------------------------------------------


@router.get(
    "/practices/{practice_id}/photos",
    response=responses(200, list[AttachmentOut]),
    url_name="practice_photos",
)
def list_practice_photos(request, practice_id: Id):
    """Ảnh của mô hình (tải về qua `url`)."""
    owner = get_for_user(Practice.objects, request.auth, practice_id)
    return attachments_of(owner, PHOTO)


@router.post(
    "/practices/{practice_id}/photos",
    response=responses(201, list[AttachmentOut]),
    url_name="practice_photos",
)
def upload_practice_photos(request, practice_id: Id, files: list[UploadedFile] = File(...)):  # noqa: B008
    """Đính kèm ảnh của mô hình (multipart, trường `files`; JPG, PNG, GIF, WEBP); một tệp
    không hợp lệ thì không tệp nào được lưu."""
    owner = get_for_user(
        Practice.objects, request.auth, practice_id, perm="practices.change_practice"
    )
    return Status(201, attach_files(request, owner, files, allowed=IMAGES, role=PHOTO))
