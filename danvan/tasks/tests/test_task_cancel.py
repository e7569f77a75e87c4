from django.urls import reverse

from danvan.tasks.models import Task
from danvan.tasks.tests.factories import done_task, make_task


def test_the_standing_office_cancels_with_a_reason_and_reopens(world):
    task = make_task(world)
    client = world.client("thuongtruc")
    response = client.post(reverse("tasks:task_cancel", args=[task.pk]), {"note": ""})
    assert response.status_code == 200
    assert Task.objects.get(pk=task.pk).state == Task.OPEN
    response = client.post(
        reverse("tasks:task_cancel", args=[task.pk]), {"note": "Không còn phù hợp"}
    )
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).status == "cancelled"
    body = client.get(task.get_absolute_url()).content.decode()
    assert "Không còn phù hợp" in body  # in the audit trail


def test_a_done_task_is_reopened_with_a_reason(world):
    task = done_task(world)
    response = world.client("truongban").post(
        reverse("tasks:task_reopen", args=[task.pk]), {"note": "Kết quả chưa đúng thực tế"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == Task.OPEN and task.completed_on is None


def test_members_cannot_cancel_or_reopen(world):
    task = make_task(world)
    assert (
        world.client("mttq").post(reverse("tasks:task_cancel", args=[task.pk]), {"note": "x"})
    ).status_code == 403
    done = done_task(world)
    assert (
        world.client("mttq").post(reverse("tasks:task_reopen", args=[done.pk]), {"note": "x"})
    ).status_code == 403
    assert (
        world.client("vinhtuong").post(reverse("tasks:task_cancel", args=[task.pk]), {"note": "x"})
    ).status_code == 404


def test_an_open_task_cannot_be_reopened(world):
    task = make_task(world)
    response = world.client("thuongtruc").post(
        reverse("tasks:task_reopen", args=[task.pk]), {"note": "x"}
    )
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).state == Task.OPEN


def test_it_rejects_other_methods(world):
    task = make_task(world)
    assert (
        world.client("thuongtruc").delete(reverse("tasks:task_cancel", args=[task.pk])).status_code
        == 405
    )
