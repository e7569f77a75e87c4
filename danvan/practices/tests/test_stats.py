"""The register's counts against the demo table, counted by hand (see practices/demo.py)."""

import pytest
from django.urls import reverse

from danvan.accounts import demo as accounts_demo
from danvan.accounts.models import User
from danvan.areas import demo as areas_demo
from danvan.geo import demo as geo_demo
from danvan.orgs import demo as orgs_demo
from danvan.practices import demo as practices_demo
from danvan.practices.models import Practice
from danvan.practices.stats import counts


@pytest.fixture
def demo(db):
    for module in (geo_demo, areas_demo, orgs_demo, accounts_demo, practices_demo):
        module.load()


def _as_dict(lines):
    return {line.label: line.count for line in lines}


def test_counts_by_field_locality_level_and_kind(demo, client):
    # One test: loading the real units of the province takes most of its time.
    assert Practice.objects.count() == 36
    assert practices_demo.load() == 0
    result = counts(Practice.objects.all())
    assert result["total"] == 36
    assert _as_dict(result["by_area"]) == {
        "Tuyên truyền, vận động": 7,
        "Thực hiện quy chế dân chủ ở cơ sở": 3,
        "Quốc phòng toàn dân, thế trận an ninh nhân dân": 4,
        "Xây dựng nông thôn mới, đô thị văn minh": 16,
        "Phòng, chống thiên tai, dịch bệnh": 3,
        "Phong trào “Đền ơn đáp nghĩa”": 3,
    }
    by_district = _as_dict(result["by_district"])
    assert len(by_district) == 9 and set(by_district.values()) == {4}
    assert _as_dict(result["by_level"]) == {
        "Cấp xã": 7,
        "Cấp huyện": 16,
        "Cấp tỉnh": 11,
        "Cấp trung ương": 1,
        "Chưa được công nhận": 1,
    }
    assert _as_dict(result["by_kind"]) == {
        "Mô hình": 28,
        "Điển hình cá nhân": 4,
        "Điển hình tập thể": 4,
    }
    assert Practice.objects.filter(is_replicated=True).count() == 9

    # The statistics page counts what the filters keep.
    client.force_login(User.objects.get(username="xem"))
    page = client.get(reverse("practices:stats"), {"year": 2022})
    assert page.context["counts"]["total"] == 31  # four recognised in 2021, one not yet
    levels = _as_dict(page.context["counts"]["by_level"])
    assert levels == {
        "Cấp xã": 6,
        "Cấp huyện": 14,
        "Cấp tỉnh": 10,
        "Cấp trung ương": 1,
        "Chưa được công nhận": 0,
    }
    people = client.get(reverse("practices:stats"), {"kind": "person"})
    assert people.context["counts"]["total"] == 4
    assert 'id="practice-total">31<' in page.content.decode()
