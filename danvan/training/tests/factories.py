from datetime import date
from decimal import Decimal

from danvan.core.audit import as_actor
from danvan.training.models import Course, Participant


def make_course(world, *, organization=None, **fields) -> Course:
    user = world.users["mttq"]
    values = {
        "title": "Bồi dưỡng kỹ năng vận động quần chúng",
        "organization": organization or world.mttq,
        "start_date": date(2022, 8, 23),
        "end_date": date(2022, 8, 25),
        "place": "Hội trường Ủy ban MTTQ tỉnh",
        "hours": Decimal("24"),
        "created_by": user,
        **fields,
    }
    with as_actor(user):
        return Course.objects.create(**values)


def enrol(course, organization, *, completed=True, certificate=None, score=None, name="Học viên"):
    return Participant.objects.create(
        course=course,
        full_name=name,
        organization=organization,
        completed=completed,
        certificate=completed if certificate is None else certificate,
        score=score,
    )
