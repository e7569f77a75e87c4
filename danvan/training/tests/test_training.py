from datetime import date
from decimal import Decimal
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.training.models import Course, Participant
from danvan.training.tests.factories import enrol, make_course


def _course_form(world, **overrides):
    data = {
        "title": "Tập huấn công tác dân vận",
        "organization": world.mttq.pk,
        "area": world.areas["tuyen-truyen-van-dong"].pk,
        "start_date": "23/08/2022",
        "end_date": "25/08/2022",
        "place": "Vĩnh Yên",
        "hours": "24,5",
        "content": "Kỹ năng vận động",
    }
    data.update(overrides)
    return data


def test_it_records_a_course(world):
    client = world.client("mttq")
    response = client.post(reverse("training:course_create"), _course_form(world))
    assert response.status_code == 302, response.context["form"].errors
    course = Course.objects.get()
    assert course.hours == Decimal("24.5")
    assert course.start_date == date(2022, 8, 23)
    assert "Phạm Thị Hồng" in client.get(course.get_absolute_url()).content.decode()


def test_a_course_cannot_end_before_it_starts(world):
    response = world.client("mttq").post(
        reverse("training:course_create"), _course_form(world, end_date="01/08/2022")
    )
    assert response.status_code == 200 and "end_date" in response.context["form"].errors


def test_a_member_records_only_its_own_courses_and_a_viewer_none(world):
    response = world.client("hoinongdan").post(
        reverse("training:course_create"), _course_form(world)
    )
    assert response.status_code == 200 and "organization" in response.context["form"].errors
    assert (
        world.client("xem").post(reverse("training:course_create"), _course_form(world)).status_code
        == 403
    )
    assert not Course.objects.exists()


def test_the_organiser_records_participants_and_their_results(world):
    course = make_course(world)
    client = world.client("mttq")
    response = client.post(
        reverse("training:participant_add", args=[course.pk]),
        {
            "full_name": "Học viên 001",
            "position": "Cán bộ Hội Nông dân",
            "organization": world.hnd.pk,
            "completed": "on",
            "certificate": "on",
            "score": "8,5",
        },
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.completed and participant.certificate and participant.score == Decimal("8.5")
    response = client.post(
        reverse("training:participant_edit", args=[participant.pk]),
        {"full_name": "Học viên 001", "organization": world.hnd.pk, "certificate": "on"},
    )
    assert response.status_code == 200  # a certificate without completing
    assert "certificate" in response.context["form"].errors
    assert "8,5" in client.get(course.get_absolute_url()).content.decode()


def test_another_organisation_cannot_change_participants(world):
    course = make_course(world)
    participant = enrol(course, world.hnd)
    client = world.client("hoinongdan")
    response = client.post(
        reverse("training:participant_add", args=[course.pk]),
        {"full_name": "X", "organization": world.hnd.pk},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("training:participant_edit", args=[participant.pk]),
        {"full_name": "X", "organization": world.hnd.pk},
    )
    assert response.status_code == 403
    assert (
        reverse("training:participant_edit", args=[999])
        and client.get(reverse("training:participant_edit", args=[999])).status_code == 404
    )


def test_the_list_filters_and_search_finds_courses(world):
    make_course(world)
    make_course(
        world, title="Tập huấn năm 2021", start_date=date(2021, 5, 1), end_date=date(2021, 5, 1)
    )
    make_course(world, title="Lớp của Bộ CHQS", organization=world.chqs)
    client = world.client("xem")
    index = reverse("training:index")
    assert len(client.get(index, {"year": 2022}).context["page"]) == 2
    assert [
        c.title for c in client.get(index, {"organization": world.chqs.pk}).context["page"]
    ] == ["Lớp của Bộ CHQS"]
    assert (
        "Tập huấn năm 2021"
        in client.get(reverse("core:search"), {"q": "tap huan 2021"}).content.decode()
    )


def test_statistics_per_organisation_per_year(world):
    first = make_course(world, hours=Decimal("24"))
    second = make_course(
        world,
        title="Lớp 2",
        hours=Decimal("8"),
        start_date=date(2022, 10, 1),
        end_date=date(2022, 10, 1),
    )
    old = make_course(
        world, title="Lớp 2021", start_date=date(2021, 3, 1), end_date=date(2021, 3, 1)
    )
    enrol(first, world.hnd, score=Decimal("8"))
    enrol(first, world.hnd, completed=False)
    enrol(second, world.hnd, score=Decimal("9"))
    enrol(first, world.tinh_doan, score=Decimal("7"))
    enrol(old, world.hnd)
    client = world.client("xem")
    rows = {
        r["organization__name"]: r
        for r in client.get(reverse("training:stats"), {"year": 2022}).context["rows"]
    }
    hnd = rows["Hội Nông dân tỉnh Vĩnh Phúc"]
    assert (hnd["courses"], hnd["people"], hnd["completed_count"], hnd["certificates"]) == (
        2,
        3,
        2,
        2,
    )
    assert hnd["hours"] == Decimal("32") and hnd["score"] == Decimal("8.5")
    assert rows["Tỉnh đoàn Vĩnh Phúc"]["people"] == 1
    page = client.get(reverse("training:stats"), {"year": 2022}).content.decode()
    assert "năm 2022" in page and "?year=2022&amp;format=xlsx" in page
    response = client.get(reverse("training:stats"), {"year": 2022, "format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    table = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert table["Hội Nông dân tỉnh Vĩnh Phúc"][1:6] == (2, 3, 2, 2, 32)
    assert client.get(reverse("training:stats"), {"year": 2021}).context["rows"][0]["people"] == 1


def test_the_excel_export_reads_back(world):
    course = make_course(world)
    enrol(course, world.hnd)
    enrol(course, world.hnd, completed=False)
    sheet = load_workbook(
        BytesIO(world.client("xem").get(reverse("training:export")).content)
    ).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows == [
        (
            rows[0][0],
            rows[0][1],
            "Bồi dưỡng kỹ năng vận động quần chúng",
            "Ủy ban MTTQ tỉnh",
            "Hội trường Ủy ban MTTQ tỉnh",
            24,
            2,
            1,
        )
    ]
    assert rows[0][0].date() == date(2022, 8, 23)


def test_the_list_query_count_is_constant(world, django_assert_max_num_queries):
    # Pinned as measured with two rows: thirty must not cost one query more.
    client = world.client("hoinongdan")
    for i in range(2):
        enrol(make_course(world, title=f"Lớp {i}"), world.hnd)
    pinned = {}
    for name in ("training:index", "training:export", "training:stats"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        pinned[name] = len(queries)
    for i in range(2, 30):
        enrol(make_course(world, title=f"Lớp {i}"), world.hnd)
        enrol(make_course(world, title=f"Lớp {i}b", organization=world.chqs), world.tinh_doan)
    for name, count in pinned.items():
        with django_assert_max_num_queries(count):
            assert client.get(reverse(name)).status_code == 200
