import threading

import pytest
from django.db import connection
from django.urls import reverse

from danvan.core.models import DocumentCounter
from danvan.planning import services
from danvan.planning.models import Plan
from danvan.planning.tests.factories import make_plan, make_program


def test_numbers_are_sequential_per_organisation_kind_and_year(world):
    program = make_program(world, start_year=2022, end_year=2023)
    assert program.symbol == "01-CTr/BCĐ"
    first = make_plan(world, program)
    second = make_plan(world, program)
    other = make_plan(world, program, username="hoinongdan")
    assert (first.symbol, second.symbol) == ("01-KH/MTTQ", "02-KH/MTTQ")
    assert other.symbol == "01-KH/HNDT"
    next_year = services.create_plan(
        acting_user=world.users["mttq"],
        program=program,
        organization=world.mttq,
        title="Kế hoạch năm 2023",
        year=2023,
    )
    assert next_year.symbol == "01-KH/MTTQ"


def test_a_state_body_gets_the_state_style(world):
    world.org_vinh_tuong.document_style = "state"
    world.org_vinh_tuong.symbol = "UBND"
    world.org_vinh_tuong.save()
    plan = make_plan(world, username="vinhtuong")
    assert plan.symbol == "01/KH-UBND"


def test_the_standing_office_types_a_paper_number_and_it_is_not_issued_again(world):
    program = make_program(world)
    plan = make_plan(world, program)
    response = world.client("thuongtruc").post(
        reverse("planning:plan_number", args=[plan.pk]), {"number": "12"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.symbol == "12-KH/MTTQ"
    assert make_plan(world, program).symbol == "13-KH/MTTQ"
    # A number already taken is refused.
    response = world.client("thuongtruc").post(
        reverse("planning:plan_number", args=[plan.pk]), {"number": "13"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert (
        world.client("mttq")
        .post(reverse("planning:plan_number", args=[plan.pk]), {"number": "5"})
        .status_code
        == 403
    )
    response = world.client("thuongtruc").post(
        reverse("planning:program_number", args=[program.pk]), {"number": "3"}
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.symbol == "03-CTr/BCĐ"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_creations_never_share_a_number():
    from danvan.core.testing import build_world

    world = build_world()
    program = make_program(world)
    barrier = threading.Barrier(2)
    errors = []

    def create(username):
        try:
            barrier.wait()
            user = world.users[username]
            for _ in range(5):
                services.create_plan(
                    acting_user=user,
                    program=program,
                    organization=world.mttq,
                    title=f"Kế hoạch của {username}",
                    year=2022,
                )
        except Exception as exc:  # reported below: the test must see it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(u,)) for u in ("mttq", "thuongtruc")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    numbers = sorted(Plan.objects.filter(organization=world.mttq).values_list("number", flat=True))
    assert numbers == list(range(1, 11))
    assert DocumentCounter.objects.get(issuer=f"org:{world.mttq.pk}", kind="KH").last == 10
