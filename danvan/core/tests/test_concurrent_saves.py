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
