"""The derived status on boundary dates: Task.status_on and with_status() must agree."""

from datetime import date, timedelta

import pytest

from danvan.tasks import services
from danvan.tasks.models import Status, Task
from danvan.tasks.tests.factories import make_task

DUE = date(2022, 6, 30)


def _both(task: Task, today: date) -> tuple[str, str]:
    annotated = Task.objects.with_status(today).get(pk=task.pk).status_code
    return task.status_on(today), annotated


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2022, 4, 30), Status.NOT_STARTED),  # the day before the start
        (date(2022, 5, 1), Status.IN_PROGRESS),  # the start date
        (DUE, Status.IN_PROGRESS),  # the due date itself is not late
        (DUE + timedelta(days=1), Status.OVERDUE),  # the day after is
    ],
)
def test_it_derives_the_status_from_the_dates(world, today, expected):
    task = make_task(world, start_date=date(2022, 5, 1), due_date=DUE)
    assert _both(task, today) == (expected, expected)


def test_progress_before_the_start_date_means_in_progress(world):
    task = make_task(world, start_date=date(2022, 5, 1), due_date=DUE)
    services.record_progress(task, acting_user=world.users["mttq"], on=date(2022, 4, 20))
    task.refresh_from_db()
    assert _both(task, date(2022, 4, 25)) == (Status.IN_PROGRESS, Status.IN_PROGRESS)


def test_done_late_stays_done_and_says_late(world):
    task = make_task(world, start_date=date(2022, 5, 1), due_date=DUE)
    task = services.complete_task(
        task, acting_user=world.users["mttq"], text="Xong", on=date(2022, 7, 5)
    )
    assert _both(task, date(2026, 1, 1)) == (Status.DONE, Status.DONE)
    assert task.completed_late


def test_without_a_due_date_it_is_never_overdue(world):
    task = make_task(world, start_date=date(2022, 5, 1), due_date=None)
    assert _both(task, date(2030, 1, 1)) == (Status.IN_PROGRESS, Status.IN_PROGRESS)
