"""The generated year-end report: the Word file read back with python-docx, the PDF with
pdftotext, the Excel file with openpyxl, against the figures of the year."""

import io

import pytest
from docx.shared import Pt
from openpyxl import load_workbook

pytest.importorskip("danvan.reporting.figures", reason="the figures service has not landed")

from danvan.documents.models import ReviewReport  # noqa: E402
from danvan.documents.services import create_review, generate_review  # noqa: E402
from danvan.documents.tests.helpers import (
    body_texts,
    header_cells,
    open_docx,
    pdf_text,
    run_of,
    stored,  # noqa: E402
)
from danvan.overview.tests import data  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(world, media):
    data.figures_2022(world)
    report = create_review(
        kind=ReviewReport.YEAR, year=2022, issuer=world.committee, acting_user=world.thuongtruc
    )
    report.number = 5
    report.save()
    return generate_review(report, acting_user=world.truongban)


def test_it_writes_the_party_letterhead(generated):
    doc = open_docx(stored(generated.docx))
    left, right = header_cells(doc)
    assert left.splitlines() == [
        "TỈNH ỦY VĨNH PHÚC",
        "BAN CHỈ ĐẠO ĐIỀU HÀNH PHỐI HỢP HOẠT ĐỘNG CÔNG TÁC DÂN VẬN",
        "*",
        "Số 05-BC/BCĐ",
    ]
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "Vĩnh Yên, ngày 15 tháng 01 năm 2023" in right
    assert run_of(doc, "Vĩnh Yên, ngày 15").italic


def test_it_puts_the_parts_in_order(generated):
    texts = body_texts(open_docx(stored(generated.docx)))
    order = [
        "BÁO CÁO",
        "Tổng kết công tác phối hợp hoạt động công tác dân vận năm 2022",
        "và phương hướng, nhiệm vụ năm 2023",
        "PHẦN THỨ NHẤT",
        "KẾT QUẢ THỰC HIỆN NĂM 2022",
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "PHẦN THỨ HAI",
        "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023",
    ]
    positions = [texts.index(line) for line in order]
    assert positions == sorted(positions)


def test_it_uses_times_new_roman_14_pt(generated):
    doc = open_docx(stored(generated.docx))
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.styles["Normal"].font.size == Pt(14)
    body = run_of(doc, "Thực hiện Chương trình phối hợp")
    assert body.font.size == Pt(14)
    assert run_of(doc, "PHẦN THỨ NHẤT").bold


def test_it_writes_the_figures_of_the_year(generated):
    doc = open_docx(stored(generated.docx))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "46 lượt cán bộ, chiến sĩ tham gia" in text
    assert "37 ngày công" in text
    assert "7 mô hình “Dân vận khéo”" in text
    assert "ở 3 xã, phường, thị trấn" in text
    tables = {t.rows[0].cells[1].text: t for t in doc.tables[1:-1]}
    by_district = tables["Huyện, thành phố"]
    rows = {r.cells[1].text: [c.text for c in r.cells[2:]] for r in by_district.rows[1:]}
    assert rows["Huyện Vĩnh Tường"][0] == "38"
    assert rows["Thành phố Vĩnh Yên"][0] == "8"
    assert by_district.rows[-1].cells[2].text == "46"
    by_org = tables["Đơn vị"]
    rows = {r.cells[1].text: r.cells[2].text for r in by_org.rows[1:]}
    assert rows["Hội Nông dân tỉnh"] == "45" and rows["Ủy ban MTTQ tỉnh"] == "1"
    # Three charts drawn as images.
    assert len(doc.inline_shapes) == 3


def test_it_closes_with_recipients_and_the_heads_signature(generated):
    doc = open_docx(stored(generated.docx))
    left, right = (cell.text for cell in doc.tables[-1].rows[0].cells)
    assert left.startswith("Nơi nhận:")
    assert "- Thường trực Tỉnh ủy Vĩnh Phúc (b/c)," in left
    assert [line for line in right.splitlines() if line.strip()] == [
        "T/M BAN CHỈ ĐẠO",
        "TRƯỞNG BAN",
        "Nguyễn Thanh Tùng",
    ]


def test_it_prints_the_edited_paragraphs(world, media):
    data.figures_2022(world)
    report = create_review(
        kind=ReviewReport.YEAR, year=2022, issuer=world.committee, acting_user=world.thuongtruc
    )
    report.narrative = {"lessons": "Bài học: phối hợp từ sớm, từ cơ sở."}
    report.save()
    report = generate_review(report, acting_user=world.thuongtruc)
    assert "Bài học: phối hợp từ sớm, từ cơ sở." in body_texts(open_docx(stored(report.docx)))
    assert "Bài học: phối hợp từ sớm, từ cơ sở." in " ".join(pdf_text(stored(report.pdf)).split())


def test_the_pdf_has_the_same_text(generated):
    text = " ".join(pdf_text(stored(generated.pdf)).split())
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 05-BC/BCĐ",
        "Vĩnh Yên, ngày 15 tháng 01 năm 2023",
        "PHẦN THỨ NHẤT",
        "PHẦN THỨ HAI",
        "46 lượt cán bộ, chiến sĩ tham gia",
        "Nơi nhận:",
    ):
        assert expected in text, expected


def test_the_excel_file_holds_every_table(generated):
    book = load_workbook(io.BytesIO(stored(generated.xlsx)))
    titles = [book[name]["A1"].value for name in book.sheetnames]
    assert "Bảng 1. Kết quả theo lĩnh vực" in titles
    assert "Bảng 3. Kết quả theo huyện, thành phố" in titles
    assert any(t.startswith("Biểu đồ 3.") for t in titles)
    districts = book[book.sheetnames[titles.index("Bảng 3. Kết quả theo huyện, thành phố")]]
    values = {row[1]: row[2] for row in districts.iter_rows(min_row=4, values_only=True)}
    assert values["Huyện Vĩnh Tường"] == 38 and values["Tổng cộng"] == 46


def test_it_writes_a_six_month_report_the_same_way(world, media):
    data.figures_2022(world)
    report = generate_review(
        create_review(
            kind=ReviewReport.HALF, year=2022, issuer=world.committee, acting_user=world.thuongtruc
        ),
        acting_user=world.thuongtruc,
    )
    texts = body_texts(open_docx(stored(report.docx)))
    assert "Sơ kết công tác phối hợp hoạt động công tác dân vận 6 tháng đầu năm 2022" in texts
    assert "và phương hướng, nhiệm vụ 6 tháng cuối năm 2022" in texts
    assert "Vĩnh Yên, ngày 15 tháng 07 năm 2022" in header_cells(open_docx(stored(report.docx)))[1]
