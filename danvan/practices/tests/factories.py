from datetime import date
from decimal import Decimal

from danvan.core.audit import as_actor
from danvan.practices.models import Practice


def make_practice(world, *, organization=None, commune=None, coordinators=(), **fields):
    user = world.users["hoinongdan"]
    values = {
        "kind": Practice.MODEL,
        "name": "Mô hình “Nông dân chung sức xây dựng nông thôn mới”",
        "area": world.areas["nong-thon-moi"],
        "commune": commune or world.kim_xa,
        "organization": organization or world.hnd,
        "funds": Decimal("180"),
        "workdays": Decimal("900"),
        "started_on": date(2021, 3, 1),
        "recognition_level": Practice.PROVINCE,
        "recognition_year": 2022,
        "created_by": user,
        **fields,
    }
    with as_actor(user):
        practice = Practice.objects.create(**values)
        if coordinators:
            practice.coordinators.set(coordinators)
    return practice
