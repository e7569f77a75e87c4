"""The figures service against totals computed by hand (see the table in `figures_world`)."""

from datetime import date
from decimal import Decimal

import pytest

from danvan.core.periods import Period
from danvan.reporting import services
from danvan.reporting.figures import FiguresError, figures
from danvan.reporting.tests.helpers import approved, fill, make_form, make_indicators


@pytest.fixture
def fw(world):
    """
    HND by commune (tt = TT Vĩnh Tường, kim = Kim Xá, both Vĩnh Tường; tich = Tích Sơn, Vĩnh Yên):
      2022M01 approved  LUOT tt 10, kim 20, tich 5 · NGAYCONG tt 12, kim 20, tich 5 · MET kim 150,5
      2022M02 approved  LUOT tt 7, tich 3 · NGAYCONG tt 7, tich 4
      2022M03 sent      LUOT tt 100 · NGAYCONG tt 100 (not approved)
    MTTQ by commune: 2022M01 approved LUOT kim 1, NGAYCONG kim 1
    Whole organisation, MOHINH (latest): HND M01 3, M02 5, M03 6; MTTQ M01 2 (all approved)
    """
    ind = make_indicators(world)
    form = make_form(world, ind)
    whole = make_form(world, ind, code="BC-DV", codes=("MOHINH",), by_commune=False)
    L, N, M = ind["LUOT"], ind["NGAYCONG"], ind["MET"]
    tt, kim, tich = world.tt_vinh_tuong, world.kim_xa, world.tich_son
    approved(
        world,
        form,
        world.hnd,
        "2022M01",
        {
            (L, tt): "10",
            (L, kim): "20",
            (L, tich): "5",
            (N, tt): "12",
            (N, kim): "20",
            (N, tich): "5",
            (M, kim): "150,5",
        },
    )
    approved(
        world, form, world.hnd, "2022M02", {(L, tt): "7", (L, tich): "3", (N, tt): 7, (N, tich): 4}
    )
    sent = fill(world, form, world.hnd, "2022M03", {(L, tt): "100", (N, tt): "100"})
    services.submit_report(sent, acting_user=world.thuongtruc)
    approved(world, form, world.mttq, "2022M01", {(L, kim): "1", (N, kim): "1"})
    mh = ind["MOHINH"]
    for code, n in (("2022M01", 3), ("2022M02", 5), ("2022M03", 6)):
        approved(world, whole, world.hnd, code, {(mh, None): n})
    approved(world, whole, world.mttq, "2022M01", {(mh, None): 2})
    return ind


def _by(rows, *keys):
    return {tuple(r[k] for k in keys) if len(keys) > 1 else r[keys[0]]: r["value"] for r in rows}


def test_it_sums_by_indicator_over_approved_reports_only(fw):
    rows = figures(start=date(2022, 1, 1), end=date(2022, 3, 31), group_by=["indicator"])
    totals = {r["indicator_code"]: r["value"] for r in rows}
    assert totals == {
        "LUOT": Decimal(46),
        "NGAYCONG": Decimal(49),
        "MET": Decimal("150.5"),
        "MOHINH": Decimal(8),  # HND's latest (6, March) + MTTQ's latest (2, January)
    }
    luot = next(r for r in rows if r["indicator_code"] == "LUOT")
    assert luot["measure_unit"] == "lượt" and luot["count"] == 6
    assert [r["indicator_code"] for r in rows] == ["LUOT", "NGAYCONG", "MET", "MOHINH"]


def test_it_can_include_figures_not_yet_approved(fw):
    rows = figures(indicators=["LUOT"], period=Period.parse("2022Q1"), approved_only=False)
    assert rows[0]["value"] == Decimal(146)


def test_it_groups_by_district_and_province(world, fw):
    rows = figures(indicators=["LUOT"], period=Period.parse("2022"), group_by=["district"])
    assert [(r["district_name"], r["value"]) for r in rows] == [
        ("Huyện Vĩnh Tường", Decimal(38)),
        ("Thành phố Vĩnh Yên", Decimal(8)),
    ]
    rows = figures(indicators=["LUOT"], period=Period.parse("2022"), group_by=["province"])
    assert _by(rows, "province") == {world.province.pk: Decimal(46)}


