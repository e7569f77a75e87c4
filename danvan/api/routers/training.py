"""Training courses and their participants, written through the pages' forms."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Status

from danvan.accounts.access import get_for_user
from danvan.api.forms import save_form, save_record
from danvan.api.listing import ListQuery, Page, changed_since, orderings, page_of, search
from danvan.api.schemas import Id, Schema, responses
from danvan.training.forms import CourseForm, ParticipantForm
from danvan.training.models import Course, Participant

router = Router(tags=["Bồi dưỡng"])


class CourseOut(Schema):
    id: int
    title: str
    organization_id: int
    area_id: int | None
    start_date: date
    end_date: date
    place: str
    hours: Decimal
    created_at: datetime


class ParticipantOut(Schema):
    id: int
    course_id: int
    full_name: str
    position: str
    organization_id: int
    completed: bool
    certificate: bool
    score: Decimal | None


class CourseDetailOut(CourseOut):
    content: str
    participants: list[ParticipantOut]


class CourseQuery(ListQuery):
    year: int | None = Field(None, ge=1900, le=2200)
    organization: Id | None = None
    area: Id | None = None
    updated_since: datetime | None = None
    q: str | None = None
    ordering: orderings("start_date", "title") | None = None


@router.get("/courses", response=responses(200, Page[CourseOut]), url_name="course_list")
def list_courses(request, query: Query[CourseQuery]):
    """Lớp bồi dưỡng."""
    return page_of(
        Course.objects.visible_to(request.auth),
        query,
        filters={
            "year": "start_date__year",
            "organization": "organization_id",
            "area": "area_id",
            "updated_since": changed_since,
            "q": search,
        },
        order_fields={"start_date": "start_date", "title": "sort_key"},
        default_order=("-start_date",),
    )


@router.get(
    "/courses/{course_id}", response=responses(200, CourseDetailOut), url_name="course_detail"
)
def get_course(request, course_id: Id):
    """Một lớp bồi dưỡng, với học viên và kết quả."""
    return get_for_user(Course.objects, request.auth, course_id)


class CourseIn(Schema):
    title: str | None = None
    organization: Id | None = None
    area: Id | None = None
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = None
    hours: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=1)
    content: str | None = None


@router.post("/courses", response=responses(201, CourseDetailOut), url_name="course_create")
def create_course(request, payload: CourseIn):
    """Thêm lớp bồi dưỡng."""
    return Status(201, save_record(request, CourseForm, payload, perm="training.add_course"))


@router.patch(
    "/courses/{course_id}", response=responses(200, CourseDetailOut), url_name="course_update"
)
def update_course(request, course_id: Id, payload: CourseIn):
    """Sửa lớp bồi dưỡng."""
    course = get_for_user(Course.objects, request.auth, course_id)
    return save_record(request, CourseForm, payload, perm="training.change_course", instance=course)


class ParticipantIn(Schema):
    full_name: str | None = None
    position: str | None = None
    organization: Id | None = None
    completed: bool | None = None
    certificate: bool | None = None
    score: Decimal | None = Field(None, ge=0, le=10, max_digits=4, decimal_places=2)


def _save_participant(request, course, payload, instance=None):
    if not request.auth.has_perm("training.change_course", course):
        raise PermissionDenied
    return save_form(
        ParticipantForm,
        payload.model_dump(exclude_unset=True),
        actor=request.auth,
        instance=instance or Participant(course=course),
    )


@router.post(
    "/courses/{course_id}/participants",
    response=responses(201, ParticipantOut),
    url_name="participant_add",
)
def add_participant(request, course_id: Id, payload: ParticipantIn):
    """Thêm học viên."""
    course = get_for_user(Course.objects, request.auth, course_id)
    return Status(201, _save_participant(request, course, payload))


@router.patch(
    "/participants/{participant_id}",
    response=responses(200, ParticipantOut),
    url_name="participant_update",
)
def update_participant(request, participant_id: Id, payload: ParticipantIn):
    """Sửa học viên, kết quả."""
    participant = get_for_user(
        Participant.objects.select_related("course"), request.auth, participant_id
    )
    return _save_participant(request, participant.course, payload, participant)
