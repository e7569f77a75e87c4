"""Each step of a plan's life and its refusals: wrong role, wrong organisation, wrong state."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from danvan.core.models import Notification
from danvan.core.workflow import WorkflowError
from danvan.planning import services
from danvan.planning.models import Plan
from danvan.planning.tests.factories import approved_plan, make_plan, make_program, submitted_plan
from danvan.tasks import services as task_services
from danvan.tasks.models import Task, source_tasks


def test_it_submits_a_plan_and_tells_the_standing_office(world):
    plan = make_plan(world)
    response = world.client("mttq").post(reverse("planning:plan_submit", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.SUBMITTED and plan.submitted_at
    assert Notification.objects.filter(recipient=world.users["thuongtruc"]).exists()
    # Frozen while it waits.
    response = world.client("mttq").get(reverse("planning:plan_edit", args=[plan.pk]))
    assert response.status_code == 302


def test_a_plan_without_tasks_cannot_be_submitted(world):
    plan = make_plan(world, tasks=0)
    response = world.client("mttq").post(reverse("planning:plan_submit", args=[plan.pk]))
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == Plan.DRAFT


def test_another_member_cannot_submit_or_even_see_a_draft(world):
    plan = make_plan(world)
    url = reverse("planning:plan_submit", args=[plan.pk])
    assert world.client("hoinongdan").post(url).status_code == 404
    assert world.client("truongban").post(url).status_code == 403
    assert Plan.objects.get(pk=plan.pk).status == Plan.DRAFT


def test_approval_publishes_the_tasks(world):
    plan = submitted_plan(world)
    task = source_tasks(plan).get()
    # Before approval the coordinating member does not see the task.
    assert world.client("hoinongdan").get(task.get_absolute_url()).status_code == 404
    response = world.client("thuongtruc").post(
        reverse("planning:plan_approve", args=[plan.pk]), {"note": "Đồng ý"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.APPROVED and plan.approved_by == world.users["thuongtruc"]
    assert source_tasks(plan).get().is_published
    assert world.client("hoinongdan").get(task.get_absolute_url()).status_code == 200
    assert Notification.objects.filter(recipient=world.users["mttq"]).exists()


def test_only_the_standing_office_approves(world):
    plan = submitted_plan(world)
    url = reverse("planning:plan_approve", args=[plan.pk])
    assert world.client("mttq").post(url).status_code == 403
    assert world.client("truongban").post(url).status_code == 403
    assert world.client("hoinongdan").post(url).status_code == 404
    assert Plan.objects.get(pk=plan.pk).status == Plan.SUBMITTED


def test_a_draft_cannot_be_approved(world):
    plan = make_plan(world)
    response = world.client("thuongtruc").post(reverse("planning:plan_approve", args=[plan.pk]))
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == Plan.DRAFT
    with pytest.raises(WorkflowError):
        services.approve_plan(plan, acting_user=world.users["thuongtruc"])


def test_returning_needs_a_reason_and_the_member_resends(world):
    plan = submitted_plan(world)
    url = reverse("planning:plan_return", args=[plan.pk])
    office = world.client("thuongtruc")
    response = office.post(url, {"note": ""})
    assert response.status_code == 200 and response.context["form"].errors["note"]
    assert Plan.objects.get(pk=plan.pk).status == Plan.SUBMITTED
    assert office.post(url, {"note": "Bổ sung chỉ tiêu"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.RETURNED and plan.return_reason == "Bổ sung chỉ tiêu"
    member = world.client("mttq")
    body = member.get(plan.get_absolute_url()).content.decode()
    assert "Bổ sung chỉ tiêu" in body
    # The member fixes a task and sends it again.
    task = source_tasks(plan).get()
    response = member.post(
        reverse("planning:plan_task_edit", args=[task.pk]),
        {
            "title": "Tuyên truyền nông thôn mới",
            "lead": world.mttq.pk,
            "start_date": "01/03/2022",
            "due_date": "30/06/2022",
            "targets-TOTAL_FORMS": "1",
            "targets-INITIAL_FORMS": "0",
            "targets-0-label": "Buổi tuyên truyền",
            "targets-0-unit": "buổi",
            "targets-0-target": "12",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert member.post(reverse("planning:plan_submit", args=[plan.pk])).status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == Plan.SUBMITTED


def test_an_approved_plan_is_frozen(world):
    plan = approved_plan(world)
    task = source_tasks(plan).get()
    client = world.client("mttq")
    assert client.get(reverse("planning:plan_edit", args=[plan.pk])).status_code == 302
    assert client.post(reverse("planning:plan_task_add", args=[plan.pk]), {}).status_code == 302
    assert client.post(reverse("planning:plan_task_delete", args=[task.pk])).status_code == 302
    assert source_tasks(plan).count() == 1
    with pytest.raises(WorkflowError):
        services.update_plan(plan, acting_user=world.users["mttq"], title="Khác")
    with pytest.raises(WorkflowError):
        task_services.update_task(task, acting_user=world.users["mttq"], title="Khác")


def test_a_revision_keeps_the_approved_plan_until_it_is_approved(world):
    plan = approved_plan(world, tasks=2)
    old_tasks = list(source_tasks(plan).order_by("pk"))
    # Work goes on under the approved plan.
    task_services.record_progress(
        old_tasks[0],
        acting_user=world.users["mttq"],
        on=date(2022, 5, 1),
        percent=40,
        figures={str(old_tasks[0].targets.get().pk): "4"},
    )
    response = world.client("mttq").post(reverse("planning:plan_revise", args=[plan.pk]))
    revision = Plan.objects.get(previous=plan)
    assert response.status_code == 302 and response["Location"] == revision.get_absolute_url()
    assert revision.revision == 2 and revision.status == Plan.DRAFT
    assert revision.symbol != plan.symbol
    copies = list(source_tasks(revision).order_by("pk"))
    assert [c.carried_from_id for c in copies] == [t.pk for t in old_tasks]
    assert not any(c.is_published for c in copies)
    # The approved plan is still in force and unchanged.
    plan.refresh_from_db()
    assert plan.status == Plan.APPROVED
    # A second revision at the same time is refused.
    with pytest.raises(WorkflowError):
        services.revise_plan(plan, acting_user=world.users["mttq"])

    # The revision drops the second task, then progress continues on the old plan meanwhile.
    services.remove_plan_task(copies[1], acting_user=world.users["mttq"])
    task_services.complete_task(
        old_tasks[0], acting_user=world.users["mttq"], text="Xong", on=date(2022, 6, 20)
    )
    services.submit_plan(revision, acting_user=world.users["mttq"])
    services.approve_plan(revision, acting_user=world.users["thuongtruc"])

    plan.refresh_from_db()
    assert plan.status == Plan.SUPERSEDED
    carried = Task.objects.get(pk=copies[0].pk)
    assert carried.state == Task.DONE and carried.completed_on == date(2022, 6, 20)
    assert carried.is_published and carried.targets.get().achieved == 4
    assert {t.state for t in source_tasks(plan)} == {Task.SUPERSEDED}
    # The old revision stays readable, with its record, and says what replaced it.
    body = world.client("hoinongdan").get(plan.get_absolute_url()).content.decode()
    assert revision.get_absolute_url() in body
    old = world.client("mttq").get(old_tasks[0].get_absolute_url()).content.decode()
    assert carried.get_absolute_url() in old
    # Superseded tasks leave the lists.
    titles = [
        t.title for t in world.client("thuongtruc").get(reverse("tasks:task_list")).context["page"]
    ]
    assert titles == [carried.title]


def test_only_an_approved_plan_is_revised(world):
    plan = make_plan(world)
    response = world.client("mttq").post(reverse("planning:plan_revise", args=[plan.pk]))
    assert response.status_code == 302
    assert not Plan.objects.filter(previous=plan).exists()
    approved = approved_plan(world)
    assert (
        world.client("hoinongdan").post(reverse("planning:plan_revise", args=[approved.pk]))
    ).status_code == 403


def test_a_member_drafts_only_its_own_plans(world):
    program = make_program(world)
    with pytest.raises(PermissionDenied):
        services.create_plan(
            acting_user=world.users["mttq"],
            program=program,
            organization=world.hnd,
            title="X",
            year=2022,
        )
    plan = services.create_plan(
        acting_user=world.users["thuongtruc"],
        program=program,
        organization=world.hnd,
        title="Kế hoạch của Hội Nông dân",
        year=2022,
    )
    assert plan.organization == world.hnd


def test_steps_reject_other_methods(world):
    plan = make_plan(world)
    for name in ("plan_submit", "plan_revise", "plan_edit", "plan_task_add"):
        assert (
            world.client("mttq").put(reverse(f"planning:{name}", args=[plan.pk])).status_code == 405
        )
