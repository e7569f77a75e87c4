from danvan.core.testing import Row, everyone, only
from danvan.planning.models import ProgramArea
from danvan.planning.tests.factories import approved_plan, make_plan, make_program, submitted_plan
from danvan.tasks.models import source_tasks

COORDINATORS = only({"quantri": 200, "thuongtruc": 200})
# A draft of Ủy ban MTTQ tỉnh: the committee-wide roles see it, other members do not exist for it.
HIDDEN = {"hoinongdan": 404, "vinhtuong": 404, "xem": 404}
DRAFT_EDITORS = {"quantri": 200, "thuongtruc": 200, "mttq": 200, "truongban": 403, **HIDDEN}
DRAFT_DECIDERS = {"quantri": 200, "thuongtruc": 200, "truongban": 403, "mttq": 403, **HIDDEN}


def _program(world):
    return {"pk": make_program(world).pk}


def _draft(world):
    return {"pk": make_plan(world).pk}


def _submitted(world):
    return {"pk": submitted_plan(world).pk}


def _draft_task(world):
    return {"pk": source_tasks(make_plan(world)).get().pk}


ROWS = [
    Row("planning:index", everyone(200)),
    Row("planning:index", everyone(200), query="year=2022&export=xlsx"),
    Row("planning:program_create", COORDINATORS),
    Row("planning:program_detail", everyone(200), kwargs=_program),
    Row(
        "planning:program_detail",
        everyone(200),
        kwargs=_program,
        query="status=overdue&export=xlsx",
    ),
    Row("planning:program_edit", COORDINATORS, kwargs=_program),
    Row("planning:program_number", COORDINATORS, kwargs=_program),
    Row("planning:program_area_add", COORDINATORS, kwargs=_program),
    Row(
        "planning:program_area_edit",
        COORDINATORS,
        kwargs=lambda w: {"pk": ProgramArea.objects.get(program=make_program(w)).pk},
    ),
    Row("planning:plan_create", only({"xem": 403}, otherwise=200), kwargs=_program),
    Row("planning:plan_list", everyone(200)),
    Row("planning:plan_list", everyone(200), query="year=2022&status=draft&export=xlsx"),
    Row(
        "planning:plan_detail",
        {"*": 200, **HIDDEN},
        kwargs=_draft,
    ),
    Row(
        "planning:plan_detail",
        everyone(200),
        kwargs=lambda w: {"pk": approved_plan(w).pk},
    ),
    Row("planning:plan_edit", DRAFT_EDITORS, kwargs=_draft),
    Row("planning:plan_number", DRAFT_DECIDERS, kwargs=_draft),
    Row("planning:plan_submit", DRAFT_EDITORS, kwargs=_draft),
    Row("planning:plan_approve", DRAFT_DECIDERS, kwargs=_submitted),
    Row("planning:plan_return", DRAFT_DECIDERS, kwargs=_submitted),
    Row(
        "planning:plan_revise",
        only({"quantri": 200, "thuongtruc": 200, "mttq": 200}),
        kwargs=lambda w: {"pk": approved_plan(w).pk},
    ),
    Row("planning:plan_task_add", DRAFT_EDITORS, kwargs=_draft),
    Row("planning:plan_task_edit", DRAFT_EDITORS, kwargs=_draft_task),
    Row("planning:plan_task_delete", DRAFT_EDITORS, kwargs=_draft_task),
]
