"""Conferences, models, situations and training through the API: the pages' forms and
services, a member writing for its own organisation only."""

import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

TODAY = timezone.localdate()


def test_a_conference_its_conclusion_and_an_item_assigned_as_a_task(world, api):
    office = api("thuongtruc")
    created = office.post(
        "/meetings",
        {
            "kind": "thematic",
            "title": "Hội nghị chuyên đề dân vận",
            "held_on": str(TODAY),
            "organization": world.chqs.pk,
            "committee": world.committee.pk,
            "chairs": "Đồng chí Trưởng ban",
            "attending_organizations": [world.mttq.pk],
        },
    )
    assert created.status_code == 201, created.content
    meeting = created.json()
    assert meeting["attending_organization_ids"] == [world.mttq.pk]
    # A member records only for its own organisation (the page's form says so).
    foreign = api("mttq").post(
        "/meetings",
        {
            "kind": "thematic",
            "title": "X",
            "held_on": str(TODAY),
            "organization": world.chqs.pk,
            "chairs": "A",
        },
    )
    assert foreign.status_code == 422 and "organization" in foreign.json()["errors"]
    assert api("xem").post("/meetings", {"title": "X"}).status_code == 403
    assert api("mttq").patch(f"/meetings/{meeting['id']}", {"title": "Y"}).status_code == 403
    issued = office.post(f"/meetings/{meeting['id']}/conclusion", {"issued_on": str(TODAY)})
    assert issued.status_code == 201 and issued.json()["conclusion"]["symbol"].startswith("01-TB")
    item = office.post(
        f"/meetings/{meeting['id']}/conclusion/items",
        {
            "content": "Tổ chức ra quân làm đường",
            "lead": world.hnd.pk,
            "due_date": str(TODAY + timedelta(days=30)),
        },
    )
    assert item.status_code == 201, item.content
    assert len(item.json()["conclusion"]["items"]) == 1
    tasks = api("hoinongdan").get("/tasks", source="meetings.conclusionitem").json()
    assert [t["title"] for t in tasks["items"]] == ["Tổ chức ra quân làm đường"]
    assert api("xem").get("/meetings", year=TODAY.year).json()["count"] == 1


def test_models_register(world, api):
    payload = {
        "kind": "model",
        "name": "Mô hình “Dân vận khéo” làm đường",
        "area": world.areas["nong-thon-moi"].pk,
        "commune": world.kim_xa.pk,
        "organization": world.users["mttq"].organization_id,
        "funds": "120.5",
    }
    created = api("mttq").post("/practices", payload)
    assert created.status_code == 201, created.content
    practice = created.json()
    assert practice["funds"] == "120.5"
    assert api("hoinongdan").patch(f"/practices/{practice['id']}", {"name": "X"}).status_code == 403
    no_year = api("mttq").patch(f"/practices/{practice['id']}", {"recognition_level": "province"})
    assert no_year.status_code == 422 and "recognition_year" in no_year.json()["errors"]
    recognised = api("mttq").patch(
        f"/practices/{practice['id']}", {"recognition_level": "province", "recognition_year": 2024}
    )
    assert recognised.status_code == 200
    assert (
        api("xem").get("/practices", year=2024, locality=world.vinh_tuong.pk).json()["count"] == 1
    )
    assert api("xem").get("/practices", locality=world.vinh_yen.pk).json()["count"] == 0
    page = world.client("xem").get(reverse("practices:practice_detail", args=[practice["id"]]))
    assert "Mô hình “Dân vận khéo” làm đường" in page.content.decode()


def test_a_confidential_situation_is_hidden_and_followed_to_resolution(world, api):
    created = api("vinhtuong").post(
        "/situations",
        {
            "title": "Tranh chấp đất đai thôn 3",
            "kind": "land",
            "unit": world.kim_xa.pk,
            "occurred_on": str(TODAY - timedelta(days=5)),
            "description": "Hai hộ tranh chấp",
            "organization": world.org_vinh_tuong.pk,
            "involved": [world.mttq.pk],
            "is_confidential": True,
        },
    )
    assert created.status_code == 201, created.content
    situation = created.json()
    assert api("hoinongdan").get(f"/situations/{situation['id']}").status_code == 404
    assert api("xem").get(f"/situations/{situation['id']}").status_code == 404
    assert situation["id"] not in {
        s["id"] for s in api("hoinongdan").get("/situations").json()["items"]
    }
    logged = api("mttq").post(
        f"/situations/{situation['id']}/actions",
        {"on": str(TODAY), "action": "Gặp gỡ hai hộ", "result": "Đã hòa giải một phần"},
    )
    assert logged.status_code == 201 and logged.json()["status"] == "handling"
    assert (
        api("mttq")
        .post(f"/situations/{situation['id']}/steps/resolve", {"note": "Xong"})
        .status_code
        == 403
    )  # the reporter closes it
    no_note = api("vinhtuong").post(f"/situations/{situation['id']}/steps/resolve", {"note": ""})
    assert no_note.status_code == 409
    resolved = api("vinhtuong").post(
        f"/situations/{situation['id']}/steps/resolve", {"note": "Hai hộ đã thống nhất"}
    )
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"
    listed = api("thuongtruc").get("/situations", status="resolved", locality=world.vinh_tuong.pk)
    assert [s["id"] for s in listed.json()["items"]] == [situation["id"]]


