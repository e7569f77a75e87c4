"""The 2022 demo: the conference report's magnitudes, late reports, one returned, idempotent."""

from collections import Counter

import pytest
from django.core.management import call_command

from danvan.core.periods import Period
from danvan.geo.models import AdminUnit
from danvan.reporting import demo
from danvan.reporting.figures import figures
from danvan.reporting.models import Report, Value
from danvan.reporting.services import check_rules


@pytest.mark.django_db
def test_the_demo_tells_the_2022_story():
    call_command("demo")
    year = Period.parse("2022")
    totals = {r["indicator_code"]: r["value"] for r in figures(period=year, approved_only=False)}
    assert 10_000 <= totals["LLVT-NTM-LUOT"] < 100_000  # "hàng chục nghìn lượt cán bộ, chiến sĩ"
    assert 100 <= totals["NAOVET-M"] < 1_000  # "hàng trăm mét cống rãnh, kênh mương"
    assert 1_000 <= totals["LLVT-COVID-LUOT"] < 10_000  # "hàng nghìn lượt" against Covid-19
    assert totals["HV-NGUOI"] <= totals["HV-LUOT"] <= totals["HV-NGAYCONG"]
    communes = AdminUnit.objects.filter(structure=AdminUnit.LEGACY, level=AdminUnit.COMMUNE)
    covered = figures(
        indicators=["LLVT-NTM-LUOT"], period=year, group_by=["commune"], approved_only=False
    )
    assert len(covered) == communes.count()  # all communes, wards and towns
    chqs = figures(indicators=["XA-PHOIHOP"], period=year, group_by=["organization"])
    assert {r["organization_name"]: r["value"] for r in chqs}["Bộ CHQS tỉnh"] == communes.count()

    statuses = Counter(Report.objects.values_list("status", flat=True))
    assert statuses[Report.RETURNED] == 1 and statuses[Report.SUBMITTED] >= 1
    assert statuses[Report.DRAFT] >= 1
    late = [
        r
        for r in Report.objects.exclude(submitted_at=None).select_related("form")
        if r.on_time is False
    ]
    assert len(late) == len(demo.LATE)
    for report in Report.objects.select_related("form"):
        values = {(v.indicator_id, v.unit_id): v.value for v in report.values.all()}
        assert not check_rules(report.form, values), report
    sample = Value.objects.exclude(unit=None).select_related("unit__parent").first()
    assert sample.district_id == sample.unit.parent_id
    assert sample.province_id == sample.unit.parent.parent_id

    counts = (Report.objects.count(), Value.objects.count())
    assert demo.load() == 0
    assert counts == (Report.objects.count(), Value.objects.count())
