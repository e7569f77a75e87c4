"""The copies a value carries for the figures service (`period_end`, `approved`) always agree
with its report: set when the value is written, changed by the workflow's steps, so an
approval shows in the totals at once and a reopened report leaves them at once."""

from datetime import date

import pytest

from danvan.core.periods import QUARTER, Period
from danvan.reporting import services
from danvan.reporting.figures import figures
from danvan.reporting.models import Report, Value
from danvan.reporting.tests.helpers import fill, make_form, make_indicators


def _consistent():
    for value in Value.objects.select_related("report"):
        report = value.report
        assert value.period_start == report.period_start
        assert value.period_type == report.period_type
        assert value.period_end == Period(report.period_start, report.period_type).end
        assert value.approved == (report.status == Report.APPROVED)


def _total(code="LUOT", **kwargs):
    rows = figures(indicators=[code], period=Period.parse("2022"), group_by=(), **kwargs)
    return rows[0]["value"] if rows else 0


def test_period_end_is_the_last_day_of_the_report_period(world):
    ind = make_indicators(world)
    monthly = make_form(world, ind, rule=False)
    quarterly = make_form(world, ind, code="BC-QUY", period_type=QUARTER, rule=False)
    fill(world, monthly, world.hnd, "2022M02", {(ind["LUOT"], world.kim_xa): "4"})
    fill(world, quarterly, world.hnd, "2022Q4", {(ind["LUOT"], world.kim_xa): "9"})
    ends = set(Value.objects.values_list("period_end", flat=True))
    assert ends == {date(2022, 2, 28), date(2022, 12, 31)}
    _consistent()


def test_approval_counts_at_once_and_reopening_takes_the_figures_out(world):
    ind = make_indicators(world)
    form = make_form(world, ind, rule=False)
    office = world.thuongtruc
    report = fill(
        world,
        form,
        world.hnd,
        "2022M01",
        {(ind["LUOT"], world.kim_xa): "20", (ind["LUOT"], world.tt_vinh_tuong): "5"},
    )
    assert _total() == 0
    assert _total(approved_only=False) == 25
    report = services.submit_report(report, acting_user=office)
    _consistent()
    assert _total() == 0

    report = services.approve_report(report, acting_user=office)
    assert set(Value.objects.values_list("approved", flat=True)) == {True}
    assert _total() == 25
    assert _total(user=world.users["hoinongdan"]) == 25
    _consistent()

    report = services.reopen_report(report, acting_user=office, note="Sai số liệu")
    assert set(Value.objects.values_list("approved", flat=True)) == {False}
    assert _total() == 0
    _consistent()

    # Corrected while returned: the new and changed figures wait for approval too.
    services.save_values(
        report,
        {
            (ind["LUOT"].pk, world.kim_xa.pk): services.CellInput("21"),
            (ind["NGAYCONG"].pk, world.kim_xa.pk): services.CellInput("30"),
        },
        acting_user=office,
    )
    report.refresh_from_db()
    assert _total() == 0
    report = services.submit_report(report, acting_user=office)
    report = services.return_report(report, acting_user=office, note="Thiếu")
    assert _total() == 0
    report = services.submit_report(report, acting_user=office)
    services.approve_report(report, acting_user=office)
    assert _total() == 26
    assert _total("NGAYCONG") == 30
    _consistent()


@pytest.mark.parametrize("username", ["thuongtruc", "hoinongdan", "mttq", "xem", "vinhtuong"])
def test_a_user_sees_the_same_approved_totals_as_the_reports_they_may_see(world, username):
    ind = make_indicators(world)
    form = make_form(world, ind, rule=False)
    office = world.thuongtruc
    for org, n in ((world.hnd, "7"), (world.mttq, "2")):
        report = fill(world, form, org, "2022M01", {(ind["LUOT"], world.kim_xa): n})
        services.approve_report(
            services.submit_report(report, acting_user=office), acting_user=office
        )
    user = world.users[username]
    expected = sum(
        v.value
        for v in Value.objects.filter(report__in=Report.objects.visible_to(user), approved=True)
    )
    assert _total(user=user) == expected


