import json
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.uploads import attachments_of
from danvan.practices.models import Practice
from danvan.practices.tests.factories import make_practice

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _form(world, **overrides):
    data = {
        "kind": Practice.MODEL,
        "name": "Mô hình “Chi hội nông dân nghề nghiệp”",
        "area": world.areas["nong-thon-moi"].pk,
        "commune": world.kim_xa.pk,
        "organization": world.hnd.pk,
        "coordinators": [world.mttq.pk],
        "goals": "Nâng cao thu nhập",
        "method": "Hội viên góp vốn, góp công",
        "funds": "1.234,5",
        "workdays": "350",
        "results": "30 hộ tham gia",
        "started_on": "01/03/2021",
        "recognition_level": Practice.DISTRICT,
        "recognition_year": "2022",
        "replicated_in": [world.tt_vinh_tuong.pk],
    }
    data.update(overrides)
    return data


def test_it_registers_a_model_with_its_resources_and_replication(world):
    client = world.client("hoinongdan")
    response = client.post(reverse("practices:practice_create"), _form(world))
    assert response.status_code == 302, response.context["form"].errors
    practice = Practice.objects.get()
    assert practice.funds == Decimal("1234.5")
    assert practice.workdays == Decimal("350")
    assert practice.started_on == date(2021, 3, 1)
    assert practice.is_replicated  # a place of replication implies it
    assert list(practice.replicated_in.all()) == [world.tt_vinh_tuong]
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "1.234,5" in page
    assert "Cấp huyện, 2022" in page  # a year, not the number 2.022
    assert "Trần Văn Bình" in page  # audit trail


def test_an_exemplary_person_is_told_apart_from_a_model(world):
    make_practice(world)
    make_practice(world, kind=Practice.PERSON, name="Hội viên nông dân sản xuất giỏi")
    client = world.client("xem")
    index = reverse("practices:index")
    people = client.get(index, {"kind": Practice.PERSON}).context["page"]
    assert [p.name for p in people] == ["Hội viên nông dân sản xuất giỏi"]
    assert "Điển hình cá nhân" in client.get(index).content.decode()


def test_a_recognition_needs_its_year(world):
    response = world.client("hoinongdan").post(
        reverse("practices:practice_create"), _form(world, recognition_year="")
    )
    assert response.status_code == 200
    assert "recognition_year" in response.context["form"].errors


def test_a_member_registers_only_for_itself(world):
    response = world.client("hoinongdan").post(
        reverse("practices:practice_create"), _form(world, organization=world.mttq.pk)
    )
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors


def test_the_standing_office_registers_for_any_member(world):
    response = world.client("thuongtruc").post(
        reverse("practices:practice_create"), _form(world, organization=world.mttq.pk)
    )
    assert response.status_code == 302
    assert Practice.objects.get().organization == world.mttq


def test_a_viewer_cannot_register(world):
    response = world.client("xem").post(reverse("practices:practice_create"), _form(world))
    assert response.status_code == 403


