"""Giao nhiệm vụ: a direction with one or more assignments, a form that works without JS."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from danvan.directions.models import Direction, Proposal
from danvan.directions.tests.helpers import forwarded, registered

DUE = (timezone.localdate() + timedelta(days=30)).strftime("%d/%m/%Y")


def _row(i, world, **extra):
    values = {
        "title": f"Nhiệm vụ {i}",
        "lead": world.hnd.pk,
        "coordinators": [world.chqs.pk, world.tinh_doan.pk],
        "due_date": DUE,
        "expected_result": "Báo cáo kết quả bằng văn bản.",
        **extra,
    }
    return {f"task-{i}-{k}": v for k, v in values.items()}


def _data(proposal, world, rows=1, **extra):
    data = {
        "version": proposal.version,
        "note": "Giao các đơn vị triển khai.",
        "task-TOTAL_FORMS": str(rows),
        "task-INITIAL_FORMS": "0",
        "task-MIN_NUM_FORMS": "1",
        "task-MAX_NUM_FORMS": "20",
    }
    for i in range(rows):
        data.update(_row(i, world))
    data.update(extra)
    return data


def test_it_assigns_two_tasks(world):
    proposal = forwarded(world)
    url = reverse("directions:proposal_assign", args=[proposal.pk])
    data = _data(proposal, world, rows=2)
    data.update(_row(1, world, lead=world.tinh_doan.pk, title="Nhiệm vụ của Tỉnh đoàn"))
    response = world.client("truongban").post(url, data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.DIRECTED
    tasks = list(proposal.tasks().order_by("pk"))
    assert [t.lead for t in tasks] == [world.hnd, world.tinh_doan]
    assert set(tasks[0].coordinators.all()) == {world.chqs, world.tinh_doan}
    # The lead is never its own coordinator.
    assert set(tasks[1].coordinators.all()) == {world.chqs}
    assert tasks[0].expected_result == "Báo cáo kết quả bằng văn bản."
    assert proposal.directions.get().decision == Direction.ASSIGN


def test_add_a_task_returns_the_form_with_one_more_row_and_creates_nothing(world):
    proposal = forwarded(world)
    url = reverse("directions:proposal_assign", args=[proposal.pk])
    response = world.client("truongban").post(url, _data(proposal, world, add_row="1"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="task-TOTAL_FORMS" value="2"' in body
    assert 'value="Nhiệm vụ 0"' in body and 'name="task-1-title"' in body
    assert "errorlist" not in body
    assert not proposal.tasks().exists()


def test_it_refuses_a_deadline_in_the_past(world):
    proposal = forwarded(world)
    url = reverse("directions:proposal_assign", args=[proposal.pk])
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    data = _data(proposal, world)
    data["task-0-due_date"] = yesterday
    response = world.client("truongban").post(url, data)
    assert response.status_code == 200
    assert not proposal.tasks().exists()


def test_a_double_submission_assigns_once(world):
    proposal = forwarded(world)
    url = reverse("directions:proposal_assign", args=[proposal.pk])
    data = _data(proposal, world)
    client = world.client("truongban")
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert proposal.tasks().count() == 1
    assert Direction.objects.filter(proposal=proposal).count() == 1


def test_only_the_head_assigns_and_only_a_forwarded_or_directed_proposal(world):
    proposal = forwarded(world)
    url = reverse("directions:proposal_assign", args=[proposal.pk])
    assert world.client("thuongtruc").post(url, _data(proposal, world)).status_code == 403
    assert world.client("mttq").post(url, _data(proposal, world)).status_code == 404
    early = registered(world)
    early_url = reverse("directions:proposal_assign", args=[early.pk])
    assert world.client("truongban").get(early_url).status_code == 302
    world.client("truongban").post(early_url, _data(early, world))
    assert not early.tasks().exists()
    assert world.client("truongban").delete(url).status_code == 405
