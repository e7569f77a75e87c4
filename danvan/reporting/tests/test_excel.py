"""Excel round-trip: the template, and its import through the queue (immediate in tests)."""

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.core.periods import Period
from danvan.geo.models import AdminUnit
from danvan.reporting import excel, services
from danvan.reporting.models import ImportJob, Value
from danvan.reporting.tests.helpers import fill, make_form, make_indicators

FILES = Path(__file__).parent / "files"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def ind(world):
    return make_indicators(world)


@pytest.fixture
def form(world, ind):
    return make_form(world, ind)


def _args(form, org, period="2022M03"):
    return [form.pk, org.pk, period]


def _template(client, form, org, period="2022M03"):
    response = client.get(reverse("reporting:report_template", args=_args(form, org, period)))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return load_workbook(BytesIO(response.content))


@pytest.fixture(autouse=True)
def _files(media):
    return media


def _upload(client, form, org, content: bytes, name="bao-cao.xlsx", period="2022M03"):
    """The job is queued once the upload is committed; the queue runs immediately in tests."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("reporting:report_import", args=_args(form, org, period)),
            {"file": SimpleUploadedFile(name, content, content_type=XLSX)},
        )


def _bytes(book) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row_of(sheet, name):
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=3).value == name)


def _col_of(sheet, code):
    return next(
        c for c in range(1, sheet.max_column + 1) if sheet.cell(row=5, column=c).value == code
    )


def test_the_template_is_prefilled_with_localities_and_figures(world, ind, form):
    fill(world, form, world.hnd, "2022M03", {(ind["MET"], world.kim_xa): "150,5"})
    book = _template(world.client("hoinongdan"), form, world.hnd)
    assert book.sheetnames == ["Số liệu", "_khoa"]
    assert book["_khoa"].sheet_state == "hidden"
    sheet = book["Số liệu"]
    assert sheet.column_dimensions["A"].hidden and sheet.row_dimensions[5].hidden
    assert sheet["B1"].value == form.name
    assert sheet.cell(row=6, column=3).value == "Xã, phường, thị trấn"
    assert "Cống rãnh, kênh mương nạo vét (m)" in [c.value for c in sheet[6]]
    kim = _row_of(sheet, "Xã Kim Xá")
    assert sheet.cell(row=kim, column=1).value == world.kim_xa.code
    assert sheet.cell(row=kim, column=2).value == "Huyện Vĩnh Tường"
    assert sheet.cell(row=kim, column=_col_of(sheet, "MET")).value == 150.5
    keys = dict(book["_khoa"].iter_rows(values_only=True))
    assert keys["form"] == form.code and keys["period"] == "2022M03"


def test_a_file_made_by_openpyxl_is_imported(world, ind, form):
    client = world.client("hoinongdan")
    book = _template(client, form, world.hnd)
    sheet = book["Số liệu"]
    kim, tich = _row_of(sheet, "Xã Kim Xá"), _row_of(sheet, "Phường Tích Sơn")
    sheet.cell(row=kim, column=_col_of(sheet, "LUOT"), value=1200)
    sheet.cell(row=kim, column=_col_of(sheet, "NGAYCONG"), value="1.250")  # typed as text
    sheet.cell(row=tich, column=_col_of(sheet, "MET"), value=12.75)
    response = _upload(client, form, world.hnd, _bytes(book))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == ImportJob.DONE and job.imported == 3 and job.percent == 100
    figures = {(v.indicator.code, v.unit_id): v.value for v in Value.objects.all()}
    assert figures == {
        ("LUOT", world.kim_xa.pk): Decimal(1200),
        ("NGAYCONG", world.kim_xa.pk): Decimal(1250),
        ("MET", world.tich_son.pk): Decimal("12.75"),
    }
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Đã nhập: 3 số liệu thay đổi." in page
    # Round trip: the next template holds what was imported.
    again = _template(client, form, world.hnd)["Số liệu"]
    assert again.cell(row=kim, column=_col_of(again, "LUOT")).value == 1200


def test_a_file_saved_by_libreoffice_is_imported(world, ind, form):
    """tests/files/libreoffice.xlsx: the template of BC-XA for Hội Nông dân, 2022M03, filled in
    and saved by LibreOffice Calc 7.4 (see make_libreoffice_fixture in this module)."""
    client = world.client("hoinongdan")
    content = (FILES / "libreoffice.xlsx").read_bytes()
    _upload(client, form, world.hnd, content, name="libreoffice.xlsx")
    job = ImportJob.objects.get()
    assert job.state == ImportJob.DONE, job.errors
    figures = {(v.indicator.code, v.unit_id): v.value for v in Value.objects.all()}
    assert figures == {
        ("LUOT", world.kim_xa.pk): Decimal(12),
        ("NGAYCONG", world.kim_xa.pk): Decimal(15),
        ("NGAYCONG", world.tt_vinh_tuong.pk): Decimal(1234),
        ("LUOT", world.tt_vinh_tuong.pk): Decimal(1000),
        ("MET", world.tich_son.pk): Decimal("2.5"),
    }


def make_libreoffice_fixture(book_bytes: bytes) -> bytes:  # pragma: no cover - run by hand
    """How the fixture was made: fill the template, then let LibreOffice re-save it."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source.xlsx"
        source.write_bytes(book_bytes)
        out = Path(tmp) / "out"
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
        )
        return (out / "source.xlsx").read_bytes()


