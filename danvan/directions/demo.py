"""Proposals of 2022 from the Vĩnh Phúc members, in every state, with the head's directions and
the assignments they made: some done on time, some late, one result returned, one still
overdue after an extension. Everything goes through the services, so the audit trail, the
numbers and the notifications are real; their times are then set back to 2022 (the day the
demo is loaded is years later)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time

from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from danvan.accounts.models import User
from danvan.areas.models import ContentArea
from danvan.core.models import Notification
from danvan.directions import services
from danvan.directions.models import Proposal
from danvan.geo.models import AdminUnit
from danvan.orgs.demo import demo_org
from danvan.tasks import services as task_services
from danvan.tasks.models import Task, TaskExtension, TaskUpdate

ORDER = 60


def at(day: str, hour: int = 9, minute: int = 0) -> datetime:
    """ "15/03/2022" at 09:00 in Vietnam's time."""
    d, m, y = (int(x) for x in day.split("/"))
    return timezone.make_aware(datetime.combine(date(y, m, d), time(hour, minute)))


def on(day: str) -> date:
    return at(day).date()


def sample_pdf(title: str) -> bytes:
    """A small, valid one-page PDF standing for a scanned document (ASCII text only)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 60 780 Td ({text}) Tj 0 -24 Td (Du lieu mau - danvan demo) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def pdf(name: str, ascii_title: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample_pdf(ascii_title), content_type="application/pdf")


@contextmanager
def dated(when: datetime):
    """Set the time of every audit entry, notification and task log row written inside the
    block to `when`; the demo's notifications are old news, so they are marked read."""
    marks = {
        model: model.objects.aggregate(m=Max("pk"))["m"] or 0
        for model in (LogEntry, Notification, TaskUpdate, TaskExtension, Task)
    }
    yield
    LogEntry.objects.filter(pk__gt=marks[LogEntry]).update(timestamp=when)
    Notification.objects.filter(pk__gt=marks[Notification]).update(created_at=when, read_at=when)
    TaskUpdate.objects.filter(pk__gt=marks[TaskUpdate]).update(created_at=when)
    TaskExtension.objects.filter(pk__gt=marks[TaskExtension]).update(requested_at=when)
    Task.objects.filter(pk__gt=marks[Task]).update(created_at=when, updated_at=when)


