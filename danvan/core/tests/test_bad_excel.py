"""Malformed Excel files through the report import page: each is refused with a Vietnamese
message, never a 500, and not one figure of the report changes. A hypothesis test fills the
template's cells with garbage and checks the import is all-or-nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

pytestmark = pytest.mark.skipif(
    not __import__("importlib").util.find_spec("danvan.reporting.excel"),
    reason="the reporting app has not landed",
)

PERIOD = "2022M03"


@pytest.fixture
def setup(world, media):
    from danvan.reporting.tests.helpers import fill, make_form, make_indicators

    indicators = make_indicators(world)
    form = make_form(world, indicators)
    report = fill(
        world,
        form,
        world.hnd,
        PERIOD,
        {(indicators["LUOT"], world.kim_xa): "12", (indicators["NGAYCONG"], world.kim_xa): "30"},
    )
    return form, report


def _figures(report) -> list:
    return sorted(report.values.values_list("indicator_id", "unit_id", "value", "comment"))


def _upload(client, form, org, content: bytes, name: str):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("reporting:report_import", args=[form.pk, org.pk, PERIOD]),
            {"file": SimpleUploadedFile(name, content)},
        )


def _template(world, form) -> Workbook:
    response = world.client("hoinongdan").get(
        reverse("reporting:report_template", args=[form.pk, world.hnd.pk, PERIOD])
    )
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _outcome(world, report, response) -> str:
    """What the officer is told: the refusal on the page, or the failed job's errors."""
    from danvan.reporting.models import ImportJob

    assert response.status_code < 500
    text = response.content.decode()
    job = ImportJob.objects.filter(report=report).order_by("-pk").first()
    if response.status_code == 302:
        assert job is not None, "accepted for import but no job"
        text = world.client("hoinongdan").get(job.get_absolute_url()).content.decode()
        assert job.state == ImportJob.FAILED, (job.state, job.errors)
        text += " ".join(e["reason"] for e in job.errors)
    return text


def _data_cell(book):
    from danvan.reporting import excel

    sheet = book[excel.DATA_SHEET]
    key_row = next(
        r for r in range(1, 30) if str(sheet.cell(row=r, column=1).value or "") == excel.KEY_MARK
    )
    return sheet, key_row + 2, excel.FIRST_VALUE_COLUMN


def _garbled(world, form, change) -> bytes:
    book = _template(world, form)
    change(book)
    return _bytes(book)


def _text_in_number(book):
    sheet, row, col = _data_cell(book)
    sheet.cell(row=row, column=col, value="mười hai")


def _formula(book):
    sheet, row, col = _data_cell(book)
    sheet.cell(row=row, column=col, value="=1+1")


def _date_in_number(book):
    from datetime import date

    sheet, row, col = _data_cell(book)
    sheet.cell(row=row, column=col, value=date(2022, 3, 5))


def _merged(book):
    sheet, row, col = _data_cell(book)
    sheet.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + 1)


def _wrong_sheet(book):
    from danvan.reporting import excel

    book[excel.DATA_SHEET].title = "Sheet1"


def _negative(book):
    sheet, row, col = _data_cell(book)
    sheet.cell(row=row, column=col, value=-5)


def _huge_number(book):
    sheet, row, col = _data_cell(book)
    sheet.cell(row=row, column=col, value=10**30)


def _keys_removed(book):
    from danvan.reporting import excel

    del book[excel.KEY_SHEET]


def _ods_like() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


GARBLED = {
    "text in a number cell": (_text_in_number, ["số"]),
    "a formula": (_formula, ["công thức"]),
    "a date in a number cell": (_date_in_number, []),
    "merged cells": (_merged, ["gộp"]),
    "the sheet renamed": (_wrong_sheet, ["Số liệu"]),
    "a negative figure": (_negative, ["âm"]),
    "a 31-digit figure": (_huge_number, []),
    "the hidden key sheet removed": (_keys_removed, []),
}


@pytest.mark.parametrize("case", sorted(GARBLED))
def test_a_garbled_template_is_refused_whole(world, setup, case):
    form, report = setup
    change, words = GARBLED[case]
    before = _figures(report)
    content = _garbled(world, form, change)
    text = _outcome(
        world, report, _upload(world.client("hoinongdan"), form, world.hnd, content, "bao-cao.xlsx")
    )
    for word in words:
        assert word in text.lower() or word in text, (case, text[-2000:])
    assert _figures(report) == before


