"""Four 2022 courses for the cadres doing mass-mobilization work (the seed's last request asks
for exactly this training), with participants from the members and districts. Participants are
numbered, never named."""

from datetime import date
from decimal import Decimal

from danvan.accounts.models import User
from danvan.areas.models import ContentArea
from danvan.core.audit import as_actor
from danvan.orgs.demo import demo_org
from danvan.training.models import Course, Participant

ORDER = 63
# fmt: off

# (title, organiser, start, end, place, hours, content, {organisation: (people, not completed)})
COURSES = [
    (
        "Lớp bồi dưỡng nghiệp vụ công tác dân vận cho cán bộ cơ sở năm 2022",
        "BDV",
        date(2022, 4, 12),
        date(2022, 4, 13),
        "Trường Chính trị tỉnh Vĩnh Phúc",
        16,
        "Quan điểm của Đảng về công tác dân vận; quy chế dân chủ ở cơ sở; kỹ năng dân vận.",
        {"Vĩnh Tường": (5, 0), "Yên Lạc": (5, 1), "Lập Thạch": (5, 0), "Sông Lô": (4, 0)},
    ),
    (
        "Tập huấn công tác dân vận trong lực lượng vũ trang tỉnh",
        "CHQS",
        date(2022, 6, 8),
        date(2022, 6, 8),
        "Bộ CHQS tỉnh Vĩnh Phúc",
        8,
        "Công tác dân vận của lực lượng vũ trang; phối hợp với Mặt trận và đoàn thể.",
        {"CHQS": (12, 0), "TD": (3, 0)},
    ),
    (
        "Bồi dưỡng kỹ năng vận động quần chúng cho cán bộ Mặt trận và các đoàn thể",
        "MTTQ",
        date(2022, 8, 23),
        date(2022, 8, 25),
        "Hội trường Ủy ban MTTQ tỉnh",
        24,
        "Kỹ năng tuyên truyền, vận động; giám sát và phản biện xã hội; nắm bắt dư luận.",
        {"MTTQ": (4, 0), "HND": (4, 1), "HPN": (4, 0), "TD": (3, 0), "CCB": (3, 0),
         "LDLD": (3, 1)},
    ),
    (
        "Tập huấn xây dựng và nhân rộng mô hình “Dân vận khéo”",
        "BDV",
        date(2022, 10, 18),
        date(2022, 10, 18),
        "Trường Chính trị tỉnh Vĩnh Phúc",
        8,
        "Tiêu chí mô hình “Dân vận khéo”; cách xây dựng, đánh giá và nhân rộng.",
        {"HND": (3, 0), "HPN": (3, 0), "Tam Đảo": (3, 0), "Bình Xuyên": (3, 0),
         "Phúc Yên": (3, 0)},
    ),
]


# fmt: on


def load() -> int:
    if Course.objects.exists():
        return 0
    standing = User.objects.get(username="thuongtruc")
    area = ContentArea.objects.filter(code="boi-duong-can-bo").first()
    created = 0
    number = 0
    with as_actor(standing):
        for title, organiser, start, end, place, hours, content, groups in COURSES:
            course = Course.objects.create(
                title=title,
                organization=demo_org(organiser),
                area=area,
                start_date=start,
                end_date=end,
                place=place,
                hours=Decimal(hours),
                content=content,
                created_by=standing,
            )
            created += 1
            people = []
            for key, (count, dropped) in groups.items():
                org = demo_org(key)
                for index in range(count):
                    number += 1
                    completed = index >= dropped
                    people.append(
                        Participant(
                            course=course,
                            full_name=f"Học viên {number:03d}",
                            position=f"Cán bộ {org.short_name}",
                            organization=org,
                            completed=completed,
                            certificate=completed,
                            score=Decimal(70 + (number * 7) % 26) / 10 if completed else None,
                        )
                    )
            Participant.objects.bulk_create(people)
            created += len(people)
    return created
