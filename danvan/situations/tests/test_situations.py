from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.core.workflow import WorkflowError
from danvan.situations import services
from danvan.situations.models import Situation, SituationAction
from danvan.situations.tests.factories import make_situation


def _form(world, **overrides):
    data = {
        "title": "Khiếu nại đông người về ô nhiễm môi trường",
        "kind": Situation.COMPLAINT,
        "unit": world.kim_xa.pk,
        "occurred_on": "12/04/2022",
        "severity": Situation.VERY_COMPLEX,
        "description": "Nhiều hộ dân kiến nghị về mùi từ cơ sở chăn nuôi.",
        "organization": world.mttq.pk,
        "involved": [world.hnd.pk, world.org_vinh_tuong.pk],
    }
    data.update(overrides)
    return data


def test_it_records_a_situation(world):
    client = world.client("mttq")
    response = client.post(reverse("situations:situation_create"), _form(world))
    assert response.status_code == 302, response.context["form"].errors
    situation = Situation.objects.get()
    assert situation.status == Situation.NEW
    assert situation.occurred_on == date(2022, 4, 12)
    assert not situation.is_confidential
    assert "Phạm Thị Hồng" in client.get(situation.get_absolute_url()).content.decode()


def test_a_member_reports_only_for_itself_and_a_viewer_not_at_all(world):
    response = world.client("hoinongdan").post(reverse("situations:situation_create"), _form(world))
    assert response.status_code == 200 and "organization" in response.context["form"].errors
    response = world.client("xem").post(reverse("situations:situation_create"), _form(world))
    assert response.status_code == 403
    assert not Situation.objects.exists()


def test_actions_are_logged_by_those_involved_and_start_the_handling(world):
    situation = make_situation(world, involved=[world.hnd])
    client = world.client("hoinongdan")
    response = client.post(
        reverse("situations:action_create", args=[situation.pk]),
        {
            "on": "15/05/2022",
            "action": "Hội Nông dân xã gặp gỡ hai hộ",
            "result": "Hai hộ đồng ý hòa giải",
        },
    )
    assert response.status_code == 302
    entry = SituationAction.objects.get()
    assert entry.organization == world.hnd and entry.result == "Hai hộ đồng ý hòa giải"
    situation.refresh_from_db()
    assert situation.status == Situation.HANDLING
    page = client.get(situation.get_absolute_url()).content.decode()
    assert "Hai hộ đồng ý hòa giải" in page


def test_an_uninvolved_member_cannot_log_an_action(world):
    situation = make_situation(world)
    response = world.client("hoinongdan").post(
        reverse("situations:action_create", args=[situation.pk]),
        {"on": "15/05/2022", "action": "X"},
    )
    assert response.status_code == 403
    assert not SituationAction.objects.exists()


def test_an_action_before_the_situation_arose_is_refused(world):
    situation = make_situation(world)
    world.client("mttq").post(
        reverse("situations:action_create", args=[situation.pk]),
        {"on": "01/01/2022", "action": "X"},
    )
    assert not SituationAction.objects.exists()


def test_it_goes_to_resolution_with_a_note_and_can_be_reopened(world):
    situation = make_situation(world)
    client = world.client("mttq")
    step = lambda action: reverse("situations:situation_step", args=[situation.pk, action])  # noqa: E731
    assert client.post(step("start")).status_code == 302
    client.post(step("resolve"), {"note": ""})
    situation.refresh_from_db()
    assert situation.status == Situation.HANDLING  # a resolution needs its note
    client.post(step("resolve"), {"note": "Hai hộ đã thống nhất ranh giới"})
    situation.refresh_from_db()
    assert situation.status == Situation.RESOLVED
    assert situation.resolution == "Hai hộ đã thống nhất ranh giới"
    assert situation.resolved_on is not None
    with pytest.raises(WorkflowError):
        services.log_action(
            situation, acting_user=world.users["mttq"], on=date(2022, 6, 1), action="X"
        )
    client.post(step("reopen"), {"note": "Phát sinh khiếu nại mới"})
    situation.refresh_from_db()
    assert situation.status == Situation.HANDLING and situation.resolved_on is None


def test_the_wrong_state_is_refused(world):
    situation = make_situation(world)
    with pytest.raises(WorkflowError):
        services.reopen_situation(situation, acting_user=world.users["mttq"], note="x")


def test_an_involved_member_may_not_close_it(world):
    situation = make_situation(world, involved=[world.hnd], status=Situation.HANDLING)
    response = world.client("hoinongdan").post(
        reverse("situations:situation_step", args=[situation.pk, "resolve"]), {"note": "Xong"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.resolve_situation(situation, acting_user=world.users["xem"], note="Xong")


def test_an_unknown_step_is_404(world):
    situation = make_situation(world)
    response = world.client("mttq").post(
        reverse("situations:situation_step", args=[situation.pk, "delete"])
    )
    assert response.status_code == 404


def test_it_filters_by_kind_status_district_and_year(world):
    make_situation(world, title="A")
    make_situation(world, title="B", kind=Situation.DISASTER, unit=world.tich_son)
    make_situation(world, title="C", status=Situation.RESOLVED, occurred_on=date(2021, 8, 1))
    make_situation(world, title="D", unit=world.vinh_tuong)
    client = world.client("xem")

    def titles(**query):
        return sorted(
            s.title for s in client.get(reverse("situations:index"), query).context["page"]
        )

    assert titles(kind=Situation.DISASTER) == ["B"]
    assert titles(status=Situation.RESOLVED) == ["C"]
    assert titles(district=world.vinh_tuong.pk) == ["A", "C", "D"]
    assert titles(year=2021) == ["C"]
    counts = client.get(reverse("situations:index")).context["counts"]
    assert counts["total"] == 4
    assert dict(counts["by_kind"])[Situation.KINDS[0][1]] == 3


def test_the_list_query_count_is_constant(world, django_assert_max_num_queries):
    # Pinned as measured with two rows: thirty must not cost one query more.
    client = world.client("hoinongdan")
    for i in range(2):
        make_situation(world, title=f"Vụ việc {i}", involved=[world.hnd], is_confidential=i == 0)
    pinned = {}
    for name in ("situations:index", "situations:export"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        pinned[name] = len(queries)
    for i in range(2, 30):
        make_situation(
            world, title=f"Vụ việc {i}", involved=[world.hnd], is_confidential=i % 3 == 0
        )
    for name, count in pinned.items():
        with django_assert_max_num_queries(count):
            assert client.get(reverse(name)).status_code == 200
