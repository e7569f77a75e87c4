"""Conferences and their notices of conclusions, whose items become tasks
(`meetings.services`); the record itself is written through the page's form."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, File, Query, Router, Status, UploadedFile

from danvan.accounts.access import get_for_user
from danvan.api.files import AttachmentOut, attach_files
from danvan.api.forms import save_record
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.schemas import Id, Schema, object_by_id, objects_by_id, responses
from danvan.core.uploads import DOCUMENTS, attachments_of
from danvan.meetings import services
from danvan.meetings.forms import MeetingForm
from danvan.meetings.models import Conclusion, Meeting
from danvan.meetings.views import DOCUMENT
from danvan.orgs.models import Organization

router = Router(tags=["Hội nghị"])


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    held_on: date
    place: str
    committee_id: int | None
    organization_id: int
    created_at: datetime


class ItemOut(Schema):
    id: int
    order: int
    content: str
    lead_id: int
    coordinator_ids: list[int]
    due_date: date | None
    expected_result: str

    @staticmethod
    def resolve_coordinator_ids(item) -> list[int]:
        return [o.pk for o in item.coordinators.all()]


class ConclusionOut(Schema):
    id: int
    number: int
    symbol: str
    issued_on: date
    signer: str
    summary: str
    items: list[ItemOut]


class MeetingDetailOut(MeetingOut):
    chairs: str
    attending_organization_ids: list[int]
    attendees: str
    agenda: str
    speech_summary: str
    conclusion: ConclusionOut | None

    @staticmethod
    def resolve_attending_organization_ids(meeting) -> list[int]:
        return [o.pk for o in meeting.attending_organizations.all()]

    @staticmethod
    def resolve_conclusion(meeting):
        return Conclusion.objects.filter(meeting=meeting).prefetch_related("items").first()


class MeetingQuery(ListQuery):
    year: int | None = Field(None, ge=1900, le=2200)
    organization: Id | None = None
    kind: str | None = None
    updated_since: datetime | None = None
    q: str | None = None
    ordering: orderings("held_on", "title") | None = None


@router.get("/meetings", response=responses(200, Page[MeetingOut]), url_name="meeting_list")
def list_meetings(request, query: Query[MeetingQuery]):
    """Hội nghị."""
    return page_of(
        Meeting.objects.visible_to(request.auth),
        query,
        filters={
            "year": "held_on__year",
            "organization": "organization_id",
            "kind": "kind",
            "updated_since": changed_since,
            "q": search,
        },
        order_fields={"held_on": "held_on", "title": "sort_key"},
        default_order=("-held_on",),
    )


@router.get(
    "/meetings/{meeting_id}", response=responses(200, MeetingDetailOut), url_name="meeting_detail"
)
def get_meeting(request, meeting_id: Id):
    """Một hội nghị, với thông báo kết luận và các nội dung giao."""
    return get_for_user(Meeting.objects, request.auth, meeting_id)


class MeetingIn(Schema):
    kind: str | None = None
    title: str | None = None
    held_on: date | None = None
    place: str | None = None
    committee: Id | None = None
    organization: Id | None = None
    chairs: str | None = None
    attending_organizations: list[Id] | None = None
    attendees: str | None = None
    agenda: str | None = None
    speech_summary: str | None = None


@router.post("/meetings", response=responses(201, MeetingDetailOut), url_name="meeting_create")
def create_meeting(request, payload: MeetingIn):
    """Thêm hội nghị (đơn vị của bạn; Văn phòng thường trực: mọi đơn vị)."""
    return Status(201, save_record(request, MeetingForm, payload, perm="meetings.add_meeting"))


@router.patch(
    "/meetings/{meeting_id}", response=responses(200, MeetingDetailOut), url_name="meeting_update"
)
def update_meeting(request, meeting_id: Id, payload: MeetingIn):
    """Sửa hội nghị."""
    meeting = get_for_user(Meeting.objects, request.auth, meeting_id)
    return save_record(
        request, MeetingForm, payload, perm="meetings.change_meeting", instance=meeting
    )


class ConclusionIn(Schema):
    issued_on: date
    number: int | None = Field(None, ge=1, description="Số của bản giấy; bỏ trống: số kế tiếp")
    signer: str = Field("", max_length=200)
    summary: str = ""


@router.post(
    "/meetings/{meeting_id}/conclusion",
    response=responses(201, MeetingDetailOut),
    url_name="conclusion_issue",
)
def issue_conclusion(request, meeting_id: Id, payload: ConclusionIn):
    """Ban hành thông báo kết luận (cấp số)."""
    meeting = get_for_user(Meeting.objects, request.auth, meeting_id)
    services.issue_conclusion(meeting, acting_user=request.auth, **payload.model_dump())
    return Status(201, meeting)


class ItemIn(Schema):
    content: str = Field(..., min_length=1)
    lead: Id
    coordinators: list[Id] = []
    due_date: date | None = None
    expected_result: str = ""


@router.post(
    "/meetings/{meeting_id}/conclusion/items",
    response=responses(201, MeetingDetailOut),
    url_name="conclusion_item_add",
)
def add_item(request, meeting_id: Id, payload: ItemIn):
    """Thêm nội dung kết luận: giao ngay thành nhiệm vụ."""
    meeting = get_for_user(Meeting.objects, request.auth, meeting_id)
    if not request.auth.has_perm("meetings.change_meeting", meeting):
        raise PermissionDenied
    conclusion = Conclusion.objects.filter(meeting=meeting).first()
    if conclusion is None:
        raise Http404
    services.add_conclusion_item(
        conclusion,
        acting_user=request.auth,
        content=payload.content,
        lead=object_by_id(Organization, payload.lead, "lead"),
        coordinators=objects_by_id(Organization, payload.coordinators, "coordinators"),
        due_date=payload.due_date,
        expected_result=payload.expected_result,
    )
    return Status(201, meeting)


# --- Files ------------------------------------------------------------------------------------


@router.get(
    "/meetings/{meeting_id}/documents",
    response=responses(200, list[AttachmentOut]),
    url_name="meeting_documents",
)
def list_meeting_documents(request, meeting_id: Id):
    """Tài liệu của hội nghị (tải về qua `url`)."""
    owner = get_for_user(Meeting.objects, request.auth, meeting_id)
    return attachments_of(owner, DOCUMENT)


@router.post(
    "/meetings/{meeting_id}/documents",
    response=responses(201, list[AttachmentOut]),
    url_name="meeting_documents",
)
def upload_meeting_documents(request, meeting_id: Id, files: list[UploadedFile] = File(...)):  # noqa: B008
    """Đính kèm tài liệu của hội nghị (multipart, trường `files`; PDF, DOCX, XLSX); một tệp
    không hợp lệ thì không tệp nào được lưu."""
    owner = get_for_user(Meeting.objects, request.auth, meeting_id, perm="meetings.change_meeting")
    return Status(201, attach_files(request, owner, files, allowed=DOCUMENTS, role=DOCUMENT))
