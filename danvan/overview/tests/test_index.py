"""Tổng quan: headline figures, charts, map, tasks; the same numbers as the figures service."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytest.importorskip("danvan.reporting.figures", reason="the figures service has not landed")

from danvan.overview.tests import data  # noqa: E402
from danvan.reporting.figures import figures  # noqa: E402

pytestmark = pytest.mark.django_db
URL = reverse("overview:index")


@pytest.fixture
def ind(world):
    return data.figures_2022(world)


def _headlines(response) -> dict:
    return {item["key"]: item["value"] for item in response.context["headlines"]}


def test_it_opens_on_the_latest_year_with_figures(world, ind):
    response = world.client("truongban").get(URL)
    assert response.status_code == 200
    assert response.context["scope"].period.code == "2022"


def test_it_shows_headline_figures_in_words_equal_to_the_service(world, ind):
    response = world.client("truongban").get(URL, {"period": "2022"})
    service = {
        r["indicator_code"]: r["value"]
        for r in figures(group_by=("indicator",), start=date(2022, 1, 1), end=date(2022, 12, 31))
    }
    shown = _headlines(response)
    for code in ("LUOT", "NGAYCONG", "MOHINH"):
        assert shown[code] == service[code] == data.TOTALS[code]
    assert shown["communes"] == 3
    html = response.content.decode()
    assert "lượt cán bộ, chiến sĩ tham gia" in html
    assert "xã, phường, thị trấn" in html


def test_it_draws_the_charts_from_the_same_figures(world, ind):
    response = world.client("truongban").get(URL, {"period": "2022", "indicator": ind["LUOT"].pk})
    charts = {
        c["key"]: dict(zip(c["labels"], c["values"], strict=True))
        for c in response.context["charts"]
    }
    assert charts["districts"] == {k: float(v) for k, v in data.LUOT_BY_DISTRICT.items()}
    assert charts["organizations"] == {k: float(v) for k, v in data.LUOT_BY_ORG.items()}
    assert charts["months"]["01/2022"] == 36 and charts["months"]["02/2022"] == 10
    assert sum(charts["months"].values()) == float(data.TOTALS["LUOT"])
    assert charts["areas"] == {"Xây dựng nông thôn mới, đô thị văn minh": 46.0}
    # The page hands the data to a static script; no inline code.
    html = response.content.decode()
    assert '<script id="dv-charts" type="application/json">' in html
    assert "vendor/plotly/plotly.min.js" in html


def test_it_marks_the_communes_on_the_map(world, ind):
    response = world.client("truongban").get(URL, {"period": "2022", "indicator": ind["LUOT"].pk})
    points = {p["name"]: p for p in response.context["points"]}
    assert points["Xã Kim Xá"]["value"] == 21 and points["Xã Kim Xá"]["count"] == 3
    assert points["Phường Tích Sơn"]["lat"] == pytest.approx(21.31)
    html = response.content.decode()
    assert 'id="dv-points"' in html and "leaflet.js" in html
    assert "tile" not in html.lower()


def test_it_narrows_to_a_district_and_an_organisation(world, ind):
    response = world.client("truongban").get(
        URL, {"period": "2022", "district": world.vinh_tuong.pk, "org": world.hnd.pk}
    )
    assert _headlines(response)["LUOT"] == 37  # HND in Vĩnh Tường: 10 + 20 + 7


def test_it_keeps_the_query_count_constant_as_data_grows(world, ind):
    client = world.client("truongban")
    params = {"period": "2022", "indicator": ind["LUOT"].pk}
    with CaptureQueriesContext(connection) as small:
        client.get(URL, params)
    report_form = ind["LUOT"].forms.first() if hasattr(ind["LUOT"], "forms") else None
    from danvan.reporting.models import ReportForm

    report_form = ReportForm.objects.get(code="BC-XA")
    L, N = ind["LUOT"], ind["NGAYCONG"]
    for month in range(4, 13):
        for org in (world.hnd, world.mttq):
            if org == world.hnd and month == 3:
                continue
            data.report(
                world,
                report_form,
                org,
                f"2022M{month:02d}",
                {(L, world.kim_xa): month, (N, world.tich_son): month, (L, world.tich_son): 1},
            )
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL, params)
    assert _headlines(response)["LUOT"] == 46 + 2 * sum(m + 1 for m in range(4, 13))
    assert len(large) == len(small)
    assert len(large) <= 45


def test_it_says_when_there_is_nothing(world):
    response = world.client("xem").get(URL, {"period": "2021"})
    assert response.status_code == 200
    assert response.context["headlines"] == []


def test_it_refuses_an_unknown_organisation(world, ind):
    assert world.client("truongban").get(URL, {"org": 999999}).status_code == 404
    assert world.client("truongban").get(URL, {"district": "x"}).status_code == 404


def test_it_rejects_post(world):
    assert world.client("truongban").post(URL).status_code == 405


def test_it_serves_plotly_from_the_installed_package(world, client):
    from django.contrib.staticfiles import finders

    path = finders.find("vendor/plotly/plotly.min.js")
    assert path and path.endswith("package_data/plotly.min.js")
    assert json.dumps([])  # json_script needs nothing else
