"""Programs, plans, tasks, proposals and assignments through the API: the same services and
rules as their pages."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from danvan.tasks.models import Task
from danvan.tasks.services import create_task

TODAY = timezone.localdate()


def _program(api):
    response = api("thuongtruc").post(
        "/programs",
        {"title": "Chương trình phối hợp 2024 - 2025", "start_year": 2024, "end_year": 2025},
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_programs_are_kept_by_the_office_and_read_by_all(world, api):
    assert api("mttq").post("/programs", {"title": "X", "start_year": 2024}).status_code == 403
    program = _program(api)
    assert program["symbol"].startswith("01-CTr")
    assert api("xem").get("/programs", year=2025).json()["count"] == 1
    assert api("xem").get("/programs", year=2023).json()["count"] == 0
    wrong = api("thuongtruc").patch(f"/programs/{program['id']}", {"end_year": 2020})
    assert wrong.status_code == 422 and "end_year" in wrong.json()["errors"]
    stale = api("thuongtruc").patch(f"/programs/{program['id']}", {"title": "Y", "version": 99})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"


def test_a_plan_is_drafted_sent_and_approved_through_the_api(world, api):
    program = _program(api)
    mttq = api("mttq")
    plan = mttq.post("/plans", {"program": program["id"], "title": "Kế hoạch 2024", "year": 2024})
    assert plan.status_code == 201, plan.content
    plan = plan.json()
    assert plan["organization_id"] == world.mttq.pk and plan["status"] == "draft"
    empty = mttq.post(f"/plans/{plan['id']}/submit")
    assert empty.status_code == 409  # no task yet
    task = mttq.post(
        f"/plans/{plan['id']}/tasks",
        {
            "title": "Tuyên truyền nông thôn mới",
            "lead": world.mttq.pk,
            "coordinators": [world.hnd.pk],
            "due_date": str(TODAY + timedelta(days=30)),
            "targets": [{"label": "Buổi tuyên truyền", "unit": "buổi", "target": "12"}],
        },
    )
    assert task.status_code == 201, task.content
    task_id = task.json()["id"]
    assert task.json()["is_published"] is False
    # A draft is the owner's: the coordinating member does not see it yet.
    assert api("hoinongdan").get(f"/tasks/{task_id}").status_code == 404
    edited = mttq.patch(f"/tasks/{task_id}", {"title": "Tuyên truyền xây dựng nông thôn mới"})
    assert edited.status_code == 200 and edited.json()["title"].endswith("nông thôn mới")
    assert api("hoinongdan").post(f"/plans/{plan['id']}/submit").status_code == 404
    sent = mttq.post(f"/plans/{plan['id']}/submit")
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    assert mttq.patch(f"/tasks/{task_id}", {"title": "Z"}).status_code == 409  # frozen
    assert mttq.post(f"/plans/{plan['id']}/approve").status_code == 403
    approved = api("thuongtruc").post(f"/plans/{plan['id']}/approve")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert api("hoinongdan").get(f"/tasks/{task_id}").json()["is_published"] is True
    page = world.client("mttq").get(reverse("planning:plan_detail", args=[plan["id"]]))
    assert "Đã duyệt" in page.content.decode()
    listed = api("thuongtruc").get("/plans", status="approved", organization=world.mttq.pk)
    assert [p["id"] for p in listed.json()["items"]] == [plan["id"]]
    revision = mttq.post(f"/plans/{plan['id']}/revise")
    assert revision.status_code == 201 and revision.json()["revision"] == 2


def _published(world, **fields):
    return create_task(
        acting_user=world.thuongtruc,
        title=fields.pop("title", "Nạo vét kênh mương"),
        lead=fields.pop("lead", world.hnd),
        owner=fields.pop("owner", world.chqs),
        is_published=True,
        **fields,
    )


def test_task_steps_follow_the_workflow(world, api):
    task = _published(world, due_date=TODAY + timedelta(days=10), units=[world.kim_xa])
    lead = api("hoinongdan")
    assert api("mttq").get(f"/tasks/{task.pk}").status_code == 404
    assert api("mttq").post(f"/tasks/{task.pk}/progress", {"percent": 10}).status_code == 404
    assert api("xem").post(f"/tasks/{task.pk}/progress", {"percent": 10}).status_code == 403
    progress = lead.post(f"/tasks/{task.pk}/progress", {"percent": 40, "text": "Đã ra quân"})
    assert progress.status_code == 201 and progress.json()["percent"] == 40
    detail = lead.get(f"/tasks/{task.pk}").json()
    assert detail["status"] == "in_progress" and detail["progress"] == 40
    assert {s["action"] for s in detail["steps"]} == {"complete"}
    assert lead.post(f"/tasks/{task.pk}/confirm").status_code == 403
    extension = lead.post(
        f"/tasks/{task.pk}/extensions",
        {"new_due_date": str(TODAY + timedelta(days=20)), "reason": "Mưa lớn"},
    )
    assert extension.status_code == 201, extension.content
    assert (
        lead.post(f"/extensions/{extension.json()['id']}/decide", {"grant": True}).status_code
        == 403
    )
    granted = api("truongban").post(
        f"/extensions/{extension.json()['id']}/decide", {"grant": True, "note": "Đồng ý"}
    )
    assert granted.status_code == 200 and granted.json()["state"] == "granted"
    empty = lead.post(f"/tasks/{task.pk}/complete", {"text": ""})
    assert empty.status_code == 422
    done = lead.post(f"/tasks/{task.pk}/complete", {"text": "Đã nạo vét 2 km"})
    assert done.status_code == 200 and done.json()["status"] == "done"
    again = lead.post(f"/tasks/{task.pk}/complete", {"text": "Lần nữa"})
    assert again.status_code == 409 and again.json()["code"] == "invalid_state"
    assert (
        "Hoàn thành"
        in world.client("hoinongdan")
        .get(reverse("tasks:task_detail", args=[task.pk]))
        .content.decode()
    )


def test_tasks_list_and_filters(world, api):
    mine = _published(world, due_date=TODAY - timedelta(days=3), units=[world.kim_xa])
    other = _published(
        world, title="Hỗ trợ xây nhà", lead=world.mttq, due_date=TODAY + timedelta(days=400)
    )
    office = api("thuongtruc")

    def ids(**query):
        response = office.get("/tasks", **query)
        assert response.status_code == 200, response.content
        return {t["id"] for t in response.json()["items"]}

    assert ids() == {mine.pk, other.pk}
    assert ids(status="overdue") == {mine.pk}
    assert ids(organization=world.mttq.pk) == {other.pk}
    assert ids(locality=world.vinh_tuong.pk) == {mine.pk}
    assert ids(year=(TODAY + timedelta(days=400)).year) == {other.pk}
    assert ids(q="xay nha") == {other.pk}
    assert ids(source="planning.plan") == set()
    assert [t["id"] for t in office.get("/tasks", ordering="-due_date").json()["items"]] == [
        other.pk,
        mine.pk,
    ]
    assert {t["id"] for t in api("hoinongdan").get("/tasks").json()["items"]} == {mine.pk}


def test_a_proposal_goes_through_the_committee_and_its_tasks_are_assignments(world, api):
    mttq, office, head = api("mttq"), api("thuongtruc"), api("truongban")
    created = mttq.post(
        "/proposals",
        {"title": "Đề nghị hỗ trợ xây nhà đại đoàn kết", "units": [world.kim_xa.pk]},
    )
    assert created.status_code == 201, created.content
    proposal = created.json()
    assert proposal["organization_id"] == world.mttq.pk and proposal["status"] == "draft"
    # A draft is its author's: the office does not see it yet.
    assert office.get(f"/proposals/{proposal['id']}").status_code == 404
    assert api("xem").post("/proposals", {"title": "X"}).status_code == 403
    step = mttq.post(f"/proposals/{proposal['id']}/steps/send", {})
    assert step.status_code == 200 and step.json()["status"] == "sent"
    assert mttq.post(f"/proposals/{proposal['id']}/steps/register", {}).status_code == 403
    registered = office.post(f"/proposals/{proposal['id']}/steps/register", {})
    assert registered.json()["incoming_number"] == 1
    no_advice = office.post(f"/proposals/{proposal['id']}/steps/forward", {"note": ""})
    assert no_advice.status_code == 409 and no_advice.json()["code"] == "note_required"
    office.post(f"/proposals/{proposal['id']}/steps/forward", {"note": "Đề nghị đồng ý"})
    past = head.post(
        f"/proposals/{proposal['id']}/assign",
        {
            "note": "Giao Hội Nông dân",
            "assignments": [
                {
                    "title": "Khảo sát hộ nghèo",
                    "lead": world.hnd.pk,
                    "due_date": str(TODAY - timedelta(days=1)),
                    "expected_result": "Danh sách",
                }
            ],
        },
    )
    assert past.status_code == 422 and "assignments.0.due_date" in past.json()["errors"]
    assigned = head.post(
        f"/proposals/{proposal['id']}/assign",
        {
            "note": "Giao Hội Nông dân",
            "assignments": [
                {
                    "title": "Khảo sát hộ nghèo",
                    "lead": world.hnd.pk,
                    "coordinators": [world.mttq.pk],
                    "due_date": str(TODAY + timedelta(days=15)),
                    "expected_result": "Danh sách",
                }
            ],
        },
    )
    assert assigned.status_code == 200, assigned.content
    body = assigned.json()
    assert body["status"] == "directed" and len(body["task_ids"]) == 1
    assert body["directions"][0]["decision"] == "assign"
    # The lead now sees the proposal (read-only) and the assignment.
    assert api("hoinongdan").get(f"/proposals/{proposal['id']}").status_code == 200
    assignments = api("hoinongdan").get("/assignments").json()
    assert [t["id"] for t in assignments["items"]] == body["task_ids"]
    task = Task.objects.get(pk=body["task_ids"][0])
    assert task.requires_confirmation
    listed = office.get("/proposals", status="directed", organization=world.mttq.pk).json()
    assert [p["id"] for p in listed["items"]] == [proposal["id"]]
    page = world.client("mttq").get(reverse("directions:proposal_detail", args=[proposal["id"]]))
    assert "Khảo sát hộ nghèo" in page.content.decode()


def test_a_proposal_is_edited_only_as_a_draft_with_its_version(world, api):
    proposal = api("mttq").post("/proposals", {"title": "Kiến nghị"}).json()
    stale = api("mttq").patch(f"/proposals/{proposal['id']}", {"version": 99, "title": "Mới"})
    assert stale.status_code == 409
    fresh = api("mttq").patch(
        f"/proposals/{proposal['id']}", {"version": proposal["version"], "title": "Mới"}
    )
    assert fresh.status_code == 200 and fresh.json()["title"] == "Mới"
    assert (
        api("hoinongdan")
        .patch(f"/proposals/{proposal['id']}", {"version": 1, "title": "X"})
        .status_code
        == 404
    )
