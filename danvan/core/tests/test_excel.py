from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from openpyxl import load_workbook

from danvan.core.excel import Column, export_list


def test_it_writes_vietnamese_headers_real_dates_and_numbers():
    rows = [
        {
            "name": "Hội Nông dân tỉnh",
            "due": date(2022, 6, 5),
            "km": Decimal("12.5"),
            "at": timezone.make_aware(datetime(2022, 6, 5, 8, 30)),
        },
        {"name": "Đoàn thanh niên", "due": None, "km": 3, "at": None},
    ]
    response = export_list(
        "Nhiệm vụ 2022.xlsx",
        "Nhiệm vụ",
        [
            Column("Đơn vị", lambda r: r["name"]),
            Column("Hạn", lambda r: r["due"]),
            Column("Số km", lambda r: r["km"]),
            Column("Lúc", lambda r: r["at"]),
        ],
        rows,
        title="Danh sách nhiệm vụ",
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Nhi%E1%BB%87m" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.title == "Nhiệm vụ"
    assert sheet["A1"].value == "Danh sách nhiệm vụ"
    assert [c.value for c in sheet[3]] == ["Đơn vị", "Hạn", "Số km", "Lúc"]
    assert sheet["A4"].value == "Hội Nông dân tỉnh"
    assert sheet["B4"].value == datetime(2022, 6, 5)  # a real date, shown dd/mm/yyyy
    assert sheet["B4"].number_format == "DD/MM/YYYY"
    assert sheet["C4"].value == 12.5
    assert sheet["D4"].value == datetime(2022, 6, 5, 8, 30)  # local time, not UTC
    assert sheet["B5"].value is None
