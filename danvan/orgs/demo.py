"""The committee of Vĩnh Phúc in 2022 and its members, as the review conference report names them."""

from datetime import date

from danvan.geo.models import AdminUnit
from danvan.orgs.models import Committee, Organization, OrganizationName, Position, Term

ORDER = 20

# (key, name, short name, document symbol, kind)
PROVINCIAL = [
    (
        "BDV",
        "Ban Dân vận Tỉnh ủy Vĩnh Phúc",
        "Ban Dân vận Tỉnh ủy",
        "BDVTU",
        Organization.PARTY_BOARD,
    ),
    ("CHQS", "Bộ Chỉ huy Quân sự tỉnh Vĩnh Phúc", "Bộ CHQS tỉnh", "BCH", Organization.MILITARY),
    (
        "MTTQ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Vĩnh Phúc",
        "Ủy ban MTTQ tỉnh",
        "MTTQ",
        Organization.FRONT,
    ),
    (
        "HND",
        "Hội Nông dân tỉnh Vĩnh Phúc",
        "Hội Nông dân tỉnh",
        "HNDT",
        Organization.SOCIO_POLITICAL,
    ),
    (
        "HPN",
        "Hội Liên hiệp Phụ nữ tỉnh Vĩnh Phúc",
        "Hội LHPN tỉnh",
        "HPNT",
        Organization.SOCIO_POLITICAL,
    ),
    ("TD", "Tỉnh đoàn Vĩnh Phúc", "Tỉnh đoàn", "TĐTN", Organization.SOCIO_POLITICAL),
    (
        "CCB",
        "Hội Cựu chiến binh tỉnh Vĩnh Phúc",
        "Hội CCB tỉnh",
        "HCCB",
        Organization.SOCIO_POLITICAL,
    ),
    (
        "LDLD",
        "Liên đoàn Lao động tỉnh Vĩnh Phúc",
        "LĐLĐ tỉnh",
        "LĐLĐ",
        Organization.SOCIO_POLITICAL,
    ),
]
PROVINCE_CODE = "26"  # Vĩnh Phúc in the legacy structure
MERGED_BOARD_NAME = "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Phúc"
BOARD_MERGER = date(2025, 3, 1)
PROVINCE_END = date(2025, 6, 30)

COMMITTEE_NAME = "Ban chỉ đạo điều hành phối hợp hoạt động công tác dân vận tỉnh Vĩnh Phúc"


def demo_org(key: str) -> Organization:
    """A demo organisation by its key above, or by a district's short name ("Vĩnh Tường")."""
    for k, _name, _short, symbol, kind in PROVINCIAL:
        if k == key:
            return Organization.objects.get(symbol=symbol, kind=kind)
    return Organization.objects.get(
        kind=Organization.DISTRICT, unit__short_name=key, unit__structure=AdminUnit.LEGACY
    )


def _get_or_create(created: list, model, lookup: dict, defaults: dict):
    obj, made = model.objects.get_or_create(**lookup, defaults=defaults)
    created.append(made)
    return obj


def load() -> int:
    created: list[bool] = []
    province = AdminUnit.objects.get(structure=AdminUnit.LEGACY, code=PROVINCE_CODE)
    orgs = {}
    for key, name, short, symbol, kind in PROVINCIAL:
        # By symbol, not name: the Party board's name changes below.
        orgs[key] = _get_or_create(
            created,
            Organization,
            {"symbol": symbol, "kind": kind},
            {
                "name": name,
                "short_name": short,
                "unit": province,
                "valid_to": PROVINCE_END,
            },
        )

    # 2025: the Party's Propaganda and Mass Mobilization boards were merged (one board, new name).
    board = orgs["BDV"]
    if not board.names.exists():
        OrganizationName.objects.create(
            organization=board, name=board.name, valid_to=date(2025, 2, 28)
        )
        OrganizationName.objects.create(
            organization=board,
            name=MERGED_BOARD_NAME,
            valid_from=BOARD_MERGER,
            note="Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy",
        )
        board.former_names = board.name
        board.name = MERGED_BOARD_NAME
        board.short_name = "Ban Tuyên giáo và Dân vận Tỉnh ủy"
        board.save()
        created.append(True)

    _get_or_create(
        created,
        Organization,
        {"name": "Quân khu 2 (Cục Chính trị, Phòng Dân vận)"},
        {
            "short_name": "Quân khu 2",
            "symbol": "QK2",
            "kind": Organization.OTHER,
        },
    )

    for district in AdminUnit.objects.filter(parent=province, level=AdminUnit.DISTRICT):
        symbol = "TU" if district.kind == "Thành phố" else "HU"
        _get_or_create(
            created,
            Organization,
            {"name": district.name, "kind": Organization.DISTRICT},
            {
                "short_name": district.name,
                "symbol": symbol,
                "unit": district,
                "valid_to": PROVINCE_END,
            },
        )

    committee = _get_or_create(
        created,
        Committee,
        {"name": COMMITTEE_NAME},
        {
            "short_name": "BCĐ công tác dân vận tỉnh",
            "symbol": "BCĐ",
            "unit": province,
            "host": orgs["BDV"],
            "standing_office": orgs["CHQS"],
            "parent_body": "TỈNH ỦY VĨNH PHÚC",
            "place_name": "Vĩnh Yên",
        },
    )
    term = _get_or_create(
        created,
        Term,
        {"committee": committee, "name": "Nhiệm kỳ 2020 - 2025"},
        {
            "start": date(2020, 10, 1),
            "end": PROVINCE_END,
        },
    )
    seats = [
        (
            Position.HEAD,
            "Nguyễn Thanh Tùng",
            "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy",
            "BDV",
            1,
        ),
        (
            Position.STANDING,
            "Hoàng Nam Chung",
            "Đại tá, Phó Bí thư Thường trực Đảng ủy Quân sự tỉnh, Chính ủy Bộ CHQS tỉnh",
            "CHQS",
            2,
        ),
    ]
    for role, person, title, key, order in seats:
        _get_or_create(
            created,
            Position,
            {"term": term, "person_name": person},
            {
                "role": role,
                "title": title,
                "organization": orgs[key],
                "order": order,
            },
        )
    for order, key in enumerate(["MTTQ", "HND", "HPN", "TD", "CCB", "LDLD"], start=10):
        org = orgs[key]
        _get_or_create(
            created,
            Position,
            {"term": term, "organization": org, "role": Position.MEMBER},
            {
                "person_name": f"Đại diện lãnh đạo {org.short_name}",
                "title": "Ủy viên Ban chỉ đạo",
                "order": order,
            },
        )
    return sum(created)
