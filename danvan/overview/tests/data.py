"""Approved figures for the overview tests, reached through the reporting services.

Hand-computed totals of `figures_2022` (TT = Thị trấn Vĩnh Tường, KIM = Kim Xá, both in Vĩnh
Tường; TICH = Tích Sơn in Vĩnh Yên):

  HND  2022M01 approved  LUOT TT 10, KIM 20, TICH 5 · NGAYCONG TT 12, KIM 20, TICH 5
  HND  2022M02 approved  LUOT TT 7, TICH 3
  HND  2022M03 sent      LUOT TT 100 (waiting for approval: never counted)
  MTTQ 2022M01 approved  LUOT KIM 1
  MOHINH (models, latest value, whole organisation): HND M01 3, M02 5 · MTTQ M01 2

  LUOT 46 = Vĩnh Tường 38 + Vĩnh Yên 8 = HND 45 + MTTQ 1 = January 36 + February 10
  NGAYCONG 37 · MOHINH 5 + 2 = 7 · communes with figures: 3
"""

from __future__ import annotations

from decimal import Decimal

from danvan.core.periods import MONTH, Period

TOTALS = {"LUOT": Decimal(46), "NGAYCONG": Decimal(37), "MOHINH": Decimal(7)}
LUOT_BY_DISTRICT = {"Huyện Vĩnh Tường": Decimal(38), "Thành phố Vĩnh Yên": Decimal(8)}
LUOT_BY_COMMUNE = {
    "Thị trấn Vĩnh Tường": Decimal(17),
    "Xã Kim Xá": Decimal(21),
    "Phường Tích Sơn": Decimal(8),
}
LUOT_BY_ORG = {"Hội Nông dân tỉnh": Decimal(45), "Ủy ban MTTQ tỉnh": Decimal(1)}
LUOT_BY_MONTH = {"2022M01": Decimal(36), "2022M02": Decimal(10)}


def indicators(world):
    from danvan.reporting.models import Indicator

    area = world.areas["nong-thon-moi"]
    specs = [
        ("LUOT", "Lượt cán bộ, chiến sĩ tham gia", "lượt", Indicator.SUM, area),
        ("NGAYCONG", "Ngày công", "ngày công", Indicator.SUM, area),
        ("MOHINH", "Mô hình “Dân vận khéo”", "mô hình", Indicator.LATEST, None),
    ]
    return {
        code: Indicator.objects.create(
            code=code, name=name, measure_unit=unit, aggregation=agg, area=area_, order=i
        )
        for i, (code, name, unit, agg, area_) in enumerate(specs)
    }


def form(world, ind, code, codes, by_commune):
    from danvan.reporting.models import FormIndicator, ReportForm

    report_form = ReportForm.objects.create(
        code=code, name=f"Báo cáo {code}", by_commune=by_commune, period_type=MONTH
    )
    for i, c in enumerate(codes):
        FormIndicator.objects.create(form=report_form, indicator=ind[c], order=i)
    report_form.organizations.set([world.hnd, world.mttq])
    return report_form


def report(world, report_form, org, code, cells, *, approve=True):
    from danvan.reporting import services

    acting = world.thuongtruc
    rep = services.open_report(report_form, org, Period.parse(code), acting_user=acting)
    services.save_values(
        rep,
        {(i.pk, u.pk if u else None): services.CellInput(str(v)) for (i, u), v in cells.items()},
        acting_user=acting,
    )
    rep.refresh_from_db()
    rep = services.submit_report(rep, acting_user=acting)
    if approve:
        rep = services.approve_report(rep, acting_user=acting)
    return rep


def figures_2022(world) -> dict:
    ind = indicators(world)
    by_commune = form(world, ind, "BC-XA", ("LUOT", "NGAYCONG"), True)
    whole = form(world, ind, "BC-MH", ("MOHINH",), False)
    L, N, M = ind["LUOT"], ind["NGAYCONG"], ind["MOHINH"]
    tt, kim, tich = world.tt_vinh_tuong, world.kim_xa, world.tich_son
    report(
        world,
        by_commune,
        world.hnd,
        "2022M01",
        {(L, tt): 10, (L, kim): 20, (L, tich): 5, (N, tt): 12, (N, kim): 20, (N, tich): 5},
    )
    report(world, by_commune, world.hnd, "2022M02", {(L, tt): 7, (L, tich): 3})
    report(world, by_commune, world.hnd, "2022M03", {(L, tt): 100}, approve=False)
    report(world, by_commune, world.mttq, "2022M01", {(L, kim): 1})
    report(world, whole, world.hnd, "2022M01", {(M, None): 3})
    report(world, whole, world.hnd, "2022M02", {(M, None): 5})
    report(world, whole, world.mttq, "2022M01", {(M, None): 2})
    return ind
