from datetime import date, timedelta
from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.core.sections import waiting_counts
from danvan.tasks import services
from danvan.tasks.tests.factories import make_task, reported_task


def _titles(response) -> list[str]:
    return [t.title for t in response.context["page"]]


def _year_tasks(world):
    """Three 2022 tasks: one done, one overdue (today is years later), one of Vĩnh Tường."""
    done = make_task(
        world,
        title="Ra quân làm đường giao thông nông thôn",
        start_date=date(2022, 3, 1),
        due_date=date(2022, 3, 31),
    )
    services.complete_task(done, acting_user=world.users["mttq"], text="Xong", on=date(2022, 3, 30))
    late = make_task(
        world,
        title="Nạo vét kênh mương nội đồng",
        start_date=date(2022, 5, 1),
        due_date=date(2022, 6, 30),
        area=world.areas["quoc-phong-an-ninh"],
    )
    district = make_task(
        world,
        title="Thu gom rác thải tại Tích Sơn",
        lead=world.org_vinh_yen,
        owner=world.org_vinh_yen,
        coordinators=[],
        units=[world.tich_son],
        start_date=date(2022, 8, 1),
        due_date=date(2022, 9, 15),
    )
    return done, late, district


def test_the_list_filters_by_year_organisation_area_locality_status(world):
    done, late, district = _year_tasks(world)
    client = world.client("thuongtruc")
    url = reverse("tasks:task_list")
    assert set(_titles(client.get(url, {"year": 2022}))) == {done.title, late.title, district.title}
    assert _titles(client.get(url, {"year": 2022, "status": "overdue"})) == [
        late.title,
        district.title,
    ]
    assert _titles(client.get(url, {"status": "done"})) == [done.title]
    assert _titles(client.get(url, {"organization": world.org_vinh_yen.pk})) == [district.title]
    # Hội Nông dân coordinates the MTTQ tasks.
    assert set(_titles(client.get(url, {"organization": world.hnd.pk}))) == {done.title, late.title}
    assert _titles(client.get(url, {"area": world.areas["quoc-phong-an-ninh"].pk})) == [late.title]
    # A district finds the tasks in its communes.
    assert _titles(client.get(url, {"unit": world.vinh_yen.pk})) == [district.title]
    assert _titles(client.get(url, {"q": "nao vet kenh"})) == [late.title]


def test_each_organisation_sees_only_its_own_work(world):
    done, late, district = _year_tasks(world)
    mine = world.client("vinhtuong").get(reverse("tasks:task_list"))
    assert _titles(mine) == []
    assert _titles(world.client("hoinongdan").get(reverse("tasks:task_mine"))) == [
        done.title,
        late.title,
    ]
    assert _titles(world.client("xem").get(reverse("tasks:task_mine"))) == []


def test_the_overdue_and_due_soon_lists(world):
    _done, late, district = _year_tasks(world)
    today = timezone.localdate()
    soon = make_task(world, title="Sắp đến hạn", due_date=today + timedelta(days=3))
    make_task(world, title="Còn lâu", due_date=today + timedelta(days=60))
    client = world.client("thuongtruc")
    assert _titles(client.get(reverse("tasks:task_overdue"))) == [late.title, district.title]
    assert _titles(client.get(reverse("tasks:task_due_soon"))) == [soon.title]
    body = client.get(reverse("tasks:task_overdue")).content.decode()
    assert "Quá hạn" in body


def test_the_timeline_groups_a_year_by_month_of_the_due_date(world):
    done, late, district = _year_tasks(world)
    response = world.client("thuongtruc").get(reverse("tasks:task_timeline"), {"year": 2022})
    months = dict(response.context["months"])
    assert [t.title for t in months[3]] == [done.title]
    assert [t.title for t in months[6]] == [late.title]
    assert [t.title for t in months[9]] == [district.title]
    assert months[1] == []
    assert "Tháng 6" in response.content.decode()
    # Without a year it shows the latest year with work, and says which.
    response = world.client("thuongtruc").get(reverse("tasks:task_timeline"))
    assert response.context["year"] == 2022
    assert response.context["filter_form"]["year"].value() == "2022"


def test_the_excel_export_is_the_filtered_list(world):
    _done, late, district = _year_tasks(world)
    response = world.client("thuongtruc").get(
        reverse("tasks:task_list"), {"year": 2022, "status": "overdue", "export": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    headers = [c.value for c in sheet[3]]
    assert headers[:3] == ["Nhiệm vụ", "Lĩnh vực", "Đơn vị chủ trì"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows] == [late.title, district.title]
    due = headers.index("Hạn hoàn thành")
    assert rows[0][due].date() == date(2022, 6, 30)  # a real date
    assert rows[0][headers.index("Trạng thái")] == "Quá hạn"
    assert rows[0][headers.index("Đơn vị phối hợp")] == "Hội Nông dân tỉnh"


def test_the_export_never_holds_what_the_user_cannot_see(world):
    _year_tasks(world)
    response = world.client("vinhtuong").get(reverse("tasks:task_list"), {"export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == 3  # title, blank, headers


def test_list_query_counts_are_constant(world, django_assert_max_num_queries):
    client = world.client("thuongtruc")
    for n in range(3):
        make_task(world, title=f"Nhiệm vụ {n}")

    def count(url, **params):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, params).status_code == 200
        return len(ctx)

    urls = [reverse(n) for n in ("tasks:task_list", "tasks:task_mine", "tasks:task_timeline")]
    before = {url: count(url) for url in urls}
    export_before = count(urls[0], export="xlsx")
    for n in range(30):
        make_task(world, title=f"Nhiệm vụ thêm {n}")
    for url in urls:
        with django_assert_max_num_queries(before[url]):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(export_before):
        assert client.get(urls[0], {"export": "xlsx"}).status_code == 200


def test_search_finds_tasks_within_scope(world):
    make_task(world, title="Vận động xây dựng nông thôn mới")
    url = reverse("core:search")
    assert "Vận động xây dựng nông thôn mới" in (
        world.client("hoinongdan").get(url, {"q": "nong thon moi"}).content.decode()
    )
    assert "Vận động xây dựng nông thôn mới" not in (
        world.client("vinhtuong").get(url, {"q": "nong thon moi"}).content.decode()
    )


def test_the_inbox_counts_overdue_work_and_results_to_confirm(world):
    _year_tasks(world)  # MTTQ leads one overdue task
    reported_task(world)
    assert waiting_counts(world.users["mttq"])["planning"] == 1
    assert waiting_counts(world.users["thuongtruc"])["planning"] == 1  # one to confirm
    assert waiting_counts(world.users["hoinongdan"])["planning"] == 0
    assert waiting_counts(world.users["vinhtuong"])["planning"] == 0


def test_lists_reject_post(world):
    assert world.client("mttq").post(reverse("tasks:task_list")).status_code == 405
    assert world.client("mttq").post(reverse("tasks:task_timeline")).status_code == 405
