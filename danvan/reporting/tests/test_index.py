"""The section's first page: my organisation's periods to fill, and the reports I may see."""

from django.urls import reverse

from danvan.reporting import services
from danvan.reporting.tests.helpers import approved, fill, make_form, make_indicators


def test_it_shows_my_periods_with_their_status(world):
    ind = make_indicators(world)
    form = make_form(world, ind)
    approved(world, form, world.hnd, "2022M01", {(ind["MET"], world.kim_xa): "1"})
    fill(world, form, world.hnd, "2022M02", {(ind["MET"], world.kim_xa): "1"})
    body = (
        world.client("hoinongdan").get(reverse("reporting:index") + "?year=2022").content.decode()
    )
    assert "Báo cáo của đơn vị tôi" in body
    assert reverse("reporting:report_entry", args=[form.pk, world.hnd.pk, "2022M03"]) in body
    assert "chip-approved" in body and "chip-draft" in body and "chip-overdue" in body


def test_each_sees_only_the_reports_in_scope(world):
    ind = make_indicators(world)
    form = make_form(world, ind)
    mttq_draft = fill(world, form, world.mttq, "2022M01", {(ind["MET"], world.kim_xa): "1"})
    hnd_approved = approved(world, form, world.hnd, "2022M01", {(ind["MET"], world.kim_xa): "1"})
    hnd_page = world.client("hoinongdan").get(reverse("reporting:index")).content.decode()
    assert hnd_approved.get_absolute_url() in hnd_page
    assert mttq_draft.get_absolute_url() not in hnd_page
    viewer = world.client("xem").get(reverse("reporting:index")).content.decode()
    assert hnd_approved.get_absolute_url() in viewer and mttq_draft.get_absolute_url() not in viewer
    office = world.client("thuongtruc").get(reverse("reporting:index")).content.decode()
    assert mttq_draft.get_absolute_url() in office


def test_the_waiting_count_shows_in_the_navigation(world):
    ind = make_indicators(world)
    form = make_form(world, ind)
    report = fill(world, form, world.hnd, "2022M01", {(ind["MET"], world.kim_xa): "1"})
    services.submit_report(report, acting_user=world.users["hoinongdan"])
    from danvan.core.sections import waiting_counts

    assert waiting_counts(world.thuongtruc)["reporting"] == 1
    assert waiting_counts(world.users["hoinongdan"])["reporting"] == 0


def test_the_page_runs_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    ind = make_indicators(world)
    forms = [make_form(world, ind, code=f"F{i}", rule=False) for i in range(3)]
    for form in forms:
        for month in range(1, 7):
            fill(world, form, world.hnd, f"2022M{month:02d}", {(ind["MET"], world.kim_xa): "1"})
    client, office = world.client("hoinongdan"), world.client("thuongtruc")
    # Includes one query per count of what waits, in the navigation of every page.
    with django_assert_max_num_queries(16):
        assert client.get(reverse("reporting:index") + "?year=2022").status_code == 200
    with django_assert_max_num_queries(16):
        assert office.get(reverse("reporting:index")).status_code == 200


def test_it_rejects_post(world):
    assert world.client("mttq").post(reverse("reporting:index")).status_code == 405
