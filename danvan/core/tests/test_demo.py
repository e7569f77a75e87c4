import pytest
from django.core.management import CommandError, call_command

from danvan.accounts.models import User
from danvan.orgs.models import Committee, Organization


@pytest.mark.django_db
def test_demo_loads_vinh_phuc_and_a_second_run_changes_nothing(capsys):
    call_command("demo")
    first = capsys.readouterr().out
    assert "danvan-demo" in first
    committee = Committee.objects.get()
    assert committee.standing_office.short_name == "Bộ CHQS tỉnh"
    assert committee.terms.get().positions.get(role="head").person_name == "Nguyễn Thanh Tùng"
    assert Organization.objects.filter(kind=Organization.DISTRICT).count() == 9
    assert set(User.objects.values_list("username", flat=True)) >= {
        "quantri",
        "truongban",
        "thuongtruc",
        "mttq",
        "hoinongdan",
        "vinhtuong",
        "xem",
    }
    assert User.objects.get(username="vinhtuong").organization.name == "Huyện Vĩnh Tường"

    counts = {model: model.objects.count() for model in (User, Organization, Committee)}
    call_command("demo")
    second = capsys.readouterr().out
    assert "không thay đổi gì" in second
    assert counts == {model: model.objects.count() for model in (User, Organization, Committee)}


@pytest.mark.django_db
def test_demo_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo")
