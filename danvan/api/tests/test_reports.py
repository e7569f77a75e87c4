"""Indicator reports through the API: list, filter, read, bulk values (all or nothing), the
workflow, and the same report seen on the page."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from danvan.reporting import services
from danvan.reporting.models import Report, Value
from danvan.reporting.tests.helpers import fill, make_form, make_indicators


@pytest.fixture
def ind(world):
    return make_indicators(world)


@pytest.fixture
def form(world, ind):
    return make_form(world, ind)


def _open(api, form, org, period="2022M03", persona="mttq"):
    response = api(persona).post(
        "/reports", {"form": form.pk, "organization": org.pk, "period": period}
    )
    assert response.status_code == 201, response.content
    return response.json()


def _page(world, persona, form, org, period="2022M03"):
    url = reverse("reporting:report_entry", args=[form.pk, org.pk, period])
    return world.client(persona).get(url).content.decode()


def test_a_report_submitted_and_approved_through_the_api_shows_so_on_the_page(
    world, api, ind, form
):
    report = _open(api, form, world.mttq)
    assert report["status"] == "draft" and report["period"] == "2022M03"
    saved = api("mttq").put(
        f"/reports/{report['id']}/values",
        {
            "version": report["version"],
            "values": [
                {"indicator": ind["LUOT"].pk, "unit": world.kim_xa.pk, "value": "1.234"},
                {"indicator": ind["NGAYCONG"].pk, "unit": world.kim_xa.pk, "value": 1300},
                {
                    "indicator": ind["MET"].pk,
                    "unit": world.tich_son.pk,
                    "value": 150.5,
                    "comment": "Ra quân đợt 1",
                },
            ],
        },
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["changed"] == 3
    assert {(v["indicator_code"], v["value"]) for v in saved.json()["values"]} == {
        ("LUOT", "1234"),
        ("NGAYCONG", "1300"),
        ("MET", "150.5"),
    }
    sent = api("mttq").post(f"/reports/{report['id']}/submit")
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    assert "Chờ duyệt" in _page(world, "mttq", form, world.mttq)
    approved = api("thuongtruc").post(f"/reports/{report['id']}/approve", {"note": "Tốt"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["approved_by_id"] == world.thuongtruc.pk
    body = _page(world, "mttq", form, world.mttq)
    assert "Đã duyệt" in body and "1.234" in body
    # Every write is audited as the token's user.
    entries = LogEntry.objects.get_for_object(Report.objects.get()).order_by("timestamp", "pk")
    steps = [(e.additional_data or {}).get("action") for e in entries]
    assert steps[-2:] == ["submit", "approve"]
    assert entries.last().actor == world.thuongtruc
    assert entries.filter(additional_data__action="submit").get().actor == world.users["mttq"]


def test_a_report_sent_on_the_page_shows_so_through_the_api_and_returns_through_it(
    world, api, ind, form
):
    report = fill(world, form, world.mttq, "2022M03", {(ind["LUOT"], world.kim_xa): "5"})
    response = world.client("mttq").post(
        reverse("reporting:report_step", args=[report.pk, "submit"])
    )
    assert response.status_code == 302
    assert api("mttq").get(f"/reports/{report.pk}").json()["status"] == "submitted"
    refused = api("thuongtruc").post(f"/reports/{report.pk}/return", {"note": ""})
    assert refused.status_code == 409 and refused.json()["code"] == "note_required"
    returned = api("thuongtruc").post(f"/reports/{report.pk}/return", {"note": "Thiếu số liệu"})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert "Bị trả lại" in _page(world, "mttq", form, world.mttq)


def test_bulk_values_are_all_or_nothing_with_a_reason_per_value(world, api, ind, form):
    report = fill(world, form, world.mttq, "2022M03", {(ind["LUOT"], world.kim_xa): "5"})
    response = api("mttq").put(
        f"/reports/{report.pk}/values",
        {
            "values": [
                {"indicator": ind["LUOT"].pk, "unit": world.kim_xa.pk, "value": "7"},
                {"indicator": ind["MET"].pk, "unit": world.kim_xa.pk, "value": "1.5"},
                {"indicator": ind["LUOT"].pk, "unit": world.tich_son.pk, "value": "-3"},
                {"indicator": ind["MOHINH"].pk, "unit": world.kim_xa.pk, "value": "1"},
            ]
        },
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_values"
    assert body["message"] == "Có số liệu sai; chưa lưu gì."
    wrong = {(e["indicator"], e["unit"]) for e in body["errors"]}
    assert wrong == {
        (ind["MET"].pk, world.kim_xa.pk),
        (ind["LUOT"].pk, world.tich_son.pk),
        (ind["MOHINH"].pk, world.kim_xa.pk),
    }
    assert all(e["message"] for e in body["errors"])
    # Nothing was stored, not even the good figure.
    assert [format(v.value.normalize(), "f") for v in Value.objects.all()] == ["5"]


def test_a_rule_of_the_form_is_checked_and_a_stale_version_is_a_conflict(world, api, ind, form):
    report = fill(world, form, world.mttq, "2022M03", {(ind["LUOT"], world.kim_xa): "5"})
    broken = api("mttq").put(
        f"/reports/{report.pk}/values",
        {"values": [{"indicator": ind["NGAYCONG"].pk, "unit": world.kim_xa.pk, "value": 1}]},
    )
    assert broken.status_code == 422 and broken.json()["code"] == "invalid_values"
    stale = api("mttq").put(
        f"/reports/{report.pk}/values",
        {
            "version": report.version - 1 if report.version > 1 else 99,
            "values": [{"indicator": ind["LUOT"].pk, "unit": world.kim_xa.pk, "value": 6}],
        },
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"


def test_values_are_removed_by_null(world, api, ind, form):
    report = fill(world, form, world.mttq, "2022M03", {(ind["LUOT"], world.kim_xa): "5"})
    response = api("mttq").put(
        f"/reports/{report.pk}/values",
        {"values": [{"indicator": ind["LUOT"].pk, "unit": world.kim_xa.pk, "value": None}]},
    )
    assert response.status_code == 200 and response.json()["values"] == []


def test_refusals_follow_the_pages_rules(world, api, ind, form):
    report = fill(world, form, world.mttq, "2022M03", {(ind["LUOT"], world.kim_xa): "5"})
    # Another member does not even learn that it exists.
    for path in (f"/reports/{report.pk}", f"/reports/{report.pk}/values"):
        answer = api("hoinongdan").get(path)
        assert answer.status_code == 404 and answer.json()["code"] == "not_found"
    assert api("hoinongdan").post(f"/reports/{report.pk}/submit").status_code == 404
    # A member cannot approve its own report; the viewer cannot see a draft.
    services.submit_report(report, acting_user=world.users["mttq"])
    answer = api("mttq").post(f"/reports/{report.pk}/approve")
    assert answer.status_code == 403 and answer.json()["code"] == "forbidden"
    assert api("xem").get(f"/reports/{report.pk}").status_code == 404
    # An approved report is locked.
    services.approve_report(report, acting_user=world.thuongtruc)
    locked = api("thuongtruc").put(
        f"/reports/{report.pk}/values",
        {"values": [{"indicator": ind["LUOT"].pk, "unit": world.kim_xa.pk, "value": 6}]},
    )
    assert locked.status_code == 409 and locked.json()["code"] == "locked"
    # A member cannot open a report of another organisation.
    other = api("mttq").post(
        "/reports", {"form": form.pk, "organization": world.hnd.pk, "period": "2022M04"}
    )
    assert other.status_code == 403
    wrong_period = api("mttq").post(
        "/reports", {"form": form.pk, "organization": world.mttq.pk, "period": "2022X"}
    )
    assert wrong_period.status_code == 422 and wrong_period.json()["code"] == "invalid_period"


def test_the_list_is_scoped_and_filtered(world, api, ind, form):
    mine = fill(world, form, world.mttq, "2022M03", {(ind["LUOT"], world.kim_xa): "5"})
    fill(world, form, world.mttq, "2023M01", {(ind["LUOT"], world.kim_xa): "5"})
    theirs = fill(world, form, world.hnd, "2022M03", {(ind["LUOT"], world.kim_xa): "5"})
    services.submit_report(theirs, acting_user=world.thuongtruc)

    def ids(persona, **query):
        response = api(persona).get("/reports", **query)
        assert response.status_code == 200, response.content
        return {r["id"] for r in response.json()["items"]}

    assert mine.pk in ids("mttq") and theirs.pk not in ids("mttq")
    assert len(ids("thuongtruc")) == 3
    assert ids("thuongtruc", year=2022) == {mine.pk, theirs.pk}
    assert ids("thuongtruc", status="submitted") == {theirs.pk}
    assert ids("thuongtruc", organization=world.mttq.pk, period="2022M03") == {mine.pk}
    assert ids("xem") == set()  # a viewer sees approved reports only
    page = api("thuongtruc").get("/reports", page_size=2, ordering="period").json()
    assert page["count"] == 3 and len(page["items"]) == 2
    assert page["items"][0]["period"] == "2022M03"
    assert api("thuongtruc").get("/reports", ordering="nonsense").status_code == 422


def test_the_catalogue_reads_and_the_office_writes_indicators(world, api, ind, form):
    listed = api("mttq").get("/indicators", q="ngay cong").json()
    assert [i["code"] for i in listed["items"]] == ["NGAYCONG"]
    detail = api("mttq").get(f"/report-forms/{form.pk}").json()
    assert detail["indicator_ids"] == [ind["LUOT"].pk, ind["NGAYCONG"].pk, ind["MET"].pk]
    assert set(detail["organization_ids"]) == {world.mttq.pk, world.hnd.pk}
    assert api("mttq").get("/report-forms", organization=world.hnd.pk).json()["count"] == 1
    refused = api("mttq").patch(f"/indicators/{ind['LUOT'].pk}", {"name": "Khác"})
    assert refused.status_code == 403
    changed = api("thuongtruc").patch(f"/indicators/{ind['LUOT'].pk}", {"name": "Lượt tham gia"})
    assert changed.status_code == 200 and changed.json()["name"] == "Lượt tham gia"
    assert changed.json()["measure_unit"] == "lượt"  # the rest is kept
    invalid = api("thuongtruc").patch(f"/indicators/{ind['LUOT'].pk}", {"measure_unit": "kg?"})
    assert invalid.status_code == 422 and "measure_unit" in invalid.json()["errors"]


def test_figures_come_from_the_figures_service_within_what_the_caller_sees(world, api, ind, form):
    from danvan.reporting.tests.helpers import approved

    approved(world, form, world.mttq, "2022M03", {(ind["LUOT"], world.kim_xa): "5"})
    approved(world, form, world.hnd, "2022M03", {(ind["LUOT"], world.tich_son): "7"})
    response = api("thuongtruc").get(
        "/figures", indicators=["LUOT"], period="2022", group_by=["district", "indicator"]
    )
    assert response.status_code == 200, response.content
    rows = {r["district_name"]: r["value"] for r in response.json()["rows"]}
    assert rows == {"Huyện Vĩnh Tường": "5", "Thành phố Vĩnh Yên": "7"}
    total = api("xem").get("/figures", indicators=[str(ind["LUOT"].pk)], period="2022M03")
    assert [r["value"] for r in total.json()["rows"]] == ["12"]
    bad = api("thuongtruc").get("/figures", group_by=["district"], regroup_2025=True)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_grouping"
    assert api("thuongtruc").get("/figures", period="x").status_code == 422


def test_completeness_answers_as_its_page_does(world, api, ind, form):
    """Who has sent a form's report for a period, on time or not, approved or not: the same
    organisations and counts as the page Tình hình gửi báo cáo."""
    report = fill(world, form, world.hnd, "2022M03", {(ind["LUOT"], world.kim_xa): "5"})
    report = services.submit_report(report, acting_user=world.thuongtruc)
    services.approve_report(report, acting_user=world.thuongtruc)
    fill(world, form, world.mttq, "2022M03", {(ind["LUOT"], world.kim_xa): "2"})

    answer = api("mttq").get(f"/report-forms/{form.pk}/completeness", period="2022M03")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    page = world.client("mttq").get(
        reverse("reporting:completeness"), {"form": form.pk, "period": "2022M03"}
    )
    for key in ("expected", "sent", "on_time", "approved"):
        assert body[key] == page.context[key], key
    assert (body["period"], body["expected"], body["sent"], body["approved"]) == (
        "2022M03",
        len(body["rows"]),
        1,
        1,
    )
    states = {row["organization_id"]: row["status"] for row in body["rows"]}
    assert states[world.hnd.pk] == "approved" and states[world.mttq.pk] == "draft"
    assert all(row["overdue"] for row in body["rows"] if row["status"] in ("draft", "missing"))

    opening = api("mttq").get(f"/report-forms/{form.pk}/completeness")
    assert opening.status_code == 200
    assert opening.json()["period"] == services.opening_period(form).code


def test_completeness_refuses_a_period_of_another_kind(world, api, form):
    quarter = api("mttq").get(f"/report-forms/{form.pk}/completeness", period="2022Q1")
    assert quarter.status_code == 422 and quarter.json()["code"] == "invalid_period"
    assert "2022Q1" not in quarter.json()["message"] and "tháng" in quarter.json()["message"]
    garbled = api("mttq").get(f"/report-forms/{form.pk}/completeness", period="2022X9")
    assert garbled.status_code == 422 and garbled.json()["code"] == "invalid_period"
    unknown = api("mttq").get("/report-forms/999999/completeness")
    assert unknown.status_code == 404


def test_the_office_writes_report_forms_as_on_their_page(world, api, ind, form):
    """A report form made and changed through the API: the page's form checks it, its
    indicators follow the catalogue's order, the rest of a change is kept, officers are refused,
    and the change is audited as the caller."""
    from danvan.reporting.models import ReportForm

    made = api("thuongtruc").post(
        "/report-forms",
        {
            "code": "BC-QUY",
            "name": "Báo cáo quý",
            "period_type": "quarter",
            "by_commune": False,
            "deadline_days": 10,
            "reminder_days": 3,
            "indicators": [ind["MET"].pk, ind["LUOT"].pk],
            "organizations": [world.mttq.pk],
        },
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["indicator_ids"] == [ind["LUOT"].pk, ind["MET"].pk]
    assert body["organization_ids"] == [world.mttq.pk]
    on_page = world.client("thuongtruc").get(
        ReportForm.objects.get(pk=body["id"]).get_absolute_url()
    )
    assert "Báo cáo quý" in on_page.content.decode()

    renamed = api("thuongtruc").patch(f"/report-forms/{body['id']}", {"name": "Báo cáo quý mới"})
    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["indicator_ids"] == [ind["LUOT"].pk, ind["MET"].pk]  # kept
    assert renamed.json()["period_type"] == "quarter"
    entry = LogEntry.objects.get_for_object(ReportForm.objects.get(pk=body["id"])).first()
    assert entry.actor == world.thuongtruc

    empty = api("thuongtruc").patch(f"/report-forms/{body['id']}", {"indicators": []})
    assert empty.status_code == 422 and "indicators" in empty.json()["errors"]
    wrong = api("thuongtruc").post("/report-forms", {"code": "X", "period_type": "week"})
    assert wrong.status_code == 422
    assert {"name", "period_type", "indicators"} <= set(wrong.json()["errors"])
    assert api("mttq").post("/report-forms", {"code": "Y"}).status_code == 403
    assert api("mttq").patch(f"/report-forms/{form.pk}", {"name": "Z"}).status_code == 403
    assert ReportForm.objects.filter(code__in=["X", "Y"]).count() == 0