# Each scenario: who writes it, what, and the steps it went through in 2022.
SCENARIOS = [
    {
        "sender": "vinhtuong",
        "kind": Proposal.PROPOSAL,
        "title": "Đề xuất phối hợp nạo vét kênh mương, khơi thông dòng chảy trước mùa mưa bão năm 2022",
        "summary": "Đề nghị Ban chỉ đạo chỉ đạo lực lượng vũ trang và Hội Nông dân tỉnh phối hợp "
        "với huyện nạo vét hệ thống kênh mương nội đồng trước mùa mưa bão.",
        "content": "Hệ thống kênh mương nội đồng trên địa bàn huyện bị bồi lắng, ảnh hưởng đến "
        "tiêu thoát nước vụ mùa. Huyện Vĩnh Tường đề xuất Ban chỉ đạo chỉ đạo Bộ CHQS tỉnh huy "
        "động lực lượng dân quân, Hội Nông dân tỉnh vận động hội viên tham gia ngày công, phối "
        "hợp với các xã nạo vét, khơi thông kênh mương trước ngày 30/4/2022.",
        "area": "nong-thon-moi",
        "units": ["Vĩnh Tường"],
        "files": [("Tờ trình nạo vét kênh mương năm 2022.pdf", "To trinh nao vet kenh muong 2022")],
        "created": "07/03/2022",
        "steps": [
            ("send", "08/03/2022"),
            ("register", "09/03/2022", "Hồ sơ đầy đủ."),
            (
                "forward",
                "10/03/2022",
                "Đề xuất phù hợp Chương trình phối hợp năm 2022. Đề nghị Trưởng ban giao Hội "
                "Nông dân tỉnh chủ trì vận động hội viên, Bộ CHQS tỉnh huy động dân quân phối hợp.",
            ),
            (
                "assign",
                "14/03/2022",
                "Đồng ý. Giao Hội Nông dân tỉnh chủ trì, Bộ CHQS tỉnh huy động lực lượng phối "
                "hợp; hoàn thành trước 30/4/2022, báo cáo kết quả về Thường trực Ban chỉ đạo.",
                [
                    {
                        "title": "Vận động hội viên nông dân tham gia nạo vét kênh mương nội đồng huyện Vĩnh Tường",
                        "lead": "HND",
                        "coordinators": ["CHQS", "Vĩnh Tường"],
                        "due": "30/04/2022",
                        "expected": "Nạo vét, khơi thông toàn bộ kênh mương nội đồng bị bồi lắng; báo cáo số mét kênh và ngày công.",
                    },
                    {
                        "title": "Huy động dân quân tham gia nạo vét kênh mương huyện Vĩnh Tường",
                        "lead": "CHQS",
                        "coordinators": ["Vĩnh Tường"],
                        "due": "30/04/2022",
                        "expected": "Báo cáo số lượt cán bộ, chiến sĩ và ngày công tham gia.",
                    },
                ],
            ),
            (
                "progress",
                0,
                "04/04/2022",
                "hoinongdan",
                60,
                "Đã nạo vét được khoảng 60% khối lượng.",
            ),
            (
                "report",
                0,
                "25/04/2022",
                "hoinongdan",
                "Hoàn thành nạo vét, khơi thông kênh mương nội đồng tại 6 xã, huy động 1.200 "
                "lượt hội viên tham gia.",
                "25/04/2022",
                ("Báo cáo kết quả nạo vét kênh mương.pdf", "Bao cao ket qua nao vet kenh muong"),
            ),
            ("confirm", 0, "27/04/2022", "Xác nhận hoàn thành đúng hạn."),
            (
                "report",
                1,
                "28/04/2022",
                "thuongtruc",
                "Huy động 350 lượt cán bộ, chiến sĩ dân quân tham gia nạo vét.",
                "28/04/2022",
                None,
            ),
            ("confirm", 1, "29/04/2022", ""),
            ("close", "05/05/2022", "Các nhiệm vụ đã hoàn thành."),
        ],
    },
    {
        "sender": "mttq",
        "kind": Proposal.PROPOSAL,
        "title": "Đề xuất phối hợp xây dựng nhà Đại đoàn kết cho hộ nghèo năm 2022",
        "summary": "Đề nghị Ban chỉ đạo chỉ đạo các thành viên phối hợp huy động nguồn lực, "
        "ngày công xây dựng nhà Đại đoàn kết cho hộ nghèo.",
        "content": "Năm 2022, Ủy ban MTTQ tỉnh phối hợp hỗ trợ xây mới, sửa chữa nhà Đại đoàn "
        "kết cho hộ nghèo. Đề nghị Bộ CHQS tỉnh, Hội Cựu chiến binh tỉnh, Tỉnh đoàn phối hợp "
        "huy động ngày công.",
        "area": "den-on-dap-nghia",
        "units": [],
        "created": "10/05/2022",
        "steps": [
            ("send", "11/05/2022"),
            ("register", "12/05/2022", ""),
            (
                "forward",
                "13/05/2022",
                "Đề nghị Trưởng ban giao Ủy ban MTTQ tỉnh chủ trì; Tỉnh đoàn huy động đoàn viên "
                "thanh niên tham gia ngày công.",
            ),
            (
                "assign",
                "17/05/2022",
                "Đồng ý. Giao Ủy ban MTTQ tỉnh chủ trì, các đơn vị phối hợp; hoàn thành trước "
                "31/8/2022.",
                [
                    {
                        "title": "Chủ trì hỗ trợ xây dựng nhà Đại đoàn kết cho hộ nghèo năm 2022",
                        "lead": "MTTQ",
                        "coordinators": ["CHQS", "CCB"],
                        "due": "31/08/2022",
                        "expected": "Bàn giao nhà Đại đoàn kết cho các hộ nghèo đã được xét duyệt.",
                    },
                    {
                        "title": "Huy động đoàn viên thanh niên tham gia ngày công xây nhà Đại đoàn kết",
                        "lead": "TD",
                        "coordinators": ["MTTQ"],
                        "due": "31/08/2022",
                        "expected": "Báo cáo số ngày công đoàn viên thanh niên tham gia.",
                    },
                ],
            ),
            (
                "report",
                1,
                "25/08/2022",
                "thuongtruc",
                "Tỉnh đoàn huy động 800 ngày công đoàn viên thanh niên.",
                "25/08/2022",
                None,
            ),
            ("confirm", 1, "26/08/2022", ""),
            (
                "report",
                0,
                "16/09/2022",
                "mttq",
                "Đã bàn giao nhà Đại đoàn kết cho các hộ nghèo; chậm so với kế hoạch do mưa "
                "kéo dài tháng 8.",
                "15/09/2022",
                ("Biên bản bàn giao nhà Đại đoàn kết.pdf", "Bien ban ban giao nha dai doan ket"),
            ),
            ("confirm", 0, "19/09/2022", "Hoàn thành, chậm 15 ngày so với thời hạn."),
        ],
    },
    {
        "sender": "hoinongdan",
        "kind": Proposal.PROPOSAL,
        "title": "Đề xuất phối hợp tuyên truyền, vận động nông dân tham gia xây dựng nông thôn mới kiểu mẫu",
        "summary": "Đề nghị phối hợp tổ chức tuyên truyền, vận động hội viên nông dân hiến đất, "
        "góp ngày công làm đường giao thông nông thôn.",
        "content": "Hội Nông dân tỉnh đề xuất phối hợp với Ủy ban MTTQ tỉnh và các huyện tổ "
        "chức các buổi tuyên truyền tại các xã phấn đấu đạt chuẩn nông thôn mới kiểu mẫu.",
        "area": "tuyen-truyen-van-dong",
        "units": [],
        "created": "04/07/2022",
        "steps": [
            ("send", "05/07/2022"),
            ("register", "06/07/2022", ""),
            ("forward", "07/07/2022", "Đề nghị Trưởng ban đồng ý, giao Hội Nông dân tỉnh chủ trì."),
            (
                "assign",
                "11/07/2022",
                "Đồng ý. Giao Hội Nông dân tỉnh chủ trì, Ủy ban MTTQ tỉnh phối hợp.",
                [
                    {
                        "title": "Tổ chức tuyên truyền, vận động nông dân tham gia xây dựng nông thôn mới kiểu mẫu",
                        "lead": "HND",
                        "coordinators": ["MTTQ"],
                        "due": "30/11/2022",
                        "expected": "Báo cáo số buổi tuyên truyền, số lượt người dự và kết quả vận động.",
                    }
                ],
            ),
            (
                "report",
                0,
                "28/11/2022",
                "hoinongdan",
                "Đã tổ chức các buổi tuyên truyền tại các xã.",
                "28/11/2022",
                None,
            ),
            (
                "return_result",
                0,
                "29/11/2022",
                "Đề nghị bổ sung số buổi tuyên truyền, số lượt người dự và kết quả vận động cụ thể.",
            ),
            (
                "report",
                0,
                "09/12/2022",
                "hoinongdan",
                "Tổ chức 45 buổi tuyên truyền với 3.600 lượt người dự; vận động hiến 12.000 m² đất "
                "làm đường giao thông nông thôn.",
                "09/12/2022",
                ("Báo cáo kết quả tuyên truyền nông thôn mới.pdf", "Bao cao tuyen truyen NTM 2022"),
            ),
            ("confirm", 0, "12/12/2022", "Hoàn thành sau thời hạn."),
        ],
    },
    {
        "sender": "vinhtuong",
        "kind": Proposal.PETITION,
        "title": "Kiến nghị hỗ trợ khắc phục hậu quả mưa lớn gây ngập úng tại huyện Vĩnh Tường",
        "summary": "Kiến nghị Ban chỉ đạo chỉ đạo lực lượng vũ trang, Hội Liên hiệp Phụ nữ tỉnh "
        "hỗ trợ nhân dân khắc phục hậu quả mưa lớn.",
        "content": "Mưa lớn kéo dài gây ngập úng cục bộ tại một số xã. Huyện kiến nghị Ban chỉ "
        "đạo chỉ đạo hỗ trợ lực lượng giúp dân tiêu úng, vệ sinh môi trường và thăm hỏi, tặng "
        "quà hộ bị thiệt hại.",
        "area": "thien-tai-dich-benh",
        "units": ["Vĩnh Tường"],
        "created": "20/09/2022",
        "steps": [
            ("send", "20/09/2022", "Khẩn."),
            ("register", "20/09/2022", "Văn bản khẩn, trình ngay."),
            (
                "forward",
                "21/09/2022",
                "Đề nghị giao Bộ CHQS tỉnh hỗ trợ lực lượng; Huyện và Hội LHPN tỉnh vận động.",
            ),
            (
                "assign",
                "21/09/2022",
                "Giao Bộ CHQS tỉnh chủ trì hỗ trợ lực lượng; Huyện Vĩnh Tường chủ trì, Hội LHPN "
                "tỉnh phối hợp vận động thăm hỏi, tặng quà hộ bị thiệt hại.",
                [
                    {
                        "title": "Hỗ trợ lực lượng giúp nhân dân huyện Vĩnh Tường tiêu úng, vệ sinh môi trường",
                        "lead": "CHQS",
                        "coordinators": ["Vĩnh Tường"],
                        "due": "31/10/2022",
                        "expected": "Báo cáo số lượt cán bộ, chiến sĩ tham gia.",
                    },
                    {
                        "title": "Vận động thăm hỏi, tặng quà hộ bị thiệt hại do mưa lớn tại huyện Vĩnh Tường",
                        "lead": "Vĩnh Tường",
                        "coordinators": ["HPN"],
                        "due": "30/11/2022",
                        "expected": "Báo cáo số suất quà và tổng giá trị (triệu đồng).",
                    },
                ],
            ),
            (
                "report",
                0,
                "10/10/2022",
                "thuongtruc",
                "Huy động 500 lượt cán bộ, chiến sĩ giúp dân tiêu úng, vệ sinh môi trường.",
                "10/10/2022",
                None,
            ),
            ("confirm", 0, "11/10/2022", ""),
            (
                "extension",
                1,
                "25/11/2022",
                "Nguồn vận động chưa đủ, đề nghị gia hạn đến 31/12/2022.",
                "31/12/2022",
            ),
            ("grant", 1, "28/11/2022", "Đồng ý gia hạn một lần."),
        ],
    },
    {
        "sender": "thuongtruc",
        "kind": Proposal.QUICK_REPORT,
        "title": "Báo cáo nhanh kết quả lực lượng vũ trang tỉnh tham gia phòng, chống dịch Covid-19 tháng 02/2022",
        "summary": "Báo cáo nhanh số lượt cán bộ, chiến sĩ tham gia phòng, chống dịch Covid-19.",
        "content": "Trong tháng 02/2022, LLVT tỉnh cử hàng nghìn lượt cán bộ, chiến sĩ tham gia "
        "phòng, chống dịch Covid-19 tại các khu cách ly và chốt kiểm soát.",
        "area": "thien-tai-dich-benh",
        "units": [],
        "created": "01/03/2022",
        "steps": [
            ("send", "01/03/2022"),
            ("register", "02/03/2022", ""),
            ("close", "02/03/2022", "Báo cáo để nắm tình hình; lưu hồ sơ."),
        ],
    },
    {
        "sender": "hoinongdan",
        "kind": Proposal.PROPOSAL,
        "title": "Đề xuất tổ chức Hội thi “Nhà nông đua tài” cấp tỉnh năm 2022",
        "summary": "Đề xuất Ban chỉ đạo phối hợp tổ chức Hội thi cấp tỉnh.",
        "content": "Hội Nông dân tỉnh đề xuất phối hợp tổ chức Hội thi nhằm tuyên truyền kiến "
        "thức khoa học kỹ thuật cho hội viên.",
        "area": "tuyen-truyen-van-dong",
        "units": [],
        "created": "15/08/2022",
        "steps": [
            ("send", "16/08/2022"),
            ("register", "17/08/2022", ""),
            ("forward", "18/08/2022", "Nội dung đã có trong kế hoạch của Hội; đề nghị cân nhắc."),
            (
                "decline",
                "22/08/2022",
                "Chưa đồng ý tổ chức riêng; đề nghị lồng ghép vào hoạt động của Hội theo kế hoạch năm.",
            ),
        ],
    },
    {
        "sender": "mttq",
        "kind": Proposal.PETITION,
        "title": "Kiến nghị phối hợp giám sát việc thực hiện quy chế dân chủ ở cơ sở năm 2022",
        "summary": "Kiến nghị Ban chỉ đạo chỉ đạo phối hợp giám sát tại một số xã.",
        "content": "Ủy ban MTTQ tỉnh kiến nghị phối hợp giám sát việc thực hiện quy chế dân chủ "
        "ở cơ sở.",
        "area": "giam-sat-phan-bien",
        "units": [],
        "created": "03/10/2022",
        "steps": [
            ("send", "04/10/2022"),
            (
                "return",
                "05/10/2022",
                "Đề nghị bổ sung danh sách xã dự kiến giám sát và thời gian cụ thể.",
            ),
        ],
    },
    {
        "sender": "vinhtuong",
        "kind": Proposal.PROPOSAL,
        "title": "Đề xuất xây dựng mô hình “Dân vận khéo” thu gom, phân loại rác thải tại khu dân cư",
        "summary": "Đề xuất Ban chỉ đạo hỗ trợ xây dựng, nhân rộng mô hình thu gom, phân loại "
        "rác thải tại nguồn.",
        "content": "Huyện Vĩnh Tường đề xuất xây dựng mô hình điểm tại thị trấn Vĩnh Tường, "
        "giao Hội LHPN và Tỉnh đoàn phối hợp.",
        "area": "dan-van-kheo",
        "units": ["Vĩnh Tường"],
        "created": "01/11/2022",
        "steps": [
            ("send", "02/11/2022"),
            ("register", "03/11/2022", ""),
            (
                "forward",
                "07/11/2022",
                "Đề nghị Trưởng ban đồng ý chủ trương, giao Hội LHPN tỉnh chủ trì mô hình điểm.",
            ),
        ],
    },
    {
        "sender": "hoinongdan",
        "kind": Proposal.PROPOSAL,
        "title": "Đề xuất phối hợp tập huấn chuyển giao khoa học kỹ thuật cho hội viên nông dân",
        "summary": "Đề xuất phối hợp tổ chức lớp tập huấn cho hội viên nông dân các huyện.",
        "content": "Hội Nông dân tỉnh đề xuất phối hợp tổ chức các lớp tập huấn chuyển giao "
        "khoa học kỹ thuật trong vụ Đông.",
        "area": "nong-thon-moi",
        "units": [],
        "created": "12/12/2022",
        "steps": [("send", "13/12/2022"), ("register", "14/12/2022", "")],
    },
    {
        "sender": "mttq",
        "kind": Proposal.PETITION,
        "title": "Kiến nghị phối hợp vận động ủng hộ Quỹ “Vì người nghèo” dịp Tết Quý Mão 2023",
        "summary": "Kiến nghị các thành viên Ban chỉ đạo vận động cán bộ, hội viên ủng hộ Quỹ.",
        "content": "Ủy ban MTTQ tỉnh kiến nghị phối hợp vận động ủng hộ Quỹ “Vì người nghèo” "
        "để thăm hỏi, tặng quà hộ nghèo dịp Tết.",
        "area": "den-on-dap-nghia",
        "units": [],
        "created": "19/12/2022",
        "steps": [("send", "20/12/2022")],
    },
    {
        "sender": "vinhtuong",
        "kind": Proposal.PROPOSAL,
        "title": "Đề xuất phối hợp ra quân làm đường giao thông nông thôn đầu năm 2023",
        "summary": "Dự thảo đề xuất phối hợp huy động lực lượng làm đường giao thông nông thôn.",
        "content": "",
        "area": "nong-thon-moi",
        "units": ["Vĩnh Tường"],
        "created": "28/12/2022",
        "steps": [],
    },
]


