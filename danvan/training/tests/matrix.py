from danvan.core.testing import Row, everyone, only
from danvan.training.tests.factories import enrol, make_course

WRITERS = {"xem": 403, "*": 200}
MTTQ_EDITORS = {"quantri": 200, "thuongtruc": 200, "mttq": 200}

ROWS = [
    Row("training:index", everyone(200)),
    Row("training:export", everyone(200)),
    Row("training:stats", everyone(200)),
    Row("training:course_create", WRITERS),
    Row("training:course_detail", everyone(200), kwargs=lambda w: {"pk": make_course(w).pk}),
    Row("training:course_edit", only(MTTQ_EDITORS), kwargs=lambda w: {"pk": make_course(w).pk}),
    Row(
        "training:participant_add",
        only(MTTQ_EDITORS),
        kwargs=lambda w: {"pk": make_course(w).pk},
    ),
    Row(
        "training:participant_edit",
        only(MTTQ_EDITORS),
        kwargs=lambda w: {"pk": enrol(make_course(w), w.hnd).pk},
    ),
]
