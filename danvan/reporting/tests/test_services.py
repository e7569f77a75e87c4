"""Saving figures and the workflow, through the services."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from danvan.core.concurrency import ConcurrentEditError
from danvan.core.models import Notification
from danvan.core.periods import Period
from danvan.core.workflow import WorkflowError
from danvan.reporting import services
from danvan.reporting.models import Report, Value
from danvan.reporting.services import CellInput, GridInvalid
from danvan.reporting.tests.helpers import fill, make_form, make_indicators


@pytest.fixture
def ind(world):
    return make_indicators(world)


@pytest.fixture
def form(world, ind):
    return make_form(world, ind)


def _open(world, form, user="hoinongdan", period="2022M03"):
    return services.open_report(
        form, world.hnd, Period.parse(period), acting_user=world.users[user]
    )


def _save(world, report, cells, user="hoinongdan", **kw):
    return services.save_values(
        report,
        {
            (i.pk, u.pk if u else None): CellInput(*t) if isinstance(t, tuple) else CellInput(t)
            for (i, u), t in cells.items()
        },
        acting_user=world.users[user],
        **kw,
    )


def test_it_stores_vietnamese_numbers_with_the_aggregation_columns(world, ind, form):
    report = _open(world, form)
    n = _save(
        world,
        report,
        {
            (ind["LUOT"], world.kim_xa): "1.234",
            (ind["NGAYCONG"], world.kim_xa): ("1.500", "Hai đợt ra quân"),
            (ind["MET"], world.tich_son): "150,5",
        },
    )
    assert n == 3
    value = Value.objects.get(indicator=ind["MET"])
    assert value.value == Decimal("150.5")
    assert (value.period_start, value.period_type) == (report.period_start, "month")
    assert value.organization == world.hnd
    assert (value.unit, value.district, value.province) == (
        world.tich_son,
        world.vinh_yen,
        world.province,
    )
    assert value.area == world.areas["nong-thon-moi"]
    assert Value.objects.get(indicator=ind["NGAYCONG"]).comment == "Hai đợt ra quân"
    report.refresh_from_db()
    assert report.version == 2


@pytest.mark.parametrize(
    ("code", "text", "reason"),
    [
        ("LUOT", "1.5", "Việt Nam"),
        ("LUOT", "abc", "Việt Nam"),
        ("LUOT", "2,5", "số nguyên"),
        ("MET", "-3", "âm"),
        ("MET", "1,23456", "4 chữ số"),
        ("LUOT", "9.999.999.999.999", "quá lớn"),
    ],
)
def test_each_wrong_figure_is_refused_with_its_reason(world, ind, form, code, text, reason):
    report = _open(world, form)
    with pytest.raises(GridInvalid) as exc:
        _save(world, report, {(ind[code], world.kim_xa): text})
    assert reason in exc.value.errors[(ind[code].pk, world.kim_xa.pk)]
    assert not Value.objects.exists()


def test_one_wrong_figure_stores_none_of_them(world, ind, form):
    report = _open(world, form)
    with pytest.raises(GridInvalid) as exc:
        _save(
            world,
            report,
            {(ind["LUOT"], world.kim_xa): "10", (ind["MET"], world.kim_xa): "x"},
        )
    assert list(exc.value.errors) == [(ind["MET"].pk, world.kim_xa.pk)]
    assert not Value.objects.exists()


def test_a_rule_between_indicators_marks_both_cells(world, ind, form):
    report = _open(world, form)
    with pytest.raises(GridInvalid) as exc:
        _save(
            world,
            report,
            {(ind["LUOT"], world.kim_xa): "30", (ind["NGAYCONG"], world.kim_xa): "20"},
        )
    reason = exc.value.errors[(ind["NGAYCONG"].pk, world.kim_xa.pk)]
    assert "Ngày công phải ≥ Lượt cán bộ, chiến sĩ tham gia (20 so với 30)" in reason
    assert (ind["LUOT"].pk, world.kim_xa.pk) in exc.value.errors
    # Against a stored figure too: the rule sees the report as it would be.
    _save(world, report, {(ind["NGAYCONG"], world.kim_xa): "20"})
    with pytest.raises(GridInvalid):
        _save(world, report, {(ind["LUOT"], world.kim_xa): "21"})
    _save(world, report, {(ind["LUOT"], world.kim_xa): "20"})


def test_an_empty_cell_removes_the_figure_and_a_lone_comment_is_refused(world, ind, form):
    report = _open(world, form)
    _save(world, report, {(ind["MET"], world.kim_xa): "5"})
    with pytest.raises(GridInvalid):
        _save(world, report, {(ind["MET"], world.kim_xa): ("", "không có")})
    _save(world, report, {(ind["MET"], world.kim_xa): ""})
    assert not Value.objects.exists()


def test_a_cell_outside_the_form_is_refused(world, ind, form):
    report = _open(world, form)
    with pytest.raises(GridInvalid):
        _save(world, report, {(ind["MOHINH"], world.kim_xa): "1"})


def test_a_stale_version_is_refused(world, ind, form):
    report = _open(world, form)
    _save(world, report, {(ind["MET"], world.kim_xa): "5"}, expected_version=1)
    with pytest.raises(ConcurrentEditError):
        _save(world, report, {(ind["MET"], world.kim_xa): "6"}, expected_version=1)
    assert Value.objects.get().value == 5


def test_another_organisation_cannot_open_or_fill_it(world, ind, form):
    with pytest.raises(PermissionDenied):
        _open(world, form, user="mttq")
    report = _open(world, form)
    with pytest.raises(PermissionDenied):
        _save(world, report, {(ind["MET"], world.kim_xa): "5"}, user="mttq")
    with pytest.raises(PermissionDenied):
        _save(world, report, {(ind["MET"], world.kim_xa): "5"}, user="xem")


def test_an_organisation_outside_the_form_or_a_wrong_period_is_refused(world, ind, form):
    with pytest.raises(WorkflowError):
        services.open_report(
            form, world.tinh_doan, Period.parse("2022M03"), acting_user=world.thuongtruc
        )
    with pytest.raises(WorkflowError):
        services.open_report(form, world.hnd, Period.parse("2022Q1"), acting_user=world.thuongtruc)


def test_the_workflow_send_approve_lock_reopen(world, ind, form):
    report = fill(
        world, form, world.hnd, "2022M03", {(ind["MET"], world.kim_xa): "5"}, user="hoinongdan"
    )
    with pytest.raises(PermissionDenied):
        services.approve_report(report, acting_user=world.users["hoinongdan"])
    report = services.submit_report(report, acting_user=world.users["hoinongdan"])
    assert report.status == Report.SUBMITTED and report.submitted_at is not None
    assert Notification.objects.filter(recipient=world.thuongtruc).exists()
    # Waiting for approval: the organisation can no longer change it.
    with pytest.raises(WorkflowError):
        _save(world, report, {(ind["MET"], world.kim_xa): "6"})
    with pytest.raises(WorkflowError):
        services.submit_report(report, acting_user=world.users["hoinongdan"])
    report = services.approve_report(report, acting_user=world.thuongtruc)
    assert report.status == Report.APPROVED and report.approved_by == world.thuongtruc
    assert Notification.objects.filter(recipient=world.users["hoinongdan"]).count() == 1
    # Locked, even for the standing office.
    with pytest.raises(WorkflowError, match="khóa"):
        _save(world, report, {(ind["MET"], world.kim_xa): "6"}, user="thuongtruc")
    with pytest.raises(WorkflowError):
        services.reopen_report(report, acting_user=world.thuongtruc, note="")
    with pytest.raises(PermissionDenied):
        services.reopen_report(report, acting_user=world.users["hoinongdan"], note="sửa")
    report = services.reopen_report(report, acting_user=world.thuongtruc, note="Sai số mét")
    assert report.status == Report.RETURNED and report.last_note == "Sai số mét"
    assert report.approved_at is None


def test_return_needs_a_reason_and_changes_after_sending_are_audited(world, ind, form):
    report = fill(
        world, form, world.hnd, "2022M03", {(ind["MET"], world.kim_xa): "5"}, user="hoinongdan"
    )
    report = services.submit_report(report, acting_user=world.users["hoinongdan"])
    first_sent = report.submitted_at
    with pytest.raises(WorkflowError):
        services.return_report(report, acting_user=world.thuongtruc, note="  ")
    report = services.return_report(report, acting_user=world.thuongtruc, note="Thiếu số liệu")
    assert report.status == Report.RETURNED
    _save(world, report, {(ind["MET"], world.kim_xa): "7,5", (ind["MET"], world.tich_son): "2"})
    entry = (
        LogEntry.objects.get_for_object(report)
        .filter(additional_data__action="change_values")
        .get()
    )
    assert entry.actor == world.users["hoinongdan"]
    assert entry.changes["MET · Xã Kim Xá"] == ["5", "7,5"]
    assert entry.changes["MET · Phường Tích Sơn"] == [None, "2"]
    _save(world, report, {(ind["MET"], world.tich_son): "1.200"})
    page = world.client("hoinongdan").get(report.get_absolute_url()).content.decode()
    assert "Sửa số liệu" in page and "MET · Xã Kim Xá" in page and "7,5" in page
    assert "Thiếu số liệu" in page  # the reason it was returned
    report = services.submit_report(report, acting_user=world.users["hoinongdan"])
    assert report.submitted_at == first_sent  # timeliness is judged on the first sending
    assert report.last_submitted_at > first_sent


def test_a_draft_change_is_not_audited_value_by_value(world, ind, form):
    report = _open(world, form)
    _save(world, report, {(ind["MET"], world.kim_xa): "5"})
    assert not LogEntry.objects.filter(additional_data__action="change_values").exists()


def test_an_empty_report_cannot_be_sent(world, ind, form):
    report = _open(world, form)
    with pytest.raises(WorkflowError):
        services.submit_report(report, acting_user=world.users["hoinongdan"])


def test_the_standing_office_may_correct_a_report_waiting_for_approval(world, ind, form):
    report = fill(
        world, form, world.hnd, "2022M03", {(ind["MET"], world.kim_xa): "5"}, user="hoinongdan"
    )
    report = services.submit_report(report, acting_user=world.users["hoinongdan"])
    _save(world, report, {(ind["MET"], world.kim_xa): "4"}, user="thuongtruc")
    assert Value.objects.get().value == 4
    assert LogEntry.objects.filter(additional_data__action="change_values").count() == 1


def test_a_whole_organisation_form_has_one_cell_per_indicator(world, ind):
    whole = make_form(world, ind, code="BC-DV", codes=("MOHINH",), by_commune=False)
    report = services.open_report(
        whole, world.hnd, Period.parse("2022M03"), acting_user=world.thuongtruc
    )
    assert services.localities(whole, world.hnd, report.period) == [None]
    _save(world, report, {(ind["MOHINH"], None): "4"}, user="thuongtruc")
    value = Value.objects.get()
    assert value.unit is None and value.province == world.province and value.district is None
    with pytest.raises(GridInvalid):
        _save(world, report, {(ind["MOHINH"], world.kim_xa): "4"}, user="thuongtruc")
