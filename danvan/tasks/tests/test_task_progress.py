from datetime import date

from django.urls import reverse

from danvan.core.models import Attachment
from danvan.tasks.models import Task, TaskUpdate
from danvan.tasks.tests.factories import done_task, make_task, pdf


def _url(task):
    return reverse("tasks:task_progress", args=[task.pk])


def test_the_lead_records_progress_with_figures_and_files(world, media):
    task = make_task(world)
    target = task.targets.get()
    response = world.client("mttq").post(
        _url(task),
        {
            "on": "05/06/2022",
            "percent": "50",
            "text": "Đã tổ chức 6 buổi",
            f"target_{target.pk}": "6",
            "files": [pdf("a.pdf"), pdf("b.pdf")],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == task.get_absolute_url()
    task.refresh_from_db()
    target.refresh_from_db()
    assert task.progress == 50
    assert task.started_on == date(2022, 6, 5)  # typed dd/mm/yyyy: 5 June
    assert target.achieved == 6
    update = task.updates.get()
    assert update.kind == TaskUpdate.PROGRESS and update.figures == {str(target.pk): "6"}
    files = Attachment.objects.filter(object_id=update.pk)
    assert sorted(f.name for f in files) == ["a.pdf", "b.pdf"]


def test_the_evidence_is_downloadable_only_by_those_who_see_the_task(world, media):
    task = make_task(world)
    world.client("mttq").post(_url(task), {"on": "05/06/2022", "files": [pdf("minh-chung.pdf")]})
    attachment = Attachment.objects.get(name="minh-chung.pdf")
    url = attachment.get_absolute_url()
    for persona in ("mttq", "hoinongdan", "thuongtruc", "xem"):
        response = world.client(persona).get(url)
        assert response.status_code == 200, persona
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert world.client("vinhtuong").get(url).status_code == 404


def test_a_file_that_is_not_a_document_is_refused(world, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    task = make_task(world)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = world.client("mttq").post(_url(task), {"on": "05/06/2022", "files": [fake]})
    assert response.status_code == 200
    assert "virus.pdf" in response.content.decode()
    assert not task.updates.exists()
    assert not Attachment.objects.exists()


def test_a_percent_over_100_is_refused(world):
    task = make_task(world)
    response = world.client("mttq").post(_url(task), {"on": "05/06/2022", "percent": "120"})
    assert response.status_code == 200
    assert response.context["form"].errors["percent"]
    assert not task.updates.exists()


def test_the_form_loads_as_a_fragment_for_htmx(world):
    task = make_task(world)
    response = world.client("mttq").get(_url(task), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'enctype="multipart/form-data"' in body


def test_it_requires_the_lead_or_the_standing_office(world):
    task = make_task(world)
    for persona in ("hoinongdan", "truongban", "xem"):
        response = world.client(persona).post(_url(task), {"on": "05/06/2022", "percent": "10"})
        assert response.status_code == 403, persona
    assert world.client("vinhtuong").post(_url(task), {"percent": "10"}).status_code == 404
    assert world.client("thuongtruc").post(_url(task), {"on": "05/06/2022"}).status_code == 302
    assert task.updates.count() == 1


def test_it_refuses_a_finished_task(world):
    task = done_task(world)
    response = world.client("mttq").post(_url(task), {"on": "05/06/2022", "percent": "10"})
    assert response.status_code == 302
    assert task.updates.filter(kind=TaskUpdate.PROGRESS).count() == 0
    assert Task.objects.get(pk=task.pk).state == Task.DONE


def test_it_rejects_other_methods(world):
    task = make_task(world)
    assert world.client("mttq").put(_url(task)).status_code == 405
