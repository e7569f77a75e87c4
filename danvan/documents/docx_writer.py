"""Word rendering of a `layout.Document` with python-docx.

Sizes follow Hướng dẫn 36-HD/VPTW (Party) and Nghị định 30/2020 (State): issuing body 14 pt
capitals, "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt bold underlined, the kind of document 15 pt bold
capitals, body 14 pt, recipients 12 pt; A4 with 20/20/30/15 mm margins; page numbers from the
second page, centred at the top.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from danvan.documents.layout import (
    BODY_PT,
    MARGINS_MM,
    PAGE_MM,
    Chart,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Table,
    document_font,
)

TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM[2] - MARGINS_MM[3]


def write(document: Document) -> bytes:
    doc = new_docx()
    font = document_font()
    _page(doc)
    _base_style(doc, font)
    _letterhead(doc, document.letterhead)
    for index, block in enumerate(document.blocks):
        if isinstance(block, Paragraph) and index == len(document.blocks) - 1:
            _paragraph(doc, block, keep_with_next=True)
        elif isinstance(block, Heading):
            _heading(doc, block)
        elif isinstance(block, Paragraph):
            _paragraph(doc, block)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Chart):
            _chart(doc, block)
    _closing(doc, document.letterhead)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(10)
    # Page numbers from the second page on, centred at the top (both formats).
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(header, "PAGE", size=13)


def _field(paragraph, instruction: str, size: int) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(size)
    begin, text, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"), None)
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _base_style(doc, font: str) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    for name in ("Table Grid",):
        if name in [s.name for s in doc.styles]:
            doc.styles[name].font.name = font


def _run(paragraph, text: str, *, bold=False, italic=False, underline=False, size=BODY_PT):
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return run


def _centered(cell_or_doc, text="", **style):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        _run(paragraph, text, **style)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _first_paragraph(cell):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _short_rule(cell, width_mm: float, cell_width_mm: float) -> None:
    """A centred horizontal line (Decree 30 puts one under the issuer and under the motto)."""
    paragraph = cell.add_paragraph()
    indent = max(0.0, (cell_width_mm - width_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(indent)
    paragraph.paragraph_format.right_indent = Mm(indent)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    run = paragraph.add_run()
    run.font.size = Pt(2)


def _letterhead(doc, lh: Letterhead) -> None:
    left_mm, right_mm = (
        (70.0, TEXT_WIDTH_MM - 70.0) if not lh.is_state else (65.0, TEXT_WIDTH_MM - 65.0)
    )
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, [left_mm, right_mm])
    left, right = table.rows[0].cells

    size_body = 13 if lh.is_state else 14
    paragraph = _first_paragraph(left)
    if lh.parent_body:
        _run(paragraph, lh.parent_body, size=size_body)
        paragraph = _centered(left)
    _run(paragraph, lh.issuer, bold=True, size=size_body)
    if lh.is_state:
        _short_rule(left, 25, left_mm)
    else:
        _centered(left, "*", size=14)
    number = _centered(left, lh.number_line, size=13 if lh.is_state else 14)
    number.paragraph_format.space_before = Pt(4 if lh.is_state else 0)

    motto = _first_paragraph(right)
    if lh.is_state:
        _run(motto, lh.motto[0], bold=True, size=13)
        _centered(right, lh.motto[1], bold=True, size=14)
        _short_rule(right, 58, right_mm)
    else:
        _run(motto, lh.motto[0], bold=True, underline=True, size=15)
        _centered(right, "")
    when = _centered(right, lh.date_line, italic=True, size=14)
    when.paragraph_format.space_before = Pt(6 if lh.is_state else 10)

    title = _centered(doc, lh.kind_title, bold=True, size=15)
    title.paragraph_format.space_before = Pt(24)
    for line in lh.title_lines:
        _centered(doc, line, bold=True, size=14)
    dash = _centered(doc, "-----", size=14)
    dash.paragraph_format.space_after = Pt(12)


def _body_format(paragraph, *, indent=True) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.0) if indent else None
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15


def _heading(doc, block: Heading) -> None:
    paragraph = doc.add_paragraph()
    if block.level == 0:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, block.text, bold=True, size=14)
        if block.subtitle:
            sub = _centered(doc, block.subtitle, bold=True, size=14)
            sub.paragraph_format.space_after = Pt(6)
            sub.paragraph_format.keep_with_next = True
        return
    _body_format(paragraph)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = Pt(6 if block.level == 1 else 3)
    _run(paragraph, block.text, bold=True, italic=block.level >= 2, size=BODY_PT)


def _paragraph(doc, block: Paragraph, keep_with_next: bool = False) -> None:
    # The last paragraph stays on the page of the signature, as signed documents do.
    for line in [part for part in block.text.split("\n") if part.strip()] or [""]:
        paragraph = doc.add_paragraph()
        _body_format(paragraph)
        paragraph.paragraph_format.keep_with_next = keep_with_next
        _run(paragraph, line.strip(), italic=block.italic)


def _cell_text(cell, text: str, *, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT, size=12):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(2)
    _run(paragraph, text, bold=bold, size=size)


def _table(doc, block: Table) -> None:
    caption = doc.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(4)
    caption.paragraph_format.keep_with_next = True
    _run(caption, block.title, bold=True, size=13)

    rows = list(block.rows) + ([block.total] if block.total else [])
    table = doc.add_table(rows=1 + len(rows), cols=len(block.columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    relative = block.widths or [1.0] * len(block.columns)
    scale = TEXT_WIDTH_MM / sum(relative)
    _widths(table, [w * scale for w in relative])
    for col, header in enumerate(block.columns):
        _cell_text(table.rows[0].cells[col], header, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _repeat_header(table.rows[0])
    for r, row in enumerate(rows, start=1):
        is_total = block.total is not None and r == len(rows)
        for col, value in enumerate(row):
            numeric = col >= block.numeric_from
            _cell_text(
                table.rows[r].cells[col],
                block.cell_text(value),
                bold=is_total,
                align=WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT,
            )
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def _chart(doc, block: Chart) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run().add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
    caption = _centered(doc, block.title, italic=True, size=12)
    caption.paragraph_format.space_after = Pt(8)


def _closing(doc, lh: Letterhead) -> None:
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    half = TEXT_WIDTH_MM / 2
    _widths(table, [half - 5, half + 5])
    left, right = table.rows[0].cells

    first = left.paragraphs[0]
    if lh.is_state:
        _run(first, "Nơi nhận:", bold=True, italic=True, size=12)
    else:
        _run(first, "Nơi nhận:", underline=True, size=14)
    for line in lh.recipients:
        paragraph = left.add_paragraph()
        _run(paragraph, line, size=11 if lh.is_state else 12)

    sig = lh.signature
    paragraph = _first_paragraph(right)
    if sig.on_behalf:
        _run(paragraph, sig.on_behalf, bold=True, size=14)
        paragraph = _centered(right)
    _run(paragraph, sig.position, bold=True, size=14)
    for _blank in range(4):
        _centered(right, "")
    _centered(right, sig.name, bold=True, size=14)
