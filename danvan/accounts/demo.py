from danvan.accounts.models import Role, User
from danvan.core.demo import DEMO_PASSWORD
from danvan.orgs.demo import demo_org

ORDER = 30

# (user name, full name, what the command prints, role, organisation key or None, job title)
DEMO_USERS = [
    (
        "quantri",
        "Quản trị hệ thống",
        "quản trị hệ thống",
        Role.ADMIN,
        None,
        "Cán bộ công nghệ thông tin",
    ),
    (
        "truongban",
        "Nguyễn Thanh Tùng",
        "Trưởng Ban chỉ đạo (Ban Dân vận Tỉnh ủy)",
        Role.LEADER,
        "BDV",
        "Trưởng Ban chỉ đạo",
    ),
    (
        "thuongtruc",
        "Lê Minh Đức",
        "cán bộ Thường trực Ban chỉ đạo (Bộ CHQS tỉnh)",
        Role.STANDING,
        "CHQS",
        "Trợ lý Dân vận, Phòng Chính trị",
    ),
    (
        "mttq",
        "Phạm Thị Hồng",
        "cán bộ đầu mối Ủy ban MTTQ tỉnh",
        Role.FOCAL,
        "MTTQ",
        "Chuyên viên Ban Phong trào",
    ),
    (
        "hoinongdan",
        "Trần Văn Bình",
        "cán bộ đầu mối Hội Nông dân tỉnh",
        Role.FOCAL,
        "HND",
        "Chuyên viên Văn phòng",
    ),
    (
        "vinhtuong",
        "Đỗ Thị Ánh",
        "cán bộ đầu mối Huyện Vĩnh Tường",
        Role.FOCAL,
        "Vĩnh Tường",
        "Chuyên viên Ban Dân vận Huyện ủy",
    ),
    ("xem", "Người xem", "chỉ xem", Role.VIEWER, None, ""),
]


def load() -> int:
    created = 0
    for username, full_name, _description, role, org_key, title in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            full_name=full_name,
            role=role,
            title=title,
            organization=demo_org(org_key) if org_key else None,
            email=f"{username}@danvan.invalid",
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        created += 1
    return created