def test_training_courses_and_participants(world, api):
    created = api("hoinongdan").post(
        "/courses",
        {
            "title": "Bồi dưỡng kỹ năng dân vận",
            "organization": world.hnd.pk,
            "start_date": "2024-05-02",
            "end_date": "2024-05-03",
            "hours": "16",
        },
    )
    assert created.status_code == 201, created.content
    course = created.json()
    backwards = api("hoinongdan").patch(f"/courses/{course['id']}", {"end_date": "2024-05-01"})
    assert backwards.status_code == 422 and "end_date" in backwards.json()["errors"]
    added = api("hoinongdan").post(
        f"/courses/{course['id']}/participants",
        {"full_name": "Nguyễn Văn A", "organization": world.hnd.pk, "score": "8.5"},
    )
    assert added.status_code == 201, added.content
    assert (
        api("mttq")
        .post(
            f"/courses/{course['id']}/participants",
            {"full_name": "B", "organization": world.mttq.pk},
        )
        .status_code
        == 403
    )
    done = api("hoinongdan").patch(
        f"/participants/{added.json()['id']}", {"completed": True, "certificate": True}
    )
    assert done.status_code == 200 and done.json()["completed"] and done.json()["score"] == "8.50"
    detail = api("xem").get(f"/courses/{course['id']}").json()
    assert [p["full_name"] for p in detail["participants"]] == ["Nguyễn Văn A"]
    assert api("xem").get("/courses", year=2024, organization=world.hnd.pk).json()["count"] == 1


def _png(name="anh.png") -> object:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (160, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_photos_of_a_model_uploaded_listed_and_downloaded_through_the_api(world, api, media):
    """Files through the API with the pages' checks: judged by content, all or nothing, only the
    owner's organisation (or the office) attaches, everyone who sees the model downloads."""
    from danvan.core.models import Attachment

    practice = (
        api("mttq")
        .post(
            "/practices",
            {
                "kind": "model",
                "name": "Mô hình “Dân vận khéo” có ảnh",
                "area": world.areas["nong-thon-moi"].pk,
                "commune": world.kim_xa.pk,
                "organization": world.users["mttq"].organization_id,
            },
        )
        .json()
    )
    url = f"/api/v1/practices/{practice['id']}/photos"
    sent = api("mttq").client.post(url, {"files": [_png("le-ra-quan.png"), _png("con-duong.png")]})
    assert sent.status_code == 201, sent.content
    assert [f["name"] for f in sent.json()] == ["le-ra-quan.png", "con-duong.png"]
    assert {f["mime_type"] for f in sent.json()} == {"image/png"}

    listed = api("xem").get(f"/practices/{practice['id']}/photos").json()
    assert [f["key"] for f in listed] == [f["key"] for f in sent.json()]
    fetched = api("xem").client.get(listed[0]["url"])
    assert fetched.status_code == 200
    assert fetched["Content-Type"] == "image/png" and fetched["X-Content-Type-Options"] == "nosniff"
    assert b"".join(fetched.streaming_content).startswith(b"\x89PNG")

    from django.core.files.uploadedfile import SimpleUploadedFile

    disguised = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    mixed = api("mttq").client.post(url, {"files": [_png("tot.png"), disguised]})
    assert mixed.status_code == 422, mixed.content
    assert "anh.png" in " ".join(mixed.json()["errors"]["files"])
    refused = api("hoinongdan").client.post(url, {"files": [_png()]})
    assert refused.status_code == 403
    assert Attachment.objects.count() == 2  # nothing of the refused uploads kept

    assert api("xem").client.get(f"/api/v1/attachments/{uuid.uuid4()}").status_code == 404
    assert api("xem").client.get("/api/v1/attachments/not-a-key").status_code == 404


def test_documents_of_a_conference_through_the_api(world, api, media):
    meeting = (
        api("thuongtruc")
        .post(
            "/meetings",
            {
                "kind": "thematic",
                "title": "Hội nghị có tài liệu",
                "held_on": str(TODAY),
                "organization": world.chqs.pk,
                "committee": world.committee.pk,
                "chairs": "Đồng chí Trưởng ban",
                "attending_organizations": [world.mttq.pk],
            },
        )
        .json()
    )
    url = f"/api/v1/meetings/{meeting['id']}/documents"
    picture = api("thuongtruc").client.post(url, {"files": [_png()]})
    assert picture.status_code == 422  # a conference keeps documents, not photos
    assert api("mttq").client.post(url, {"files": [_png()]}).status_code == 403
    nothing = api("thuongtruc").client.post(url, {})
    assert nothing.status_code == 422
    assert api("thuongtruc").get(f"/meetings/{meeting['id']}/documents").json() == []
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("bao-cao-tong-ket.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    sent = api("thuongtruc").client.post(url, {"files": [pdf]})
    assert sent.status_code == 201, sent.content
    listed = api("mttq").get(f"/meetings/{meeting['id']}/documents").json()
    assert [(f["name"], f["mime_type"]) for f in listed] == [
        ("bao-cao-tong-ket.pdf", "application/pdf")
    ]
