"""Việc chờ tôi: what waits for each role, and the count in the navigation."""

from django.urls import reverse

from danvan.directions import inbox
from danvan.directions.tests.helpers import assigned, forwarded, registered, sent
from danvan.tasks.models import Task
from danvan.tasks.services import report_result


def _count(world, username):
    return {k: v for k, v in inbox.counts(world.users[username]).items() if v}


def test_each_role_finds_what_waits_for_it(world, media):
    sent(world)
    registered(world)
    forwarded(world)
    _proposal, _direction, task = assigned(world)
    assert _count(world, "thuongtruc") == {"register": 1, "advise": 1}
    assert _count(world, "truongban") == {"direct": 1}
    assert _count(world, "hoinongdan") == {"carry_out": 1}
    assert _count(world, "vinhtuong") == {}
    assert _count(world, "xem") == {}
    report_result(task, acting_user=world.hoinongdan, text="Đã xong.")
    assert _count(world, "thuongtruc") == {"register": 1, "advise": 1, "confirm": 1}
    assert _count(world, "hoinongdan") == {}


def test_a_returned_proposal_waits_for_its_sender(world):
    from danvan.directions.services import return_proposal

    return_proposal(sent(world), acting_user=world.thuongtruc, note="Bổ sung.")
    assert _count(world, "vinhtuong") == {"returned": 1}
    assert _count(world, "thuongtruc") == {}


def test_the_navigation_shows_the_count(world):
    sent(world)
    sent(world)
    body = world.client("thuongtruc").get(reverse("directions:index")).content.decode()
    link = body[body.index('href="/directions/"') :]
    link = link[: link.index("</a>")]
    assert "Văn bản - Chỉ đạo" in link and 'title="Đang chờ bạn xử lý">2</span>' in link
    assert "Chờ vào sổ" in body
    other = world.client("mttq").get(reverse("directions:index")).content.decode()
    link = other[other.index('href="/directions/"') :]
    assert "badge" not in link[: link.index("</a>")]


def test_the_inbox_query_count_is_constant(world, django_assert_max_num_queries):
    for _ in range(15):
        sent(world)
    client = world.client("thuongtruc")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("directions:index")).status_code == 200
    assert Task.objects.count() == 0
