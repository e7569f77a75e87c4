"""Shared test personas and helpers. Every app's tests use the same small world:

the province of Vĩnh Phúc with two districts and three communes (real codes), the committee,
its member organisations and the seven demo personas of UI.md, by their user names:
quantri (administrator), truongban (head), thuongtruc (standing office, Bộ CHQS tỉnh),
mttq and hoinongdan (focal officers of two members), vinhtuong (a district's focal officer)
and xem (read-only viewer).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.test import Client

from danvan.accounts.models import Role, User
from danvan.areas.models import ContentArea
from danvan.geo.models import AdminUnit, UnitSuccession
from danvan.orgs.models import Committee, Organization, Position, Term

PERSONAS = ["quantri", "truongban", "thuongtruc", "mttq", "hoinongdan", "vinhtuong", "xem"]
ANONYMOUS = "anonymous"


@dataclass
class World:
    province: AdminUnit
    vinh_tuong: AdminUnit
    vinh_yen: AdminUnit
    tt_vinh_tuong: AdminUnit
    kim_xa: AdminUnit
    tich_son: AdminUnit
    new_province: AdminUnit
    new_vinh_tuong: AdminUnit
    bdv: Organization
    chqs: Organization
    mttq: Organization
    hnd: Organization
    tinh_doan: Organization
    org_vinh_tuong: Organization
    org_vinh_yen: Organization
    committee: Committee
    term: Term
    areas: dict[str, ContentArea]
    users: dict[str, User] = field(default_factory=dict)

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)

    def client(self, username: str | None) -> Client:
        client = Client()
        if username and username != ANONYMOUS:
            client.force_login(self.users[username])
        return client


def _unit(structure, level, code, name, short, kind, parent=None, lat=None, lon=None) -> AdminUnit:
    return AdminUnit.objects.create(
        structure=structure,
        level=level,
        code=code,
        name=name,
        short_name=short,
        kind=kind,
        parent=parent,
        latitude=lat,
        longitude=lon,
        valid_to=date(2025, 6, 30) if structure == AdminUnit.LEGACY else None,
        valid_from=date(2025, 7, 1) if structure == AdminUnit.Y2025 else None,
    )


def build_world() -> World:
    L, N = AdminUnit.LEGACY, AdminUnit.Y2025
    province = _unit(
        L, AdminUnit.PROVINCE, "26", "Tỉnh Vĩnh Phúc", "Vĩnh Phúc", "Tỉnh", lat=21.36, lon=105.55
    )
    vinh_tuong = _unit(
        L,
        AdminUnit.DISTRICT,
        "252",
        "Huyện Vĩnh Tường",
        "Vĩnh Tường",
        "Huyện",
        province,
        21.25,
        105.5,
    )
    vinh_yen = _unit(
        L,
        AdminUnit.DISTRICT,
        "243",
        "Thành phố Vĩnh Yên",
        "Vĩnh Yên",
        "Thành phố",
        province,
        21.31,
        105.6,
    )
    tt_vinh_tuong = _unit(
        L,
        AdminUnit.COMMUNE,
        "09076",
        "Thị trấn Vĩnh Tường",
        "Vĩnh Tường",
        "Thị trấn",
        vinh_tuong,
        21.24,
        105.49,
    )
    kim_xa = _unit(
        L, AdminUnit.COMMUNE, "09079", "Xã Kim Xá", "Kim Xá", "Xã", vinh_tuong, 21.27, 105.47
    )
    tich_son = _unit(
        L,
        AdminUnit.COMMUNE,
        "08707",
        "Phường Tích Sơn",
        "Tích Sơn",
        "Phường",
        vinh_yen,
        21.31,
        105.59,
    )
    new_province = _unit(
        N, AdminUnit.PROVINCE, "25", "Tỉnh Phú Thọ", "Phú Thọ", "Tỉnh", lat=20.7, lon=105.33
    )
    new_vinh_tuong = _unit(
        N,
        AdminUnit.COMMUNE,
        "09076",
        "Xã Vĩnh Tường",
        "Vĩnh Tường",
        "Xã",
        new_province,
        21.24,
        105.49,
    )
    new_tich_son = _unit(
        N,
        AdminUnit.COMMUNE,
        "08707",
        "Phường Vĩnh Phúc",
        "Vĩnh Phúc",
        "Phường",
        new_province,
        21.31,
        105.59,
    )
    UnitSuccession.objects.create(old=tt_vinh_tuong, new=new_vinh_tuong)
    UnitSuccession.objects.create(old=kim_xa, new=new_vinh_tuong)
    UnitSuccession.objects.create(old=tich_son, new=new_tich_son)

    def org(name, short, symbol, kind, unit=province):
        return Organization.objects.create(
            name=name, short_name=short, symbol=symbol, kind=kind, unit=unit
        )

    bdv = org(
        "Ban Dân vận Tỉnh ủy Vĩnh Phúc", "Ban Dân vận Tỉnh ủy", "BDVTU", Organization.PARTY_BOARD
    )
    chqs = org("Bộ Chỉ huy Quân sự tỉnh Vĩnh Phúc", "Bộ CHQS tỉnh", "BCH", Organization.MILITARY)
    mttq = org(
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Vĩnh Phúc",
        "Ủy ban MTTQ tỉnh",
        "MTTQ",
        Organization.FRONT,
    )
    hnd = org(
        "Hội Nông dân tỉnh Vĩnh Phúc", "Hội Nông dân tỉnh", "HNDT", Organization.SOCIO_POLITICAL
    )
    tinh_doan = org("Tỉnh đoàn Vĩnh Phúc", "Tỉnh đoàn", "TĐTN", Organization.SOCIO_POLITICAL)
    org_vinh_tuong = org(
        "Huyện Vĩnh Tường", "Huyện Vĩnh Tường", "HU", Organization.DISTRICT, vinh_tuong
    )
    org_vinh_yen = org(
        "Thành phố Vĩnh Yên", "Thành phố Vĩnh Yên", "TU", Organization.DISTRICT, vinh_yen
    )
    committee = Committee.objects.create(
        name="Ban chỉ đạo điều hành phối hợp hoạt động công tác dân vận tỉnh Vĩnh Phúc",
        short_name="BCĐ công tác dân vận tỉnh",
        symbol="BCĐ",
        unit=province,
        host=bdv,
        standing_office=chqs,
        parent_body="TỈNH ỦY VĨNH PHÚC",
        place_name="Vĩnh Yên",
    )
    term = Term.objects.create(
        committee=committee,
        name="Nhiệm kỳ 2020 - 2025",
        start=date(2020, 10, 1),
        end=date(2025, 6, 30),
    )
    Position.objects.create(
        term=term, role=Position.HEAD, person_name="Nguyễn Thanh Tùng", organization=bdv, order=1
    )
    Position.objects.create(
        term=term, role=Position.STANDING, person_name="Hoàng Nam Chung", organization=chqs, order=2
    )
    areas = {
        code: ContentArea.objects.create(code=code, name=name, order=i)
        for i, (code, name) in enumerate(
            [
                ("tuyen-truyen-van-dong", "Tuyên truyền, vận động"),
                ("nong-thon-moi", "Xây dựng nông thôn mới, đô thị văn minh"),
                ("quoc-phong-an-ninh", "Quốc phòng toàn dân, thế trận an ninh nhân dân"),
            ]
        )
    }
    world = World(
        province=province,
        vinh_tuong=vinh_tuong,
        vinh_yen=vinh_yen,
        tt_vinh_tuong=tt_vinh_tuong,
        kim_xa=kim_xa,
        tich_son=tich_son,
        new_province=new_province,
        new_vinh_tuong=new_vinh_tuong,
        bdv=bdv,
        chqs=chqs,
        mttq=mttq,
        hnd=hnd,
        tinh_doan=tinh_doan,
        org_vinh_tuong=org_vinh_tuong,
        org_vinh_yen=org_vinh_yen,
        committee=committee,
        term=term,
        areas=areas,
    )
    for username, full_name, role, organization in [
        ("quantri", "Quản trị hệ thống", Role.ADMIN, None),
        ("truongban", "Nguyễn Thanh Tùng", Role.LEADER, bdv),
        ("thuongtruc", "Lê Minh Đức", Role.STANDING, chqs),
        ("mttq", "Phạm Thị Hồng", Role.FOCAL, mttq),
        ("hoinongdan", "Trần Văn Bình", Role.FOCAL, hnd),
        ("vinhtuong", "Đỗ Thị Ánh", Role.FOCAL, org_vinh_tuong),
        ("xem", "Người xem", Role.VIEWER, None),
    ]:
        user = User(
            username=username,
            full_name=full_name,
            role=role,
            organization=organization,
            email=f"{username}@danvan.invalid",
        )
        user.set_password("danvan-demo")
        user.save()
        world.users[username] = user
    return world


@dataclass(frozen=True)
class Row:
    """One URL of the site-wide access matrix: the status each persona gets on GET.

    `kwargs` builds the URL's arguments from the world (and may create objects);
    `expect` maps persona (or "*" for the rest) to the status. Anonymous visitors are
    always redirected to sign in (pages) or refused with 401 (API), unless `anonymous` says.
    """

    url_name: str
    expect: dict[str, int]
    kwargs: object = None  # callable(world) -> dict
    anonymous: int | None = None
    query: str = ""

    def status_for(self, persona: str) -> int:
        return self.expect.get(persona, self.expect.get("*", 200))


def everyone(status: int = 200) -> dict[str, int]:
    return {"*": status}


def only(statuses: dict[str, int], otherwise: int = 403) -> dict[str, int]:
    return {**statuses, "*": otherwise}


def count_queries(client: Client, url: str) -> int:
    """How many SQL queries one GET of `url` costs (the page must answer 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)
