from datetime import date
from decimal import Decimal
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.planning.models import Program, ProgramArea
from danvan.planning.tests.factories import approved_plan, make_plan, make_program
from danvan.tasks import services as task_services
from danvan.tasks.models import source_tasks


def test_the_standing_office_creates_a_program_over_several_years(world):
    response = world.client("thuongtruc").post(
        reverse("planning:program_create"),
        {
            "title": "Chương trình phối hợp giai đoạn 2022 - 2026",
            "start_year": "2022",
            "end_year": "2026",
            "issued_on": "20/01/2022",
        },
    )
    program = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == program.get_absolute_url()
    assert program.period_label == "2022 - 2026" and program.issued_on == date(2022, 1, 20)
    assert program.symbol == "01-CTr/BCĐ"
    body = world.client("mttq").get(program.get_absolute_url()).content.decode()
    assert "Lê Minh Đức" in body  # audited


def test_years_in_the_wrong_order_are_refused(world):
    response = world.client("thuongtruc").post(
        reverse("planning:program_create"),
        {"title": "X", "start_year": "2023", "end_year": "2022"},
    )
    assert response.status_code == 200 and response.context["form"].errors["end_year"]
    assert not Program.objects.exists()


def test_members_cannot_create_or_edit_programs(world):
    program = make_program(world)
    assert (
        world.client("mttq").post(reverse("planning:program_create"), {"title": "X"}).status_code
        == 403
    )
    response = world.client("truongban").post(
        reverse("planning:program_edit", args=[program.pk]), {"title": "Khác"}
    )
    assert response.status_code == 403


def test_the_program_is_edited(world):
    program = make_program(world)
    response = world.client("thuongtruc").post(
        reverse("planning:program_edit", args=[program.pk]),
        {"title": "Chương trình đã sửa", "start_year": "2022", "end_year": "2022"},
    )
    assert response.status_code == 302
    assert Program.objects.get(pk=program.pk).title == "Chương trình đã sửa"


def test_a_content_area_is_added_with_its_targets(world):
    program = make_program(world)
    response = world.client("thuongtruc").post(
        reverse("planning:program_area_add", args=[program.pk]),
        {
            "area": world.areas["tuyen-truyen-van-dong"].pk,
            "content": "Tuyên truyền, vận động nhân dân",
            "order": "1",
            "targets-TOTAL_FORMS": "1",
            "targets-INITIAL_FORMS": "0",
            "targets-0-label": "Lượt người dự",
            "targets-0-unit": "lượt",
            "targets-0-target": "1.500",
        },
    )
    assert response.status_code == 302
    area = ProgramArea.objects.get(program=program, area=world.areas["tuyen-truyen-van-dong"])
    assert area.targets.get().target == Decimal("1500")  # 1.500 read the Vietnamese way
    # The same area cannot be added twice.
    form = (
        world.client("thuongtruc")
        .get(reverse("planning:program_area_add", args=[program.pk]))
        .context["form"]
    )
    assert world.areas["tuyen-truyen-van-dong"] not in form.fields["area"].queryset


def _program_with_work(world):
    program = make_program(world)
    done = approved_plan(world, program, tasks=2)
    first, second = source_tasks(done).order_by("pk")
    task_services.complete_task(
        first,
        acting_user=world.users["mttq"],
        text="Xong",
        on=date(2022, 7, 5),
        figures={str(first.targets.get().pk): "10"},
    )
    draft = make_plan(world, program, username="hoinongdan")
    return program, done, draft, first, second


def test_the_program_page_shows_the_cascade_and_completion(world):
    program, plan, draft, first, second = _program_with_work(world)
    response = world.client("thuongtruc").get(program.get_absolute_url())
    body = response.content.decode()
    view = response.context["view"]
    assert [p.pk for p in view.plans] == [draft.pk, plan.pk]  # Hội Nông dân before Ủy ban
    assert first.title in body and plan.symbol in body
    (member,) = view.by_member  # only approved plans count
    assert (member.total, member.done, member.done_late, member.overdue) == (2, 1, 1, 1)
    assert member.percent_done == 50
    area = next(r for r in view.by_area if r.key == world.areas["nong-thon-moi"].pk)
    assert area.total == 2
    (target,) = view.area_targets[ProgramArea.objects.get(program=program).pk]
    assert (target.target, target.achieved) == (Decimal(100), Decimal(10))


def test_a_member_sees_only_its_own_drafts_on_the_program_page(world):
    program, plan, draft, *_ = _program_with_work(world)
    view = world.client("mttq").get(program.get_absolute_url()).context["view"]
    assert [p.pk for p in view.plans] == [plan.pk]
    view = world.client("vinhtuong").get(program.get_absolute_url()).context["view"]
    assert [p.pk for p in view.plans] == [plan.pk]
    assert view.tasks_by_plan == {}  # its tasks are not Vĩnh Tường's to see
    assert view.by_member == []


def test_the_program_page_filters_tasks(world):
    program, plan, draft, first, second = _program_with_work(world)
    client = world.client("thuongtruc")
    view = client.get(program.get_absolute_url(), {"status": "done"}).context["view"]
    assert [t.pk for t in view.tasks_by_plan[plan.pk]] == [first.pk]
    view = client.get(
        program.get_absolute_url(), {"area": world.areas["quoc-phong-an-ninh"].pk}
    ).context["view"]
    assert view.tasks_by_plan == {}
    view = client.get(program.get_absolute_url(), {"unit": world.vinh_tuong.pk}).context["view"]
    assert len(view.tasks_by_plan[plan.pk]) == 2  # Kim Xá is in Vĩnh Tường


def test_the_program_export_is_the_filtered_cascade(world):
    program, plan, draft, first, second = _program_with_work(world)
    response = world.client("thuongtruc").get(
        program.get_absolute_url(), {"status": "overdue", "export": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    # The office sees the Hội Nông dân draft too: its task is past due as well.
    (draft_task,) = source_tasks(draft)
    assert sorted(r[0] for r in rows) == sorted([second.title, draft_task.title])
    assert len(rows) == 2


def test_the_program_page_query_count_is_constant(world, django_assert_max_num_queries):
    program = make_program(world)
    plan = approved_plan(world, program, tasks=2)
    client = world.client("thuongtruc")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(program.get_absolute_url()).status_code == 200
        return len(ctx)

    before = count()
    for username in ("hoinongdan", "vinhtuong"):
        approved_plan(world, program, username=username, tasks=10)
    make_plan(world, program, tasks=10)
    assert source_tasks(plan).count() == 2
    with django_assert_max_num_queries(before):
        assert client.get(program.get_absolute_url()).status_code == 200


def test_the_program_list_filters_by_year_and_exports(world):
    make_program(world, title="Chương trình 2022", start_year=2022)
    make_program(world, title="Chương trình 2023 - 2024", start_year=2023, end_year=2024)
    client = world.client("xem")
    titles = [
        p.title for p in client.get(reverse("planning:index"), {"year": 2024}).context["programs"]
    ]
    assert titles == ["Chương trình 2023 - 2024"]
    response = client.get(reverse("planning:index"), {"year": 2022, "export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert [r[1] for r in sheet.iter_rows(min_row=4, values_only=True)] == ["Chương trình 2022"]


def test_program_pages_reject_post(world):
    program = make_program(world)
    assert world.client("thuongtruc").post(program.get_absolute_url()).status_code == 405
    assert world.client("thuongtruc").post(reverse("planning:index")).status_code == 405
