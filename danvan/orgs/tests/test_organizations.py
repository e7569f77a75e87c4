from datetime import date

from django.urls import reverse

from danvan.core.testing import count_queries
from danvan.orgs.models import Organization


def test_the_standing_office_adds_an_organisation_and_it_is_audited(world):
    client = world.client("thuongtruc")
    response = client.post(
        reverse("orgs:organization_create"),
        {
            "name": "Hội Cựu chiến binh tỉnh Vĩnh Phúc",
            "short_name": "Hội CCB tỉnh",
            "symbol": "HCCB",
            "kind": Organization.SOCIO_POLITICAL,
            "unit": world.province.pk,
            "document_style": "party",
            "valid_from": "01/01/2020",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    org = Organization.objects.get(symbol="HCCB")
    assert org.valid_from == date(2020, 1, 1)
    page = client.get(org.get_absolute_url()).content.decode()
    assert "Lê Minh Đức" in page  # the audit trail names who created it


def test_a_focal_officer_cannot_add_one(world):
    response = world.client("mttq").post(
        reverse("orgs:organization_create"), {"name": "X", "kind": "other"}
    )
    assert response.status_code == 403
    assert not Organization.objects.filter(name="X").exists()


def test_renaming_keeps_the_old_name_for_the_past(world):
    client = world.client("thuongtruc")
    response = client.post(
        reverse("orgs:organization_rename", args=[world.bdv.pk]),
        {
            "new_name": "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Phúc",
            "effective": "01/03/2025",
            "note": "Hợp nhất",
        },
    )
    assert response.status_code == 302
    world.bdv.refresh_from_db()
    assert world.bdv.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Phúc"
    assert world.bdv.name_on(date(2022, 12, 31)) == "Ban Dân vận Tỉnh ủy Vĩnh Phúc"
    assert world.bdv.name_on(date(2025, 3, 1)) == "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Phúc"
    # The old name still finds it.
    body = client.get(reverse("core:search"), {"q": "ban dan van tinh uy"}).content.decode()
    assert world.bdv.get_absolute_url() in body


def test_the_list_sorts_in_vietnamese_order(world):
    body = world.client("mttq").get(reverse("orgs:organization_list")).content.decode()
    names = [
        "Ban Dân vận Tỉnh ủy Vĩnh Phúc",
        "Bộ Chỉ huy Quân sự tỉnh Vĩnh Phúc",
        "Hội Nông dân tỉnh Vĩnh Phúc",
        "Huyện Vĩnh Tường",
        "Thành phố Vĩnh Yên",
        "Tỉnh đoàn Vĩnh Phúc",
        "Ủy ban Mặt trận",
    ]
    positions = [body.index(n) for n in names]
    assert positions == sorted(positions)


def test_the_list_query_count_is_constant(world):
    client = world.client("mttq")
    url = reverse("orgs:organization_list")
    before = count_queries(client, url)
    for i in range(30):
        Organization.objects.create(
            name=f"Đơn vị thử {i}", kind=Organization.OTHER, parent=world.mttq, unit=world.province
        )
    assert count_queries(client, url) == before
    assert before <= 12  # the list, the session, and the navigation's counters
