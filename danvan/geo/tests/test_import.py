"""The units come from the real package data, not from hand-typed lists."""

import pytest
from django.core.management import call_command

from danvan.geo.importer import UnknownProvince, import_2025, import_legacy
from danvan.geo.models import AdminUnit, UnitSuccession


@pytest.mark.django_db
def test_it_imports_vinh_phuc_legacy_with_its_nine_districts():
    result = import_legacy("Vĩnh Phúc")
    province = AdminUnit.objects.get(structure=AdminUnit.LEGACY, level=AdminUnit.PROVINCE)
    assert province.name == "Tỉnh Vĩnh Phúc" and province.code == "26"
    districts = AdminUnit.objects.filter(
        structure=AdminUnit.LEGACY, level=AdminUnit.DISTRICT, parent=province
    )
    assert districts.count() == 9
    assert {"Huyện Vĩnh Tường", "Thành phố Vĩnh Yên", "Thành phố Phúc Yên"} <= set(
        districts.values_list("name", flat=True)
    )
    communes = AdminUnit.objects.filter(
        structure=AdminUnit.LEGACY, level=AdminUnit.COMMUNE, parent__parent=province
    )
    assert (
        communes.count() == 121
    )  # the dataset's state; the 2022 report speaks of 136 before mergers
    assert result.created == 1 + 9 + 121
    kim_xa = communes.get(name="Xã Kim Xá")
    assert kim_xa.parent.name == "Huyện Vĩnh Tường" and kim_xa.latitude and kim_xa.longitude


@pytest.mark.django_db
def test_a_second_import_changes_nothing():
    import_legacy("Vĩnh Phúc")
    again = import_legacy("vinh phuc")
    assert not again.changed


@pytest.mark.django_db
def test_2025_units_and_the_old_to_new_mapping():
    import_legacy("Vĩnh Phúc")
    result = import_2025("Vĩnh Phúc")
    new_province = AdminUnit.objects.get(structure=AdminUnit.Y2025, level=AdminUnit.PROVINCE)
    assert new_province.name == "Tỉnh Phú Thọ"  # Vĩnh Phúc became part of Phú Thọ on 1 July 2025
    assert not AdminUnit.objects.filter(
        structure=AdminUnit.Y2025, level=AdminUnit.DISTRICT
    ).exists()
    legacy_communes = AdminUnit.objects.filter(structure=AdminUnit.LEGACY, level=AdminUnit.COMMUNE)
    # Every legacy commune of Vĩnh Phúc has exactly one default successor in 2025.
    assert result.successions >= legacy_communes.count()
    for commune in legacy_communes:
        assert UnitSuccession.objects.filter(old=commune, is_default=True).count() == 1, commune
        assert UnitSuccession.objects.get(old=commune, is_default=True).new.parent == new_province


@pytest.mark.django_db
def test_an_unknown_province_is_refused():
    with pytest.raises(UnknownProvince):
        import_legacy("Atlantis")


@pytest.mark.django_db
def test_the_command(capsys):
    call_command("units", "import", "--province", "Vĩnh Phúc", "--structure", "legacy")
    call_command("units", "import", "--province", "Vĩnh Phúc", "--structure", "legacy")
    out = capsys.readouterr().out
    assert "131 created" in out and "already up to date" in out


@pytest.mark.django_db
def test_a_commune_geocoded_to_a_namesake_elsewhere_is_brought_home():
    import_legacy("Vĩnh Phúc")
    import_2025("Vĩnh Phúc")
    luong_dien = AdminUnit.objects.get(structure=AdminUnit.LEGACY, code="09118")
    # The dataset puts Xã Lương Điền (Vĩnh Tường) at 20.95, 106.18, in Hải Dương.
    assert 21.1 < luong_dien.latitude < 21.4 and 105.3 < luong_dien.longitude < 105.7
    assert not import_legacy("Vĩnh Phúc").changed
