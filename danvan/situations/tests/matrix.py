from danvan.core.testing import Row, everyone, only
from danvan.situations.tests.factories import confidential, make_situation

WRITERS = {"xem": 403, "*": 200}
MTTQ_EDITORS = {"quantri": 200, "thuongtruc": 200, "mttq": 200}
CONFIDENTIAL_READERS = {
    "quantri": 200,
    "truongban": 200,
    "thuongtruc": 200,
    "mttq": 200,
    "hoinongdan": 200,
}

ROWS = [
    Row("situations:index", everyone(200)),
    Row("situations:export", everyone(200)),
    Row("situations:situation_create", WRITERS),
    Row(
        "situations:situation_detail",
        everyone(200),
        kwargs=lambda w: {"pk": make_situation(w).pk},
    ),
    # Confidential: only leadership, the standing office and those involved; 404 to the rest.
    Row(
        "situations:situation_detail",
        only(CONFIDENTIAL_READERS, otherwise=404),
        kwargs=lambda w: {"pk": confidential(w).pk},
    ),
    Row(
        "situations:situation_edit",
        only(MTTQ_EDITORS),
        kwargs=lambda w: {"pk": make_situation(w, involved=[w.hnd]).pk},
    ),
    Row(
        "situations:situation_edit",
        {**only(MTTQ_EDITORS), "vinhtuong": 404, "xem": 404},
        kwargs=lambda w: {"pk": confidential(w).pk},
    ),
    Row(
        "situations:action_create",
        everyone(405),
        kwargs=lambda w: {"pk": make_situation(w).pk},
    ),
    Row(
        "situations:situation_step",
        everyone(405),
        kwargs=lambda w: {"pk": make_situation(w).pk, "action": "start"},
    ),
]
