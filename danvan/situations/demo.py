"""Situations of 2022 that the committee's members helped local authorities handle (the seed:
“tham mưu với cấp ủy, chính quyền địa phương xử trí tốt các tình huống”). Generic, invented
matters; two are confidential and involve neither Hội Nông dân nor Huyện Vĩnh Tường, so the
demo's `hoinongdan` and `vinhtuong` do not see them."""

from datetime import date

from danvan.accounts.models import User
from danvan.core.audit import as_actor
from danvan.geo.models import AdminUnit
from danvan.orgs.demo import demo_org
from danvan.situations import services
from danvan.situations.models import Situation

ORDER = 62

S = Situation
# (title, kind, district, commune or None, arose on, severity, reporter, involved, confidential,
#  [(date, action, result)], resolved on and resolution or None)
SITUATIONS = [
    (
        "Tranh chấp ranh giới đất ở giữa các hộ dân",
        S.LAND,
        "Yên Lạc",
        "Trung Kiên",
        date(2022, 3, 8),
        S.COMPLEX,
        "MTTQ",
        ["Yên Lạc", "CCB"],
        False,
        [
            (
                date(2022, 3, 10),
                "Ban công tác Mặt trận thôn gặp gỡ, nắm tâm tư các hộ.",
                "Các hộ đồng ý để tổ hòa giải làm việc.",
            ),
            (
                date(2022, 3, 24),
                "Tổ hòa giải (có cựu chiến binh) phối hợp địa chính xã đo đạc lại.",
                "Xác định ranh giới theo bản đồ địa chính.",
            ),
        ],
        (date(2022, 4, 5), "Các hộ thống nhất ranh giới, ký biên bản hòa giải thành."),
    ),
    (
        "Nhiều hộ dân kiến nghị về mùi từ khu xử lý rác thải",
        S.COMPLAINT,
        "Bình Xuyên",
        "Thiện Kế",
        date(2022, 6, 14),
        S.COMPLEX,
        "MTTQ",
        ["Bình Xuyên", "HND"],
        False,
        [
            (
                date(2022, 6, 16),
                "Mặt trận xã tổ chức đối thoại giữa nhân dân và đơn vị vận hành.",
                "Đơn vị vận hành cam kết phun chế phẩm khử mùi, che phủ bãi.",
            ),
        ],
        None,
    ),
    (
        "Công nhân một doanh nghiệp ngừng việc tập thể do chậm trả lương",
        S.SECURITY,
        "Phúc Yên",
        "Phúc Thắng",
        date(2022, 8, 2),
        S.COMPLEX,
        "LDLD",
        ["Phúc Yên", "MTTQ"],
        False,
        [
            (
                date(2022, 8, 2),
                "Công đoàn khu công nghiệp đối thoại với chủ doanh nghiệp.",
                "Doanh nghiệp cam kết trả đủ lương trong 10 ngày.",
            ),
            (date(2022, 8, 12), "Kiểm tra việc chi trả lương.", "Đã trả đủ; công nhân đi làm lại."),
        ],
        (date(2022, 8, 12), "Doanh nghiệp trả đủ lương; công nhân trở lại làm việc."),
    ),
    (
        "Mưa lớn gây ngập úng diện rộng vùng trũng",
        S.DISASTER,
        "Vĩnh Tường",
        "Vĩnh Thịnh",
        date(2022, 9, 26),
        S.VERY_COMPLEX,
        "CHQS",
        ["Vĩnh Tường", "TD", "HPN"],
        False,
        [
            (
                date(2022, 9, 26),
                "Huy động 300 lượt cán bộ, chiến sĩ, đoàn viên giúp dân chống úng, di dời tài sản.",
                "Không có thiệt hại về người.",
            ),
            (
                date(2022, 10, 3),
                "Hội Phụ nữ vận động ủng hộ các hộ bị thiệt hại.",
                "Trao 120 suất quà.",
            ),
        ],
        (date(2022, 10, 10), "Nước rút; các hộ ổn định sinh hoạt."),
    ),
    (
        "Kiến nghị về giá bồi thường giải phóng mặt bằng dự án đường giao thông",
        S.LAND,
        "Vĩnh Yên",
        "Thanh Trù",
        date(2022, 10, 18),
        S.COMPLEX,
        "Vĩnh Yên",
        ["MTTQ"],
        False,
        [
            (
                date(2022, 10, 25),
                "Tổ công tác dân vận tuyên truyền chính sách bồi thường.",
                "Đa số hộ đồng thuận; 3 hộ còn kiến nghị.",
            ),
        ],
        None,
    ),
    (
        "Điểm nhóm tôn giáo sinh hoạt chưa được công nhận",
        S.FAITH,
        "Lập Thạch",
        "Văn Quán",
        date(2022, 5, 20),
        S.COMPLEX,
        "BDV",
        ["Lập Thạch", "MTTQ"],
        True,
        [
            (
                date(2022, 5, 25),
                "Nắm tình hình, vận động người đứng đầu nhóm thực hiện đúng quy "
                "định về đăng ký sinh hoạt tôn giáo tập trung.",
                "Nhóm làm thủ tục đăng ký.",
            ),
        ],
        (date(2022, 7, 1), "Nhóm đã đăng ký sinh hoạt tôn giáo tập trung theo quy định."),
    ),
    (
        "Tranh chấp đất rừng có yếu tố dân tộc thiểu số",
        S.FAITH,
        "Tam Đảo",
        "Đạo Trù",
        date(2022, 11, 9),
        S.VERY_COMPLEX,
        "MTTQ",
        ["Tam Đảo", "CHQS"],
        True,
        [
            (
                date(2022, 11, 12),
                "Người có uy tín trong đồng bào cùng Mặt trận xã gặp gỡ các bên.",
                "Các bên tạm dừng canh tác trên diện tích tranh chấp.",
            ),
        ],
        None,
    ),
    (
        "Lo ngại của người dân về khu cách ly y tế tập trung",
        S.OTHER,
        "Tam Dương",
        "Hợp Hòa",
        date(2022, 1, 11),
        S.NORMAL,
        "CHQS",
        ["Tam Dương", "TD"],
        False,
        [
            (
                date(2022, 1, 12),
                "Tuyên truyền về biện pháp bảo đảm an toàn của khu cách ly.",
                "Người dân yên tâm.",
            ),
        ],
        (date(2022, 1, 20), "Tình hình ổn định."),
    ),
]


