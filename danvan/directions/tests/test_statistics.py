"""Derived statuses on boundary dates, on-time rates per organisation and period, overdue."""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from danvan.core.periods import Period
from danvan.directions import services, stats
from danvan.directions.tests.helpers import forwarded
from danvan.tasks.models import Status, Task
from danvan.tasks.services import confirm_result, report_result


def _assign(world, due, lead=None):
    proposal = forwarded(world)
    services.assign_tasks(
        proposal,
        acting_user=world.truongban,
        text="Giao nhiệm vụ.",
        # Directed a month before the deadline (the past is reached through `at`).
        at=timezone.make_aware(datetime.combine(due - timedelta(days=30), time(9))),
        assignments=[
            {"title": f"Việc hạn {due:%d/%m/%Y}", "lead": lead or world.hnd, "due_date": due}
        ],
    )
    return proposal.tasks().get()


def _finish(world, task, on):
    report_result(task, acting_user=world.hoinongdan, text="Xong.", on=on)
    return confirm_result(Task.objects.get(pk=task.pk), acting_user=world.thuongtruc)


def test_the_status_turns_overdue_the_day_after_the_deadline(world):
    today = timezone.localdate()
    task = _assign(world, today)
    assert task.status_on(today) == Status.IN_PROGRESS
    assert task.status_on(today + timedelta(days=1)) == Status.OVERDUE
    by_sql = stats.direction_tasks().with_status(today + timedelta(days=1)).get(pk=task.pk)
    assert by_sql.status_code == Status.OVERDUE
    assert stats.direction_tasks().with_status(today).get(pk=task.pk).status_code == (
        Status.IN_PROGRESS
    )


def test_done_on_the_deadline_is_on_time_and_a_day_later_is_late(world, media):
    base = timezone.localdate() - timedelta(days=20)
    on_time = _finish(world, _assign(world, base), base)
    late = _finish(world, _assign(world, base), base + timedelta(days=1))
    assert not on_time.completed_late and late.completed_late
    open_overdue = _assign(world, base)
    period = Period.of("year", base)
    rows, total = stats.completion(world.truongban, period)
    (row,) = rows
    assert row.organization == world.hnd
    assert (row.total, row.on_time, row.late, row.overdue) == (3, 1, 1, 1)
    assert str(row.rate) == "33.3"
    assert total.total == 3
    assert open_overdue.status == Status.OVERDUE


def test_rates_are_per_organisation_and_quarter(world, media):
    year = timezone.localdate().year - 1
    _finish(world, _assign(world, date(year, 2, 10)), date(year, 2, 1))
    _finish(world, _assign(world, date(year, 5, 10)), date(year, 6, 1))
    _assign(world, date(year, 5, 20), lead=world.tinh_doan)
    q1, _ = stats.completion(world.thuongtruc, Period.parse(f"{year}Q1"))
    q2, q2_total = stats.completion(world.thuongtruc, Period.parse(f"{year}Q2"))
    assert [(r.organization, r.on_time, r.total) for r in q1] == [(world.hnd, 1, 1)]
    assert [(r.organization, r.late, r.overdue) for r in q2] == [
        (world.hnd, 1, 0),
        (world.tinh_doan, 0, 1),
    ]
    assert q2_total.rate == 0
    page = world.client("truongban").get(
        reverse("directions:statistics"), {"year": year, "quarter": 2}
    )
    body = page.content.decode()
    assert "Tỉnh đoàn Vĩnh Phúc" in body and "Hội Nông dân tỉnh Vĩnh Phúc" in body


def test_a_member_sees_only_its_own_figures(world, media):
    year = timezone.localdate().year - 1
    _assign(world, date(year, 3, 1))
    _assign(world, date(year, 3, 1), lead=world.tinh_doan)
    rows, _total = stats.completion(world.hoinongdan, Period.parse(str(year)))
    assert [r.organization for r in rows] == [world.hnd]


def test_the_overdue_list_is_for_the_head_and_the_office(world, django_assert_max_num_queries):
    for days in range(1, 16):
        _assign(world, timezone.localdate() - timedelta(days=days))
    _assign(world, timezone.localdate())
    client = world.client("truongban")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("directions:overdue"))
    body = response.content.decode()
    assert body.count("<tr>") == 16  # header and 15 overdue, not the one due today
    assert world.client("hoinongdan").get(reverse("directions:overdue")).status_code == 403


def test_the_assignment_list_filters_and_its_query_count_is_constant(
    world, django_assert_max_num_queries
):
    for days in range(20):
        _assign(world, timezone.localdate() + timedelta(days=days - 5))
    client = world.client("thuongtruc")
    with django_assert_max_num_queries(14):
        body = client.get(reverse("directions:assignment_list")).content.decode()
    assert body.count("Việc hạn") == 20
    body = client.get(
        reverse("directions:assignment_list"), {"status": Status.OVERDUE}
    ).content.decode()
    assert body.count("Việc hạn") == 5
