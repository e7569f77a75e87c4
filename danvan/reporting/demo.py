"""The 2022 figure reports of Vĩnh Phúc, in the magnitudes of the year-end review conference.

The conference report says: the armed forces mobilised tens of thousands of turns (lượt) of
officers and soldiers to build new rural areas in all communes, wards and towns; collected
waste; dredged hundreds of metres of drains and canals; improved rural roads; sent thousands
of turns against Covid-19 and natural disasters; carried out the "Đền ơn đáp nghĩa" movement;
the Front and the socio-political organisations spread the "Dân vận khéo" models. The figures
below are generated (with a fixed seed) to match those magnitudes over the demo's communes,
month by month, as the members would have reported them: most on time, some late, one
returned, the December reports still waiting.

Everything is written in bulk (reports, values, audit entries) yet as the services would have
written it: values carry their aggregation columns and satisfy the forms' rules.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from danvan.accounts.models import User
from danvan.areas.models import ContentArea
from danvan.core.periods import MONTH, QUARTER, YEAR, Period
from danvan.orgs.demo import demo_org
from danvan.orgs.models import Organization
from danvan.reporting.models import (
    FormIndicator,
    Indicator,
    Report,
    ReportForm,
    ValidationRule,
    Value,
    places,
)
from danvan.reporting.services import localities

ORDER = 50
YEAR_2022 = 2022
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# code, name, unit, decimal, aggregation, content area
INDICATORS = [
    (
        "LLVT-NTM-LUOT",
        "Lượt cán bộ, chiến sĩ LLVT tham gia xây dựng nông thôn mới, đô thị văn minh",
        "lượt",
        False,
        "sum",
        "nong-thon-moi",
    ),
    (
        "LLVT-NTM-NGAYCONG",
        "Ngày công của LLVT tham gia xây dựng nông thôn mới, đô thị văn minh",
        "ngày công",
        False,
        "sum",
        "nong-thon-moi",
    ),
    (
        "LLVT-COVID-LUOT",
        "Lượt cán bộ, chiến sĩ tham gia phòng, chống dịch Covid-19",
        "lượt",
        False,
        "sum",
        "thien-tai-dich-benh",
    ),
    (
        "LLVT-THIENTAI-LUOT",
        "Lượt cán bộ, chiến sĩ tham gia phòng, chống thiên tai",
        "lượt",
        False,
        "sum",
        "thien-tai-dich-benh",
    ),
    (
        "NAOVET-M",
        "Cống rãnh, kênh mương được khơi thông, nạo vét",
        "m",
        True,
        "sum",
        "nong-thon-moi",
    ),
    (
        "DUONG-KM",
        "Đường giao thông nông thôn được cải tạo, làm mới",
        "km",
        True,
        "sum",
        "nong-thon-moi",
    ),
    ("RAC-TAN", "Rác thải được thu gom, xử lý", "tấn", True, "sum", "nong-thon-moi"),
    ("TT-BUOI", "Buổi tuyên truyền, vận động", "buổi", False, "sum", "tuyen-truyen-van-dong"),
    (
        "TT-LUOT",
        "Lượt người dự các buổi tuyên truyền",
        "lượt",
        False,
        "sum",
        "tuyen-truyen-van-dong",
    ),
    (
        "HV-LUOT",
        "Lượt đoàn viên, hội viên tham gia các phần việc",
        "lượt",
        False,
        "sum",
        "nong-thon-moi",
    ),
    (
        "HV-NGUOI",
        "Đoàn viên, hội viên tham gia các phần việc (người, trong tháng)",
        "người",
        False,
        "sum",
        "nong-thon-moi",
    ),
    (
        "HV-NGAYCONG",
        "Ngày công của đoàn viên, hội viên",
        "ngày công",
        False,
        "sum",
        "nong-thon-moi",
    ),
    ("NHA-TINHNGHIA", "Nhà tình nghĩa xây mới, sửa chữa", "nhà", False, "sum", "den-on-dap-nghia"),
    ("NHA-DONGDOI", "Nhà đồng đội xây mới, sửa chữa", "nhà", False, "sum", "den-on-dap-nghia"),
    ("NHA-DDK", "Nhà đại đoàn kết xây mới, sửa chữa", "nhà", False, "sum", "den-on-dap-nghia"),
    (
        "QUA-SUAT",
        "Suất quà tặng gia đình chính sách, hộ nghèo",
        "suất",
        False,
        "sum",
        "den-on-dap-nghia",
    ),
    ("SO-TIETKIEM", "Sổ tiết kiệm trao tặng", "sổ", False, "sum", "den-on-dap-nghia"),
    (
        "HOTRO-TRIEU",
        "Giá trị quà, sổ tiết kiệm và nhà đã trao",
        "triệu đồng",
        True,
        "sum",
        "den-on-dap-nghia",
    ),
    (
        "XA-PHOIHOP",
        "Xã, phường, thị trấn có hoạt động phối hợp (lũy kế)",
        "xã",
        False,
        "latest",
        "nong-thon-moi",
    ),
    (
        "MOHINH-DVK",
        "Mô hình “Dân vận khéo” đang thực hiện",
        "mô hình",
        False,
        "latest",
        "dan-van-kheo",
    ),
]

LLVT_FORM = (
    "BC-LLVT",
    "Báo cáo kết quả LLVT tỉnh tham gia công tác dân vận",
    MONTH,
    True,
    5,
    [
        "LLVT-NTM-LUOT",
        "LLVT-NTM-NGAYCONG",
        "NAOVET-M",
        "DUONG-KM",
        "RAC-TAN",
        "LLVT-COVID-LUOT",
        "LLVT-THIENTAI-LUOT",
        "NHA-TINHNGHIA",
        "NHA-DONGDOI",
        "QUA-SUAT",
        "SO-TIETKIEM",
        "HOTRO-TRIEU",
    ],
    ["CHQS"],
)
CTXH_FORM = (
    "BC-CTXH",
    "Báo cáo kết quả công tác dân vận của MTTQ và các tổ chức chính trị - xã hội",
    MONTH,
    True,
    7,
    [
        "TT-BUOI",
        "TT-LUOT",
        "HV-LUOT",
        "HV-NGUOI",
        "HV-NGAYCONG",
        "RAC-TAN",
        "NHA-DDK",
        "QUA-SUAT",
        "SO-TIETKIEM",
        "HOTRO-TRIEU",
    ],
    ["MTTQ", "HND", "HPN", "TD", "CCB", "LDLD"],
)
QUARTER_FORM = (
    "BC-QUY-DVK",
    "Báo cáo quý: địa bàn phối hợp và mô hình “Dân vận khéo”",
    QUARTER,
    False,
    10,
    ["XA-PHOIHOP", "MOHINH-DVK"],
    ["CHQS", "MTTQ", "HND", "HPN", "TD", "CCB", "LDLD"],
)
RULES = {
    "BC-LLVT": [("LLVT-NTM-NGAYCONG", ">=", "LLVT-NTM-LUOT")],
    "BC-CTXH": [("HV-NGAYCONG", ">=", "HV-LUOT"), ("HV-NGUOI", "<=", "HV-LUOT")],
}
RETURN_NOTE = (
    "Số lượt người dự tuyên truyền của một số xã chưa khớp với số buổi; đề nghị rà soát, "
    "bổ sung và gửi lại."
)


def load() -> int:
    created = 0
    with transaction.atomic():
        indicators, n = _indicators()
        created += n
        for spec in (LLVT_FORM, CTXH_FORM, QUARTER_FORM):
            form, n = _form(spec, indicators)
            created += n
            if not form.reports.exists():
                created += _reports(form, indicators)
    return created


def _indicators() -> tuple[dict[str, Indicator], int]:
    areas = {a.code: a for a in ContentArea.objects.all()}
    out, created = {}, 0
    for order, (code, name, unit, decimal, aggregation, area) in enumerate(INDICATORS, start=1):
        indicator, made = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "measure_unit": unit,
                "decimal": decimal,
                "aggregation": aggregation,
                "area": areas.get(area),
                "order": order * 10,
                "valid_from": date(2020, 1, 1),
            },
        )
        out[code] = indicator
        created += made
    return out, created


def _form(spec, indicators) -> tuple[ReportForm, int]:
    code, name, period_type, by_commune, deadline, codes, org_keys = spec
    form, made = ReportForm.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "period_type": period_type,
            "by_commune": by_commune,
            "deadline_days": deadline,
            "reminder_days": 2,
            "valid_from": date(YEAR_2022, 1, 1),
            "valid_to": date(YEAR_2022, 12, 31),
        },
    )
    if not made:
        return form, 0
    FormIndicator.objects.bulk_create(
        FormIndicator(form=form, indicator=indicators[c], order=i) for i, c in enumerate(codes)
    )
    orgs = [demo_org(k) for k in org_keys]
    if code == "BC-QUY-DVK":
        orgs += list(Organization.objects.filter(kind=Organization.DISTRICT).exclude(unit=None))
    form.organizations.set(orgs)
    for left, op, right in RULES.get(code, []):
        ValidationRule.objects.create(
            form=form, left=indicators[left], operator=op, right=indicators[right]
        )
    return form, 1 + len(codes) + len(RULES.get(code, []))


# --- Figures ----------------------------------------------------------------------------------


def _llvt_month(rng: random.Random, month: int, active: bool) -> dict[str, Decimal]:
    if not active:
        return {}
    luot = rng.randint(20, 60)
    out = {
        "LLVT-NTM-LUOT": luot,
        "LLVT-NTM-NGAYCONG": luot + rng.randint(0, luot // 2),
    }
    if rng.random() < 0.07:
        out["NAOVET-M"] = Decimal(rng.randint(10, 30)) / 2
    if rng.random() < 0.05:
        out["DUONG-KM"] = Decimal(rng.randint(1, 8)) / 10
    if rng.random() < 0.3:
        out["RAC-TAN"] = Decimal(rng.randint(5, 40)) / 10
    if month <= 4 and rng.random() < 0.6:
        out["LLVT-COVID-LUOT"] = rng.randint(10, 25)
    if 6 <= month <= 9 and rng.random() < 0.3:
        out["LLVT-THIENTAI-LUOT"] = rng.randint(15, 45)
    _gratitude(rng, month, out, houses=("NHA-TINHNGHIA", "NHA-DONGDOI"), house_rate=0.01)
    return out


def _ctxh_month(rng: random.Random, month: int, key: str) -> dict[str, Decimal]:
    buoi = rng.randint(1, 4)
    luot = rng.randint(10, 50)
    out = {
        "TT-BUOI": buoi,
        "TT-LUOT": buoi * rng.randint(30, 80),
        "HV-LUOT": luot,
        "HV-NGUOI": luot - rng.randint(0, luot // 3),
        "HV-NGAYCONG": luot + rng.randint(0, luot // 3),
    }
    if rng.random() < 0.2:
        out["RAC-TAN"] = Decimal(rng.randint(2, 20)) / 10
    _gratitude(rng, month, out, houses=("NHA-DDK",) if key == "MTTQ" else (), house_rate=0.03)
    return out


def _gratitude(rng, month, out, *, houses, house_rate) -> None:
    """Gifts at Tết (January) and on 27 July; savings books in July; a few houses."""
    money = Decimal(0)
    if month in (1, 7) and rng.random() < 0.3:
        out["QUA-SUAT"] = rng.randint(5, 20)
        money += Decimal(out["QUA-SUAT"]) / 2
    if month == 7 and rng.random() < 0.1:
        out["SO-TIETKIEM"] = rng.randint(1, 3)
        money += 3 * out["SO-TIETKIEM"]
    for house in houses:
        if rng.random() < house_rate:
            out[house] = 1
            money += rng.randint(50, 80)
    if money:
        out["HOTRO-TRIEU"] = money


# --- Reports ----------------------------------------------------------------------------------

# (form code, organisation key, period code) → how it went; the rest were sent on time and
# approved.
LATE = {
    ("BC-CTXH", "LDLD", "2022M03"): 3,
    ("BC-CTXH", "LDLD", "2022M07"): 2,
    ("BC-CTXH", "TD", "2022M09"): 1,
    ("BC-CTXH", "CCB", "2022M06"): 4,
    ("BC-LLVT", "CHQS", "2022M02"): 2,
    ("BC-QUY-DVK", "HPN", "2022Q2"): 5,
}
RETURNED = ("BC-CTXH", "HPN", "2022M11")
WAITING = {
    ("BC-LLVT", "CHQS", "2022M12"),
    ("BC-CTXH", "TD", "2022M12"),
    ("BC-CTXH", "HND", "2022M12"),
}
DRAFT = {("BC-CTXH", "CCB", "2022M12")}
MISSING = {("BC-CTXH", "LDLD", "2022M12"), ("BC-QUY-DVK", "LDLD", "2022Q4")}


def _key_of(org: Organization) -> str:
    from danvan.orgs.demo import PROVINCIAL

    for key, _name, _short, symbol, kind in PROVINCIAL:
        if org.symbol == symbol and org.kind == kind:
            return key
    return org.name


def _reports(form: ReportForm, indicators: dict[str, Indicator]) -> int:
    rng = random.Random(f"danvan-2022-{form.code}")
    office = User.objects.get(username="thuongtruc")
    focal = {
        u.organization_id: u for u in User.objects.filter(role="focal").exclude(organization=None)
    }
    periods = Period(date(YEAR_2022, 1, 1), YEAR).children(form.period_type)
    orgs = list(form.organizations.select_related("unit").order_by("sort_key"))
    reports, values, logs = [], [], []
    created = 0
    for org in orgs:
        key = _key_of(org)
        communes = [u for u in localities(form, org, periods[0]) if u is not None]
        place = places(org, communes)
        # Every commune sees the armed forces at least once in the year (all communes covered).
        sure_month = {c.pk: rng.randint(1, 12) for c in communes}
        for period in periods:
            tag = (form.code, key, period.code)
            if tag in MISSING:
                continue
            report = Report(
                form=form,
                organization=org,
                period_type=period.type,
                period_start=period.start,
            )
            cells: dict[tuple[int, int | None], Decimal] = {}
            if form.by_commune:
                for commune in communes:
                    month = period.start.month
                    if form.code == "BC-LLVT":
                        active = sure_month[commune.pk] == month or rng.random() < 0.42
                        figures = _llvt_month(rng, month, active)
                    else:
                        figures = _ctxh_month(rng, month, key) if rng.random() < 0.2 else {}
                    for code, number in figures.items():
                        cells[(indicators[code].pk, commune.pk)] = Decimal(number)
            else:
                cells[(indicators["XA-PHOIHOP"].pk, None)] = Decimal(_covered_by(org, period))
                models = 2 + period.index * rng.randint(1, 3)
                cells[(indicators["MOHINH-DVK"].pk, None)] = Decimal(models)
            _set_state(report, tag, form.deadline(period), rng, office)
            reports.append(report)
            values.append((report, cells, place))
            created += 1
    Report.objects.bulk_create(reports, batch_size=500)
    by_id = {i.pk: i for i in indicators.values()}
    rows = []
    for report, cells, place in values:
        for (indicator_id, unit_id), number in cells.items():
            value = Value(
                report=report, indicator=by_id[indicator_id], unit_id=unit_id, value=number
            )
            value.fill_copies(report, place[unit_id])
            rows.append(value)
    Value.objects.bulk_create(rows, batch_size=1000)
    for report in reports:
        logs.extend(_history(report, focal.get(report.organization_id, office), office))
    LogEntry.objects.bulk_create(logs, batch_size=500)
    return created + len(rows)


def _covered_by(org, period: Period) -> int:
    """Communes with figures reported so far in the year: by the organisation itself for a
    provincial member (the armed forces reach every commune by December), by anyone in its
    district for a district's leadership."""
    so_far = Value.objects.filter(
        period_start__gte=date(YEAR_2022, 1, 1), period_start__lte=period.end, unit__isnull=False
    )
    if org.kind == Organization.DISTRICT:
        so_far = so_far.filter(district=org.unit_id)
    else:
        so_far = so_far.filter(organization=org)
    return so_far.values("unit").distinct().count()


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _set_state(report: Report, tag, deadline: date, rng, office) -> None:
    end = report.period.end
    late_by = LATE.get(tag)
    if late_by:
        sent = _moment(deadline + timedelta(days=late_by), 9, 30)
    else:
        sent = _moment(
            end + timedelta(days=rng.randint(1, max(1, (deadline - end).days))), rng.randint(8, 16)
        )
    if tag in DRAFT:
        report.status = Report.DRAFT
        return
    report.submitted_at = report.last_submitted_at = sent
    if tag in WAITING:
        report.status = Report.SUBMITTED
    elif tag == RETURNED:
        report.status = Report.RETURNED
        report.last_note = RETURN_NOTE
    else:
        report.status = Report.APPROVED
        report.approved_at = sent + timedelta(days=rng.randint(1, 3), hours=1)
        report.approved_by = office


def _history(report: Report, reporter, office) -> list[LogEntry]:
    """The audit entries the workflow steps would have written, at their 2022 times."""
    content_type = ContentType.objects.get_for_model(Report)
    entries = []

    def entry(action, label, actor, when, before, after, note=""):
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(report.pk),
                object_id=report.pk,
                object_repr=str(report.form.name)[:200],
                action=LogEntry.Action.UPDATE,
                changes={"status": [before, after]},
                actor=actor,
                timestamp=when,
                additional_data={"action": action, "label": label, "note": note},
            )
        )

    if report.submitted_at:
        entry("submit", "Gửi duyệt", reporter, report.submitted_at, Report.DRAFT, Report.SUBMITTED)
    if report.status == Report.APPROVED:
        entry("approve", "Phê duyệt", office, report.approved_at, Report.SUBMITTED, Report.APPROVED)
    if report.status == Report.RETURNED:
        entry(
            "return",
            "Trả lại",
            office,
            report.submitted_at + timedelta(days=2),
            Report.SUBMITTED,
            Report.RETURNED,
            RETURN_NOTE,
        )
    return entries
