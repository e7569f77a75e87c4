"""The review report pages: create, edit the paragraphs, generate (queued), progress, download."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.core.numbering import STATE
from danvan.documents.models import ReviewReport
from danvan.documents.services import create_review, generate_review
from danvan.documents.tests.helpers import header_cells, open_docx, pdf_text, stored

pytestmark = pytest.mark.django_db


def _report(world, issuer=None, user="thuongtruc", **kwargs):
    return create_review(
        kind=kwargs.get("kind", ReviewReport.YEAR),
        year=kwargs.get("year", 2022),
        issuer=issuer or world.committee,
        acting_user=world.users[user],
    )


def test_it_creates_the_committee_report_with_its_defaults(world):
    response = world.client("thuongtruc").post(
        reverse("documents:review_create"),
        {"kind": "year", "year": "2022", "issuer": f"committee:{world.committee.pk}"},
    )
    report = ReviewReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.committee == world.committee
    assert report.issued_on == date(2023, 1, 15)
    assert (report.signer_on_behalf, report.signer_position, report.signer_name) == (
        "T/M BAN CHỈ ĐẠO",
        "TRƯỞNG BAN",
        "Nguyễn Thanh Tùng",
    )
    assert "- Lưu Văn phòng." in report.recipients


def test_it_returns_the_existing_draft_instead_of_a_second(world):
    first = _report(world)
    assert _report(world, user="truongban") == first
    assert ReviewReport.objects.count() == 1


def test_it_rejects_get_on_create(world):
    assert world.client("thuongtruc").get(reverse("documents:review_create")).status_code == 405


def test_it_refuses_a_viewer_to_create(world):
    response = world.client("xem").post(
        reverse("documents:review_create"),
        {"kind": "year", "year": "2022", "issuer": f"committee:{world.committee.pk}"},
    )
    assert response.status_code == 403


def test_it_lets_a_focal_officer_write_only_for_their_organisation(world):
    client = world.client("mttq")
    refused = client.post(
        reverse("documents:review_create"),
        {"kind": "year", "year": "2022", "issuer": f"committee:{world.committee.pk}"},
    )
    assert refused.status_code == 400
    client.post(
        reverse("documents:review_create"),
        {"kind": "half", "year": "2022", "issuer": f"org:{world.mttq.pk}"},
    )
    report = ReviewReport.objects.get()
    assert report.organization == world.mttq and report.kind == "half"
    assert report.issued_on == date(2022, 7, 15)


def test_it_hides_the_committee_draft_from_member_officers(world):
    report = _report(world)
    assert world.client("mttq").get(report.get_absolute_url()).status_code == 404
    assert world.client("xem").get(report.get_absolute_url()).status_code == 200


def test_it_hides_another_organisations_report(world):
    report = _report(world, issuer=world.hnd, user="hoinongdan")
    assert world.client("mttq").get(report.get_absolute_url()).status_code == 404


def test_it_prefills_and_stores_the_edited_paragraphs(world):
    report = _report(world)
    client = world.client("thuongtruc")
    page = client.get(report.get_absolute_url())
    form = page.context["narrative_form"]
    data = {name: field.initial for name, field in form.fields.items()}
    assert "2022" in data["intro"]
    data["strengths"] = "Phối hợp chặt chẽ, hiệu quả."
    data.update(
        number="5",
        issued_on="15/01/2023",
        signer_on_behalf="T/M BAN CHỈ ĐẠO",
        signer_position="TRƯỞNG BAN",
        signer_name="Nguyễn Thanh Tùng",
        recipients="- Lưu VP.",
    )
    response = client.post(report.get_absolute_url(), data)
    assert response.status_code == 302
    report.refresh_from_db()
    # Only what the user changed is stored; the rest keeps following the figures.
    assert report.narrative == {"strengths": "Phối hợp chặt chẽ, hiệu quả."}
    assert report.number == 5
    again = client.get(report.get_absolute_url())
    assert again.context["narrative_form"].fields["strengths"].initial == (
        "Phối hợp chặt chẽ, hiệu quả."
    )


def test_it_fills_the_paragraphs_again(world):
    report = _report(world)
    report.narrative = {"intro": "Mở đầu đã sửa"}
    report.save()
    world.client("thuongtruc").post(report.get_absolute_url(), {"reset": "1"})
    report.refresh_from_db()
    assert report.narrative == {}


def test_it_refuses_a_viewer_to_edit(world):
    report = _report(world)
    response = world.client("xem").post(report.get_absolute_url(), {"reset": "1"})
    assert response.status_code == 403


def test_it_generates_the_files_in_the_background_and_shows_them(world, media):
    report = _report(world)
    response = world.client("truongban").post(
        reverse("documents:review_generate", args=[report.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="review-progress"' in html
    assert "every 1s" not in html  # the queue ran the job (immediate in tests): done
    assert reverse("documents:review_download", args=[report.pk, "docx"]) in html
    report.refresh_from_db()
    assert report.job_state == ReviewReport.DONE and report.job_progress == 100
    assert report.number == 1  # the next number of the committee's reports in 2023


def test_it_rejects_get_on_generate(world):
    report = _report(world)
    url = reverse("documents:review_generate", args=[report.pk])
    assert world.client("thuongtruc").get(url).status_code == 405


def test_it_refuses_a_viewer_to_generate(world):
    report = _report(world)
    url = reverse("documents:review_generate", args=[report.pk])
    assert world.client("xem").post(url).status_code == 403


def test_it_polls_while_the_job_runs(world):
    report = _report(world)
    ReviewReport.objects.filter(pk=report.pk).update(
        job_state=ReviewReport.RUNNING, job_progress=40, job_message="Đang vẽ biểu đồ"
    )
    response = world.client("thuongtruc").get(
        reverse("documents:review_progress", args=[report.pk])
    )
    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html and "40%" in html and "Đang vẽ biểu đồ" in html


def test_it_downloads_word_pdf_and_excel(world, media):
    report = generate_review(_report(world), acting_user=world.thuongtruc)
    client = world.client("xem")
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF"), ("xlsx", b"PK")):
        response = client.get(reverse("documents:review_download", args=[report.pk, fmt]))
        assert response.status_code == 200, fmt
        assert b"".join(response.streaming_content).startswith(magic)
        assert f"Bao-cao-tong-ket-2022.{fmt}" in response["Content-Disposition"]
    unknown = client.get(reverse("documents:review_download", args=[report.pk, "odt"]))
    assert unknown.status_code == 404
    hidden = world.client("mttq").get(reverse("documents:review_download", args=[report.pk, "pdf"]))
    assert hidden.status_code == 404


def test_it_writes_the_state_format_for_a_state_body(world, media):
    world.org_vinh_tuong.document_style = STATE
    world.org_vinh_tuong.save()
    report = generate_review(
        _report(world, issuer=world.org_vinh_tuong, user="vinhtuong"),
        acting_user=world.vinhtuong,
    )
    doc = open_docx(stored(report.docx))
    left, right = header_cells(doc)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập - Tự do - Hạnh phúc" in right
    assert "Số: 01/BC-HU" in left
    assert "Độc lập - Tự do - Hạnh phúc" in pdf_text(stored(report.pdf))
