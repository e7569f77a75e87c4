from datetime import timedelta

from django.urls import reverse

from danvan.tasks.models import Task, TaskExtension, TaskUpdate
from danvan.tasks.tests.factories import done_task, make_task, pending_extension


def test_the_lead_requests_and_the_office_grants_an_extension(world):
    task = make_task(world)
    new_due = task.due_date + timedelta(days=20)
    response = world.client("mttq").post(
        reverse("tasks:task_extension", args=[task.pk]),
        {"requested_due_date": new_due.strftime("%d/%m/%Y"), "reason": "Mưa bão kéo dài"},
    )
    assert response.status_code == 302
    extension = task.extensions.get()
    body = world.client("thuongtruc").get(task.get_absolute_url()).content.decode()
    assert reverse("tasks:extension_decide", args=[extension.pk]) in body
    response = world.client("thuongtruc").post(
        reverse("tasks:extension_decide", args=[extension.pk]),
        {"decision": "grant", "note": "Đồng ý"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_date == new_due and task.original_due_date == new_due - timedelta(days=20)
    assert task.updates.filter(kind=TaskUpdate.EXTENSION).exists()


def test_a_refusal_keeps_the_deadline(world):
    extension = pending_extension(world)
    due = extension.task.due_date
    response = world.client("truongban").post(
        reverse("tasks:extension_decide", args=[extension.pk]),
        {"decision": "refuse", "note": "Đề nghị khẩn trương"},
    )
    assert response.status_code == 302
    extension.refresh_from_db()
    assert extension.state == TaskExtension.REFUSED
    assert Task.objects.get(pk=extension.task_id).due_date == due


def test_an_earlier_date_is_refused_on_the_form(world):
    task = make_task(world)
    response = world.client("mttq").post(
        reverse("tasks:task_extension", args=[task.pk]),
        {"requested_due_date": task.due_date.strftime("%d/%m/%Y"), "reason": "x"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["requested_due_date"]


def test_a_second_request_waits_for_the_first(world):
    extension = pending_extension(world)
    task = extension.task
    response = world.client("mttq").post(
        reverse("tasks:task_extension", args=[task.pk]),
        {
            "requested_due_date": (task.due_date + timedelta(days=60)).strftime("%d/%m/%Y"),
            "reason": "Lần hai",
        },
    )
    assert response.status_code == 302
    assert task.extensions.count() == 1


def test_only_the_lead_requests_and_only_the_office_decides(world):
    task = make_task(world)
    data = {"requested_due_date": "01/01/2099", "reason": "x"}
    url = reverse("tasks:task_extension", args=[task.pk])
    assert world.client("hoinongdan").post(url, data).status_code == 403
    assert world.client("thuongtruc").post(url, data).status_code == 403
    assert world.client("vinhtuong").post(url, data).status_code == 404
    extension = pending_extension(world)
    decide = reverse("tasks:extension_decide", args=[extension.pk])
    assert world.client("mttq").post(decide, {"decision": "grant"}).status_code == 403
    assert world.client("vinhtuong").post(decide, {"decision": "grant"}).status_code == 404
    extension.refresh_from_db()
    assert extension.state == TaskExtension.REQUESTED


def test_a_decided_request_cannot_be_decided_again(world):
    extension = pending_extension(world)
    decide = reverse("tasks:extension_decide", args=[extension.pk])
    client = world.client("thuongtruc")
    assert client.post(decide, {"decision": "refuse"}).status_code == 302
    assert client.post(decide, {"decision": "grant"}).status_code == 302
    extension.refresh_from_db()
    assert extension.state == TaskExtension.REFUSED


def test_a_done_task_cannot_be_extended(world):
    task = done_task(world)
    response = world.client("mttq").post(
        reverse("tasks:task_extension", args=[task.pk]),
        {"requested_due_date": "01/01/2099", "reason": "x"},
    )
    assert response.status_code == 302
    assert not task.extensions.exists()


def test_it_rejects_other_methods(world):
    task = make_task(world)
    assert (
        world.client("mttq").put(reverse("tasks:task_extension", args=[task.pk])).status_code == 405
    )
