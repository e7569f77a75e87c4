from danvan.core.testing import Row, everyone, only
from danvan.meetings.tests.factories import make_meeting

EDITORS = {"quantri": 200, "thuongtruc": 200}
WRITERS = {"xem": 403, "*": 200}

ROWS = [
    Row("meetings:index", everyone(200)),
    Row("meetings:export", everyone(200)),
    Row("meetings:meeting_create", WRITERS),
    Row("meetings:meeting_detail", everyone(200), kwargs=lambda w: {"pk": make_meeting(w).pk}),
    Row("meetings:meeting_edit", only(EDITORS), kwargs=lambda w: {"pk": make_meeting(w).pk}),
    Row("meetings:meeting_upload", everyone(405), kwargs=lambda w: {"pk": make_meeting(w).pk}),
    Row("meetings:conclusion_issue", only(EDITORS), kwargs=lambda w: {"pk": make_meeting(w).pk}),
    Row(
        "meetings:item_create",
        only(EDITORS),
        kwargs=lambda w: {"pk": make_meeting(w, with_conclusion=True).pk},
    ),
]
