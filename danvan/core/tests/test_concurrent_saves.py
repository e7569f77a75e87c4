"""Two people saving the same record at once: the second is told, nothing is overwritten
silently. Through the pages, and with two threads hitting the same row at the same moment."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from danvan.core.concurrency import ConcurrentEditError

pytestmark = pytest.mark.django_db(transaction=True)


def _task(world):
    from danvan.tasks.tests.factories import make_task

    return make_task(world)


def test_save_if_unchanged_refuses_the_second_of_two_stale_copies(world):
    from danvan.tasks.models import Task

    task = _task(world)
    first = Task.objects.get(pk=task.pk)
    second = Task.objects.get(pk=task.pk)
    first.title = "Bản của người thứ nhất"
    first.save_if_unchanged(first.version)
    second.title = "Bản của người thứ hai"
    with pytest.raises(ConcurrentEditError) as raised:
        second.save_if_unchanged(second.version)
    assert "tải lại" in str(raised.value).lower() or "Reload" in str(raised.value)
    stored = Task.objects.get(pk=task.pk)
    assert stored.title == "Bản của người thứ nhất"
    assert stored.version == task.version + 1


def _run_together(*calls):
    """Start every call at the same instant, each in its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def runner(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:  # reported to the test, which fails on it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _complete(client, task, text):
    return client.post(
        reverse("tasks:task_complete", args=[task.pk]),
        {"on": timezone.localdate().strftime("%d/%m/%Y"), "text": text},
    )


def test_two_officers_completing_a_task_at_once_one_is_told(world):
    from danvan.tasks.models import Task, TaskUpdate

    task = _task(world)
    lead, office = world.client("mttq"), world.client("thuongtruc")
    responses = _run_together(
        lambda: _complete(lead, task, "Kết quả của Ủy ban MTTQ"),
        lambda: _complete(office, task, "Kết quả của Thường trực"),
    )
    assert all(getattr(r, "status_code", None) == 302 for r in responses), responses
    told = [
        str(m) for r in responses for m in get_messages(r.wsgi_request) if m.level_tag == "error"
    ]
    assert len(told) == 1, told
    assert "không thể thực hiện" in told[0].lower() or "cannot be taken" in told[0]
    results = TaskUpdate.objects.filter(task=task, kind=TaskUpdate.RESULT)
    assert results.count() == 1
    assert Task.objects.get(pk=task.pk).state == Task.DONE


def test_a_stale_completion_form_is_refused_not_applied_twice(world):
    from danvan.tasks.models import TaskUpdate

    task = _task(world)
    lead, office = world.client("mttq"), world.client("thuongtruc")
    assert lead.get(reverse("tasks:task_complete", args=[task.pk])).status_code == 200
    assert office.get(reverse("tasks:task_complete", args=[task.pk])).status_code == 200
    assert _complete(lead, task, "Lần một").status_code == 302
    response = _complete(office, task, "Lần hai")
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert TaskUpdate.objects.filter(task=task, kind=TaskUpdate.RESULT).get().text == "Lần một"


def test_two_progress_reports_at_once_are_both_kept(world):
    """Progress notes are appended, never overwritten: both arrive."""
    from danvan.tasks.models import TaskUpdate

    task = _task(world)
    day = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")

    def report(client, text, percent):
        return client.post(
            reverse("tasks:task_progress", args=[task.pk]),
            {"on": day, "percent": percent, "text": text},
        )

    responses = _run_together(
        lambda: report(world.client("mttq"), "Đợt một", "40"),
        lambda: report(world.client("thuongtruc"), "Đợt hai", "60"),
    )
    assert all(getattr(r, "status_code", None) == 302 for r in responses), responses
    texts = set(
        TaskUpdate.objects.filter(task=task, kind=TaskUpdate.PROGRESS).values_list(
            "text", flat=True
        )
    )
    assert texts == {"Đợt một", "Đợt hai"}


def _hidden_fields(html: str) -> dict:
    """The hidden inputs a page's form carries (a version, a token), as a browser sends them."""
    from danvan.core.tests.test_fuzz_forms import FormReader

    reader = FormReader()
    reader.feed(html)
    return {
        name: field["value"]
        for form in reader.forms
        if form["method"] == "post"
        for name, field in form["fields"].items()
        if field["kind"] == "hidden" and name != "csrfmiddlewaretoken"
    }


def test_two_officers_editing_the_same_plan_task_the_second_is_told(world):
    from danvan.planning.tests.factories import make_plan
    from danvan.tasks.models import Task

    plan = make_plan(world)
    task = Task.objects.get(source_id=plan.pk, title__startswith="Tuyên truyền")
    url = reverse("planning:plan_task_edit", args=[task.pk])
    first, second = world.client("mttq"), world.client("mttq")  # two tabs, two officers
    pages = [first.get(url), second.get(url)]
    assert all(p.status_code == 200 for p in pages)

    def post(client, page, title):
        return client.post(
            url,
            {
                **_hidden_fields(page.content.decode()),
                "title": title,
                "lead": world.mttq.pk,
                "targets-TOTAL_FORMS": "0",
                "targets-INITIAL_FORMS": "0",
            },
        )

    assert post(first, pages[0], "Bản sửa thứ nhất").status_code == 302
    refused = post(second, pages[1], "Bản sửa thứ hai, trên trang cũ")
    assert refused.status_code == 200
    assert "tải lại" in refused.content.decode().lower()
    assert "Bản sửa thứ hai, trên trang cũ" in refused.content.decode()  # what they typed is kept
    assert Task.objects.get(pk=task.pk).title == "Bản sửa thứ nhất"


def test_two_officers_editing_the_same_plan_the_second_is_told(world):
    from danvan.planning.models import Plan
    from danvan.planning.tests.factories import make_plan

    plan = make_plan(world)
    url = reverse("planning:plan_edit", args=[plan.pk])
    first, second = world.client("mttq"), world.client("mttq")
    pages = [first.get(url), second.get(url)]

    def post(client, page, title):
        return client.post(
            url,
            {
                **_hidden_fields(page.content.decode()),
                "organization": plan.organization_id,
                "title": title,
                "year": plan.year,
                "summary": "",
            },
        )

    assert post(first, pages[0], "Kế hoạch, bản sửa thứ nhất").status_code == 302
    assert post(second, pages[1], "Kế hoạch, bản sửa thứ hai").status_code == 200
    assert Plan.objects.get(pk=plan.pk).title == "Kế hoạch, bản sửa thứ nhất"
