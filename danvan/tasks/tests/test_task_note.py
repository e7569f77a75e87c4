from django.urls import reverse

from danvan.core.models import Attachment
from danvan.tasks.models import TaskUpdate
from danvan.tasks.tests.factories import make_task, pdf


def _url(task):
    return reverse("tasks:task_note", args=[task.pk])


def test_a_coordinator_adds_a_note_with_a_file(world, media):
    task = make_task(world)
    response = world.client("hoinongdan").post(
        _url(task), {"text": "Hội Nông dân cử 20 hội viên tham gia", "files": [pdf()]}
    )
    assert response.status_code == 302
    note = task.updates.get()
    assert note.kind == TaskUpdate.NOTE and note.organization == world.hnd
    assert Attachment.objects.filter(object_id=note.pk).count() == 1
    body = world.client("mttq").get(task.get_absolute_url()).content.decode()
    assert "Hội Nông dân cử 20 hội viên tham gia" in body


def test_an_empty_note_is_refused(world):
    task = make_task(world)
    response = world.client("hoinongdan").post(_url(task), {"text": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not task.updates.exists()


def test_a_viewer_may_not_add_notes(world):
    task = make_task(world)
    assert world.client("xem").post(_url(task), {"text": "x"}).status_code == 403
    assert world.client("vinhtuong").post(_url(task), {"text": "x"}).status_code == 404
    assert not task.updates.exists()


def test_it_rejects_other_methods(world):
    assert world.client("mttq").delete(_url(make_task(world))).status_code == 405