def _errors(world, form, content, name="bao-cao.xlsx"):
    response = _upload(world.client("hoinongdan"), form, world.hnd, content, name=name)
    return response, ImportJob.objects.order_by("-pk").first()


def test_a_bad_file_changes_nothing_and_lists_each_error(world, ind, form):
    fill(world, form, world.hnd, "2022M03", {(ind["MET"], world.kim_xa): "7"})
    client = world.client("hoinongdan")
    book = _template(client, form, world.hnd)
    sheet = book["Số liệu"]
    kim, tich = _row_of(sheet, "Xã Kim Xá"), _row_of(sheet, "Phường Tích Sơn")
    sheet.cell(row=kim, column=_col_of(sheet, "MET"), value=99)  # fine on its own
    sheet.cell(row=kim, column=_col_of(sheet, "LUOT"), value="mười")
    sheet.cell(row=tich, column=_col_of(sheet, "LUOT"), value=2.5)
    sheet.cell(row=tich, column=_col_of(sheet, "MET"), value="=1+2")
    _response, job = _errors(world, form, _bytes(book))
    assert job.state == ImportJob.FAILED
    assert Value.objects.get().value == 7  # untouched
    by_place = {(e["sheet"], e["row"], e["column"].split(" ")[0]): e["reason"] for e in job.errors}
    luot, met = _col_of(sheet, "LUOT"), _col_of(sheet, "MET")
    from openpyxl.utils import get_column_letter as L

    assert (
        "không phải là số" in by_place[("Số liệu", kim, L(luot))]
        or "Việt Nam" in by_place[("Số liệu", kim, L(luot))]
    )
    assert "số nguyên" in by_place[("Số liệu", tich, L(luot))]
    assert "công thức" in by_place[("Số liệu", tich, L(met))]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "không có gì thay đổi" in page and "Trang tính" in page and "Cột" in page


def test_a_rule_broken_in_the_file_is_reported_with_its_place(world, ind, form):
    client = world.client("hoinongdan")
    book = _template(client, form, world.hnd)
    sheet = book["Số liệu"]
    kim = _row_of(sheet, "Xã Kim Xá")
    sheet.cell(row=kim, column=_col_of(sheet, "LUOT"), value=30)
    sheet.cell(row=kim, column=_col_of(sheet, "NGAYCONG"), value=10)
    _response, job = _errors(world, form, _bytes(book))
    assert job.state == ImportJob.FAILED and not Value.objects.exists()
    assert {e["row"] for e in job.errors} == {kim}
    assert all("phải ≥" in e["reason"] for e in job.errors)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel 97-2003"),
        ("so-lieu.csv", "Xã;Lượt\nKim Xá;12\n".encode(), "CSV"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "không phải tệp Excel"),
    ],
)
def test_other_kinds_of_file_are_refused_before_queueing(world, form, name, content, words):
    response, job = _errors(world, form, content, name=name)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert job is None


