"""Reporting completeness on the dashboard: expected, sent, on time, approved, by form."""

import pytest

pytest.importorskip("danvan.reporting.figures", reason="the reports app has not landed")

from danvan.core.periods import Period  # noqa: E402
from danvan.overview import registers  # noqa: E402
from danvan.overview.services import Scope  # noqa: E402
from danvan.overview.tests import data  # noqa: E402

pytestmark = pytest.mark.django_db


def test_it_counts_expected_sent_and_approved_reports(world):
    data.figures_2022(world)
    result = registers.completeness(Scope(Period.parse("2022")), world.truongban)
    rows = {row["name"]: row for row in result["rows"]}
    # Monthly forms, two organisations, twelve months whose deadlines have passed.
    assert rows["Báo cáo BC-XA"]["expected"] == 24
    assert (rows["Báo cáo BC-XA"]["sent"], rows["Báo cáo BC-XA"]["approved"]) == (4, 3)
    assert (rows["Báo cáo BC-MH"]["sent"], rows["Báo cáo BC-MH"]["approved"]) == (3, 3)
    assert (result["expected"], result["sent"], result["approved"]) == (48, 7, 6)
    assert result["on_time"] == 0  # sent today, years after the 2022 deadlines
    assert result["percent"] == 15


def test_it_narrows_to_one_organisation(world):
    data.figures_2022(world)
    result = registers.completeness(
        Scope(Period.parse("2022Q1"), organization=world.mttq), world.truongban
    )
    assert (result["expected"], result["sent"]) == (6, 2)


def test_the_dashboard_shows_it(world):
    data.figures_2022(world)
    response = world.client("truongban").get("/", {"period": "2022"})
    assert response.context["summary"].completeness["sent"] == 7
    assert "Báo cáo BC-XA" in response.content.decode()


def test_on_time_is_judged_by_the_day_in_vietnam(world):
    """Sent at 23:30 on the deadline, Hanoi time (16:30 UTC), is on time; at 00:30 the next
    day (17:30 UTC the day of the deadline) is late."""
    from datetime import UTC, datetime, timedelta

    from danvan.reporting.models import Report

    data.figures_2022(world)
    reports = list(Report.objects.exclude(submitted_at=None).order_by("pk")[:2])
    for report, minutes in zip(reports, (-30, 30), strict=True):
        deadline = report.deadline
        midnight_hanoi = datetime(deadline.year, deadline.month, deadline.day, 17, tzinfo=UTC)
        report.submitted_at = midnight_hanoi + timedelta(minutes=minutes)
        Report.objects.filter(pk=report.pk).update(submitted_at=report.submitted_at)
        assert report.on_time is (minutes < 0)
    result = registers.completeness(Scope(Period.parse("2022")), world.truongban)
    assert result["on_time"] == 1
