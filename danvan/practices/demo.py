"""Three dozen “Dân vận khéo” entries across the 9 districts and cities in 2022 (the seed says
the Front and the socio-political organisations carried the movement out widely; it gives no
count). Names are of generic models and of roles, never of real people.

The statistics tests count this table by hand: keep them in step when changing it.
"""

from datetime import date
from decimal import Decimal

from danvan.accounts.models import User
from danvan.areas.models import ContentArea
from danvan.core.audit import as_actor
from danvan.geo.models import AdminUnit
from danvan.orgs.demo import demo_org
from danvan.practices.models import Practice

ORDER = 61

M, P, C = Practice.MODEL, Practice.PERSON, Practice.COLLECTIVE
X, H, T, TW = Practice.COMMUNE, Practice.DISTRICT, Practice.PROVINCE, Practice.CENTRAL
NTM, QP, TT = "nong-thon-moi", "quoc-phong-an-ninh", "tuyen-truyen-van-dong"
TAI, DO, DC = "thien-tai-dich-benh", "den-on-dap-nghia", "dan-chu-co-so"
OWN = "own district"

# (district, commune, kind, name, field, lead, level, year, million đồng, ngày công,
#  replicated in [(district, commune)])
# fmt: off
ENTRIES = [
    ("Vĩnh Yên", "Định Trung", M, "Mô hình “Tổ dân phố văn minh, sạch đẹp”",
     NTM, "MTTQ", H, 2022, 120, 600, []),
    ("Vĩnh Yên", "Khai Quang", M,
     "Mô hình “Công nhân lao động với an ninh trật tự khu công nghiệp”",
     QP, "LDLD", T, 2022, 80, 300, [("Bình Xuyên", "Tam Hợp")]),
    ("Vĩnh Yên", "Thanh Trù", M,
     "Mô hình “Phụ nữ thu gom phế liệu gây quỹ giúp hội viên nghèo”",
     NTM, "HPN", H, 2022, 45, 220, []),
    ("Vĩnh Yên", "Tích Sơn", C, "Chi hội Cựu chiến binh tổ dân phố tiêu biểu trong phong trào "
     "“Đền ơn đáp nghĩa”", DO, "CCB", T, 2022, 30, 150, []),
    ("Phúc Yên", "Ngọc Thanh", M,
     "Mô hình “Vận động đồng bào dân tộc Sán Dìu giữ gìn bản sắc văn hóa”",
     TT, "MTTQ", T, 2022, 60, 400, [("Tam Đảo", "Đạo Trù")]),
    ("Phúc Yên", "Cao Minh", M, "Mô hình “Dòng kênh xanh”", NTM, "TD", H, 2022, 25, 500, []),
    ("Phúc Yên", "Xuân Hòa", M, "Mô hình “Tổ tự quản an ninh trật tự khu phố”",
     QP, OWN, H, 2021, 15, 200, []),
    ("Phúc Yên", "Hùng Vương", P,
     "Tổ trưởng tổ dân phố vận động nhân dân hiến đất mở rộng ngõ xóm",
     NTM, OWN, X, 2022, None, 40, []),
    ("Lập Thạch", "Văn Quán", M, "Mô hình “Con đường hoa nông thôn mới”",
     NTM, "HPN", H, 2022, 90, 800, [("Lập Thạch", "Tử Du"), ("Lập Thạch", "Xuân Lôi")]),
    ("Lập Thạch", "Tây Sơn", M, "Mô hình “Chi hội nông dân nghề nghiệp trồng rau an toàn”",
     NTM, "HND", T, 2022, 150, 350, []),
    ("Lập Thạch", "Bắc Bình", M, "Mô hình “Dân quân tham gia phòng, chống thiên tai”",
     TAI, "CHQS", H, 2022, 40, 900, []),
    ("Lập Thạch", "Liên Hòa", M, "Mô hình “Khu dân cư đoàn kết các tôn giáo”",
     TT, "MTTQ", "", None, 10, 100, []),
    ("Tam Dương", "Hoàng Hoa", M, "Mô hình “Thắp sáng đường quê”",
     NTM, "TD", H, 2022, 70, 450, [("Tam Dương", "Đạo Tú")]),
    ("Tam Dương", "Hướng Đạo", M, "Mô hình “Hội viên nông dân giúp nhau phát triển kinh tế”",
     NTM, "HND", T, 2021, 200, 300, []),
    ("Tam Dương", "Kim Long", C, "Chi hội phụ nữ tiêu biểu trong tuyên truyền, vận động hội viên",
     TT, "HPN", H, 2022, 20, 120, []),
    ("Tam Dương", "Đồng Tĩnh", M, "Mô hình “Cựu chiến binh tham gia hòa giải ở cơ sở”",
     DC, "CCB", X, 2022, 5, 60, []),
    ("Tam Đảo", "Đại Đình", M, "Mô hình “Dân vận khéo trong phát triển du lịch cộng đồng”",
     TT, OWN, T, 2022, 300, 1000, [("Tam Đảo", "Hồ Sơn"), ("Tam Đảo", "Tam Quan")]),
    ("Tam Đảo", "Minh Quang", M, "Mô hình “Bộ đội giúp dân phòng, chống cháy rừng”",
     TAI, "CHQS", T, 2022, 55, 1200, []),
    ("Tam Đảo", "Đạo Trù", P, "Người có uy tín trong đồng bào dân tộc thiểu số vận động con em "
     "chấp hành pháp luật", TT, "MTTQ", H, 2022, None, 30, []),
    ("Tam Đảo", "Bồ Lý", M, "Mô hình “Thanh niên tình nguyện giúp đồng bào dân tộc”",
     TT, "TD", X, 2022, 12, 180, []),
    ("Bình Xuyên", "Hương Canh", M, "Mô hình “Nhà trọ an toàn, văn minh”",
     QP, "LDLD", T, 2022, 35, 160, [("Bình Xuyên", "Tam Hợp")]),
    ("Bình Xuyên", "Tam Hợp", M, "Mô hình “Công đoàn đồng hành cùng doanh nghiệp”",
     TT, "LDLD", H, 2022, 100, 200, []),
    ("Bình Xuyên", "Thiện Kế", M, "Mô hình “Phụ nữ giúp nhau thoát nghèo”",
     NTM, "HPN", H, 2021, 250, 150, []),
    ("Bình Xuyên", "Sơn Lôi", C, "Chi đoàn thanh niên thôn tiêu biểu chăm sóc gia đình chính sách",
     DO, "TD", X, 2022, 18, 260, []),
    ("Yên Lạc", "Đồng Văn", M, "Mô hình “Con đường tự quản”",
     NTM, "MTTQ", T, 2022, 160, 1100,
     [("Yên Lạc", "Trung Kiên"), ("Yên Lạc", "Tề Lỗ"), ("Yên Lạc", "Nguyệt Đức")]),
    ("Yên Lạc", "Nguyệt Đức", M, "Mô hình “Nông dân thu gom vỏ bao bì thuốc bảo vệ thực vật”",
     NTM, "HND", H, 2022, 30, 250, []),
    ("Yên Lạc", "Tam Hồng", M, "Mô hình “Dân vận khéo trong giải phóng mặt bằng”",
     DC, OWN, TW, 2022, 50, 300, []),
    ("Yên Lạc", "Liên Châu", P, "Hội viên cựu chiến binh hiến đất xây dựng nhà văn hóa thôn",
     NTM, "CCB", H, 2022, 400, None, []),
    ("Vĩnh Tường", "Kim Xá", M, "Mô hình “Nông dân chung sức xây dựng nông thôn mới kiểu mẫu”",
     NTM, "HND", T, 2022, 180, 900, [("Vĩnh Tường", "Yên Bình")]),
    ("Vĩnh Tường", "Thổ Tang", M, "Mô hình “Tiểu thương với an ninh trật tự chợ”",
     QP, OWN, H, 2022, 20, 100, []),
    ("Vĩnh Tường", "Tân Phú", M, "Mô hình “Mẹ đỡ đầu trẻ mồ côi”",
     DO, "HPN", H, 2022, 75, 80, []),
    ("Vĩnh Tường", "Lũng Hòa", C, "Ban công tác Mặt trận thôn tiêu biểu thực hiện dân chủ ở cơ sở",
     DC, "MTTQ", X, 2022, 8, 60, []),
    ("Sông Lô", "Tam Sơn", M, "Mô hình “Thu gom, phân loại rác thải tại nguồn”",
     NTM, "MTTQ", H, 2022, 65, 700, [("Sông Lô", "Đồng Thịnh")]),
    ("Sông Lô", "Đức Bác", M, "Mô hình “Phòng, chống thiên tai, cứu hộ, cứu nạn ven sông”",
     TAI, "CHQS", T, 2022, 90, 1500, []),
    ("Sông Lô", "Hải Lựu", M, "Mô hình “Tuổi trẻ chung tay xây dựng nông thôn mới”",
     NTM, "TD", X, 2022, 22, 640, []),
    ("Sông Lô", "Nhân Đạo", P, "Hội viên cựu chiến binh làm kinh tế giỏi giúp đỡ hội viên khó khăn",
     NTM, "CCB", X, 2021, 60, None, []),
]
# fmt: on


