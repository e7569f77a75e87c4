from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.planning.models import Plan
from danvan.planning.tests.factories import approved_plan, make_plan, make_program
from danvan.tasks.models import Task, source_tasks


def test_a_member_drafts_a_plan_of_its_own(world):
    program = make_program(world)
    client = world.client("mttq")
    form = client.get(reverse("planning:plan_create", args=[program.pk])).context["form"]
    assert "organization" not in form.fields  # a member drafts only its own
    response = client.post(
        reverse("planning:plan_create", args=[program.pk]),
        {"title": "Kế hoạch thực hiện chương trình năm 2022", "year": "2022"},
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.organization == world.mttq and plan.status == Plan.DRAFT
    assert plan.symbol == "01-KH/MTTQ"


def test_the_standing_office_drafts_for_a_member(world):
    program = make_program(world)
    response = world.client("thuongtruc").post(
        reverse("planning:plan_create", args=[program.pk]),
        {"organization": world.tinh_doan.pk, "title": "Kế hoạch của Tỉnh đoàn", "year": "2022"},
    )
    assert response.status_code == 302
    assert Plan.objects.get().organization == world.tinh_doan


def test_a_year_outside_the_program_is_refused(world):
    program = make_program(world)
    response = world.client("mttq").post(
        reverse("planning:plan_create", args=[program.pk]), {"title": "X", "year": "2025"}
    )
    assert response.status_code == 200 and response.context["form"].errors["year"]


def test_a_viewer_cannot_draft(world):
    program = make_program(world)
    response = world.client("xem").post(
        reverse("planning:plan_create", args=[program.pk]), {"title": "X", "year": "2022"}
    )
    assert response.status_code == 403


def test_tasks_are_added_edited_and_removed_while_drafting(world):
    plan = make_plan(world, tasks=0)
    client = world.client("mttq")
    response = client.post(
        reverse("planning:plan_task_add", args=[plan.pk]),
        {
            "title": "Ra quân làm đường giao thông nông thôn",
            "area": world.areas["nong-thon-moi"].pk,
            "lead": world.mttq.pk,
            "coordinators": [world.hnd.pk, world.chqs.pk],
            "units": [world.kim_xa.pk, world.tt_vinh_tuong.pk],
            "start_date": "01/03/2022",
            "due_date": "05/06/2022",
            "targets-TOTAL_FORMS": "2",
            "targets-INITIAL_FORMS": "0",
            "targets-0-label": "Đường giao thông nông thôn",
            "targets-0-unit": "km",
            "targets-0-target": "2,5",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    task = source_tasks(plan).get()
    assert task.owner == world.mttq and not task.is_published
    assert str(task.due_date) == "2022-06-05"
    assert set(task.coordinators.all()) == {world.hnd, world.chqs}
    assert task.targets.get().target == 2.5
    response = client.post(
        reverse("planning:plan_task_edit", args=[task.pk]),
        {
            "title": "Ra quân làm đường giao thông nông thôn (điều chỉnh)",
            "lead": world.mttq.pk,
            "due_date": "01/05/2022",
            "start_date": "30/05/2022",
            "targets-TOTAL_FORMS": "0",
            "targets-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["due_date"]
    response = client.post(
        reverse("planning:plan_task_edit", args=[task.pk]),
        {
            "title": "Ra quân làm đường giao thông nông thôn (điều chỉnh)",
            "lead": world.mttq.pk,
            "targets-TOTAL_FORMS": "0",
            "targets-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title.endswith("(điều chỉnh)") and not task.targets.exists()
    assert client.post(reverse("planning:plan_task_delete", args=[task.pk])).status_code == 302
    assert not Task.objects.filter(pk=task.pk).exists()


def test_another_member_cannot_touch_a_plans_tasks(world):
    plan = make_plan(world)
    task = source_tasks(plan).get()
    assert (
        world.client("hoinongdan")
        .post(reverse("planning:plan_task_delete", args=[task.pk]))
        .status_code
        == 404
    )
    assert (
        world.client("truongban")
        .post(reverse("planning:plan_task_delete", args=[task.pk]))
        .status_code
        == 403
    )
    assert Task.objects.filter(pk=task.pk).exists()


def test_the_plan_list_filters_and_exports(world):
    program = make_program(world)
    mine = approved_plan(world, program)
    theirs = make_plan(world, program, username="hoinongdan")
    client = world.client("thuongtruc")
    page = client.get(reverse("planning:plan_list"), {"organization": world.hnd.pk}).context["page"]
    assert [p.pk for p in page] == [theirs.pk]
    page = client.get(reverse("planning:plan_list"), {"status": "approved"}).context["page"]
    assert [p.pk for p in page] == [mine.pk]
    # A member sees approved plans and its own drafts, never another's draft.
    page = world.client("mttq").get(reverse("planning:plan_list")).context["page"]
    assert [p.pk for p in page] == [mine.pk]
    response = client.get(reverse("planning:plan_list"), {"export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows[mine.symbol][5] == "Đã duyệt" and rows[mine.symbol][7] == 1


def test_the_plan_list_query_count_is_constant(world, django_assert_max_num_queries):
    program = make_program(world)
    make_plan(world, program)
    client = world.client("thuongtruc")
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("planning:plan_list"))
    for _ in range(15):
        make_plan(world, program, tasks=2)
    with django_assert_max_num_queries(len(ctx)):
        assert client.get(reverse("planning:plan_list")).status_code == 200


def test_the_plan_page_query_count_is_constant(world, django_assert_max_num_queries):
    plan = make_plan(world, tasks=1)
    client = world.client("mttq")
    with CaptureQueriesContext(connection) as ctx:
        client.get(plan.get_absolute_url())
    from danvan.planning import services

    for n in range(10):
        services.add_plan_task(plan, acting_user=world.users["mttq"], title=f"Việc {n}")
    with django_assert_max_num_queries(len(ctx)):
        assert client.get(plan.get_absolute_url()).status_code == 200


def test_search_finds_plans_within_scope(world):
    plan = make_plan(world)
    url = reverse("core:search")
    assert (
        plan.get_absolute_url() in world.client("mttq").get(url, {"q": "ke hoach"}).content.decode()
    )
    assert plan.get_absolute_url() not in (
        world.client("hoinongdan").get(url, {"q": "ke hoach"}).content.decode()
    )


def test_the_inbox_counts_plans_waiting(world):
    from danvan.core.sections import waiting_counts
    from danvan.planning import services

    plan = make_plan(world)
    services.submit_plan(plan, acting_user=world.users["mttq"])
    assert waiting_counts(world.users["thuongtruc"])["planning"] == 1
    services.return_plan(plan, acting_user=world.users["thuongtruc"], note="Bổ sung")
    assert waiting_counts(world.users["mttq"])["planning"] == 1
    assert waiting_counts(world.users["thuongtruc"])["planning"] == 0
