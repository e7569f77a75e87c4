"""Each step tells the people who act next, once; deadlines are reminded once."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from danvan.core.models import Notification
from danvan.directions import services
from danvan.directions.tasks import remind_due_assignments
from danvan.directions.tests.helpers import assigned, draft, registered, sent
from danvan.tasks.services import (
    confirm_result,
    decide_extension,
    report_result,
    request_extension,
    return_result,
)


def _told(user):
    return Notification.objects.filter(recipient=user).count()


def test_sending_tells_the_standing_office_once_in_app_and_by_email(
    world, django_capture_on_commit_callbacks
):
    proposal = draft(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_proposal(proposal, acting_user=world.vinhtuong)
    note = Notification.objects.get(recipient=world.thuongtruc)
    assert note.url == proposal.get_absolute_url()
    assert note.event_key.startswith(f"proposal:{proposal.pk}:step:")
    assert [m.to for m in mail.outbox] == [["thuongtruc@danvan.invalid"]]
    assert _told(world.vinhtuong) == 0  # the actor is not told of their own step


def test_each_step_tells_the_next_actor(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = registered(world)
    assert _told(world.vinhtuong) == 1  # registered
    assert _told(world.truongban) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_proposal(proposal, acting_user=world.thuongtruc, advice="Trình")
    assert _told(world.truongban) == 1
    assert len(mail.outbox) == 3  # sent → office, registered → sender, forwarded → head


def test_a_second_identical_post_queues_nothing_more(world, django_capture_on_commit_callbacks):
    proposal = sent(world)
    client = world.client("thuongtruc")
    url = reverse("directions:proposal_register", args=[proposal.pk])
    data = {"version": proposal.version, "received_on": timezone.localdate().strftime("%d/%m/%Y")}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    told, emails = _told(world.vinhtuong), len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert (_told(world.vinhtuong), len(mail.outbox)) == (told, emails) == (1, 1)


def test_assigning_tells_the_lead_and_coordinators(world):
    _proposal, _direction, task = assigned(world)
    (note,) = Notification.objects.filter(recipient=world.hoinongdan)
    assert task.title in note.text
    # Bộ CHQS tỉnh coordinates: its officer hears of the task, and of the step as the office.
    assert _told(world.thuongtruc) == 3  # sent, task to coordinate, tasks assigned
    assert _told(world.vinhtuong) == 2  # registered, tasks assigned


def test_it_reminds_the_lead_of_an_assignment_due_within_three_days_once(world):
    _p, _d, soon = assigned(world, due_in_days=3)
    _p, _d, later = assigned(world, due_in_days=4)
    before = _told(world.hoinongdan)
    today = timezone.localdate()
    assert remind_due_assignments(today) == 1
    assert remind_due_assignments(today) == 0
    assert remind_due_assignments(today + timedelta(days=1)) == 1  # now `later` is due in 3
    texts = list(
        Notification.objects.filter(recipient=world.hoinongdan)
        .order_by("id")
        .values_list("text", flat=True)
    )[before:]
    assert len(texts) == 2 and soon.title in texts[0]
    assert soon.due_date.strftime("%d/%m/%Y") in texts[0]


def test_it_does_not_remind_finished_or_overdue_assignments(world, media):
    _p, _d, task = assigned(world, due_in_days=2)
    report_result(task, acting_user=world.hoinongdan, text="Đã hoàn thành.")
    before = _told(world.hoinongdan)
    assert remind_due_assignments(timezone.localdate()) == 0
    assert remind_due_assignments(timezone.localdate() + timedelta(days=5)) == 0
    assert _told(world.hoinongdan) == before


def test_the_steps_of_an_assignment_tell_who_acts_next_once(world, media):
    proposal, _direction, task = assigned(world)
    office, lead, sender = (
        _told(world.thuongtruc),
        _told(world.hoinongdan),
        _told(world.vinhtuong),
    )
    task = report_result(task, acting_user=world.hoinongdan, text="Đã nạo vét 2 km.")
    assert (_told(world.thuongtruc), _told(world.vinhtuong)) == (office + 1, sender + 1)
    task = return_result(task, acting_user=world.thuongtruc, note="Bổ sung số ngày công.")
    assert _told(world.hoinongdan) == lead + 1
    task = report_result(task, acting_user=world.hoinongdan, text="Bổ sung: 300 ngày công.")
    confirm_result(task, acting_user=world.thuongtruc)
    assert _told(world.hoinongdan) == lead + 2
    assert _told(world.vinhtuong) == sender + 3  # reported twice, confirmed
    last = Notification.objects.filter(recipient=world.hoinongdan).first()
    assert last.url == task.get_absolute_url() and task.title in last.text


def test_extensions_of_an_assignment_are_told_to_the_deciders_and_the_lead(world):
    _proposal, _direction, task = assigned(world)
    head = _told(world.truongban)
    extension = request_extension(
        task,
        acting_user=world.hoinongdan,
        new_due_date=task.due_date + timedelta(days=15),
        reason="Mưa kéo dài.",
    )
    assert _told(world.truongban) == head + 1
    lead = _told(world.hoinongdan)
    decide_extension(extension, acting_user=world.truongban, grant=True, note="Đồng ý.")
    assert _told(world.hoinongdan) == lead + 1


def test_steps_of_other_tasks_tell_nobody_here(world, media):
    from danvan.tasks.services import create_task

    task = create_task(
        acting_user=world.thuongtruc,
        title="Nhiệm vụ kế hoạch",
        lead=world.hnd,
        requires_confirmation=True,
        is_published=True,
    )
    before = Notification.objects.count()
    report_result(task, acting_user=world.hoinongdan, text="Xong.")
    assert Notification.objects.count() == before