# The hour of each kind of step, so steps of one day follow each other in a sensible order.
HOURS = {
    "send": 9,
    "register": 14,
    "return": 15,
    "forward": 10,
    "close": 16,
    "decline": 15,
    "assign": 15,
    "progress": 10,
    "report": 10,
    "confirm": 15,
    "return_result": 15,
    "extension": 10,
    "grant": 15,
}


def _org(key: str):
    return demo_org(key)


def _units(names):
    units = []
    for name in names:
        unit = AdminUnit.objects.filter(
            structure=AdminUnit.LEGACY, level=AdminUnit.DISTRICT, short_name=name
        ).first()
        if unit:
            units.append(unit)
    return units


def _play(scenario: dict) -> int:
    user = User.objects.get(username=scenario["sender"])
    office = User.objects.get(username="thuongtruc")
    head = User.objects.get(username="truongban")
    created = 1
    with dated(at(scenario["created"], 8)):
        proposal = services.create_proposal(
            acting_user=user,
            kind=scenario["kind"],
            title=scenario["title"],
            summary=scenario["summary"],
            content=scenario["content"],
            area=ContentArea.objects.filter(code=scenario["area"]).first(),
            units=_units(scenario["units"]),
            files=[pdf(name, title) for name, title in scenario.get("files", [])],
        )
    Proposal.objects.filter(pk=proposal.pk).update(created_at=at(scenario["created"], 8))
    tasks: list[Task] = []
    for step in scenario["steps"]:
        action = step[0]
        hour = HOURS[action]
        if action in ("send", "register", "return", "forward", "close", "decline", "assign"):
            when = at(step[1], hour)
        else:
            when = at(step[2], hour)
        with dated(when):
            proposal.refresh_from_db()
            if action == "send":
                services.send_proposal(
                    proposal, acting_user=user, at=when, note=step[2] if len(step) > 2 else ""
                )
            elif action == "register":
                services.register_proposal(
                    proposal, acting_user=office, received_on=when.date(), note=step[2]
                )
            elif action == "return":
                services.return_proposal(proposal, acting_user=office, note=step[2])
            elif action == "forward":
                services.forward_proposal(proposal, acting_user=office, advice=step[2], at=when)
            elif action == "close":
                services.close_proposal(proposal, acting_user=office, note=step[2])
            elif action == "decline":
                services.decline_proposal(proposal, acting_user=head, text=step[2], at=when)
                created += 1
            elif action == "assign":
                direction = services.assign_tasks(
                    proposal,
                    acting_user=head,
                    text=step[2],
                    at=when,
                    assignments=[
                        {
                            "title": item["title"],
                            "lead": _org(item["lead"]),
                            "coordinators": [_org(k) for k in item["coordinators"]],
                            "due_date": on(item["due"]),
                            "expected_result": item["expected"],
                        }
                        for item in step[3]
                    ],
                )
                new = list(proposal.tasks().filter(source_id=direction.pk).order_by("pk"))
                tasks.extend(new)
                created += 1 + len(new)
            elif action == "progress":
                _index, _day, who, percent, text = step[1:]
                task_services.record_progress(
                    tasks[_index],
                    acting_user=User.objects.get(username=who),
                    on=when.date(),
                    percent=percent,
                    text=text,
                )
            elif action == "report":
                index, _day, who, text, done_on, evidence = step[1:]
                task_services.report_result(
                    Task.objects.get(pk=tasks[index].pk),
                    acting_user=User.objects.get(username=who),
                    text=text,
                    on=on(done_on),
                    files=[pdf(*evidence)] if evidence else [],
                )
            elif action == "confirm":
                index, _day, note = step[1:]
                task_services.confirm_result(
                    Task.objects.get(pk=tasks[index].pk), acting_user=office, note=note
                )
                Task.objects.filter(pk=tasks[index].pk).update(confirmed_at=when)
            elif action == "return_result":
                index, _day, note = step[1:]
                task_services.return_result(
                    Task.objects.get(pk=tasks[index].pk), acting_user=office, note=note
                )
            elif action == "extension":
                index, _day, reason, new_due = step[1:]
                lead_user = User.objects.filter(organization=tasks[index].lead).first() or office
                if lead_user == office:
                    # No demo account for this organisation: the request is on paper, and the
                    # standing office records it; the tasks app lets only the lead request.
                    continue
                task_services.request_extension(
                    Task.objects.get(pk=tasks[index].pk),
                    acting_user=lead_user,
                    new_due_date=on(new_due),
                    reason=reason,
                )
            elif action == "grant":
                index, _day, note = step[1:]
                pending = TaskExtension.objects.filter(
                    task_id=tasks[index].pk, state=TaskExtension.REQUESTED
                ).first()
                if pending:
                    task_services.decide_extension(pending, acting_user=head, grant=True, note=note)
                    TaskExtension.objects.filter(pk=pending.pk).update(decided_at=when)
    return created


def load() -> int:
    created = 0
    with services.without_email():
        # In the order they were written, so the registers' numbers follow the calendar.
        for scenario in sorted(SCENARIOS, key=lambda s: on(s["created"])):
            sender = User.objects.get(username=scenario["sender"])
            if Proposal.objects.filter(
                organization=sender.organization, title=scenario["title"]
            ).exists():
                continue
            with transaction.atomic():
                created += _play(scenario)
    return created
