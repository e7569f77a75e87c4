from datetime import date

from danvan.core.audit import as_actor
from danvan.situations.models import Situation


def make_situation(world, *, organization=None, involved=(), **fields) -> Situation:
    organization = organization or world.mttq
    user = next(u for u in world.users.values() if u.organization_id == organization.pk)
    values = {
        "title": "Tranh chấp đất đai giữa hai hộ dân",
        "kind": Situation.LAND,
        "unit": world.kim_xa,
        "occurred_on": date(2022, 5, 10),
        "severity": Situation.COMPLEX,
        "description": "Hai hộ tranh chấp ranh giới đất ở, có nguy cơ phát sinh khiếu kiện.",
        "organization": organization,
        "created_by": user,
        **fields,
    }
    with as_actor(user):
        situation = Situation.objects.create(**values)
        if involved:
            situation.involved.set(involved)
    return situation


def confidential(world) -> Situation:
    """A confidential matter reported by MTTQ with Hội Nông dân involved."""
    return make_situation(
        world,
        title="Vụ việc liên quan đến tôn giáo",
        kind=Situation.FAITH,
        is_confidential=True,
        involved=[world.hnd],
    )
