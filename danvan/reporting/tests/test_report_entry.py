"""The data-entry grid page: plain form POST (no JavaScript needed)."""

import pytest
from django.urls import reverse

from danvan.reporting import services
from danvan.reporting.grid import comment_name, value_name
from danvan.reporting.models import Report, Value
from danvan.reporting.tests.helpers import fill, make_form, make_indicators


@pytest.fixture
def ind(world):
    return make_indicators(world)


@pytest.fixture
def form(world, ind):
    return make_form(world, ind)


def _url(form, org, period="2022M03"):
    return reverse("reporting:report_entry", args=[form.pk, org.pk, period])


def test_it_shows_the_grid_of_communes_by_district(world, form):
    body = world.client("hoinongdan").get(_url(form, world.hnd)).content.decode()
    assert "Tháng 03/2022" in body
    assert (
        body.index("Huyện Vĩnh Tường") < body.index("Xã Kim Xá") < body.index("Thành phố Vĩnh Yên")
    )
    assert body.index("Thành phố Vĩnh Yên") < body.index("Phường Tích Sơn")
    assert "Lưu" in body and "Gửi duyệt" in body and "Tải mẫu Excel" in body
    assert not Report.objects.exists()  # looking creates nothing


def test_it_saves_typed_figures_and_comments(world, ind, form):
    client = world.client("hoinongdan")
    response = client.post(
        _url(form, world.hnd),
        {
            value_name(ind["LUOT"].pk, world.kim_xa.pk): "1.234",
            value_name(ind["NGAYCONG"].pk, world.kim_xa.pk): "1.300",
            comment_name(ind["NGAYCONG"].pk, world.kim_xa.pk): "Ra quân đợt 1",
            value_name(ind["MET"].pk, world.tich_son.pk): "150,5",
            value_name(ind["MET"].pk, world.kim_xa.pk): "",
            "version": "",
            "save": "1",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Report.DRAFT
    assert {(v.indicator.code, format(v.value.normalize(), "f")) for v in Value.objects.all()} == {
        ("LUOT", "1234"),
        ("NGAYCONG", "1300"),
        ("MET", "150.5"),
    }
    body = client.get(_url(form, world.hnd)).content.decode()
    assert 'value="1.234"' in body and 'value="150,5"' in body and "Ra quân đợt 1" in body


def test_a_wrong_figure_is_marked_in_place_and_nothing_is_stored(world, ind, form):
    client = world.client("hoinongdan")
    response = client.post(
        _url(form, world.hnd),
        {
            value_name(ind["LUOT"].pk, world.kim_xa.pk): "12",
            value_name(ind["MET"].pk, world.kim_xa.pk): "1.5",
            "save": "1",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="1.5"' in body and 'value="12"' in body  # what was typed is kept
    assert 'aria-invalid="true"' in body
    assert "không đúng cách viết số của Việt Nam" in body
    assert "chưa lưu gì" in body
    assert not Report.objects.exists() and not Value.objects.exists()


def test_sending_saves_first(world, ind, form):
    client = world.client("hoinongdan")
    response = client.post(
        _url(form, world.hnd),
        {value_name(ind["MET"].pk, world.kim_xa.pk): "3", "send": "1"},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Report.SUBMITTED and report.values.count() == 1


def test_a_stale_page_keeps_what_was_typed(world, ind, form):
    report = fill(world, form, world.hnd, "2022M03", {(ind["MET"], world.kim_xa): "1"})
    client = world.client("hoinongdan")
    response = client.post(
        _url(form, world.hnd),
        {value_name(ind["MET"].pk, world.kim_xa.pk): "9", "version": "1", "save": "1"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "đã được người khác lưu" in body
    assert 'value="9"' in body
    report.refresh_from_db()
    assert report.values.get().value == 1


def test_it_rejects_wrong_methods(world, form):
    assert world.client("hoinongdan").put(_url(form, world.hnd)).status_code == 405


def test_another_organisation_gets_404_and_a_viewer_cannot_post(world, ind, form):
    assert world.client("mttq").get(_url(form, world.hnd)).status_code == 404
    assert world.client("mttq").post(_url(form, world.hnd), {}).status_code == 404
    assert world.client("vinhtuong").get(_url(form, world.hnd)).status_code == 404
    # A leader sees every report but does not enter figures.
    response = world.client("truongban").post(
        _url(form, world.hnd), {value_name(ind["MET"].pk, world.kim_xa.pk): "3"}
    )
    assert response.status_code == 403
    assert not Value.objects.exists()


def test_an_unknown_period_or_organisation_is_404(world, form):
    client = world.client("thuongtruc")
    assert client.get(_url(form, world.hnd, "2022Q1")).status_code == 404
    assert client.get(_url(form, world.hnd, "hôm nay")).status_code == 404
    assert client.get(_url(form, world.tinh_doan)).status_code == 404


def test_an_approved_report_is_shown_locked(world, ind, form):
    report = fill(world, form, world.hnd, "2022M03", {(ind["MET"], world.kim_xa): "1"})
    report = services.submit_report(report, acting_user=world.thuongtruc)
    services.approve_report(report, acting_user=world.thuongtruc)
    client = world.client("hoinongdan")
    body = client.get(_url(form, world.hnd)).content.decode()
    assert "đã khóa" in body and 'name="save"' not in body
    response = client.post(_url(form, world.hnd), {value_name(ind["MET"].pk, world.kim_xa.pk): "2"})
    assert response.status_code == 302
    assert Value.objects.get().value == 1
    # A viewer sees approved figures.
    assert world.client("xem").get(_url(form, world.hnd)).status_code == 200


def test_the_grid_runs_in_a_fixed_number_of_queries(
    world, ind, form, django_assert_max_num_queries
):
    from danvan.geo.models import AdminUnit

    for i in range(30):
        AdminUnit.objects.create(
            structure=AdminUnit.LEGACY,
            level=AdminUnit.COMMUNE,
            code=f"9{i:04d}",
            name=f"Xã Thử {i}",
            short_name=f"Thử {i}",
            kind="Xã",
            parent=world.vinh_yen,
        )
    fill(
        world,
        form,
        world.hnd,
        "2022M03",
        {
            (ind["MET"], world.kim_xa): "1",
            (ind["LUOT"], world.tich_son): "2",
            (ind["NGAYCONG"], world.tich_son): "2",
        },
    )
    client = world.client("hoinongdan")
    with django_assert_max_num_queries(20):
        assert client.get(_url(form, world.hnd)).status_code == 200