def test_kept_totals_change_with_any_write_even_one_past_the_services(world):
    """The figures service keeps answers under the stamp the database changes itself: a raw
    UPDATE of a figure (a shell, a bulk load) shows at the next question."""
    from django.db import connection

    from danvan.reporting.figures import _stamp

    ind = make_indicators(world)
    form = make_form(world, ind, rule=False)
    office = world.thuongtruc
    report = fill(world, form, world.hnd, "2022M01", {(ind["LUOT"], world.kim_xa): "20"})
    services.approve_report(services.submit_report(report, acting_user=office), acting_user=office)
    assert _total() == 20
    assert _total() == 20  # kept
    before = _stamp()
    table = Value._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = 33")  # noqa: S608
    assert _stamp() != before
    assert _total() == 33
    Indicator = type(ind["LUOT"])
    Indicator.objects.filter(pk=ind["LUOT"].pk).update(aggregation=Indicator.LATEST)
    assert figures(indicators=["LUOT"], period=Period.parse("2022"))[0]["aggregation"] == "latest"
    Value.objects.all().delete()
    assert _total() == 0


def test_drafts_leave_the_stamp_alone_and_approving_or_sending_back_changes_it(world):
    """Kept answers are of approved figures: writing drafts (an entry, an import into a
    draft, a raw UPDATE of a draft) keeps them, and on PostgreSQL does not queue on the stamp
    row; approving and reopening change the stamp, and the totals with it."""
    from django.db import connection

    from danvan.reporting.figures import _stamp

    ind = make_indicators(world)
    form = make_form(world, ind, rule=False)
    office = world.thuongtruc
    first = fill(world, form, world.hnd, "2022M01", {(ind["LUOT"], world.kim_xa): "20"})
    start = _stamp()
    second = fill(world, form, world.mttq, "2022M01", {(ind["LUOT"], world.kim_xa): "5"})
    services.save_values(
        first,
        {(ind["LUOT"].pk, world.kim_xa.pk): services.CellInput("21")},
        acting_user=office,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Value._meta.db_table} SET comment = 'x'")  # noqa: S608
    second = services.submit_report(second, acting_user=office)
    assert _stamp() == start
    assert _total() == 0

    services.approve_report(services.submit_report(first, acting_user=office), acting_user=office)
    approved_at = _stamp()
    assert approved_at != start
    assert _total() == 21
    services.reopen_report(first, acting_user=office, note="Sửa số liệu")
    assert _stamp() != approved_at
    assert _total() == 0


def test_users_who_see_the_same_figures_share_kept_answers(world):
    """One answer for every committee-wide user and viewer, one per organisation's
    officers; each still sees only what Report.visible_to shows them."""
    from danvan.reporting.figures import _cache_key

    def key(user):
        return _cache_key([("indicator",)], {"user": user, "approved_only": True})

    users = world.users
    assert key(users["thuongtruc"]) == key(users["truongban"]) == key(users["xem"])
    assert key(users["mttq"]) != key(users["hoinongdan"])
    assert key(users["mttq"]) != key(users["thuongtruc"])


def test_kept_answers_are_bounded_by_rows():
    from danvan.reporting.figures import _Answers

    kept = _Answers()
    kept.ROWS = 10
    kept.put("a", [[{}] * 4])
    kept.put("b", [[{}] * 4])
    kept.put("too large", [[{}] * 6])
    assert kept.get("too large") is None
    kept.put("c", [[{}] * 4])  # 12 rows: the oldest goes
    assert kept.get("a") is None and kept.get("b") and kept.get("c")
    assert kept.rows == 8


def test_one_thread_computes_what_several_ask_at_once():
    """After a change, the first views of a busy dashboard arrive together: one thread
    computes, the others wait for its answer."""
    import threading

    from danvan.reporting.figures import _Answers

    kept, calls, results = _Answers(), [], []
    gate = threading.Event()

    def compute():
        calls.append(1)
        gate.wait(5)
        return [[{"value": 1}]]

    threads = [
        threading.Thread(target=lambda: results.append(kept.get_or_compute("k", compute)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    gate.wait(0.2)
    gate.set()
    for thread in threads:
        thread.join(10)
    assert len(calls) == 1
    assert results == [[[{"value": 1}]]] * 4
    assert not kept.pending
