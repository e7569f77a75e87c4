from django.urls import reverse

from danvan.tasks import services
from danvan.tasks.tests.factories import make_task, pdf, reported_task


def test_it_shows_the_task_its_figures_log_and_audit(world, media):
    task = make_task(world)
    services.record_progress(
        task,
        acting_user=world.users["mttq"],
        percent=40,
        text="Đã tổ chức 5 buổi",
        figures={str(task.targets.get().pk): "5"},
        files=[pdf("anh-buoi-1.pdf")],
    )
    body = world.client("hoinongdan").get(task.get_absolute_url()).content.decode()
    assert task.title in body
    assert "Ủy ban MTTQ tỉnh" in body  # lead
    assert "Hội Nông dân tỉnh" in body  # coordinator
    assert "Xã Kim Xá" in body  # locality
    assert "Đang thực hiện" in body  # derived status
    assert "Buổi tuyên truyền" in body and "40%" in body
    assert "Đã tổ chức 5 buổi" in body
    assert "anh-buoi-1.pdf" in body  # the attachment of the update
    assert "Phạm Thị Hồng" in body  # who recorded it
    assert "Lịch sử thay đổi" in body or "Change history" in body


def test_it_shows_only_the_buttons_the_user_may_use(world):
    task = make_task(world)
    url = task.get_absolute_url()
    lead = world.client("mttq").get(url).content.decode()
    assert reverse("tasks:task_progress", args=[task.pk]) in lead
    assert reverse("tasks:task_complete", args=[task.pk]) in lead
    assert reverse("tasks:task_extension", args=[task.pk]) in lead
    assert reverse("tasks:task_cancel", args=[task.pk]) not in lead
    coordinator = world.client("hoinongdan").get(url).content.decode()
    assert reverse("tasks:task_note", args=[task.pk]) in coordinator
    assert reverse("tasks:task_progress", args=[task.pk]) not in coordinator
    assert reverse("tasks:task_complete", args=[task.pk]) not in coordinator
    office = world.client("thuongtruc").get(url).content.decode()
    assert reverse("tasks:task_cancel", args=[task.pk]) in office
    viewer = world.client("xem").get(url).content.decode()
    assert "/progress/" not in viewer and "/note/" not in viewer and "/cancel/" not in viewer


def test_a_task_needing_confirmation_offers_report_then_confirm(world):
    task = make_task(world, requires_confirmation=True)
    lead = world.client("mttq").get(task.get_absolute_url()).content.decode()
    assert reverse("tasks:task_report", args=[task.pk]) in lead
    assert reverse("tasks:task_complete", args=[task.pk]) not in lead
    task = reported_task(world)
    office = world.client("thuongtruc").get(task.get_absolute_url()).content.decode()
    assert reverse("tasks:task_confirm", args=[task.pk]) in office
    assert reverse("tasks:task_return", args=[task.pk]) in office
    assert "Chờ xác nhận" in office


def test_another_organisations_task_is_404(world):
    task = make_task(world)
    assert world.client("vinhtuong").get(task.get_absolute_url()).status_code == 404


def test_a_draft_task_is_hidden_from_coordinators_and_viewers(world):
    task = make_task(world, is_published=False)
    assert world.client("hoinongdan").get(task.get_absolute_url()).status_code == 404
    assert world.client("xem").get(task.get_absolute_url()).status_code == 404
    assert world.client("mttq").get(task.get_absolute_url()).status_code == 200


def test_it_rejects_post(world):
    task = make_task(world)
    assert world.client("mttq").post(task.get_absolute_url()).status_code == 405
