"""Every overview figure equals the figures service's answer and the hand-computed totals."""

import pytest

pytest.importorskip("danvan.reporting.figures", reason="the figures service has not landed")

from danvan.core.periods import Period  # noqa: E402
from danvan.overview import services  # noqa: E402
from danvan.overview.services import Scope  # noqa: E402
from danvan.overview.tests import data  # noqa: E402
from danvan.reporting.figures import figures  # noqa: E402

pytestmark = pytest.mark.django_db
YEAR = Period.parse("2022")


@pytest.fixture
def ind(world):
    return data.figures_2022(world)


def _service(group_by, **filters):
    filters.setdefault("start", YEAR.start)
    filters.setdefault("end", YEAR.end)
    return figures(group_by=group_by, **filters)


def test_it_totals_each_indicator_as_the_service_and_by_hand(world, ind):
    summary = services.summarize(Scope(YEAR), world.truongban)
    mine = {f.code: f.value for f in summary.totals}
    assert mine == {r["indicator_code"]: r["value"] for r in _service(("indicator",))}
    assert mine == data.TOTALS


def test_it_breaks_the_figures_down_as_the_service_and_by_hand(world, ind):
    summary = services.summarize(Scope(YEAR), world.truongban)
    luot = ind["LUOT"].pk
    for key, expected in (
        ("district", data.LUOT_BY_DISTRICT),
        ("commune", data.LUOT_BY_COMMUNE),
        ("organization", data.LUOT_BY_ORG),
    ):
        breakdown = getattr(summary, f"by_{key}")
        mine = {row["name"]: row["values"][luot] for row in breakdown.rows if luot in row["values"]}
        theirs = {
            r[f"{key}_name"]: r["value"] for r in _service((key,), indicators=[luot]) if r[key]
        }
        assert mine == theirs == expected, key
    months = {
        row["id"]: row["values"][luot] for row in summary.by_month.rows if luot in row["values"]
    }
    assert months == data.LUOT_BY_MONTH
    assert summary.communes_active == 3
    areas = {a["name"]: {f.code: f.value for f in a["figures"]} for a in summary.by_area}
    assert areas["Xây dựng nông thôn mới, đô thị văn minh"] == {"LUOT": 46, "NGAYCONG": 37}


def test_it_narrows_to_a_district_and_an_organisation(world, ind):
    district = services.summarize(Scope(YEAR, district=world.vinh_tuong), world.truongban)
    assert district.total("LUOT").value == 38
    assert (
        district.total("LUOT").value
        == _service(("indicator",), units=[world.vinh_tuong], indicators=["LUOT"])[0]["value"]
    )
    org = services.summarize(Scope(YEAR, organization=world.mttq), world.truongban)
    assert org.total("LUOT").value == 1 and org.total("MOHINH").value == 2


def test_it_narrows_to_a_half_year(world, ind):
    first_half = services.summarize(Scope(Period.parse("2022S1")), world.truongban)
    assert first_half.total("LUOT").value == 46
    second = services.summarize(Scope(Period.parse("2022S2")), world.truongban)
    assert second.totals == []


def test_it_shows_an_officer_only_what_they_may_see(world, ind):
    mttq = services.summarize(Scope(YEAR), world.users["mttq"])
    assert mttq.total("LUOT").value == 1


def test_it_finds_the_latest_year_with_figures(world, ind):
    assert services.latest_year_with_data(world.truongban) == 2022


def test_places_are_the_committees_province_and_totals_everything(world, ind):
    """A figure of a commune in another province (a database shared with other provinces)
    counts in the totals, the organisations and the months, but the district and commune
    breakdowns (map, district chart) stay within the committee's province."""
    from danvan.geo.models import AdminUnit
    from danvan.reporting.models import Report, Value, places

    def unit(level, code, name, parent=None):
        return AdminUnit.objects.create(
            structure=AdminUnit.LEGACY, level=level, code=code, name=name, parent=parent
        )

    province = unit(AdminUnit.PROVINCE, "25", "Tỉnh Phú Thọ")
    district = unit(AdminUnit.DISTRICT, "227", "Thành phố Việt Trì", province)
    commune = unit(AdminUnit.COMMUNE, "07900", "Phường Tiên Cát", district)
    report = Report.objects.filter(status=Report.APPROVED, organization=world.hnd).first()
    value = Value(report=report, indicator=ind["LUOT"], unit=commune, value=1000)
    value.fill_copies(report, places(world.hnd, [commune])[commune.pk])

    # Every figure the province's so far: nothing to narrow, the breakdowns are asked once.
    assert "units" not in services._place_filters(Scope(YEAR), services.province_of_committee())
    value.save()
    assert services._place_filters(Scope(YEAR), services.province_of_committee())["units"] == [
        world.province
    ]

    summary = services.summarize(Scope(YEAR), world.truongban)
    luot = ind["LUOT"].pk
    assert summary.total("LUOT").value == data.TOTALS["LUOT"] + 1000
    assert (
        summary.by_organization.value(world.hnd.pk, luot)
        == data.LUOT_BY_ORG["Hội Nông dân tỉnh"] + 1000
    )
    assert {row["name"] for row in summary.by_district.rows if row["id"]} == set(
        data.LUOT_BY_DISTRICT
    )
    assert {row["name"] for row in summary.by_commune.rows if row["id"]} == set(
        data.LUOT_BY_COMMUNE
    )
    assert summary.communes_active == 3
    # Chosen explicitly, the other province's district is broken down as any other.
    there = services.summarize(Scope(YEAR, district=district), world.truongban)
    assert there.by_commune.value(commune.pk, luot) == 1000
