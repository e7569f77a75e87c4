"""The 2022 review conference of the seed report, as the demo records it."""

from datetime import date

import pytest
from django.core.management import call_command

from danvan.meetings.demo import REVIEW_TITLE
from danvan.meetings.models import Meeting
from danvan.tasks.models import Status, source_tasks


@pytest.mark.django_db
def test_the_demo_holds_the_review_conference_and_the_heads_six_requests():
    call_command("demo", verbosity=0)
    review = Meeting.objects.get(title=REVIEW_TITLE)
    assert review.kind == Meeting.YEAR_END and review.held_on.year == 2022
    assert "Nguyễn Thanh Tùng" in review.chair_list[0]
    assert review.chair_list[1].startswith("Đại tá Hoàng Nam Chung")
    attending = {org.name for org in review.attending_organizations.all()}
    assert "Quân khu 2 (Cục Chính trị, Phòng Dân vận)" in attending
    assert sum(name.startswith(("Huyện", "Thành phố")) for name in attending) == 9
    assert "Phòng Dân vận, Cục Chính trị, Quân khu 2" in review.attendees

    conclusion = review.conclusion
    assert conclusion.symbol == "01-TB/BCĐ"
    items = list(conclusion.items.select_related("lead"))
    assert len(items) == 6
    assert items[0].content.startswith("Tăng cường công tác phối hợp")
    assert "bằng văn bản gửi Trưởng Ban chỉ đạo" in items[4].content
    assert items[5].content.startswith("Thường xuyên bồi dưỡng")
    assert [item.lead.short_name for item in items] == [
        "Bộ CHQS tỉnh",
        "Ủy ban MTTQ tỉnh",
        "Bộ CHQS tỉnh",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",  # today's name of the Party's board
        "Bộ CHQS tỉnh",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    ]
    tasks = [source_tasks(item).with_status(date(2023, 6, 30)).get() for item in items]
    assert all(task.is_published and task.requires_confirmation for task in tasks)
    assert [task.status_code for task in tasks] == [
        Status.IN_PROGRESS,
        Status.IN_PROGRESS,
        Status.IN_PROGRESS,
        Status.DONE,
        Status.IN_PROGRESS,
        Status.AWAITING_CONFIRMATION,
    ]
