"""The committee's 2022 coordination program and its members' plans, as the review conference
report describes the year: tasks in its fields of work, most done (some late), some overdue.

Everything goes through the services, as the officers would have done it, so each plan and task
has its audit trail. Today is years after 2022: what was not finished in 2022 is overdue.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone, translation

from danvan.accounts.models import User
from danvan.areas.models import ContentArea
from danvan.geo.models import AdminUnit
from danvan.orgs.demo import COMMITTEE_NAME, demo_org
from danvan.orgs.models import Committee
from danvan.planning import services
from danvan.planning.models import Plan, Program, ProgramArea, ProgramTarget
from danvan.tasks import services as task_services
from danvan.tasks.models import source_tasks

ORDER = 50

PROGRAM_TITLE = "Chương trình phối hợp hoạt động công tác dân vận năm 2022"

# area code: (what the program asks, [(target figure, unit, target)])
PROGRAM_AREAS = {
    "tuyen-truyen-van-dong": (
        "Tuyên truyền, vận động đoàn viên, hội viên, công nhân viên lao động, LLVT và nhân dân "
        "các dân tộc, tôn giáo chấp hành đường lối của Đảng, chính sách, pháp luật của Nhà nước.",
        [("Buổi tuyên truyền", "buổi", 300)],
    ),
    "dan-chu-co-so": ("Phối hợp thực hiện tốt quy chế dân chủ ở cơ sở.", []),
    "giam-sat-phan-bien": (
        "Tham gia giám sát, phản biện xã hội, góp ý xây dựng Đảng, chính quyền.",
        [("Cuộc giám sát", "cuộc", 20)],
    ),
    "quoc-phong-an-ninh": (
        "Xây dựng nền quốc phòng toàn dân, thế trận an ninh nhân dân, khu vực phòng thủ.",
        [],
    ),
    "xu-tri-tinh-huong": (
        "Tham mưu cấp ủy, chính quyền xử trí các tình huống, giữ vững an ninh trật tự.",
        [],
    ),
    "nong-thon-moi": (
        "LLVT phối hợp với MTTQ và các tổ chức CT-XH tham gia xây dựng nông thôn mới, đô thị "
        "văn minh ở 136 xã, phường, thị trấn: thu gom rác thải, nạo vét cống rãnh, kênh mương, "
        "cải tạo đường giao thông nông thôn.",
        [
            ("Lượt cán bộ, chiến sĩ tham gia", "lượt", 20000),
            ("Kênh mương, cống rãnh nạo vét", "m", 800),
            ("Đường giao thông nông thôn cải tạo", "km", 25),
        ],
    ),
    "thien-tai-dich-benh": (
        "Cử cán bộ, chiến sĩ tham gia phòng, chống dịch Covid-19 và phòng, chống thiên tai.",
        [("Lượt cán bộ, chiến sĩ phòng, chống dịch", "lượt", 3000)],
    ),
    "den-on-dap-nghia": (
        "Thực hiện tốt phong trào “Đền ơn đáp nghĩa”.",
        [("Nhà tình nghĩa, nhà đồng đội", "nhà", 15), ("Suất quà", "suất", 2000)],
    ),
    "dan-van-kheo": (
        "Triển khai hiệu quả mô hình “Dân vận khéo”, tạo sức lan tỏa sâu rộng.",
        [("Mô hình Dân vận khéo", "mô hình", 40)],
    ),
    "boi-duong-can-bo": (
        "Bồi dưỡng nâng cao trình độ, năng lực vận động quần chúng cho cán bộ làm công tác "
        "dân vận.",
        [("Lớp bồi dưỡng", "lớp", 6)],
    ),
}

# Outcomes: ("done", day, share achieved) · ("progress", day, percent, share) · ("open",)
DONE, PROGRESS, OPEN = "done", "progress", "open"


def d(month: int, day: int) -> date:
    return date(2022, month, day)


# member key: (paper number, plan title, [task]) ; task: (title, area, start, due,
# coordinators, districts, [(figure, unit, target)], outcome)
PLANS = {
    "CHQS": (
        5,
        "Kế hoạch phối hợp hoạt động công tác dân vận của LLVT tỉnh năm 2022",
        [
            (
                "Huy động cán bộ, chiến sĩ tham gia xây dựng nông thôn mới",
                "nong-thon-moi",
                d(2, 15),
                d(11, 30),
                ["MTTQ", "TD"],
                ["Vĩnh Tường", "Tam Dương", "Lập Thạch"],
                [("Lượt cán bộ, chiến sĩ tham gia", "lượt", 12000)],
                (DONE, d(11, 25), Decimal("1.1")),
            ),
            (
                "Nạo vét kênh mương nội đồng vụ Đông Xuân",
                "nong-thon-moi",
                d(1, 10),
                d(3, 31),
                ["HND"],
                ["Yên Lạc", "Vĩnh Tường"],
                [("Kênh mương, cống rãnh nạo vét", "m", 500)],
                (DONE, d(4, 12), Decimal("1")),
            ),
            (
                "Cử cán bộ, chiến sĩ tham gia phòng, chống dịch Covid-19",
                "thien-tai-dich-benh",
                d(1, 1),
                d(6, 30),
                [],
                [],
                [("Lượt cán bộ, chiến sĩ phòng, chống dịch", "lượt", 2000)],
                (DONE, d(6, 28), Decimal("1.2")),
            ),
            (
                "Diễn tập khu vực phòng thủ, phòng chống thiên tai - tìm kiếm cứu nạn",
                "quoc-phong-an-ninh",
                d(5, 1),
                d(9, 30),
                ["BDV"],
                ["Tam Đảo"],
                [],
                (DONE, d(9, 20), Decimal("1")),
            ),
            (
                "Xây dựng nhà đồng đội tặng cựu chiến binh có hoàn cảnh khó khăn",
                "den-on-dap-nghia",
                d(3, 1),
                d(7, 27),
                ["CCB"],
                ["Sông Lô"],
                [("Nhà tình nghĩa, nhà đồng đội", "nhà", 5)],
                (PROGRESS, d(7, 20), 80, Decimal("0.8")),
            ),
        ],
    ),
    "MTTQ": (
        12,
        "Kế hoạch thực hiện chương trình phối hợp công tác dân vận năm 2022",
        [
            (
                "Tuyên truyền, vận động nhân dân thực hiện chủ trương của Đảng, chính sách của "
                "Nhà nước",
                "tuyen-truyen-van-dong",
                d(1, 15),
                d(12, 15),
                ["HND", "HPN", "TD", "CCB", "LDLD"],
                [],
                [("Buổi tuyên truyền", "buổi", 120)],
                (DONE, d(12, 10), Decimal("1.05")),
            ),
            (
                "Giám sát việc thực hiện quy chế dân chủ ở cơ sở",
                "giam-sat-phan-bien",
                d(4, 1),
                d(10, 31),
                ["BDV"],
                ["Bình Xuyên", "Phúc Yên"],
                [("Cuộc giám sát", "cuộc", 8)],
                (DONE, d(11, 18), Decimal("1")),
            ),
            (
                "Vận động ủng hộ Quỹ “Vì người nghèo”, xây nhà đại đoàn kết",
                "den-on-dap-nghia",
                d(6, 1),
                d(12, 31),
                ["HPN"],
                [],
                [("Suất quà", "suất", 1200)],
                (DONE, d(12, 28), Decimal("1.1")),
            ),
            (
                "Nhân rộng mô hình “Dân vận khéo” trong khu dân cư",
                "dan-van-kheo",
                d(3, 1),
                d(11, 30),
                ["HND", "HPN"],
                ["Vĩnh Yên"],
                [("Mô hình Dân vận khéo", "mô hình", 15)],
                (DONE, d(11, 28), Decimal("1.2")),
            ),
        ],
    ),
    "HND": (
        8,
        "Kế hoạch phối hợp công tác dân vận của Hội Nông dân tỉnh năm 2022",
        [
            (
                "Vận động hội viên hiến đất, ngày công làm đường giao thông nông thôn",
                "nong-thon-moi",
                d(2, 1),
                d(10, 31),
                ["CHQS"],
                ["Lập Thạch", "Sông Lô"],
                [("Đường giao thông nông thôn cải tạo", "km", 12)],
                (DONE, d(10, 25), Decimal("1.1")),
            ),
            (
                "Hướng dẫn hội viên thu gom, xử lý rác thải nông nghiệp",
                "nong-thon-moi",
                d(3, 1),
                d(8, 31),
                [],
                ["Yên Lạc"],
                [],
                (OPEN,),
            ),
            (
                "Xây dựng mô hình “Dân vận khéo” trong phát triển kinh tế nông nghiệp",
                "dan-van-kheo",
                d(4, 1),
                d(11, 30),
                ["MTTQ"],
                ["Vĩnh Tường"],
                [("Mô hình Dân vận khéo", "mô hình", 10)],
                (DONE, d(12, 12), Decimal("0.9")),
            ),
        ],
    ),
    "HPN": (
        6,
        "Kế hoạch phối hợp công tác dân vận của Hội LHPN tỉnh năm 2022",
        [
            (
                "Tuyên truyền phòng, chống bạo lực gia đình, xây dựng gia đình hạnh phúc",
                "tuyen-truyen-van-dong",
                d(3, 8),
                d(10, 20),
                ["MTTQ"],
                [],
                [("Buổi tuyên truyền", "buổi", 60)],
                (DONE, d(10, 18), Decimal("1.1")),
            ),
            (
                "Trao quà cho phụ nữ, trẻ em có hoàn cảnh khó khăn dịp Tết",
                "den-on-dap-nghia",
                d(12, 1),
                d(12, 31),
                [],
                [],
                [("Suất quà", "suất", 500)],
                (OPEN,),
            ),
        ],
    ),
    "TD": (
        9,
        "Kế hoạch phối hợp công tác dân vận của Tỉnh đoàn năm 2022",
        [
            (
                "Chiến dịch Thanh niên tình nguyện hè: ra quân làm sạch môi trường",
                "nong-thon-moi",
                d(6, 1),
                d(8, 31),
                ["CHQS"],
                ["Tam Đảo", "Bình Xuyên"],
                [("Lượt cán bộ, chiến sĩ tham gia", "lượt", 3000)],
                (DONE, d(8, 30), Decimal("1.3")),
            ),
            (
                "Tập huấn kỹ năng vận động quần chúng cho cán bộ đoàn cơ sở",
                "boi-duong-can-bo",
                d(5, 1),
                d(9, 30),
                ["BDV"],
                [],
                [("Lớp bồi dưỡng", "lớp", 2)],
                (DONE, d(10, 15), Decimal("1")),
            ),
        ],
    ),
    "CCB": (
        4,
        "Kế hoạch phối hợp công tác dân vận của Hội CCB tỉnh năm 2022",
        [
            (
                "Tham gia giữ gìn an ninh trật tự, hòa giải mâu thuẫn ở cơ sở",
                "xu-tri-tinh-huong",
                d(1, 15),
                d(12, 15),
                ["CHQS"],
                [],
                [],
                (DONE, d(12, 15), Decimal("1")),
            ),
            (
                "Tuyên truyền truyền thống cách mạng cho đoàn viên thanh niên",
                "tuyen-truyen-van-dong",
                d(7, 1),
                d(12, 22),
                ["TD"],
                [],
                [("Buổi tuyên truyền", "buổi", 40)],
                (PROGRESS, d(11, 30), 60, Decimal("0.6")),
            ),
        ],
    ),
    "LDLD": (
        7,
        "Kế hoạch phối hợp công tác dân vận của LĐLĐ tỉnh năm 2022",
        [
            (
                "Tuyên truyền pháp luật lao động cho công nhân tại các khu công nghiệp",
                "tuyen-truyen-van-dong",
                d(3, 1),
                d(11, 30),
                [],
                ["Bình Xuyên", "Phúc Yên"],
                [("Buổi tuyên truyền", "buổi", 50)],
                (DONE, d(11, 20), Decimal("1")),
            ),
            (
                "Phối hợp giải quyết kiến nghị của công nhân, không để xảy ra ngừng việc tập thể",
                "xu-tri-tinh-huong",
                d(1, 1),
                d(12, 31),
                ["MTTQ"],
                [],
                [],
                (OPEN,),
            ),
        ],
    ),
    "Vĩnh Tường": (
        15,
        "Kế hoạch phối hợp hoạt động công tác dân vận huyện Vĩnh Tường năm 2022",
        [
            (
                "Ra quân nạo vét kênh mương, khơi thông dòng chảy",
                "nong-thon-moi",
                d(2, 20),
                d(4, 30),
                ["CHQS", "HND"],
                ["Vĩnh Tường"],
                [("Kênh mương, cống rãnh nạo vét", "m", 300)],
                (DONE, d(4, 28), Decimal("1.2")),
            ),
            (
                "Hoàn thành tiêu chí môi trường xã nông thôn mới nâng cao",
                "nong-thon-moi",
                d(3, 1),
                d(12, 31),
                ["MTTQ"],
                ["Vĩnh Tường"],
                [],
                (PROGRESS, d(12, 15), 50, Decimal("0")),
            ),
        ],
    ),
    "Tam Dương": (
        11,
        "Kế hoạch phối hợp hoạt động công tác dân vận huyện Tam Dương năm 2022",
        [
            (
                "Cải tạo đường giao thông nông thôn các xã khó khăn",
                "nong-thon-moi",
                d(3, 1),
                d(9, 30),
                ["CHQS"],
                ["Tam Dương"],
                [("Đường giao thông nông thôn cải tạo", "km", 6)],
                (DONE, d(9, 25), Decimal("1")),
            ),
        ],
    ),
}


def _user_for(key: str) -> User:
    """The demo officer of the member, or the standing office drafting for it."""
    org = demo_org(key)
    return User.objects.filter(organization=org).order_by("pk").first() or User.objects.get(
        username="thuongtruc"
    )


def _units(names: list[str]) -> list[AdminUnit]:
    return list(
        AdminUnit.objects.filter(
            structure=AdminUnit.LEGACY, level=AdminUnit.DISTRICT, short_name__in=names
        )
    )


def _add_tasks(plan: Plan, user: User, tasks, areas) -> int:
    for title, area, start, due, coordinators, districts, targets, _outcome in tasks:
        services.add_plan_task(
            plan,
            acting_user=user,
            title=title,
            area=areas[area],
            start_date=start,
            due_date=due,
            coordinators=[demo_org(k) for k in coordinators],
            units=_units(districts),
            targets=[{"label": f, "unit": u, "target": Decimal(t)} for f, u, t in targets],
        )
    return len(tasks)


def _carry_out(plan: Plan, user: User, tasks) -> None:
    """What the member reported over 2022."""
    by_title = {t.title: t for t in source_tasks(plan).prefetch_related("targets")}
    for title, _area, start, _due, _c, _d, _targets, outcome in tasks:
        task = by_title[title]
        kind = outcome[0]
        if kind == OPEN:
            continue
        share = outcome[-1]
        figures = {str(t.pk): (t.target * share).quantize(Decimal(1)) for t in task.targets.all()}
        midway = date(2022, max(start.month, min(outcome[1].month - 1, 12)), 15)
        if midway < start:
            midway = start
        task_services.record_progress(
            task,
            acting_user=user,
            on=midway,
            percent=50,
            text="Đã triển khai, đang tổ chức thực hiện theo kế hoạch.",
            figures={k: (v / 2).quantize(Decimal(1)) for k, v in figures.items()},
        )
        if kind == DONE:
            task_services.complete_task(
                task,
                acting_user=user,
                on=outcome[1],
                text="Đã hoàn thành, có báo cáo kết quả gửi Thường trực Ban chỉ đạo.",
                figures=figures,
            )
        else:
            task_services.record_progress(
                task,
                acting_user=user,
                on=outcome[1],
                percent=outcome[2],
                text="Tiếp tục thực hiện; một số hạng mục chậm do thời tiết và kinh phí.",
                figures=figures,
            )


def _dated(plan: Plan, submitted: date, approved: date | None = None) -> None:
    """The demo runs today; the plans were sent and approved in 2022."""

    def at(day: date) -> datetime:
        return timezone.make_aware(datetime(day.year, day.month, day.day, 9, 0))

    Plan.objects.filter(pk=plan.pk).update(
        submitted_at=at(submitted), approved_at=at(approved) if approved else None
    )


def load() -> int:
    if Program.objects.filter(title=PROGRAM_TITLE).exists():
        return 0
    # Step names are written into the audit trail in the language of the moment.
    with translation.override("vi"):
        return _load()


def _load() -> int:
    office = User.objects.get(username="thuongtruc")
    committee = Committee.objects.get(name=COMMITTEE_NAME)
    areas = {a.code: a for a in ContentArea.objects.all()}
    created = 0

    program = services.create_program(
        acting_user=office,
        committee=committee,
        title=PROGRAM_TITLE,
        start_year=2022,
        summary=(
            "Triển khai thực hiện công tác phối hợp giữa Ban Dân vận Tỉnh ủy, Bộ CHQS tỉnh với "
            "MTTQ, các tổ chức chính trị - xã hội tỉnh trong hoạt động công tác dân vận năm 2022. "
            "Trên cơ sở chương trình, từng thành viên xây dựng kế hoạch cụ thể, phù hợp với chức "
            "năng, nhiệm vụ và tình hình thực tiễn của đơn vị, địa phương."
        ),
        issued_on=date(2022, 1, 20),
    )
    services.renumber_program(program, acting_user=office, number=3)
    created += 1
    for order, (code, (content, targets)) in enumerate(PROGRAM_AREAS.items(), start=1):
        program_area = ProgramArea.objects.create(
            program=program, area=areas[code], content=content, order=order
        )
        created += 1
        for label, unit, target in targets:
            ProgramTarget.objects.create(
                program_area=program_area, label=label, unit=unit, target=Decimal(target)
            )
            created += 1

    for key, (number, title, tasks) in PLANS.items():
        user = _user_for(key)
        plan = services.create_plan(
            acting_user=user, program=program, organization=demo_org(key), title=title, year=2022
        )
        services.renumber_plan(plan, acting_user=office, number=number)
        created += 1 + _add_tasks(plan, user, tasks, areas)
        services.submit_plan(plan, acting_user=user)
        if key == "HND":
            # Returned once: the standing office asked for figures on every task.
            services.return_plan(
                plan,
                acting_user=office,
                note="Đề nghị bổ sung chỉ tiêu cụ thể cho từng nhiệm vụ.",
            )
            services.submit_plan(plan, acting_user=user)
        services.approve_plan(plan, acting_user=office)
        _dated(plan, d(2, 10), d(2, 25))
        _carry_out(plan, user, tasks)

    # Mid-year Hội Nông dân revised its plan to add its Covid-19 work; the revision supersedes
    # the approved plan, keeps the work done so far and stays readable beside it.
    hnd_plan = Plan.objects.get(program=program, organization=demo_org("HND"))
    user = _user_for("HND")
    revision = services.revise_plan(hnd_plan, acting_user=user)
    extra = (
        "Vận động hội viên tham gia phòng, chống dịch Covid-19 ở khu dân cư",
        "thien-tai-dich-benh",
        d(7, 1),
        d(9, 30),
        ["CHQS"],
        ["Yên Lạc"],
        [("Lượt cán bộ, chiến sĩ phòng, chống dịch", "lượt", 600)],
        (DONE, d(9, 29), Decimal("1.1")),
    )
    created += 1 + _add_tasks(revision, user, [extra], areas)
    services.submit_plan(revision, acting_user=user)
    services.approve_plan(revision, acting_user=office)
    _dated(revision, d(7, 5), d(7, 12))
    _carry_out(revision, user, [extra])

    # A district's plan still waiting for approval, and one being drafted.
    for key, status in (("Yên Lạc", "submitted"), ("Sông Lô", "draft")):
        user = _user_for(key)
        plan = services.create_plan(
            acting_user=user,
            program=program,
            organization=demo_org(key),
            title=f"Kế hoạch phối hợp hoạt động công tác dân vận huyện {key} năm 2022",
            year=2022,
        )
        created += 1 + _add_tasks(
            plan,
            user,
            [
                (
                    "Vận động nhân dân tham gia thu gom, phân loại rác thải tại nguồn",
                    "nong-thon-moi",
                    d(9, 1),
                    d(12, 31),
                    ["MTTQ"],
                    [key],
                    [],
                    (OPEN,),
                )
            ],
            areas,
        )
        if status == "submitted":
            services.submit_plan(plan, acting_user=user)
            _dated(plan, d(8, 20))
    return created