def _commune(district: str, commune: str) -> AdminUnit:
    return AdminUnit.objects.get(
        structure=AdminUnit.LEGACY,
        level=AdminUnit.COMMUNE,
        short_name=commune,
        parent__short_name=district,
    )


def _decimal(value):
    return None if value is None else Decimal(value)


def load() -> int:
    if Practice.objects.exists():
        return 0
    standing = User.objects.get(username="thuongtruc")
    areas = {area.code: area for area in ContentArea.objects.all()}
    created = 0
    with as_actor(standing):
        for index, row in enumerate(ENTRIES):
            district, commune, kind, name, area, lead, level, year, funds, days, spread = row
            practice = Practice.objects.create(
                kind=kind,
                name=name,
                area=areas[area],
                commune=_commune(district, commune),
                organization=demo_org(district if lead == OWN else lead),
                goals="Phát huy vai trò của nhân dân, góp phần thực hiện nhiệm vụ chính trị "
                "của địa phương.",
                method="Cấp ủy lãnh đạo, chính quyền quản lý, Mặt trận và các đoàn thể vận "
                "động; nhân dân bàn bạc, thống nhất và cùng thực hiện.",
                results="Được nhân dân đồng tình, hưởng ứng; hoàn thành các chỉ tiêu đề ra.",
                funds=_decimal(funds),
                workdays=_decimal(days),
                # Started early in the year it was recognised (the movement runs by year).
                started_on=date(year or 2022, index % 9 + 1, 1),
                recognition_level=level,
                recognition_year=year,
                is_replicated=bool(spread),
                created_by=standing,
            )
            if kind == M and lead not in (OWN, "CHQS", "MTTQ"):
                practice.coordinators.set([demo_org("MTTQ")])
            if spread:
                practice.replicated_in.set([_commune(d, c) for d, c in spread])
            created += 1
    return created
