from danvan.core.testing import Row, everyone, only
from danvan.practices.tests.factories import make_practice

WRITERS = {"xem": 403, "*": 200}
HND_EDITORS = {"quantri": 200, "thuongtruc": 200, "hoinongdan": 200}

ROWS = [
    Row("practices:index", everyone(200)),
    Row("practices:map", everyone(200)),
    Row("practices:stats", everyone(200)),
    Row("practices:export", everyone(200)),
    Row("practices:practice_create", WRITERS),
    Row("practices:practice_detail", everyone(200), kwargs=lambda w: {"pk": make_practice(w).pk}),
    Row(
        "practices:practice_edit",
        only(HND_EDITORS),
        kwargs=lambda w: {"pk": make_practice(w).pk},
    ),
    Row(
        "practices:practice_photos",
        everyone(405),
        kwargs=lambda w: {"pk": make_practice(w).pk},
    ),
]