def _unit(district: str, commune: str | None) -> AdminUnit:
    district_unit = AdminUnit.objects.get(
        structure=AdminUnit.LEGACY, level=AdminUnit.DISTRICT, short_name=district
    )
    if commune is None:
        return district_unit
    return AdminUnit.objects.get(parent=district_unit, short_name=commune)


def load() -> int:
    if Situation.objects.exists():
        return 0
    standing = User.objects.get(username="thuongtruc")
    created = 0
    for row in SITUATIONS:
        title, kind, district, commune, day, severity, reporter, involved, secret, log, end = row
        with as_actor(standing):
            situation = Situation.objects.create(
                title=title,
                kind=kind,
                unit=_unit(district, commune),
                occurred_on=day,
                severity=severity,
                description=title + ".",
                organization=demo_org(reporter),
                is_confidential=secret,
                created_by=standing,
            )
            situation.involved.set([demo_org(key) for key in involved])
        created += 1
        for on, action, result in log:
            services.log_action(
                situation,
                acting_user=standing,
                on=on,
                action=action,
                result=result,
                organization=situation.organization,
            )
            created += 1
        if end is not None:
            on, resolution = end
            services.resolve_situation(
                Situation.objects.get(pk=situation.pk),
                acting_user=standing,
                note=resolution,
                on=on,
            )
    return created
