from danvan.core.testing import Row, everyone, only
from danvan.tasks.tests.factories import done_task, make_task, pending_extension, reported_task

# A task of Ủy ban MTTQ tỉnh, Hội Nông dân coordinating: Huyện Vĩnh Tường has no part in it.
OUTSIDER = {"vinhtuong": 404}
SEEN = {**everyone(200), **OUTSIDER}
# Who carries it out: the lead (mttq) and the standing office / administrator for it.
DOERS = only({"quantri": 200, "thuongtruc": 200, "mttq": 200, **OUTSIDER})
# Who confirms, cancels, reopens and decides extensions: the standing office and leadership.
DECIDERS = only({"quantri": 200, "truongban": 200, "thuongtruc": 200, **OUTSIDER})
NOTE_TAKERS = only(
    {
        "quantri": 200,
        "truongban": 200,
        "thuongtruc": 200,
        "mttq": 200,
        "hoinongdan": 200,
        **OUTSIDER,
    }
)


def _task(world):
    return {"pk": make_task(world).pk}


ROWS = [
    Row("tasks:task_list", everyone(200)),
    Row("tasks:task_list", everyone(200), query="year=2022&status=overdue&export=xlsx"),
    Row("tasks:task_mine", everyone(200)),
    Row("tasks:task_overdue", everyone(200)),
    Row("tasks:task_due_soon", everyone(200)),
    Row("tasks:task_timeline", everyone(200)),
    Row("tasks:task_detail", SEEN, kwargs=_task),
    Row("tasks:task_progress", DOERS, kwargs=_task),
    Row("tasks:task_note", NOTE_TAKERS, kwargs=_task),
    Row("tasks:task_complete", DOERS, kwargs=_task),
    Row(
        "tasks:task_report",
        DOERS,
        kwargs=lambda w: {"pk": make_task(w, requires_confirmation=True).pk},
    ),
    Row("tasks:task_confirm", DECIDERS, kwargs=lambda w: {"pk": reported_task(w).pk}),
    Row("tasks:task_return", DECIDERS, kwargs=lambda w: {"pk": reported_task(w).pk}),
    Row("tasks:task_cancel", DECIDERS, kwargs=_task),
    Row("tasks:task_reopen", DECIDERS, kwargs=lambda w: {"pk": done_task(w).pk}),
    Row("tasks:task_extension", only({"mttq": 200, **OUTSIDER}), kwargs=_task),
    Row("tasks:extension_decide", DECIDERS, kwargs=lambda w: {"pk": pending_extension(w).pk}),
]
