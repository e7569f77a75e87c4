"""Who has reported, on time or late, and the reminders before the deadline."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from danvan.core.models import Notification
from danvan.core.periods import Period
from danvan.reporting import services
from danvan.reporting.models import Report
from danvan.reporting.tests.helpers import fill, make_form, make_indicators

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def form(world):
    ind = make_indicators(world)
    form = make_form(world, ind, organizations=[world.hnd, world.mttq, world.tinh_doan])
    form.ind = ind
    return form


def _sent_at(world, form, org, moment: datetime) -> Report:
    report = fill(world, form, org, "2022M03", {(form.ind["MET"], world.kim_xa): "1"})
    report = services.submit_report(report, acting_user=world.thuongtruc)
    Report.objects.filter(pk=report.pk).update(submitted_at=moment)
    report.refresh_from_db()
    return report


def test_the_deadline_day_counts_until_midnight_local_time(world, form):
    period = Period.parse("2022M03")
    assert form.deadline(period) == date(2022, 4, 5)
    on_time = _sent_at(world, form, world.hnd, datetime(2022, 4, 5, 23, 59, tzinfo=HCM))
    late = _sent_at(world, form, world.mttq, datetime(2022, 4, 6, 0, 1, tzinfo=HCM))
    assert on_time.on_time is True
    assert late.on_time is False
    rows = {r.organization.pk: r for r in services.completeness(form, period)}
    assert rows[world.hnd.pk].on_time is True and rows[world.mttq.pk].on_time is False
    missing = rows[world.tinh_doan.pk]
    assert missing.report is None and missing.state == "missing"
    assert not missing.overdue(date(2022, 4, 5))
    assert missing.overdue(date(2022, 4, 6))


def test_the_page_lists_who_reported_on_time_late_or_not(
    world, form, django_assert_max_num_queries
):
    _sent_at(world, form, world.hnd, datetime(2022, 4, 5, 8, 0, tzinfo=HCM))
    _sent_at(world, form, world.mttq, datetime(2022, 4, 9, 8, 0, tzinfo=HCM))
    url = reverse("reporting:completeness") + f"?form={form.pk}&period=2022M03"
    client = world.client("thuongtruc")
    with django_assert_max_num_queries(12):
        body = client.get(url).content.decode()
    assert "2/3" in body
    hnd, mttq, td = (body.index(n) for n in ("Hội Nông dân tỉnh", "Ủy ban MTTQ tỉnh", "Tỉnh đoàn"))
    assert "đúng hạn" in body[hnd:td] and "trễ hạn" in body[mttq:]
    assert "chưa gửi, quá hạn" in body[td:]
    assert world.client("xem").get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_reminders_go_once_to_those_who_have_not_sent(world, form):
    _sent_at(world, form, world.mttq, datetime(2022, 4, 2, 8, 0, tzinfo=HCM))
    # Deadline 5 April, reminders from 3 April (form.reminder_days == 2).
    assert services.send_reminders(date(2022, 4, 2)) == 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        told = services.send_reminders(date(2022, 4, 3))
    assert told == 1  # hoinongdan; MTTQ has sent, Tỉnh đoàn has no user
    note = Notification.objects.get(event_key__startswith="reminder:")
    assert note.recipient == world.users["hoinongdan"]
    assert "05/04/2022" in note.text
    assert note.url == reverse("reporting:report_entry", args=[form.pk, world.hnd.pk, "2022M03"])
    assert mail.outbox[-1].to == ["hoinongdan@danvan.invalid"]
    assert services.send_reminders(date(2022, 4, 4)) == 0  # once
    assert services.send_reminders(date(2022, 4, 6)) == 0  # past the deadline


def test_the_daily_task_sends_them():
    from huey.api import PeriodicTask

    from danvan.reporting.tasks import remind_reporters

    assert isinstance(remind_reporters.task_class(), PeriodicTask)
