"""The official document layout: Party and State headers, number line, date line, signature,
recipients, A4 and fonts, in Word, PDF and Excel alike."""

from datetime import date
from decimal import Decimal

import pytest
from docx.shared import Pt
from openpyxl import load_workbook

from danvan.core.numbering import STATE
from danvan.documents import layout
from danvan.documents.layout import Heading, Paragraph, Signature, Table
from danvan.documents.tests.helpers import (
    body_texts,
    header_cells,
    open_docx,
    pdf_fonts,
    pdf_text,
    run_of,
)

pytestmark = pytest.mark.django_db


def _document(issuer, number=5, day=date(2023, 1, 15)):
    letterhead = layout.letterhead_for(
        issuer,
        kind="BC",
        kind_title="Báo cáo",
        number=number,
        day=day,
        title_lines=["Tổng kết công tác dân vận năm 2022"],
        signature=Signature("T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN", "Nguyễn Thanh Tùng"),
        recipients=["- Thường trực Tỉnh ủy (b/c),", "- Lưu VP."],
    )
    blocks = [
        Heading("PHẦN THỨ NHẤT", level=0, subtitle="KẾT QUẢ NĂM 2022"),
        Paragraph("Huy động 24310 lượt cán bộ, chiến sĩ."),
        Table(
            key="t",
            title="Bảng 1. Kết quả",
            columns=["STT", "Chỉ tiêu", "Kết quả"],
            rows=[[1, "Lượt cán bộ, chiến sĩ", Decimal("24310")]],
            total=["", "Tổng", Decimal("24310")],
            numeric_from=2,
        ),
        Heading("PHẦN THỨ HAI", level=0),
    ]
    return layout.Document(letterhead=letterhead, blocks=blocks, filename="test")


def test_it_writes_the_party_header(world):
    doc = open_docx(layout.render_docx(_document(world.committee)))
    left, right = header_cells(doc)
    assert left.splitlines() == [
        "TỈNH ỦY VĨNH PHÚC",
        "BAN CHỈ ĐẠO ĐIỀU HÀNH PHỐI HỢP HOẠT ĐỘNG CÔNG TÁC DÂN VẬN",
        "*",
        "Số 05-BC/BCĐ",
    ]
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.splitlines()[-1] == "Vĩnh Yên, ngày 15 tháng 01 năm 2023"
    motto = run_of(doc, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert motto.bold and motto.underline and motto.font.size == Pt(15)
    when = run_of(doc, "Vĩnh Yên, ngày")
    assert when.italic and when.font.size == Pt(14)
    issuer = run_of(doc, "BAN CHỈ ĐẠO ĐIỀU HÀNH")
    assert issuer.bold


def test_it_writes_the_state_header_for_a_state_body(world):
    world.org_vinh_tuong.document_style = STATE
    world.org_vinh_tuong.save()
    doc = open_docx(layout.render_docx(_document(world.org_vinh_tuong, number=15)))
    left, right = header_cells(doc)
    assert "HUYỆN VĨNH TƯỜNG" in left
    assert "Số: 15/BC-HU" in left
    lines = [line for line in right.splitlines() if line.strip()]
    assert lines[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert lines[1] == "Độc lập - Tự do - Hạnh phúc"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in right


def test_it_leaves_room_for_the_number_of_a_draft(world):
    doc = open_docx(layout.render_docx(_document(world.committee, number=None)))
    left, _right = header_cells(doc)
    assert left.splitlines()[-1] == "Số     -BC/BCĐ"


def test_it_uses_a4_margins_and_the_configured_font(world, settings):
    settings.DANVAN_DOCUMENT_FONT = "Times New Roman"
    doc = open_docx(layout.render_docx(_document(world.committee)))
    section = doc.sections[0]

    def mm(length):
        return round(length.mm)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    body = run_of(doc, "Huy động")
    assert body.font.size == Pt(14)
    texts = body_texts(doc)
    assert texts.index("BÁO CÁO") < texts.index("PHẦN THỨ NHẤT") < texts.index("PHẦN THỨ HAI")


def test_it_closes_with_recipients_and_signature(world):
    doc = open_docx(layout.render_docx(_document(world.committee)))
    left, right = (cell.text for cell in doc.tables[-1].rows[0].cells)
    assert left.splitlines()[0] == "Nơi nhận:"
    assert "- Lưu VP." in left
    signature = [line for line in right.splitlines() if line.strip()]
    assert signature == ["T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN", "Nguyễn Thanh Tùng"]


def test_it_writes_the_same_text_to_pdf_in_liberation_serif(world):
    pdf = layout.render_pdf(_document(world.committee))
    text = pdf_text(pdf)
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 05-BC/BCĐ",
        "Vĩnh Yên, ngày 15 tháng 01 năm 2023",
        "BÁO CÁO",
        "PHẦN THỨ NHẤT",
        "24.310",
        "Nơi nhận:",
        "Nguyễn Thanh Tùng",
    ):
        assert expected in text, expected
    # Times New Roman is not installed here: the PDF is drawn in its metric twin.
    assert "Liberation-Serif" in pdf_fonts(pdf)


def test_it_exports_every_table_to_excel(world):
    book = load_workbook(__import__("io").BytesIO(layout.render_xlsx(_document(world.committee))))
    sheet = book[book.sheetnames[0]]
    assert sheet["A1"].value == "Bảng 1. Kết quả"
    assert [c.value for c in sheet[3]] == ["STT", "Chỉ tiêu", "Kết quả"]
    assert sheet["C4"].value == 24310
    assert sheet["B5"].value == "Tổng"


def test_it_formats_numbers_the_vietnamese_way():
    assert layout.vn(Decimal("1234567.5")) == "1.234.567,5"
    assert layout.vn(24310) == "24.310"
    assert layout.date_line("Vĩnh Yên", date(2023, 1, 5)) == "Vĩnh Yên, ngày 05 tháng 01 năm 2023"
