from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from danvan.core.models import Attachment
from danvan.tasks.models import Task, TaskUpdate
from danvan.tasks.tests.factories import make_task, pdf


def test_the_lead_completes_a_task_with_evidence(world, media):
    task = make_task(world)
    target = task.targets.get()
    response = world.client("mttq").post(
        reverse("tasks:task_complete", args=[task.pk]),
        {
            "on": timezone.localdate().strftime("%d/%m/%Y"),
            "text": "Đã tổ chức 12 buổi, 1.500 lượt người dự",
            f"target_{target.pk}": "12",
            "files": [pdf("bao-cao.pdf")],
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == Task.DONE and task.progress == 100
    result = task.updates.get(kind=TaskUpdate.RESULT)
    assert Attachment.objects.filter(object_id=result.pk, role="evidence").count() == 1
    body = world.client("mttq").get(task.get_absolute_url()).content.decode()
    assert "Hoàn thành" in body


def test_completing_needs_a_result_or_evidence(world):
    task = make_task(world)
    response = world.client("mttq").post(
        reverse("tasks:task_complete", args=[task.pk]), {"on": "01/06/2022", "text": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Task.objects.get(pk=task.pk).state == Task.OPEN


def test_a_future_completion_date_is_refused(world):
    task = make_task(world)
    future = (timezone.localdate() + timedelta(days=3)).strftime("%d/%m/%Y")
    response = world.client("mttq").post(
        reverse("tasks:task_complete", args=[task.pk]), {"on": future, "text": "Xong"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["on"]


def test_a_task_needing_confirmation_is_reported_not_completed(world):
    task = make_task(world, requires_confirmation=True)
    client = world.client("mttq")
    assert client.get(reverse("tasks:task_complete", args=[task.pk])).status_code == 403
    response = client.post(
        reverse("tasks:task_report", args=[task.pk]), {"on": "01/06/2022", "text": "Đã xong"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == Task.REPORTED
    assert task.status == "reported"


def test_a_task_without_confirmation_cannot_be_reported(world):
    task = make_task(world)
    response = world.client("mttq").post(
        reverse("tasks:task_report", args=[task.pk]), {"on": "01/06/2022", "text": "Đã xong"}
    )
    assert response.status_code == 403


def test_only_the_lead_or_standing_office_completes(world):
    task = make_task(world)
    url = reverse("tasks:task_complete", args=[task.pk])
    data = {"on": "01/06/2022", "text": "Xong"}
    assert world.client("hoinongdan").post(url, data).status_code == 403
    assert world.client("truongban").post(url, data).status_code == 403
    assert world.client("vinhtuong").post(url, data).status_code == 404
    assert Task.objects.get(pk=task.pk).state == Task.OPEN


def test_a_done_task_cannot_be_completed_again(world):
    task = make_task(world)
    url = reverse("tasks:task_complete", args=[task.pk])
    client = world.client("mttq")
    assert client.post(url, {"on": "01/06/2022", "text": "Xong"}).status_code == 302
    response = client.post(url, {"on": "01/06/2022", "text": "Lần hai"})
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    message = str(list(response.wsgi_request._messages)[-1])
    assert "Hoàn thành" in message  # "cannot be taken now: the task is “Hoàn thành”"
    assert task.updates.filter(kind=TaskUpdate.RESULT).count() == 1


def test_it_rejects_other_methods(world):
    task = make_task(world)
    url = reverse("tasks:task_complete", args=[task.pk])
    assert world.client("mttq").patch(url).status_code == 405
