"""Search ignores case and diacritics (đ folded to d) on SQLite and PostgreSQL alike: the suite
runs on both in CI."""

from django.urls import reverse

from danvan.orgs.models import Organization


def test_it_finds_dang_without_diacritics(world):
    Organization.objects.create(name="Đảng ủy Khối cơ quan tỉnh", kind=Organization.PARTY_BOARD)
    response = world.client("thuongtruc").get(reverse("core:search"), {"q": "dang uy"})
    assert response.status_code == 200
    assert "Đảng ủy Khối cơ quan tỉnh" in response.content.decode()


def test_it_finds_by_any_case_and_accent(world):
    for query in ["VĨNH TƯỜNG", "vinh tuong", "Vinh Tuong"]:
        body = world.client("mttq").get(reverse("core:search"), {"q": query}).content.decode()
        assert "Huyện Vĩnh Tường" in body, query


def test_results_are_grouped_by_kind(world):
    body = world.client("mttq").get(reverse("core:search"), {"q": "vinh tuong"}).content.decode()
    # The district as an organisation and as an administrative unit, each under its heading.
    assert body.count("Huyện Vĩnh Tường") >= 2
    assert body.index("Đơn vị") < body.index("Đơn vị hành chính")


def test_an_unknown_word_finds_nothing(world):
    body = world.client("mttq").get(reverse("core:search"), {"q": "khongtontai"}).content.decode()
    assert "Không tìm thấy" in body


def test_it_requires_sign_in(world):
    response = world.client(None).get(reverse("core:search"), {"q": "dang"})
    assert response.status_code == 302
