from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from danvan.accounts.models import Role, User
from danvan.core.models import Notification
from danvan.meetings import services
from danvan.meetings.models import Conclusion, ConclusionItem
from danvan.meetings.tests.factories import make_meeting
from danvan.tasks.models import Status, Task, source_tasks
from danvan.tasks.services import confirm_result, report_result


def test_it_issues_the_notice_with_the_committees_next_number(world):
    first = make_meeting(world)
    second = make_meeting(world, title="Hội nghị chuyên đề", held_on=date(2022, 12, 27))
    client = world.client("thuongtruc")
    response = client.post(
        reverse("meetings:conclusion_issue", args=[first.pk]),
        {"issued_on": "26/12/2022", "signer": "Nguyễn Thanh Tùng, Trưởng ban"},
    )
    assert response.status_code == 302
    assert Conclusion.objects.get(meeting=first).symbol == "01-TB/BCĐ"
    client.post(reverse("meetings:conclusion_issue", args=[second.pk]), {"issued_on": "28/12/2022"})
    assert Conclusion.objects.get(meeting=second).symbol == "02-TB/BCĐ"


def test_a_paper_number_is_kept_and_not_issued_again(world):
    first = make_meeting(world)
    services.issue_conclusion(
        first, acting_user=world.thuongtruc, issued_on=date(2022, 12, 26), number=5
    )
    assert first.conclusion.symbol == "05-TB/BCĐ"
    second = make_meeting(world, held_on=date(2022, 12, 28))
    services.issue_conclusion(second, acting_user=world.thuongtruc, issued_on=date(2022, 12, 28))
    assert Conclusion.objects.get(meeting=second).symbol == "06-TB/BCĐ"
    third = make_meeting(world, held_on=date(2022, 12, 29))
    response = world.client("thuongtruc").post(
        reverse("meetings:conclusion_issue", args=[third.pk]),
        {"issued_on": "29/12/2022", "number": "5"},
    )
    assert response.status_code == 200
    assert "05-TB/BCĐ" in str(response.context["form"].errors)


def test_a_members_own_conference_takes_its_own_symbol(world):
    meeting = make_meeting(world, organization=world.mttq, committee=None)
    services.issue_conclusion(meeting, acting_user=world.users["mttq"], issued_on=date(2022, 7, 1))
    assert meeting.conclusion.symbol == "01-TB/MTTQ"


def test_the_notice_is_issued_only_once(world):
    meeting = make_meeting(world, with_conclusion=True)
    response = world.client("thuongtruc").post(
        reverse("meetings:conclusion_issue", args=[meeting.pk]), {"issued_on": "30/12/2022"}
    )
    assert response.status_code == 302
    assert Conclusion.objects.count() == 1


def test_another_organisation_may_not_issue_it(world):
    meeting = make_meeting(world)
    response = world.client("hoinongdan").post(
        reverse("meetings:conclusion_issue", args=[meeting.pk]), {"issued_on": "26/12/2022"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.issue_conclusion(
            meeting, acting_user=world.users["xem"], issued_on=date(2022, 12, 26)
        )


def test_an_item_becomes_an_assignment_followed_to_its_result(world):
    meeting = make_meeting(world, with_conclusion=True)
    tinh_doan_user = User.objects.create(
        username="tinhdoan", role=Role.FOCAL, organization=world.tinh_doan
    )
    client = world.client("thuongtruc")
    response = client.post(
        reverse("meetings:item_create", args=[meeting.pk]),
        {
            "content": "Thường xuyên bồi dưỡng nâng cao năng lực vận động quần chúng cho cán bộ",
            "lead": world.tinh_doan.pk,
            "coordinators": [world.mttq.pk, world.tinh_doan.pk],
            "due_date": "31/12/2023",
            "expected_result": "Mở lớp bồi dưỡng",
        },
    )
    assert response.status_code == 302
    item = ConclusionItem.objects.get()
    task = source_tasks(item).get()
    assert task.lead == world.tinh_doan
    assert list(task.coordinators.all()) == [world.mttq]  # the lead is not its own coordinator
    assert task.due_date == date(2023, 12, 31)
    assert task.requires_confirmation and task.is_published
    assert task.owner == world.chqs
    # Tỉnh đoàn sees it among its tasks at once, and is told.
    assert Task.objects.visible_to(tinh_doan_user).filter(pk=task.pk).exists()
    notice = Notification.objects.get(recipient=tinh_doan_user)
    assert notice.url == task.get_absolute_url() and "01-TB/BCĐ" in notice.text
    assert (
        f'href="{task.get_absolute_url()}"'
        in client.get(meeting.get_absolute_url()).content.decode()
    )

    # The conference page shows the item's derived status and follows the task.
    assert client.get(meeting.get_absolute_url()).context["items"][0].status_label == (
        Status.OVERDUE.label if date.today() > date(2023, 12, 31) else Status.IN_PROGRESS.label
    )
    report_result(task, acting_user=world.thuongtruc, text="Đã mở 2 lớp")
    assert client.get(meeting.get_absolute_url()).context["items"][0].task.status_code == (
        Status.AWAITING_CONFIRMATION
    )
    confirm_result(Task.objects.get(pk=task.pk), acting_user=world.truongban)
    body = client.get(meeting.get_absolute_url())
    assert body.context["items"][0].task.status_code == Status.DONE


def test_items_are_numbered_in_order(world):
    meeting = make_meeting(world, with_conclusion=True)
    for text in ["Một", "Hai", "Ba"]:
        services.add_conclusion_item(
            meeting.conclusion, acting_user=world.thuongtruc, content=text, lead=world.mttq
        )
    assert list(meeting.conclusion.items.values_list("order", "content")) == [
        (1, "Một"),
        (2, "Hai"),
        (3, "Ba"),
    ]


def test_an_item_needs_the_notice_first(world):
    meeting = make_meeting(world)
    response = world.client("thuongtruc").post(
        reverse("meetings:item_create", args=[meeting.pk]),
        {"content": "X", "lead": world.mttq.pk},
    )
    assert response.status_code == 302
    assert not ConclusionItem.objects.exists()


def test_an_item_due_before_the_notice_is_refused(world):
    meeting = make_meeting(world, with_conclusion=True)
    response = world.client("thuongtruc").post(
        reverse("meetings:item_create", args=[meeting.pk]),
        {"content": "X", "lead": world.mttq.pk, "due_date": "01/01/2022"},
    )
    assert response.status_code == 200
    assert "due_date" in response.context["form"].errors
    assert not Task.objects.exists()


def test_another_organisation_may_not_add_items(world):
    meeting = make_meeting(world, with_conclusion=True)
    response = world.client("mttq").post(
        reverse("meetings:item_create", args=[meeting.pk]),
        {"content": "X", "lead": world.mttq.pk},
    )
    assert response.status_code == 403
    assert not Task.objects.exists()
