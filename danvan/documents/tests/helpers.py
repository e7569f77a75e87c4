"""Reading generated files back: Word through python-docx, PDF through poppler's pdftotext."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx


def stored(field_file) -> bytes:
    """The bytes of a generated file, read afresh from storage."""
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def header_cells(document) -> tuple[str, str]:
    """The text of the letterhead's left and right cells."""
    left, right = document.tables[0].rows[0].cells
    return left.text, right.text


def body_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def all_texts(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def run_of(document, text: str):
    """The first run (in body or tables) whose text contains `text`."""
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if text in run.text:
                return run
    raise AssertionError(f"no run contains {text!r}")


def pdf_text(data: bytes) -> str:
    assert shutil.which("pdftotext"), "pdftotext is missing: apt-get install poppler-utils"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
        )
    return out.stdout.decode("utf-8")


def pdf_fonts(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True)
    return out.stdout.decode("utf-8")