def test_it_groups_by_commune_and_month(world, fw):
    rows = figures(indicators=["LUOT"], period=Period.parse("2022"), group_by=["month", "commune"])
    assert [(r["month"], r["commune_name"], r["value"]) for r in rows] == [
        ("2022M01", "Xã Kim Xá", Decimal(21)),
        ("2022M01", "Phường Tích Sơn", Decimal(5)),
        ("2022M01", "Thị trấn Vĩnh Tường", Decimal(10)),
        ("2022M02", "Phường Tích Sơn", Decimal(3)),
        ("2022M02", "Thị trấn Vĩnh Tường", Decimal(7)),
    ]
    assert rows[0]["month_start"] == date(2022, 1, 1)


def test_latest_values_are_taken_per_time_bucket(fw):
    rows = figures(indicators=["MOHINH"], period=Period.parse("2022"), group_by=["month"])
    assert _by(rows, "month") == {"2022M01": 5, "2022M02": 5, "2022M03": 6}
    rows = figures(indicators=["MOHINH"], period=Period.parse("2022"), group_by=["quarter"])
    assert _by(rows, "quarter") == {"2022Q1": 8}
    rows = figures(indicators=["MOHINH"], period=Period.parse("2022"), group_by=["organization"])
    assert [(r["organization_name"], r["value"]) for r in rows] == [
        ("Hội Nông dân tỉnh", 6),
        ("Ủy ban MTTQ tỉnh", 2),
    ]
    rows = figures(indicators=["MOHINH"], start=date(2022, 1, 1), end=date(2022, 2, 28))
    assert rows[0]["value"] == 7  # HND's February 5 + MTTQ's January 2


def test_only_whole_periods_inside_the_range_count(fw):
    rows = figures(indicators=["LUOT"], start=date(2022, 1, 1), end=date(2022, 2, 27))
    assert rows[0]["value"] == 36
    assert figures(indicators=["LUOT"], start=date(2022, 4, 1), end=date(2022, 12, 31)) == []


def test_it_groups_by_area_half_and_year(world, fw):
    rows = figures(period=Period.parse("2022"), group_by=["area"])
    by_area = {r["area_name"]: r["value"] for r in rows}
    assert by_area == {
        "Xây dựng nông thôn mới, đô thị văn minh": Decimal("245.5"),
        "": Decimal(8),
    }
    rows = figures(indicators=["LUOT"], period=Period.parse("2022"), group_by=["half", "year"])
    assert [(r["half"], r["year"], r["value"]) for r in rows] == [("2022S1", "2022", 46)]


def test_it_filters_by_organisation_unit_area_and_form(world, fw):
    assert figures(indicators=["LUOT"], organizations=[world.mttq])[0]["value"] == 1
    assert figures(indicators=["LUOT"], units=[world.vinh_yen])[0]["value"] == 8
    assert figures(indicators=["LUOT"], units=[world.kim_xa])[0]["value"] == 21
    assert figures(areas=["nong-thon-moi"], group_by=[])[0]["value"] == Decimal("245.5")
    assert figures(forms=["BC-DV"], group_by=[])[0]["value"] == 8


def test_legacy_communes_regroup_onto_2025_units(world, fw):
    rows = figures(
        indicators=["LUOT"],
        period=Period.parse("2022"),
        group_by=["commune"],
        regroup_2025=True,
    )
    assert [(r["commune_name"], r["value"]) for r in rows] == [
        ("Phường Vĩnh Phúc", Decimal(8)),
        ("Xã Vĩnh Tường", Decimal(38)),
    ]
    rows = figures(period=Period.parse("2022"), group_by=["province"], regroup_2025=True)
    assert [(r["province_name"], r["value"]) for r in rows] == [("Tỉnh Phú Thọ", Decimal("253.5"))]
    # A 2025 unit as a filter reaches the legacy communes that passed to it.
    assert figures(indicators=["LUOT"], units=[world.new_vinh_tuong])[0]["value"] == 38
    with pytest.raises(FiguresError):
        figures(group_by=["district"], regroup_2025=True)


def test_it_scopes_to_what_a_user_may_see(world, fw):
    rows = figures(indicators=["LUOT"], approved_only=False, user=world.users["mttq"])
    assert rows[0]["value"] == 1


def test_it_runs_in_a_fixed_number_of_queries(fw, django_assert_max_num_queries):
    # The stamp, the "latest" indicators, the summed figures, the latest figures, then one
    # query per kind of label (units, organisations, indicators).
    with django_assert_max_num_queries(7):
        figures(
            period=Period.parse("2022"), group_by=["district", "organization", "indicator", "month"]
        )
