from django.urls import reverse

from danvan.tasks.models import Task, TaskUpdate
from danvan.tasks.tests.factories import make_task, reported_task


def test_the_standing_office_confirms_a_reported_result(world):
    task = reported_task(world)
    response = world.client("thuongtruc").post(
        reverse("tasks:task_confirm", args=[task.pk]), {"note": "Kết quả đạt yêu cầu"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == Task.DONE and task.confirmed_by == world.users["thuongtruc"]
    assert task.updates.filter(kind=TaskUpdate.CONFIRMED).exists()


def test_the_head_may_confirm_too(world):
    task = reported_task(world)
    response = world.client("truongban").post(reverse("tasks:task_confirm", args=[task.pk]))
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).state == Task.DONE


def test_returning_needs_a_reason_and_reopens_the_task(world):
    task = reported_task(world)
    url = reverse("tasks:task_return", args=[task.pk])
    client = world.client("thuongtruc")
    response = client.post(url, {"note": ""})
    assert response.status_code == 200 and response.context["form"].errors["note"]
    assert Task.objects.get(pk=task.pk).state == Task.REPORTED
    response = client.post(url, {"note": "Thiếu biên bản nghiệm thu"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == Task.OPEN and task.completed_on is None
    returned = task.updates.get(kind=TaskUpdate.RETURNED)
    assert returned.text == "Thiếu biên bản nghiệm thu"
    body = world.client("mttq").get(task.get_absolute_url()).content.decode()
    assert "Thiếu biên bản nghiệm thu" in body


def test_the_lead_cannot_confirm_its_own_result(world):
    task = reported_task(world)
    for persona in ("mttq", "hoinongdan", "xem"):
        assert (
            world.client(persona).post(reverse("tasks:task_confirm", args=[task.pk])).status_code
            == 403
        ), persona
    assert (
        world.client("vinhtuong").post(reverse("tasks:task_confirm", args=[task.pk])).status_code
        == 404
    )
    assert Task.objects.get(pk=task.pk).state == Task.REPORTED


def test_an_open_task_cannot_be_confirmed(world):
    task = make_task(world, requires_confirmation=True)
    response = world.client("thuongtruc").post(reverse("tasks:task_confirm", args=[task.pk]))
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).state == Task.OPEN


def test_it_rejects_other_methods(world):
    task = reported_task(world)
    url = reverse("tasks:task_return", args=[task.pk])
    assert world.client("thuongtruc").put(url).status_code == 405
