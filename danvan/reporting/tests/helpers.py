"""Forms and reports for the reporting tests, reached through the services."""

from __future__ import annotations

from danvan.core.periods import MONTH, Period
from danvan.reporting import services
from danvan.reporting.models import FormIndicator, Indicator, ReportForm, ValidationRule


def make_indicators(world) -> dict[str, Indicator]:
    area = world.areas["nong-thon-moi"]
    specs = [
        ("LUOT", "Lượt cán bộ, chiến sĩ tham gia", "lượt", False, Indicator.SUM, area),
        ("NGAYCONG", "Ngày công", "ngày công", False, Indicator.SUM, area),
        ("MET", "Cống rãnh, kênh mương nạo vét", "m", True, Indicator.SUM, area),
        ("MOHINH", "Mô hình “Dân vận khéo”", "mô hình", False, Indicator.LATEST, None),
    ]
    return {
        code: Indicator.objects.create(
            code=code,
            name=name,
            measure_unit=unit,
            decimal=decimal,
            aggregation=aggregation,
            area=area_,
            order=i,
        )
        for i, (code, name, unit, decimal, aggregation, area_) in enumerate(specs)
    }


def make_form(
    world,
    indicators: dict[str, Indicator],
    *,
    code="BC-XA",
    codes=("LUOT", "NGAYCONG", "MET"),
    by_commune=True,
    period_type=MONTH,
    organizations=None,
    deadline_days=5,
    rule=True,
) -> ReportForm:
    form = ReportForm.objects.create(
        code=code,
        name=f"Báo cáo {code}",
        by_commune=by_commune,
        period_type=period_type,
        deadline_days=deadline_days,
    )
    for i, c in enumerate(codes):
        FormIndicator.objects.create(form=form, indicator=indicators[c], order=i)
    form.organizations.set(organizations or [world.hnd, world.mttq])
    if rule and "NGAYCONG" in codes:
        ValidationRule.objects.create(
            form=form,
            left=indicators["NGAYCONG"],
            operator=ValidationRule.GE,
            right=indicators["LUOT"],
        )
    return form


def fill(world, form, org, period_code: str, cells: dict, *, user="thuongtruc"):
    """cells: {(indicator, unit or None): text}; returns the report (a draft)."""
    acting = world.users[user]
    report = services.open_report(form, org, Period.parse(period_code), acting_user=acting)
    services.save_values(
        report,
        {(i.pk, u.pk if u else None): services.CellInput(text) for (i, u), text in cells.items()},
        acting_user=acting,
    )
    report.refresh_from_db()
    return report


def approved(world, form, org, period_code: str, cells: dict):
    report = fill(world, form, org, period_code, cells)
    report = services.submit_report(report, acting_user=world.thuongtruc)
    return services.approve_report(report, acting_user=world.thuongtruc)
