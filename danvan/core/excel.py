"""Excel exports of lists: Vietnamese headers, dates as real dates, numbers as numbers.

One exporter for every list page: describe the columns once, pass the (already filtered and
`visible_to`-scoped) rows, get an .xlsx response.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
NUMBER_FORMAT = (
    "#,##0.##"  # Excel shows the reader's own separators (1.234,5 on a Vietnamese system)
)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]
    width: int = 18


def _cell_value(value):
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date | int | float | Decimal | bool):
        return value
    return str(value)


def workbook(
    sheet_title: str, columns: list[Column], rows: Iterable, *, title: str | None = None
) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]
    first_row = 1
    if title:
        sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
        first_row = 3
    header_fill = PatternFill("solid", fgColor="EEEEEE")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=first_row, column=index, value=str(column.header))
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    row_number = first_row
    for row in rows:
        row_number += 1
        for index, column in enumerate(columns, start=1):
            value = _cell_value(column.value(row))
            cell = sheet.cell(row=row_number, column=index, value=value)
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                cell.number_format = NUMBER_FORMAT
    sheet.freeze_panes = sheet.cell(row=first_row + 1, column=1)
    return book


def xlsx_response(book: Workbook, filename: str) -> HttpResponse:
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    # RFC 6266: an ASCII fallback and the Vietnamese name, so both old and new browsers keep it.
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def export_list(
    filename: str,
    sheet_title: str,
    columns: list[Column],
    rows: Iterable,
    *,
    title: str | None = None,
) -> HttpResponse:
    return xlsx_response(workbook(sheet_title, columns, rows, title=title), filename)
