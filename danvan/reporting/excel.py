"""Excel round-trip of a report: the template (Tải mẫu Excel) and its import (Nhập Excel).

The template holds, on the sheet "Số liệu", one row per locality and one column per indicator,
pre-filled with the stored figures. Hidden column A carries the commune codes, a hidden row the
indicator codes, and a hidden sheet which form, organisation and period the file is for, so a
file is read back without guessing, whatever the user did to the visible headers.

The import reads everything first and writes nothing unless every cell is right; each error
names the sheet, row, column and reason. It runs in the background queue (huey) and records its
progress, so a large file shows a progress bar.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from danvan.core.periods import Period
from danvan.core.text import fold
from danvan.core.workflow import WorkflowError
from danvan.reporting import services
from danvan.reporting.models import ImportJob, Report

DATA_SHEET = "Số liệu"
KEY_SHEET = "_khoa"
KEY_MARK = "#khoa"
WHOLE = "*"
FIRST_VALUE_COLUMN = 4  # A: hidden code, B: district, C: commune, D…: indicators
TEMPLATE_VERSION = "1"
PROGRESS_STEP = 20


def file_name(form, organization, period: Period) -> str:
    return (
        f"{slugify(fold(form.code)) or 'bao-cao'}-{slugify(fold(organization.display_name))}"
        f"-{period.code}.xlsx"
    )


def template(form, organization, period: Period, report: Report | None) -> Workbook:
    """The form for one organisation and period, pre-filled with the stored figures."""
    indicators = form.ordered_indicators()
    units = services.localities(form, organization, period)
    values = {(v.indicator_id, v.unit_id): v.value for v in report.values.all()} if report else {}
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    bold = Font(bold=True)
    sheet["B1"] = form.name
    sheet["B1"].font = Font(bold=True, size=13)
    sheet["B2"] = _("Organisation: %(org)s") % {"org": organization.name_on(period.start)}
    sheet["B3"] = _("Period: %(period)s (deadline %(deadline)s)") % {
        "period": period.label,
        "deadline": form.deadline(period).strftime("%d/%m/%Y"),
    }
    sheet["B4"] = _(
        "Type figures only (1.234,5 or Excel numbers); no formulas, no merged cells; "
        "do not change hidden rows, columns or sheets. An empty cell removes the figure."
    )
    sheet["B4"].font = Font(italic=True, color="666666")

    key_row, header_row = 5, 6
    sheet.cell(row=key_row, column=1, value=KEY_MARK)
    headers = [_("Commune code"), _("District"), _("Commune, ward or town")]
    fill = PatternFill("solid", fgColor="EEEEEE")
    for col, text in enumerate(headers, start=1):
        cell = sheet.cell(row=header_row, column=col, value=text)
        cell.font, cell.fill = bold, fill
    for offset, indicator in enumerate(indicators):
        col = FIRST_VALUE_COLUMN + offset
        sheet.cell(row=key_row, column=col, value=indicator.code)
        cell = sheet.cell(
            row=header_row, column=col, value=f"{indicator.name} ({indicator.measure_unit})"
        )
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(col)].width = 16
    sheet.row_dimensions[key_row].hidden = True
    sheet.row_dimensions[header_row].height = 60
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 28

    for r, unit in enumerate(units, start=header_row + 1):
        if unit is None:
            code, district, name = WHOLE, "", _("Whole organisation")
        else:
            code = unit.code
            district = unit.parent.name if unit.parent and unit.parent.level == 2 else ""
            name = unit.name
        sheet.cell(row=r, column=1, value=code).protection = Protection(locked=True)
        sheet.cell(row=r, column=2, value=district)
        sheet.cell(row=r, column=3, value=name)
        for offset, indicator in enumerate(indicators):
            value = values.get((indicator.pk, unit.pk if unit else None))
            cell = sheet.cell(row=r, column=FIRST_VALUE_COLUMN + offset)
            if value is not None:
                cell.value = int(value) if value == value.to_integral_value() else float(value)
            cell.number_format = "#,##0.####" if indicator.decimal else "#,##0"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=FIRST_VALUE_COLUMN)

    keys = book.create_sheet(KEY_SHEET)
    for row in (
        ("form", form.code),
        # Names, not database ids: a file stays readable after a restore or on another copy.
        ("organization", organization.name),
        ("period", period.code),
        ("template", TEMPLATE_VERSION),
    ):
        keys.append(row)
    keys.sheet_state = "hidden"
    return book


# --- Reading back -----------------------------------------------------------------------------


def refuse_early(upload) -> str:
    """Why a file cannot be an .xlsx template, before it is queued ("" when it may be)."""
    limit = settings.DANVAN_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        return _("The file is larger than %(n)d MB.") % {"n": settings.DANVAN_MAX_UPLOAD_MB}
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    name = (upload.name or "").lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _(
            "This is an old Excel 97-2003 file (.xls). Open it in Excel or LibreOffice and "
            "save it as “Excel Workbook (.xlsx)”, then import that."
        )
    if not head.startswith(b"PK"):
        if name.endswith((".csv", ".txt")):
            return _(
                "CSV files are not accepted: download the Excel template (.xlsx), fill it in "
                "and import it."
            )
        return _("This is not an Excel file (.xlsx).")
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return _("This is not an Excel file (.xlsx).")
    finally:
        upload.seek(0)
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            return _(
                "This is an OpenDocument spreadsheet (.ods). Save it as “Excel 2007-365 "
                "(.xlsx)” in LibreOffice, then import that."
            )
        return _("This is not an Excel file (.xlsx).")
    return ""


class ImportError_(Exception):
    def __init__(self, errors: list[dict]):
        super().__init__("import refused")
        self.errors = errors


def _error(reason: str, sheet: str = "", row: int | None = None, column: str = "") -> dict:
    return {"sheet": sheet, "row": row, "column": column, "reason": str(reason)}


def read_workbook(source, report: Report, progress=None) -> dict:
    """{(indicator id, commune id or None): (text, (row, column letter, header))} from a file,
    or ImportError_ listing every problem found."""
    try:
        book = load_workbook(source, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise ImportError_([_error(_("The file cannot be read as an Excel workbook."))]) from None
    if DATA_SHEET not in book.sheetnames:
        raise ImportError_(
            [
                _error(
                    _(
                        "There is no sheet named “%(sheet)s”: use the template downloaded from "
                        "the report's page (sheets found: %(found)s)."
                    )
                    % {"sheet": DATA_SHEET, "found": ", ".join(book.sheetnames)}
                )
            ]
        )
    errors: list[dict] = []
    _check_keys(book, report, errors)
    sheet: Worksheet = book[DATA_SHEET]
    if errors:
        raise ImportError_(errors)

    key_row = next(
        (
            r
            for r in range(1, 30)
            if str(sheet.cell(row=r, column=1).value or "").strip() == KEY_MARK
        ),
        None,
    )
    if key_row is None:
        raise ImportError_(
            [
                _error(
                    _("The hidden row of indicator codes is missing: use the template."),
                    DATA_SHEET,
                )
            ]
        )
    header_row = key_row + 1
    for merged in sheet.merged_cells.ranges:
        if merged.max_row >= key_row:
            errors.append(
                _error(
                    _("Merged cells %(range)s: unmerge them and put each figure in its own cell.")
                    % {"range": merged.coord},
                    DATA_SHEET,
                    merged.min_row,
                    get_column_letter(merged.min_col),
                )
            )

    form = report.form
    indicators = {i.code: i for i in form.indicators.all()}
    columns: dict[int, object] = {}
    for col in range(FIRST_VALUE_COLUMN, sheet.max_column + 1):
        code = sheet.cell(row=key_row, column=col).value
        if code in (None, ""):
            continue
        indicator = indicators.get(str(code).strip())
        if indicator is None:
            errors.append(
                _error(
                    _("Unknown indicator code “%(code)s” in the hidden row.") % {"code": code},
                    DATA_SHEET,
                    key_row,
                    get_column_letter(col),
                )
            )
            continue
        columns[col] = indicator

    units = services.localities(form, report.organization, report.period)
    by_code = {(u.code if u else WHOLE): u for u in units}
    rows = list(range(header_row + 1, sheet.max_row + 1))
    if progress:
        progress(0, len(rows))
    found: dict = {}
    seen: dict[str, int] = {}
    empty_run = 0
    for n, r in enumerate(rows, start=1):
        code = sheet.cell(row=r, column=1).value
        cells = {col: sheet.cell(row=r, column=col) for col in columns}
        if code in (None, "") and all(c.value in (None, "") for c in cells.values()):
            # Spreadsheets often report formatting far below the data as used rows.
            empty_run += 1
            if empty_run > 200:
                break
            continue
        empty_run = 0
        code = str(code or "").strip()
        if code not in by_code:
            errors.append(
                _error(
                    _(
                        "Unknown locality code “%(code)s” (hidden column A): do not add or change rows."
                    )
                    % {"code": code},
                    DATA_SHEET,
                    r,
                    "A",
                )
            )
            continue
        if code in seen:
            errors.append(
                _error(
                    _("This locality is already on row %(row)d.") % {"row": seen[code]},
                    DATA_SHEET,
                    r,
                    "A",
                )
            )
            continue
        seen[code] = r
        unit = by_code[code]
        for col, cell in cells.items():
            indicator = columns[col]
            where = (
                r,
                get_column_letter(col),
                str(sheet.cell(row=header_row, column=col).value or indicator.name),
            )
            if cell.data_type == "f" or (
                isinstance(cell.value, str) and cell.value.startswith("=")
            ):
                errors.append(
                    _error(
                        _("The cell holds a formula: paste its value instead."),
                        DATA_SHEET,
                        r,
                        f"{where[1]} · {where[2]}",
                    )
                )
                continue
            value = cell.value
            if isinstance(value, bool) or (
                value is not None and not isinstance(value, int | float | str | Decimal)
            ):
                errors.append(
                    _error(
                        _("“%(text)s” is not a number.") % {"text": value},
                        DATA_SHEET,
                        r,
                        f"{where[1]} · {where[2]}",
                    )
                )
                continue
            if isinstance(value, float):
                value = Decimal(repr(value))
            try:
                services.parse_cell(indicator, value)
            except ValueError as exc:
                errors.append(_error(str(exc), DATA_SHEET, r, f"{where[1]} · {where[2]}"))
                continue
            found[(indicator.pk, unit.pk if unit else None)] = (value, where)
        if progress and n % PROGRESS_STEP == 0:
            progress(n, len(rows))
    if errors:
        raise ImportError_(errors)
    if progress:
        progress(len(rows), len(rows))
    return found


def _check_keys(book, report: Report, errors: list) -> None:
    if KEY_SHEET not in book.sheetnames:
        errors.append(
            _error(
                _(
                    "The hidden sheet “%(sheet)s” is missing: download the template from this "
                    "report's page and fill that in."
                )
                % {"sheet": KEY_SHEET}
            )
        )
        return
    keys = {}
    for row in book[KEY_SHEET].iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
        if row and row[0]:
            keys[str(row[0]).strip()] = str(row[1] if row[1] is not None else "").strip()
    expected = {
        "form": (report.form.code, _("another form")),
        "organization": (report.organization.name, _("another organisation")),
        "period": (report.period.code, _("another period")),
    }
    for key, (value, what) in expected.items():
        if keys.get(key) != value:
            errors.append(
                _error(
                    _(
                        "This file is the template of %(what)s (%(found)s), not of this "
                        "report: download the template from this page."
                    )
                    % {"what": what, "found": keys.get(key) or "—"},
                    KEY_SHEET,
                )
            )


def run_import_job(job_id: int) -> ImportJob:
    """Read the job's file and store its figures all together, or none (the queue runs this)."""
    job = ImportJob.objects.select_related(
        "report__form", "report__organization", "created_by"
    ).get(pk=job_id)
    if job.finished:
        return job
    job.state = ImportJob.RUNNING
    job.save(update_fields=["state"])

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(progress=done, total=total)

    report = job.report
    try:
        with job.file.open("rb") as handle:
            found = read_workbook(BytesIO(handle.read()), report, progress)
        existing = {(v.indicator_id, v.unit_id): v.comment for v in report.values.all()}
        entries = {
            cell: services.CellInput(text, existing.get(cell, "") if text not in (None, "") else "")
            for cell, (text, _where) in found.items()
        }
        try:
            count = services.save_values(
                report,
                entries,
                acting_user=job.created_by,
                how=_("Excel import: %(file)s") % {"file": job.file_name},
            )
        except services.GridInvalid as exc:
            raise ImportError_(
                [
                    _error(
                        reason,
                        DATA_SHEET,
                        found[cell][1][0],
                        f"{found[cell][1][1]} · {found[cell][1][2]}",
                    )
                    if cell in found
                    else _error(reason, DATA_SHEET)
                    for cell, reason in exc.errors.items()
                ]
            ) from None
        except (WorkflowError, PermissionDenied) as exc:
            raise ImportError_([_error(getattr(exc, "message", None) or str(exc))]) from None
    except ImportError_ as exc:
        job.state, job.errors = ImportJob.FAILED, exc.errors
    else:
        job.state, job.imported = ImportJob.DONE, count
    job.finished_at = timezone.now()
    total = ImportJob.objects.filter(pk=job.pk).values_list("total", flat=True)[0]
    job.progress = job.total = max(total, 1)
    job.save(update_fields=["state", "errors", "imported", "finished_at", "progress", "total"])
    return job
