from datetime import date

from django.core.management import call_command

from danvan.orgs.demo import demo_org
from danvan.planning import demo
from danvan.planning.models import Plan, Program
from danvan.tasks.models import Status, Task


def test_the_2022_program_with_its_plans_and_what_became_of_them(db, capsys):
    call_command("demo")
    program = Program.objects.get(title=demo.PROGRAM_TITLE)
    assert program.symbol == "03-CTr/BCĐ"
    assert program.areas.count() == len(demo.PROGRAM_AREAS)
    mttq = Plan.objects.get(program=program, organization=demo_org("MTTQ"))
    assert mttq.symbol == "12-KH/MTTQ" and mttq.status == Plan.APPROVED
    statuses = {
        code: Task.objects.with_status().filter(status_code=code).count()
        for code in (Status.DONE, Status.OVERDUE)
    }
    assert statuses[Status.DONE] > 10 and statuses[Status.OVERDUE] > 3
    late = [t for t in Task.objects.filter(state=Task.DONE) if t.completed_late]
    assert late and all(t.completed_on.year == 2022 for t in late)
    assert Task.objects.filter(state=Task.OPEN, due_date__lt=date(2023, 1, 1)).exists()
    # Hội Nông dân revised its plan mid-year: the first version is kept, superseded.
    hnd = Plan.objects.filter(program=program, organization=demo_org("HND")).order_by("revision")
    assert [p.status for p in hnd] == [Plan.SUPERSEDED, Plan.APPROVED]
    assert {p.status for p in Plan.objects.filter(previous__isnull=True)} >= {
        Plan.SUBMITTED,
        Plan.DRAFT,
    }
    assert demo.load() == 0
