"""Programs and plans in the shared test world, reached through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from danvan.planning import services
from danvan.planning.models import Plan, Program, ProgramArea, ProgramTarget


def make_program(world, **overrides) -> Program:
    fields = {
        "acting_user": world.users["thuongtruc"],
        "committee": world.committee,
        "title": "Chương trình phối hợp hoạt động công tác dân vận năm 2022",
        "start_year": 2022,
    }
    fields.update(overrides)
    program = services.create_program(**fields)
    area = ProgramArea.objects.create(
        program=program, area=world.areas["nong-thon-moi"], content="Xây dựng nông thôn mới"
    )
    ProgramTarget.objects.create(
        program_area=area, label="Buổi tuyên truyền", unit="buổi", target=Decimal("100")
    )
    return program


def make_plan(world, program=None, *, username="mttq", organization=None, tasks=1) -> Plan:
    program = program or make_program(world)
    user = world.users[username]
    plan = services.create_plan(
        acting_user=user,
        program=program,
        organization=organization or user.organization,
        title=f"Kế hoạch thực hiện chương trình phối hợp năm 2022 của {user.organization}",
        year=2022,
    )
    for n in range(tasks):
        services.add_plan_task(
            plan,
            acting_user=user,
            title=f"Tuyên truyền nông thôn mới đợt {n + 1}",
            area=world.areas["nong-thon-moi"],
            coordinators=[world.hnd],
            units=[world.kim_xa],
            start_date=date(2022, 3, 1),
            due_date=date(2022, 6, 30),
            targets=[{"label": "Buổi tuyên truyền", "unit": "buổi", "target": Decimal("10")}],
        )
    return plan


def submitted_plan(world, program=None, **kwargs) -> Plan:
    plan = make_plan(world, program, **kwargs)
    return services.submit_plan(plan, acting_user=plan.created_by)


def approved_plan(world, program=None, **kwargs) -> Plan:
    plan = submitted_plan(world, program, **kwargs)
    return services.approve_plan(plan, acting_user=world.users["thuongtruc"])
