"""The 2022 conferences of the committee; above all the year-end review of the seed report,
with its chairs, attendees and the head's six requests as conclusion items (assigned tasks).

The report gives no date or hall: 23/12/2022 at the Provincial Military Command (the standing
office) is assumed.
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType

from danvan.accounts.models import User
from danvan.core.audit import as_actor
from danvan.geo.models import AdminUnit
from danvan.meetings import services
from danvan.meetings.models import ConclusionItem, Meeting
from danvan.orgs.demo import demo_org
from danvan.orgs.models import Committee, Organization
from danvan.tasks.models import Task
from danvan.tasks.services import confirm_result, report_result

ORDER = 60

MEMBERS = ["BDV", "CHQS", "MTTQ", "HND", "HPN", "TD", "CCB", "LDLD"]
MASS = ["MTTQ", "HND", "HPN", "TD", "CCB", "LDLD"]
DISTRICTS = "districts"

REVIEW_TITLE = "Hội nghị tổng kết công tác phối hợp hoạt động công tác dân vận năm 2022"
CHAIRS = (
    "Đồng chí Nguyễn Thanh Tùng, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy, "
    "Trưởng Ban chỉ đạo điều hành phối hợp hoạt động công tác dân vận tỉnh\n"
    "Đại tá Hoàng Nam Chung, Phó Bí thư Thường trực Đảng ủy Quân sự tỉnh, Chính ủy Bộ CHQS tỉnh"
)
ATTENDEES = (
    "Lãnh đạo Phòng Dân vận, Cục Chính trị, Quân khu 2\n"
    "Lãnh đạo các ban, ngành, đoàn thể tỉnh\n"
    "Lãnh đạo 9 huyện, thành phố trong tỉnh Vĩnh Phúc"
)
AGENDA = (
    "1. Báo cáo tổng kết công tác phối hợp hoạt động công tác dân vận năm 2022, phương hướng, "
    "nhiệm vụ năm 2023 (Thường trực Ban chỉ đạo trình bày).\n"
    "2. Tham luận của các thành viên Ban chỉ đạo.\n"
    "3. Phát biểu chỉ đạo của Trưởng Ban chỉ đạo."
)
SPEECH = (
    "Đồng chí Nguyễn Thanh Tùng đánh giá cao công tác phối hợp hoạt động giữa Bộ CHQS tỉnh với "
    "MTTQ, các tổ chức chính trị - xã hội trong thời gian qua: đã phối hợp tốt công tác tuyên "
    "truyền, vận động; thực hiện quy chế dân chủ ở cơ sở; tham gia giám sát, phản biện xã hội; "
    "xây dựng nền quốc phòng toàn dân, thế trận an ninh nhân dân; LLVT tỉnh huy động hàng chục "
    "nghìn lượt cán bộ, chiến sĩ tham gia xây dựng nông thôn mới, đô thị văn minh ở 136 xã, "
    "phường, thị trấn; MTTQ và các tổ chức CT-XH triển khai hiệu quả mô hình “Dân vận khéo”.\n"
    "Đồng chí yêu cầu các thành viên Ban chỉ đạo tăng cường công tác phối hợp bảo đảm tập trung, "
    "có trọng tâm, trọng điểm (sáu nội dung, xem thông báo kết luận)."
)

# (content, lead key, coordinator keys, due date, expected result)
REQUESTS = [
    (
        "Tăng cường công tác phối hợp giữa các thành viên Ban chỉ đạo, bảo đảm tập trung, có "
        "trọng tâm, trọng điểm.",
        "CHQS",
        ["BDV", *MASS],
        date(2023, 12, 31),
        "Chương trình phối hợp năm 2023 được thực hiện đầy đủ, đúng tiến độ.",
    ),
    (
        "Tăng cường công tác tuyên truyền, vận động cán bộ, chiến sĩ, đoàn viên, hội viên thực "
        "hiện nghiêm các chủ trương, định hướng, chương trình, dự án của tỉnh đã, đang và tiếp tục "
        "triển khai.",
        "MTTQ",
        ["HND", "HPN", "TD", "CCB", "LDLD", "CHQS"],
        date(2023, 12, 31),
        "Các đợt tuyên truyền, vận động theo chương trình năm 2023.",
    ),
    (
        "Làm tốt công tác quốc phòng, an ninh, góp phần giữ vững an ninh trật tự - trật tự an toàn "
        "xã hội trên địa bàn.",
        "CHQS",
        [DISTRICTS],
        date(2023, 12, 31),
        "Không để xảy ra điểm nóng về an ninh trật tự.",
    ),
    (
        "Trên cơ sở chương trình, kế hoạch phối hợp công tác dân vận của Ban chỉ đạo, từng thành "
        "viên xây dựng chương trình, kế hoạch chỉ đạo, tổ chức thực hiện cụ thể, phù hợp với chức "
        "năng, nhiệm vụ và tình hình thực tiễn của đơn vị, địa phương.",
        "BDV",
        [*MEMBERS[1:], DISTRICTS],
        date(2023, 2, 28),
        "Kế hoạch năm 2023 của từng thành viên gửi Thường trực Ban chỉ đạo.",
    ),
    (
        "Trong quá trình phối hợp hoạt động, các thành viên kịp thời trao đổi, cung cấp thông tin "
        "và đề xuất nội dung, biện pháp phối hợp bằng văn bản gửi Trưởng Ban chỉ đạo và Thường "
        "trực Ban chỉ đạo (Bộ CHQS tỉnh) để điều hành tập trung, thống nhất.",
        "CHQS",
        ["BDV", *MASS],
        date(2023, 12, 31),
        "Thông tin, đề xuất bằng văn bản được tiếp nhận và xử lý kịp thời.",
    ),
    (
        "Thường xuyên bồi dưỡng nâng cao trình độ, kiến thức, năng lực vận động quần chúng cho cán "
        "bộ làm công tác dân vận để đáp ứng yêu cầu, nhiệm vụ trong tình hình mới.",
        "BDV",
        ["MTTQ", "CHQS", "TD", "HND", "HPN"],
        date(2023, 12, 31),
        "Các lớp bồi dưỡng cán bộ làm công tác dân vận năm 2023.",
    ),
]

OTHER_MEETINGS = [
    (
        Meeting.MID_YEAR,
        "Hội nghị sơ kết công tác phối hợp hoạt động công tác dân vận 6 tháng đầu năm 2022",
        date(2022, 7, 15),
    ),
    (
        Meeting.BRIEFING,
        "Giao ban Thường trực Ban chỉ đạo quý III năm 2022",
        date(2022, 10, 12),
    ),
]


def _orgs(keys) -> list[Organization]:
    found = []
    for key in keys:
        if key == DISTRICTS:
            found += list(
                Organization.objects.filter(
                    kind=Organization.DISTRICT, unit__structure=AdminUnit.LEGACY
                ).order_by("sort_key")
            )
        else:
            found.append(demo_org(key))
    return found


def load() -> int:
    if Meeting.objects.filter(title=REVIEW_TITLE).exists():
        return 0
    standing = User.objects.get(username="thuongtruc")
    head = User.objects.get(username="truongban")
    committee = Committee.objects.order_by("pk").first()
    chqs = demo_org("CHQS")
    attending = [
        Organization.objects.get(symbol="QK2"),
        *_orgs([*MEMBERS, DISTRICTS]),
    ]
    created = 0
    with as_actor(standing):
        for kind, title, day in OTHER_MEETINGS:
            meeting = Meeting.objects.create(
                kind=kind,
                title=title,
                held_on=day,
                place="Bộ CHQS tỉnh Vĩnh Phúc",
                committee=committee,
                organization=chqs,
                chairs=CHAIRS if kind == Meeting.MID_YEAR else CHAIRS.splitlines()[1],
                created_by=standing,
            )
            meeting.attending_organizations.set(_orgs(MEMBERS))
            created += 1
        review = Meeting.objects.create(
            kind=Meeting.YEAR_END,
            title=REVIEW_TITLE,
            held_on=date(2022, 12, 23),
            place="Hội trường Bộ CHQS tỉnh Vĩnh Phúc",
            committee=committee,
            organization=chqs,
            chairs=CHAIRS,
            attendees=ATTENDEES,
            agenda=AGENDA,
            speech_summary=SPEECH,
            created_by=standing,
        )
        review.attending_organizations.set(attending)
        created += 1
    conclusion = services.issue_conclusion(
        review,
        acting_user=standing,
        issued_on=date(2022, 12, 28),
        signer="Nguyễn Thanh Tùng, Trưởng Ban chỉ đạo",
        summary=(
            "Thường trực Ban chỉ đạo thông báo ý kiến kết luận của đồng chí Trưởng Ban chỉ đạo "
            "tại Hội nghị tổng kết năm 2022; yêu cầu các thành viên tập trung thực hiện tốt các "
            "nội dung sau:"
        ),
    )
    created += 1
    for content, lead, coordinators, due, expected in REQUESTS:
        services.add_conclusion_item(
            conclusion,
            acting_user=standing,
            content=content,
            lead=demo_org(lead),
            coordinators=_orgs(coordinators),
            due_date=due,
            expected_result=expected,
        )
        created += 2  # the item and its task
    # The members' own plans came in on time and were confirmed; the training result waits.
    item_type = ContentType.objects.get_for_model(ConclusionItem)
    items = list(conclusion.items.order_by("order"))
    plans = Task.objects.get(source_type=item_type, source_id=items[3].pk)
    report_result(
        plans,
        acting_user=standing,
        on=date(2023, 2, 20),
        text="Các thành viên đã gửi kế hoạch năm 2023.",
    )
    confirm_result(Task.objects.get(pk=plans.pk), acting_user=head)
    training = Task.objects.get(source_type=item_type, source_id=items[5].pk)
    report_result(
        training,
        acting_user=standing,
        on=date(2023, 12, 15),
        text="Đã mở 4 lớp bồi dưỡng cho cán bộ làm công tác dân vận.",
    )
    return created
