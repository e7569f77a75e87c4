import uuid

from danvan.core.testing import Row, everyone, only


def _draft(w):
    from danvan.directions.tests.helpers import draft

    return {"pk": draft(w).pk}


def _sent(w):
    from danvan.directions.tests.helpers import sent

    return {"pk": sent(w).pk}


def _registered(w):
    from danvan.directions.tests.helpers import registered

    return {"pk": registered(w).pk}


def _forwarded(w):
    from danvan.directions.tests.helpers import forwarded

    return {"pk": forwarded(w).pk}


def _assigned(w):
    from danvan.directions.tests.helpers import assigned

    return {"pk": assigned(w)[0].pk}


# Who sees a proposal of Vĩnh Tường that has been sent: the sender, the standing office,
# leadership and the administrator. Other members and the viewer get 404.
HIDDEN = {"mttq": 404, "hoinongdan": 404, "xem": 404}
OFFICE = {"quantri": 200, "thuongtruc": 200}
LEADER = {"truongban": 200}

ROWS = [
    Row("directions:index", everyone(200)),
    Row("directions:proposal_list", everyone(200)),
    Row("directions:proposal_export", everyone(200)),
    Row("directions:proposal_create", only({"quantri": 403, "xem": 403}, 200)),
    Row("directions:proposal_detail", {**HIDDEN, "*": 200}, kwargs=_sent),
    # A draft is its sender's alone (and the administrator's).
    Row(
        "directions:proposal_detail",
        {"quantri": 200, "vinhtuong": 200, "*": 404},
        kwargs=_draft,
    ),
    # Hội Nông dân was assigned a task from it: it reads the proposal; MTTQ still cannot.
    Row(
        "directions:proposal_detail",
        {"mttq": 404, "xem": 404, "*": 200},
        kwargs=_assigned,
    ),
    Row(
        "directions:proposal_edit",
        {"vinhtuong": 200, "quantri": 403, "*": 404},
        kwargs=_draft,
    ),
    Row(
        "directions:proposal_file_delete",
        everyone(405),
        kwargs=lambda w: {**_draft(w), "key": uuid.uuid4()},
    ),
    Row("directions:proposal_send", {"vinhtuong": 200, "quantri": 403, "*": 404}, kwargs=_draft),
    Row("directions:proposal_register", {**HIDDEN, **OFFICE, "*": 403}, kwargs=_sent),
    Row("directions:proposal_return", {**HIDDEN, **OFFICE, "*": 403}, kwargs=_sent),
    Row("directions:proposal_forward", {**HIDDEN, **OFFICE, "*": 403}, kwargs=_registered),
    Row("directions:proposal_close", {**HIDDEN, **OFFICE, "*": 403}, kwargs=_registered),
    Row("directions:proposal_agree", {**HIDDEN, **LEADER, "*": 403}, kwargs=_forwarded),
    Row("directions:proposal_decline", {**HIDDEN, **LEADER, "*": 403}, kwargs=_forwarded),
    Row("directions:proposal_ask_more", {**HIDDEN, **LEADER, "*": 403}, kwargs=_forwarded),
    Row("directions:proposal_assign", {**HIDDEN, **LEADER, "*": 403}, kwargs=_forwarded),
    Row("directions:assignment_list", everyone(200)),
    Row("directions:assignment_export", everyone(200)),
    Row("directions:statistics", everyone(200)),
    Row("directions:overdue", only({**OFFICE, **LEADER})),
]
