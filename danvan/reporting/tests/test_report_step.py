"""Workflow steps from the report page: Gửi duyệt, Phê duyệt, Trả lại, reopen."""

import pytest
from django.urls import reverse

from danvan.reporting import services
from danvan.reporting.models import Report
from danvan.reporting.tests.helpers import fill, make_form, make_indicators


@pytest.fixture
def report(world):
    ind = make_indicators(world)
    form = make_form(world, ind)
    return fill(
        world, form, world.hnd, "2022M03", {(ind["MET"], world.kim_xa): "4"}, user="hoinongdan"
    )


def _step(report, action):
    return reverse("reporting:report_step", args=[report.pk, action])


def test_it_sends_approves_and_reopens(world, report):
    response = world.client("hoinongdan").post(_step(report, "submit"))
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    office = world.client("thuongtruc")
    page = office.get(report.get_absolute_url()).content.decode()
    assert "Phê duyệt" in page and "Trả lại" in page
    office.post(_step(report, "approve"))
    report.refresh_from_db()
    assert report.status == Report.APPROVED
    response = office.post(_step(report, "reopen"), {"note": "Sai số mét ở xã Kim Xá"}, follow=True)
    report.refresh_from_db()
    assert report.status == Report.RETURNED and report.last_note == "Sai số mét ở xã Kim Xá"
    assert "Sai số mét ở xã Kim Xá" in response.content.decode()


def test_returning_needs_a_reason(world, report):
    services.submit_report(report, acting_user=world.users["hoinongdan"])
    office = world.client("thuongtruc")
    response = office.post(_step(report, "return"), {"note": ""}, follow=True)
    assert "Vui lòng nêu lý do" in response.content.decode() or "lý do" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.SUBMITTED
    office.post(_step(report, "return"), {"note": "Bổ sung số liệu"})
    report.refresh_from_db()
    assert report.status == Report.RETURNED


def test_the_organisation_cannot_approve_its_own(world, report):
    services.submit_report(report, acting_user=world.users["hoinongdan"])
    assert world.client("hoinongdan").post(_step(report, "approve")).status_code == 403
    assert world.client("truongban").post(_step(report, "approve")).status_code == 403


def test_another_organisation_gets_404_and_a_wrong_state_is_said(world, report):
    assert world.client("mttq").post(_step(report, "submit")).status_code == 404
    assert world.client("xem").post(_step(report, "submit")).status_code == 404
    response = world.client("thuongtruc").post(_step(report, "approve"), follow=True)
    assert "Nháp" in response.content.decode()  # cannot approve a draft: it says why
    assert world.client("thuongtruc").post(_step(report, "dance")).status_code == 404


def test_it_rejects_get(world, report):
    assert world.client("hoinongdan").get(_step(report, "submit")).status_code == 405
