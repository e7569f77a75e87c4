"""Writing, editing, listing and exporting proposals through the pages."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.uploads import attachments_of
from danvan.directions.models import Proposal
from danvan.directions.tests.helpers import PDF, draft, pdf, sent


def _form(world, **extra):
    return {
        "kind": Proposal.PETITION,
        "title": "Kiến nghị hỗ trợ xây nhà đại đoàn kết",
        "summary": "Đề nghị Ban chỉ đạo chỉ đạo phối hợp xây 5 nhà đại đoàn kết.",
        "content": "Nội dung chi tiết.",
        "area": world.areas["nong-thon-moi"].pk,
        "units": [world.new_vinh_tuong.pk],
        **extra,
    }


def test_it_creates_a_draft_with_a_file_keeping_its_vietnamese_name(world, media):
    response = world.client("vinhtuong").post(
        reverse("directions:proposal_create"),
        _form(world, files=[pdf("Tờ trình xây nhà đại đoàn kết.pdf")]),
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.DRAFT
    assert proposal.organization == world.org_vinh_tuong
    assert list(proposal.units.all()) == [world.new_vinh_tuong]
    (item,) = attachments_of(proposal)
    assert item.name == "Tờ trình xây nhà đại đoàn kết.pdf"
    download = world.client("vinhtuong").get(item.get_absolute_url())
    assert "T%E1%BB%9D%20tr%C3%ACnh" in download["Content-Disposition"]


def test_it_refuses_a_file_that_only_pretends_to_be_a_pdf(world, media):
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    response = world.client("vinhtuong").post(
        reverse("directions:proposal_create"), _form(world, files=[fake])
    )
    assert response.status_code == 200
    assert "bao-cao.pdf" in response.content.decode()
    assert not Proposal.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(world, media, settings):
    settings.DANVAN_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("lớn.pdf", PDF + b"0" * (1024 * 1024 + 1), "application/pdf")
    response = world.client("vinhtuong").post(
        reverse("directions:proposal_create"), _form(world, files=[big])
    )
    assert response.status_code == 200
    assert not Proposal.objects.exists()


def test_the_sender_edits_a_draft_and_removes_a_file(world, media):
    proposal = draft(world, files=[pdf()])
    (item,) = attachments_of(proposal)
    client = world.client("vinhtuong")
    response = client.post(
        reverse("directions:proposal_edit", args=[proposal.pk]),
        _form(world, title="Tiêu đề mới", version=proposal.version),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Tiêu đề mới"
    response = client.post(reverse("directions:proposal_file_delete", args=[proposal.pk, item.key]))
    assert response.status_code == 302
    assert not attachments_of(proposal).exists()


def test_an_edit_from_a_stale_page_is_refused(world):
    proposal = draft(world)
    client = world.client("vinhtuong")
    url = reverse("directions:proposal_edit", args=[proposal.pk])
    assert client.post(url, _form(world, version=proposal.version)).status_code == 302
    response = client.post(url, _form(world, title="Ghi đè", version=proposal.version))
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.title != "Ghi đè"


def test_a_sent_proposal_cannot_be_edited_and_others_cannot_see_it(world):
    proposal = sent(world)
    url = reverse("directions:proposal_edit", args=[proposal.pk])
    assert world.client("vinhtuong").post(url, _form(world, version=1)).status_code == 403
    assert world.client("mttq").post(url, _form(world, version=1)).status_code == 404


def test_it_rejects_the_wrong_method(world):
    proposal = sent(world)
    client = world.client("thuongtruc")
    assert client.delete(proposal.get_absolute_url()).status_code == 405
    assert client.post(reverse("directions:proposal_list")).status_code == 405
    assert (
        client.put(reverse("directions:proposal_register", args=[proposal.pk])).status_code == 405
    )


def test_the_viewer_cannot_write_a_proposal(world):
    response = world.client("xem").post(reverse("directions:proposal_create"), _form(world))
    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_the_register_exports_to_excel(world):
    registered = sent(world)
    from danvan.directions.services import register_proposal

    register_proposal(registered, acting_user=world.thuongtruc)
    response = world.client("thuongtruc").get(reverse("directions:proposal_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert rows[0][0].startswith("1/") and rows[0][4] == registered.title


def test_the_list_filters_and_its_query_count_is_constant(world, django_assert_max_num_queries):
    for i in range(25):
        sent(world, title=f"Đề xuất số {i}")
    draft(world, title="Bản nháp riêng")
    client = world.client("thuongtruc")
    with django_assert_max_num_queries(12):
        body = client.get(reverse("directions:proposal_list")).content.decode()
    assert "Đề xuất số 24" in body and "Bản nháp riêng" not in body
    body = client.get(reverse("directions:proposal_list"), {"q": "so 7"}).content.decode()
    assert "Đề xuất số 7" in body and "Đề xuất số 8" not in body


def test_the_detail_query_count_does_not_grow_with_the_timeline(world, media):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.directions.tests.helpers import assigned
    from danvan.tasks.services import record_progress

    proposal, _direction, task = assigned(world)
    client = world.client("thuongtruc")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(proposal.get_absolute_url()).status_code == 200
        return len(queries)

    record_progress(task, acting_user=world.hoinongdan, percent=10, text="Tiến độ", files=[pdf()])
    few = count()
    for percent in range(20, 90, 10):
        record_progress(
            task, acting_user=world.hoinongdan, percent=percent, text="Tiến độ", files=[pdf()]
        )
    assert count() == few <= 32
    body = client.get(proposal.get_absolute_url()).content.decode()
    assert body.count('data-step="progress"') == 8