FOREIGN = {
    "an old .xls": ("bao-cao.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, ["97-2003"]),
    "a .csv in UTF-8": ("bao-cao.csv", "Xã,Lượt\nKim Xá,12\n".encode(), ["CSV"]),
    "a .csv in a Windows code page": (
        "bao-cao.csv",
        "Xa Kim Xa;12\n".encode("cp1252") + b"\xe9\xe8",
        ["CSV"],
    ),
    "UTF-16 text named .xlsx": ("bao-cao.xlsx", "Kim Xá\t12".encode("utf-16"), ["Excel"]),
    "an .ods": ("bao-cao.ods", _ods_like(), [".ods"]),
    "a program named .xlsx": ("bao-cao.xlsx", b"MZ\x90\x00" + b"\0" * 500, ["Excel"]),
    "an empty file": ("bao-cao.xlsx", b"", ["Excel"]),
    "a broken zip": ("bao-cao.xlsx", b"PK\x03\x04 broken", ["Excel"]),
    "a Word file": ("bao-cao.xlsx", None, ["Excel"]),
}


def _docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("case", sorted(FOREIGN))
def test_a_file_that_is_not_the_template_is_refused(world, setup, case):
    form, report = setup
    name, content, words = FOREIGN[case]
    before = _figures(report)
    text = _outcome(
        world,
        report,
        _upload(
            world.client("hoinongdan"),
            form,
            world.hnd,
            content if content is not None else _docx(),
            name,
        ),
    )
    for word in words:
        assert word in text, (case, text[-1500:])
    assert _figures(report) == before


def test_a_file_over_the_size_limit_is_refused_before_reading(world, setup, settings):
    settings.DANVAN_MAX_UPLOAD_MB = 1
    form, report = setup
    before = _figures(report)
    big = _template(world, form)
    sheet, row, col = _data_cell(big)
    content = _bytes(big) + b"\0" * (1024 * 1024)
    text = _outcome(
        world, report, _upload(world.client("hoinongdan"), form, world.hnd, content, "lon.xlsx")
    )
    assert "1 MB" in text
    assert _figures(report) == before


def test_a_template_of_another_organisation_is_refused(world, setup):
    from danvan.reporting.tests.helpers import fill

    form, report = setup
    other = fill(world, form, world.mttq, PERIOD, {})
    before = _figures(report)
    content = _bytes(
        load_workbook(
            io.BytesIO(
                world.client("mttq")
                .get(reverse("reporting:report_template", args=[form.pk, world.mttq.pk, PERIOD]))
                .content
            )
        )
    )
    text = _outcome(
        world, report, _upload(world.client("hoinongdan"), form, world.hnd, content, "x.xlsx")
    )
    assert "Ủy ban MTTQ" in text or "đơn vị" in text.lower()
    assert _figures(report) == before
    assert other.values.count() == 0


CELL = st.one_of(
    st.sampled_from(["12", "1.234", "1.234,5", "1,5", "abc", "", " ", "=SUM(A1:A2)", "-3", "1e5"]),
    st.integers(min_value=-100, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    # Any text a cell can hold (openpyxl itself refuses control characters).
    st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=30),
)


def test_garbage_in_the_cells_is_imported_whole_or_not_at_all(world, setup):
    from danvan.reporting.models import ImportJob

    form, report = setup
    base = _bytes(_template(world, form))
    client = world.client("hoinongdan")

    @settings(
        max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(cells=st.lists(CELL, min_size=1, max_size=9))
    def import_garbage(cells):
        book = load_workbook(io.BytesIO(base))
        sheet, row, col = _data_cell(book)
        positions = [(row + r, col + c) for r in range(3) for c in range(3)]
        for (r, c), value in zip(positions, cells, strict=False):
            sheet.cell(row=r, column=c, value=value)
        before = _figures(report)
        response = _upload(client, form, world.hnd, _bytes(book), "bao-cao.xlsx")
        assert response.status_code < 500
        job = ImportJob.objects.filter(report=report).order_by("-pk").first()
        assert job is not None and job.finished
        if job.state == ImportJob.FAILED:
            assert job.errors and all(e["reason"] for e in job.errors)
            assert _figures(report) == before

    import_garbage()