def test_another_member_cannot_edit_it(world):
    practice = make_practice(world)
    response = world.client("mttq").post(
        reverse("practices:practice_edit", args=[practice.pk]), _form(world, name="Đổi")
    )
    assert response.status_code == 403
    response = world.client("hoinongdan").post(
        reverse("practices:practice_edit", args=[practice.pk]), _form(world, name="Đổi tên")
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.name == "Đổi tên"


def test_an_unknown_model_is_404(world):
    response = world.client("mttq").get(reverse("practices:practice_detail", args=[404]))
    assert response.status_code == 404


def test_photos_are_images_only(world, media):
    practice = make_practice(world)
    client = world.client("hoinongdan")
    url = reverse("practices:practice_photos", args=[practice.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"files": [SimpleUploadedFile("anh.png", PNG)]})
    client.post(url, {"files": [SimpleUploadedFile("bao-cao.pdf", PDF)]})
    assert [a.name for a in attachments_of(practice, "photo")] == ["anh.png"]
    page = client.get(practice.get_absolute_url()).content.decode()
    assert f'<img src="{attachments_of(practice).get().get_absolute_url()}"' in page
    assert (
        world.client("mttq").post(url, {"files": [SimpleUploadedFile("b.png", PNG)]}).status_code
        == 403
    )


def test_it_filters_by_field_district_commune_level_year_and_kind(world):
    make_practice(world, name="A")
    make_practice(world, name="B", commune=world.tich_son, area=world.areas["quoc-phong-an-ninh"])
    make_practice(world, name="C", recognition_level=Practice.DISTRICT, recognition_year=2021)
    make_practice(
        world,
        name="Đường hoa",
        kind=Practice.COLLECTIVE,
        commune=world.tt_vinh_tuong,
        recognition_level="",
        recognition_year=None,
    )
    client = world.client("xem")

    def names(**query):
        return sorted(p.name for p in client.get(reverse("practices:index"), query).context["page"])

    assert names() == ["A", "B", "C", "Đường hoa"]
    assert names(area=world.areas["quoc-phong-an-ninh"].pk) == ["B"]
    assert names(district=world.vinh_tuong.pk) == ["A", "C", "Đường hoa"]
    assert names(commune=world.tt_vinh_tuong.pk) == ["Đường hoa"]
    assert names(level=Practice.PROVINCE) == ["A", "B"]
    assert names(year=2021) == ["C"]
    assert names(kind=Practice.COLLECTIVE) == ["Đường hoa"]
    assert names(q="duong HOA") == ["Đường hoa"]
    body = client.get(reverse("core:search"), {"q": "duong hoa"}).content.decode()
    assert "Đường hoa" in body


def test_the_map_puts_one_circle_per_commune(world):
    make_practice(world, name="A")
    make_practice(world, name="B", kind=Practice.PERSON)
    make_practice(world, name="C", commune=world.tich_son)
    response = world.client("xem").get(reverse("practices:map"))
    body = response.content.decode()
    data = response.context["map_data"]
    communes = {p["name"]: p for p in data["points"]}
    assert set(communes) == {"Xã Kim Xá", "Phường Tích Sơn"}
    assert [i["name"] for i in communes["Xã Kim Xá"]["items"]] == ["A", "B"]
    assert (communes["Xã Kim Xá"]["lat"], communes["Xã Kim Xá"]["lon"]) == (21.27, 105.47)
    assert {d["name"] for d in data["districts"]} == {"Vĩnh Tường", "Vĩnh Yên"}
    # The points travel as JSON data, not as a script; the map's code is a static file.
    assert '<script id="practice-map-data" type="application/json">' in body
    assert json.loads(body.split('type="application/json">')[1].split("</script>")[0]) == data
    assert "vendor/leaflet/leaflet.js" in body and "practices/map.js" in body
    assert "tile" not in body.lower()


def test_the_excel_export_reads_back(world):
    make_practice(world, coordinators=[world.mttq], funds=Decimal("1234.5"))
    make_practice(world, name="Khác", recognition_year=2021)
    response = world.client("xem").get(reverse("practices:export"), {"year": 2022})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 1
    row = rows[0]
    assert row[0] == "Mô hình “Nông dân chung sức xây dựng nông thôn mới”"
    assert row[3:7] == ("Xã Kim Xá", "Huyện Vĩnh Tường", "Hội Nông dân tỉnh", "Ủy ban MTTQ tỉnh")
    assert row[7] == 1234.5 and row[8] == 900
    assert row[10] == "Cấp tỉnh" and row[11] == 2022


def test_the_list_query_count_is_constant(world, django_assert_max_num_queries):
    # Pinned as measured with two rows: thirty must not cost one query more.
    client = world.client("mttq")
    for i in range(2):
        make_practice(world, name=f"Mô hình {i}", coordinators=[world.mttq])
    pinned = {}
    for name in ("practices:index", "practices:map", "practices:stats", "practices:export"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        pinned[name] = len(queries)
    for i in range(2, 30):
        make_practice(world, name=f"Mô hình {i}", coordinators=[world.mttq, world.hnd])
    for name, count in pinned.items():
        with django_assert_max_num_queries(count):
            assert client.get(reverse(name)).status_code == 200
