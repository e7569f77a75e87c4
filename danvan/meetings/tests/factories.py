from datetime import date

from danvan.core.audit import as_actor
from danvan.meetings import services
from danvan.meetings.models import Meeting


def make_meeting(world, *, organization=None, with_conclusion=False, **fields) -> Meeting:
    user = world.users["thuongtruc"]
    values = {
        "kind": Meeting.YEAR_END,
        "title": "Hội nghị tổng kết công tác phối hợp năm 2022",
        "held_on": date(2022, 12, 20),
        "place": "Hội trường Bộ CHQS tỉnh",
        "committee": world.committee,
        "organization": organization or world.chqs,
        "chairs": "Nguyễn Thanh Tùng\nĐại tá Hoàng Nam Chung",
        "created_by": user,
        **fields,
    }
    with as_actor(user):
        meeting = Meeting.objects.create(**values)
    if with_conclusion:
        services.issue_conclusion(meeting, acting_user=user, issued_on=date(2022, 12, 26))
    return meeting
