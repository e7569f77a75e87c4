"""The layout of an official document, written once for every document the platform prints.

A document is a `Letterhead` (who issues it, its number-symbol, place and date, kind and title,
who signs, who receives it) and a list of blocks (headings, paragraphs, tables, charts). The
same letterhead and blocks are rendered to Word (`render_docx`) and, through HTML, to PDF
(`render_pdf`), so both files say the same thing in the same order.

Two formats, chosen by the issuer's `document_style`:

- Party (Hướng dẫn 36-HD/VPTW): issuing body on the left, under its superior body, with a star
  line below; "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, underlined; "Số 05-BC/BCĐ" (no colon).
- State (Nghị định 30/2020/NĐ-CP): the national title "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and
  motto "Độc lập - Tự do - Hạnh phúc" on the right; "Số: 15/BC-UBND".
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string

from danvan.core.numbering import PARTY, STATE, number_line, symbol

PARTY_MOTTO = ("ĐẢNG CỘNG SẢN VIỆT NAM",)
STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

# A4 and the margins both formats ask for (top, bottom, left, right, in millimetres).
PAGE_MM = (210, 297)
MARGINS_MM = (20, 20, 30, 15)
BODY_PT = 14


def document_font() -> str:
    """The font named in documents. Word files name it as is (Times New Roman on the readers'
    computers); the PDF is drawn with the installed font it resolves to (Liberation Serif on
    Debian, Times New Roman's metric twin) — see `pdf_font_stack`."""
    return getattr(settings, "DANVAN_DOCUMENT_FONT", "Times New Roman")


def pdf_font_stack() -> str:
    first = document_font()
    stack = [first, "Liberation Serif", "Times New Roman", "serif"]
    seen: list[str] = []
    for name in stack:
        if name not in seen:
            seen.append(name)
    return ", ".join(f'"{name}"' if name != "serif" else name for name in seen)


def date_line(place: str, day: date) -> str:
    """ "Vĩnh Yên, ngày 15 tháng 01 năm 2023" (always Vietnamese: it is printed on the paper)."""
    text = f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return f"{place}, {text}" if place else text


def vn(value, decimals: int | None = None) -> str:
    """1234567.5 → "1.234.567,5", the Vietnamese way, whatever language the page is in."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    number = Decimal(str(value))
    if decimals is None:
        number = number.normalize()
        exponent = number.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
        decimals = min(decimals, 2)
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _strip_place(name: str, place: str) -> str:
    # "Ban chỉ đạo … dân vận tỉnh Vĩnh Phúc" under "TỈNH ỦY VĨNH PHÚC" is printed without the
    # province, which the line above already says.
    for suffix in (f" tỉnh {place}", f" {place}"):
        if place and name.lower().endswith(suffix.lower()):
            return name[: -len(suffix)]
    return name


@dataclass
class Signature:
    on_behalf: str = ""  # "T/M BAN CHỈ ĐẠO"
    position: str = ""  # "TRƯỞNG BAN"
    name: str = ""


@dataclass
class Letterhead:
    style: str
    parent_body: str
    issuer: str
    symbol: str
    place: str
    day: date
    kind_title: str
    title_lines: list[str]
    signature: Signature = field(default_factory=Signature)
    recipients: list[str] = field(default_factory=list)

    @property
    def is_state(self) -> bool:
        return self.style == STATE

    @property
    def number_line(self) -> str:
        return number_line(self.symbol, self.style)

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.day)

    @property
    def motto(self) -> tuple[str, ...]:
        return STATE_MOTTO if self.is_state else PARTY_MOTTO


def letterhead_for(
    issuer,
    *,
    kind: str,
    kind_title: str,
    number: int | None,
    day: date,
    title_lines: Sequence[str],
    signature: Signature | None = None,
    recipients: Iterable[str] = (),
    place: str | None = None,
) -> Letterhead:
    """The letterhead of a document issued by a committee or an organisation.

    `kind` is the short kind in the number-symbol (BC, KH, TB…); a document not numbered yet
    prints "Số      -BC/BCĐ" with the space left for the number, as drafts on paper do.
    """
    from danvan.orgs.models import Committee

    style = issuer.document_style or PARTY
    if isinstance(issuer, Committee):
        province = issuer.unit.short_name if issuer.unit_id else ""
        parent_body = issuer.parent_body
        name = _strip_place(issuer.name, province) if parent_body else issuer.name
        default_place = issuer.place_name
    else:
        parent_body = issuer.parent.name if issuer.parent_id else ""
        name = issuer.name
        default_place = ""
    place = place if place is not None else (default_place or settings.DANVAN_PLACE_NAME)
    sym = (
        symbol(number, kind, issuer.symbol, style) if number else _blank_symbol(kind, issuer, style)
    )
    return Letterhead(
        style=style,
        parent_body=parent_body.upper(),
        issuer=name.upper(),
        symbol=sym,
        place=place,
        day=day,
        kind_title=kind_title.upper(),
        title_lines=list(title_lines),
        signature=signature or Signature(),
        recipients=list(recipients),
    )


def _blank_symbol(kind: str, issuer, style: str) -> str:
    if style == STATE:
        return f"    /{kind}-{issuer.symbol}"
    return f"    -{kind}/{issuer.symbol}"


# --- blocks -------------------------------------------------------------------------------


@dataclass
class Heading:
    text: str
    level: int = 1  # 0: part ("PHẦN THỨ NHẤT"), 1: "I. …", 2: "1. …"
    subtitle: str = ""


@dataclass
class Paragraph:
    text: str
    key: str = ""  # the narrative it came from (editable before export), if any
    italic: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list]
    total: list | None = None
    numeric_from: int = 1  # columns from this index on are numbers (right-aligned)
    widths: list[float] | None = None  # relative widths

    def cell_text(self, value) -> str:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return vn(value)
        return "" if value is None else str(value)

    @property
    def percent_widths(self) -> list[float]:
        relative = self.widths or [1.0] * len(self.columns)
        total = sum(relative)
        return [round(w * 100 / total, 2) for w in relative]

    @property
    def display_rows(self) -> list[dict]:
        """Rows as printed: [{"cells": [(text, is_number)], "total": bool}]."""
        rows = [(row, False) for row in self.rows]
        if self.total:
            rows.append((self.total, True))
        return [
            {
                "cells": [
                    (self.cell_text(value), index >= self.numeric_from)
                    for index, value in enumerate(row)
                ],
                "total": total,
            }
            for row, total in rows
        ]


@dataclass
class Chart:
    key: str
    title: str
    png: bytes
    width_cm: float = 15.0
    data: Table | None = None  # the numbers drawn, exported to Excel with the tables

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


Block = Heading | Paragraph | Table | Chart


@dataclass
class Document:
    letterhead: Letterhead
    blocks: list[Block]
    filename: str  # without extension

    def tables(self) -> list[Table]:
        """Every table behind the document: its tables and the numbers of its charts."""
        out = []
        for block in self.blocks:
            if isinstance(block, Table):
                out.append(block)
            elif isinstance(block, Chart) and block.data is not None:
                out.append(block.data)
        return out


# --- Word ---------------------------------------------------------------------------------


def render_docx(document: Document) -> bytes:
    from danvan.documents import docx_writer

    return docx_writer.write(document)


# --- PDF ----------------------------------------------------------------------------------


def render_html(document: Document) -> str:
    lh = document.letterhead
    return render_to_string(
        "documents/print.html",
        {
            "doc": document,
            "lh": lh,
            "blocks": [(type(block).__name__.lower(), block) for block in document.blocks],
            "font_stack": pdf_font_stack(),
            "margins": MARGINS_MM,
            "body_pt": BODY_PT,
        },
    )


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    buffer = io.BytesIO()
    # Everything is inline (charts as data: URIs): nothing is fetched from anywhere.
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    HTML(string=render_html(document), base_url=None, url_fetcher=fetcher).write_pdf(buffer)
    return buffer.getvalue()


# --- Excel --------------------------------------------------------------------------------


def render_xlsx(document: Document) -> bytes:
    """Every table of the document, one sheet each, numbers kept as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from danvan.core.excel import NUMBER_FORMAT

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for index, table in enumerate(document.tables(), start=1):
        title = _sheet_title(f"{index}. {table.title}", used)
        sheet = book.create_sheet(title)
        sheet.cell(row=1, column=1, value=table.title).font = Font(bold=True, size=13)
        fill = PatternFill("solid", fgColor="EEEEEE")
        for col, header in enumerate(table.columns, start=1):
            cell = sheet.cell(row=3, column=col, value=header)
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.column_dimensions[get_column_letter(col)].width = 40 if col == 2 else 16
        rows = list(table.rows) + ([table.total] if table.total else [])
        for r, row in enumerate(rows, start=4):
            for col, value in enumerate(row, start=1):
                if isinstance(value, Decimal):
                    value = int(value) if value == value.to_integral_value() else float(value)
                cell = sheet.cell(row=r, column=col, value=value)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    cell.number_format = NUMBER_FORMAT
                if table.total and r == 3 + len(rows):
                    cell.font = Font(bold=True)
        sheet.freeze_panes = "A4"
    if not book.sheetnames:
        book.create_sheet("Trống")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(text: str, used: set[str]) -> str:
    for bad in "[]:*?/\\":
        text = text.replace(bad, " ")
    title = text[:31].strip()
    n = 2
    while title in used:
        suffix = f" ({n})"
        title = text[: 31 - len(suffix)].strip() + suffix
        n += 1
    used.add(title)
    return title
