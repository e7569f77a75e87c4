from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.uploads import attachments_of
from danvan.meetings.models import Meeting
from danvan.meetings.tests.factories import make_meeting

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _form(world, **overrides):
    data = {
        "kind": Meeting.YEAR_END,
        "title": "Hội nghị tổng kết năm 2022",
        "held_on": "20/12/2022",
        "place": "Bộ CHQS tỉnh",
        "committee": world.committee.pk,
        "organization": world.chqs.pk,
        "chairs": "Nguyễn Thanh Tùng\nĐại tá Hoàng Nam Chung",
        "attending_organizations": [world.mttq.pk, world.hnd.pk, world.org_vinh_tuong.pk],
        "attendees": "Lãnh đạo Phòng Dân vận, Cục Chính trị, Quân khu 2",
        "agenda": "Báo cáo tổng kết; tham luận; phát biểu chỉ đạo",
        "speech_summary": "Đánh giá cao công tác phối hợp.",
    }
    data.update(overrides)
    return data


def test_it_records_a_conference_with_its_attendees(world):
    client = world.client("thuongtruc")
    response = client.post(reverse("meetings:meeting_create"), _form(world))
    assert response.status_code == 302, response.context["form"].errors
    meeting = Meeting.objects.get()
    assert meeting.held_on == date(2022, 12, 20)
    assert meeting.chair_list == ["Nguyễn Thanh Tùng", "Đại tá Hoàng Nam Chung"]
    assert set(meeting.attending_organizations.all()) == {
        world.mttq,
        world.hnd,
        world.org_vinh_tuong,
    }
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Đại tá Hoàng Nam Chung" in page
    assert "Lê Minh Đức" in page  # the audit trail names who recorded it
    assert "type →" not in page and "→ objects" not in page


def test_the_history_names_the_attendees_added(world):
    meeting = make_meeting(world)
    client = world.client("thuongtruc")
    response = client.post(
        reverse("meetings:meeting_edit", args=[meeting.pk]),
        _form(world, attending_organizations=[world.tinh_doan.pk], place="Hội trường mới"),
    )
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "+ Tỉnh đoàn Vĩnh Phúc" in page
    assert "type →" not in page and "→ objects" not in page
    assert "Hội trường mới" in page
    assert "search text" not in page and "sort key" not in page


def test_it_rejects_a_get_on_the_upload(world):
    meeting = make_meeting(world)
    response = world.client("thuongtruc").get(reverse("meetings:meeting_upload", args=[meeting.pk]))
    assert response.status_code == 405


def test_a_member_records_only_for_its_own_organisation(world):
    client = world.client("mttq")
    response = client.post(reverse("meetings:meeting_create"), _form(world))
    assert response.status_code == 200  # the standing office is not a choice for MTTQ
    assert "organization" in response.context["form"].errors
    response = client.post(
        reverse("meetings:meeting_create"),
        _form(world, organization=world.mttq.pk, committee="", kind=Meeting.BRIEFING),
    )
    assert response.status_code == 302
    assert Meeting.objects.get().organization == world.mttq


def test_a_viewer_cannot_record_one(world):
    response = world.client("xem").post(reverse("meetings:meeting_create"), _form(world))
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_another_organisation_cannot_edit_it(world):
    meeting = make_meeting(world)
    response = world.client("mttq").post(
        reverse("meetings:meeting_edit", args=[meeting.pk]), _form(world, title="Đổi")
    )
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.title != "Đổi"


def test_an_unknown_conference_is_404(world):
    assert (
        world.client("mttq").get(reverse("meetings:meeting_detail", args=[999])).status_code == 404
    )


def test_it_attaches_documents_but_not_other_files(world, media):
    meeting = make_meeting(world)
    client = world.client("thuongtruc")
    url = reverse("meetings:meeting_upload", args=[meeting.pk])
    client.post(url, {"files": [SimpleUploadedFile("bao-cao.pdf", PDF)]})
    client.post(url, {"files": [SimpleUploadedFile("virus.exe", b"MZ\x90\x00" * 100)]})
    assert [a.name for a in attachments_of(meeting, "document")] == ["bao-cao.pdf"]
    assert "bao-cao.pdf" in client.get(meeting.get_absolute_url()).content.decode()


def test_it_filters_by_year_and_kind_and_finds_words_without_accents(world):
    make_meeting(world)
    make_meeting(
        world, kind=Meeting.MID_YEAR, title="Sơ kết 6 tháng đầu năm 2022", held_on=date(2022, 7, 10)
    )
    make_meeting(world, title="Tổng kết năm 2021", held_on=date(2021, 12, 22))
    client = world.client("xem")
    index = reverse("meetings:index")
    assert len(client.get(index, {"year": 2022}).context["page"]) == 2
    assert len(client.get(index, {"year": 2022, "kind": Meeting.MID_YEAR}).context["page"]) == 1
    found = client.get(index, {"q": "so ket"}).context["page"]
    assert [m.title for m in found] == ["Sơ kết 6 tháng đầu năm 2022"]
    body = client.get(reverse("core:search"), {"q": "tong ket 2021"}).content.decode()
    assert "Tổng kết năm 2021" in body


def test_the_excel_export_reads_back(world):
    make_meeting(world, with_conclusion=True)
    make_meeting(world, title="Tổng kết năm 2021", held_on=date(2021, 12, 22))
    response = world.client("xem").get(reverse("meetings:export"), {"year": 2022})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 1
    assert rows[0][0].date() == date(2022, 12, 20)
    assert rows[0][2] == "Hội nghị tổng kết công tác phối hợp năm 2022"
    assert rows[0][7] == "01-TB/BCĐ"


def test_the_list_query_count_is_constant(world, django_assert_max_num_queries):
    # Pinned as measured with two rows: thirty must not cost one query more.
    client = world.client("mttq")
    for day in (1, 2):
        make_meeting(world, held_on=date(2022, 6, day), with_conclusion=day == 2)
    pinned = {}
    for name in ("meetings:index", "meetings:export"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        pinned[name] = len(queries)
    for day in range(3, 31):
        make_meeting(world, held_on=date(2022, 6, day), with_conclusion=day % 2 == 0)
    for name, count in pinned.items():
        with django_assert_max_num_queries(count):
            assert client.get(reverse(name)).status_code == 200


def test_organisations_keep_the_name_they_bore_on_the_day(world):
    from danvan.orgs.services import rename_organization

    meeting = make_meeting(world)
    meeting.attending_organizations.set([world.bdv, world.mttq])
    rename_organization(
        world.bdv,
        acting_user=world.users["quantri"],
        new_name="Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Phúc",
        new_short_name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        effective=date(2025, 3, 1),
        note="Hợp nhất",
    )
    client = world.client("xem")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Ban Dân vận Tỉnh ủy Vĩnh Phúc" in page
    assert "Tuyên giáo" not in page.split("audit-heading")[0]
    sheet = load_workbook(BytesIO(client.get(reverse("meetings:export")).content)).active
    assert "Ban Dân vận Tỉnh ủy Vĩnh Phúc" in sheet.cell(row=4, column=7).value
