"""The catalogue: indicators and report forms with their rules (kept by the standing office)."""

from django.urls import reverse

from danvan.core.testing import count_queries
from danvan.reporting.models import Indicator, ReportForm, ValidationRule
from danvan.reporting.tests.helpers import make_form, make_indicators


def test_the_standing_office_adds_an_indicator(world):
    response = world.client("thuongtruc").post(
        reverse("reporting:indicator_create"),
        {
            "code": "RAC-TAN",
            "name": "Rác thải thu gom",
            "measure_unit": "tấn",
            "decimal": "on",
            "aggregation": "sum",
            "area": world.areas["nong-thon-moi"].pk,
            "order": 10,
            "valid_from": "01/01/2022",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="RAC-TAN")
    assert indicator.decimal and indicator.valid_from.isoformat() == "2022-01-01"
    body = world.client("xem").get(reverse("reporting:indicator_list")).content.decode()
    assert "Rác thải thu gom" in body and "tấn" in body and "Danh mục" in body


def test_a_unit_outside_the_list_is_refused(world):
    response = world.client("thuongtruc").post(
        reverse("reporting:indicator_create"),
        {"code": "X", "name": "X", "measure_unit": "gallon", "aggregation": "sum", "order": 1},
    )
    assert response.status_code == 200 and not Indicator.objects.filter(code="X").exists()


def test_a_focal_officer_cannot_edit_the_catalogue(world):
    ind = make_indicators(world)
    client = world.client("hoinongdan")
    assert client.post(reverse("reporting:indicator_create"), {}).status_code == 403
    assert (
        client.post(reverse("reporting:indicator_edit", args=[ind["LUOT"].pk]), {}).status_code
        == 403
    )
    assert client.post(reverse("reporting:form_create"), {}).status_code == 403


def test_the_standing_office_builds_a_form_with_a_rule(world):
    ind = make_indicators(world)
    client = world.client("thuongtruc")
    response = client.post(
        reverse("reporting:form_create"),
        {
            "code": "BC-LLVT",
            "name": "Báo cáo kết quả LLVT tham gia công tác dân vận",
            "period_type": "month",
            "by_commune": "on",
            "deadline_days": 5,
            "reminder_days": 2,
            "indicators": [ind["NGAYCONG"].pk, ind["LUOT"].pk],
            "organizations": [world.chqs.pk],
        },
    )
    assert response.status_code == 302
    form = ReportForm.objects.get(code="BC-LLVT")
    assert [i.code for i in form.ordered_indicators()] == ["LUOT", "NGAYCONG"]
    response = client.post(
        reverse("reporting:rule_create", args=[form.pk]),
        {"left": ind["NGAYCONG"].pk, "operator": ">=", "right": ind["LUOT"].pk},
    )
    assert response.status_code == 302
    rule = ValidationRule.objects.get(form=form)
    body = client.get(form.get_absolute_url()).content.decode()
    assert "Ngày công <strong>≥</strong> Lượt cán bộ" in body
    # Same indicator on both sides is refused.
    client.post(
        reverse("reporting:rule_create", args=[form.pk]),
        {"left": ind["LUOT"].pk, "operator": ">=", "right": ind["LUOT"].pk},
    )
    assert ValidationRule.objects.filter(form=form).count() == 1
    assert (
        world.client("mttq").post(reverse("reporting:rule_delete", args=[rule.pk])).status_code
        == 403
    )
    assert client.post(reverse("reporting:rule_delete", args=[rule.pk])).status_code == 302
    assert not ValidationRule.objects.exists()


def test_editing_a_form_changes_its_indicators(world):
    ind = make_indicators(world)
    form = make_form(world, ind, rule=False)
    response = world.client("thuongtruc").post(
        reverse("reporting:form_edit", args=[form.pk]),
        {
            "code": form.code,
            "name": form.name,
            "period_type": "month",
            "by_commune": "on",
            "deadline_days": 10,
            "reminder_days": 3,
            "indicators": [ind["MET"].pk],
            "organizations": [world.hnd.pk],
        },
    )
    assert response.status_code == 302
    form.refresh_from_db()
    assert [i.code for i in form.ordered_indicators()] == ["MET"] and form.deadline_days == 10


def test_the_catalogue_lists_indicators_and_forms(world):
    body = world.client("mttq").get(reverse("orgs:catalog")).content.decode()
    assert reverse("reporting:indicator_list") in body and reverse("reporting:form_list") in body


def test_the_lists_run_in_a_fixed_number_of_queries(world):
    ind = make_indicators(world)
    client = world.client("thuongtruc")
    urls = [reverse("reporting:indicator_list"), reverse("reporting:form_list")]
    before = [count_queries(client, url) for url in urls]
    for i in range(20):
        make_form(world, ind, code=f"F{i}", rule=False)
        Indicator.objects.create(
            code=f"I{i}",
            name=f"Chỉ tiêu {i}",
            measure_unit="lượt",
            area=world.areas["nong-thon-moi"],
        )
    assert [count_queries(client, url) for url in urls] == before
    assert max(before) <= 14  # the list itself, the session and the navigation's counters