def test_an_ods_file_is_refused(world, form):
    import zipfile

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    response, job = _errors(world, form, buffer.getvalue(), name="so-lieu.ods")
    assert "OpenDocument" in response.content.decode() and job is None


def test_a_workbook_without_the_sheet_or_for_another_report_is_refused(world, ind, form):
    client = world.client("hoinongdan")
    plain = Workbook()
    plain.active.title = "Sheet1"
    _response, job = _errors(world, form, _bytes(plain))
    assert job.state == ImportJob.FAILED and "Số liệu" in job.errors[0]["reason"]

    other_month = _template(client, form, world.hnd, period="2022M02")
    _response, job = _errors(world, form, _bytes(other_month))
    assert job.state == ImportJob.FAILED
    assert any("kỳ báo cáo khác" in e["reason"] and e["sheet"] == "_khoa" for e in job.errors)


def test_merged_cells_and_unknown_rows_are_refused(world, ind, form):
    client = world.client("hoinongdan")
    book = _template(client, form, world.hnd)
    sheet = book["Số liệu"]
    kim = _row_of(sheet, "Xã Kim Xá")
    sheet.merge_cells(start_row=kim, start_column=4, end_row=kim, end_column=5)
    sheet.cell(row=sheet.max_row + 1, column=1, value="99999")
    sheet.cell(row=sheet.max_row, column=4, value=5)
    _response, job = _errors(world, form, _bytes(book))
    reasons = " ".join(e["reason"] for e in job.errors)
    assert "gộp" in reasons and "99999" in reasons
    assert not Value.objects.exists()


def test_progress_is_recorded_while_reading_a_large_file(world, ind, form):
    for i in range(75):
        AdminUnit.objects.create(
            structure=AdminUnit.LEGACY,
            level=AdminUnit.COMMUNE,
            code=f"9{i:04d}",
            name=f"Xã Thử {i}",
            short_name=f"Thử {i}",
            kind="Xã",
            parent=world.vinh_yen,
        )
    report = services.open_report(
        form, world.hnd, Period.parse("2022M03"), acting_user=world.thuongtruc
    )
    book = excel.template(form, world.hnd, report.period, report)
    sheet = book["Số liệu"]
    for r in range(7, sheet.max_row + 1):
        sheet.cell(row=r, column=_col_of(sheet, "MET"), value=1)
    calls = []
    found = excel.read_workbook(
        BytesIO(_bytes(book)), report, lambda done, total: calls.append((done, total))
    )
    assert sum(1 for text, _where in found.values() if text is not None) == 78
    assert calls[0] == (0, 78) and calls[-1] == (78, 78) and len(calls) >= 4
    # The page polls a fragment while the job runs.
    job = ImportJob.objects.create(
        report=report,
        file="imports/x.xlsx",
        file_name="x.xlsx",
        created_by=world.thuongtruc,
        total=78,
        progress=40,
        state=ImportJob.RUNNING,
    )
    fragment = (
        world.client("thuongtruc")
        .get(reverse("reporting:import_progress", args=[job.pk]))
        .content.decode()
    )
    assert 'hx-trigger="every 1s"' in fragment and "51%" in fragment


def test_an_approved_report_cannot_be_imported_into(world, ind, form):
    report = fill(world, form, world.hnd, "2022M03", {(ind["MET"], world.kim_xa): "1"})
    report = services.submit_report(report, acting_user=world.thuongtruc)
    services.approve_report(report, acting_user=world.thuongtruc)
    client = world.client("hoinongdan")
    content = _bytes(_template(client, form, world.hnd))
    response = _upload(client, form, world.hnd, content)
    assert response.status_code == 302 and not ImportJob.objects.exists()


def test_import_permissions(world, form):
    url = reverse("reporting:report_import", args=_args(form, world.hnd))
    assert world.client("mttq").post(url, {}).status_code == 404
    assert world.client("truongban").post(url, {}).status_code == 403
    assert world.client("hoinongdan").delete(url).status_code == 405
