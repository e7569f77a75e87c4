"""The synthetic dataset: the real administrative units and the Vĩnh Phúc demo, then, scaled,
organisations and officers for every province loaded, tasks, and the apps' own records
(reports and their values, plans, registers) written in bulk with the apps' models.

The built database is reused by the next run as long as its key matches: the dataset's
version, the scale, and the migrations of the code (a new migration means a rebuild).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.db import connection, transaction

from danvan.bench.scales import Scale

DATASET_VERSION = 1
META_TABLE = "bench_meta"

# Province-level members every province has (the kinds of the seed's members).
MEMBERS = [
    ("Ban Dân vận Tỉnh ủy", "BDVTU", "party_board"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCH", "military"),
    ("Ủy ban MTTQ tỉnh", "MTTQ", "front"),
    ("Hội Nông dân tỉnh", "HNDT", "socio_political"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "HPNT", "socio_political"),
    ("Tỉnh đoàn", "TĐTN", "socio_political"),
    ("Hội Cựu chiến binh tỉnh", "HCCB", "socio_political"),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ", "socio_political"),
]


@dataclass
class Build:
    scale: Scale
    log: Callable[[str], None]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    # Filled as the build goes, for the generators after it.
    province_ids: list[int] = field(default_factory=list)
    member_orgs: list = field(default_factory=list)  # provincial members, all provinces
    district_orgs: list = field(default_factory=list)  # (org, district unit id)
    focal_by_org: dict[int, object] = field(default_factory=dict)

    def step(self, name: str, fn: Callable[[Build], dict[str, int] | None]) -> None:
        started = time.perf_counter()
        self.log(f"  {name}…")
        counts = fn(self) or {}
        self.seconds[name] = round(time.perf_counter() - started, 2)
        self.counts.update(counts)
        summary = ", ".join(f"{k}: {v:,}".replace(",", ".") for k, v in counts.items())
        self.log(f"  {name}: {summary} ({self.seconds[name]} s)")


# --- Cache key ----------------------------------------------------------------------------


def dataset_key(scale: Scale) -> str:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    migrations = sorted(f"{app}.{name}" for app, name in loader.disk_migrations)
    generators = sorted(name for name, _fn in generator_steps())
    text = repr((DATASET_VERSION, scale, migrations, generators))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stored_key() -> str | None:
    with connection.cursor() as cursor:
        if META_TABLE not in connection.introspection.table_names(cursor):
            return None
        cursor.execute(f"SELECT value FROM {META_TABLE} WHERE name = 'key'")  # noqa: S608
        row = cursor.fetchone()
        return row[0] if row else None


def store_key(key: str, build: Build) -> None:
    import json

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} (name TEXT PRIMARY KEY, value TEXT)"
        )
        cursor.execute(f"DELETE FROM {META_TABLE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {META_TABLE} (name, value) VALUES (%s, %s), (%s, %s), (%s, %s)",  # noqa: S608
            [
                "key",
                key,
                "counts",
                json.dumps(build.counts),
                "seconds",
                json.dumps(build.seconds),
            ],
        )


def stored_info() -> dict:
    import json

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, value FROM {META_TABLE}")  # noqa: S608
        rows = dict(cursor.fetchall())
    return {
        "counts": json.loads(rows.get("counts", "{}")),
        "seconds": json.loads(rows.get("seconds", "{}")),
    }


# --- Steps ----------------------------------------------------------------------------------


def _demo(build: Build) -> dict[str, int]:
    from danvan.core.demo import load_all

    created = load_all(lambda line: None)
    return {"demo records": sum(created.values())}


def _units(build: Build) -> dict[str, int]:
    from danvan.geo.importer import import_2025, import_legacy
    from danvan.geo.models import AdminUnit

    loaded = set(
        AdminUnit.objects.filter(structure=AdminUnit.LEGACY, level=AdminUnit.PROVINCE)
        .filter(children__children__isnull=False)
        .values_list("short_name", flat=True)
    )
    for province in build.scale.provinces or (None,):
        if province in loaded:
            continue  # the demo loaded it already
        import_legacy(province)
        import_2025(province)
    legacy = AdminUnit.objects.filter(structure=AdminUnit.LEGACY)
    build.province_ids = list(legacy.filter(level=AdminUnit.PROVINCE).values_list("pk", flat=True))
    return {
        "provinces": len(build.province_ids),
        "districts": legacy.filter(level=AdminUnit.DISTRICT).count(),
        "communes": legacy.filter(level=AdminUnit.COMMUNE).count(),
        "2025 communes": AdminUnit.objects.filter(
            structure=AdminUnit.Y2025, level=AdminUnit.COMMUNE
        ).count(),
    }


def _organisations(build: Build) -> dict[str, int]:
    """Every loaded province gets the members and district leaderships Vĩnh Phúc has."""
    from danvan.geo.models import AdminUnit
    from danvan.orgs.models import Organization

    existing_units = set(
        Organization.objects.exclude(unit=None).values_list("unit_id", "kind", "symbol")
    )
    new = []
    provinces = AdminUnit.objects.filter(pk__in=build.province_ids)
    for province in provinces:
        for name, symbol, kind in MEMBERS:
            if (province.pk, kind, symbol) in existing_units:
                continue
            new.append(
                Organization(
                    name=f"{name} {province.short_name}",
                    short_name=name,
                    symbol=symbol,
                    kind=kind,
                    unit=province,
                )
            )
    districts = AdminUnit.objects.filter(
        structure=AdminUnit.LEGACY, level=AdminUnit.DISTRICT
    ).exclude(pk__in=Organization.objects.exclude(unit=None).values("unit_id"))
    for district in districts:
        new.append(
            Organization(
                name=district.name,
                short_name=district.name,
                symbol="HU" if district.kind == "Huyện" else "TU",
                kind=Organization.DISTRICT,
                unit=district,
            )
        )
    for org in new:
        org.refresh_index_fields()
    Organization.objects.bulk_create(new, batch_size=2000)
    orgs = Organization.objects.exclude(unit=None).select_related("unit")
    build.member_orgs = [o for o in orgs if o.kind != Organization.DISTRICT and o.unit.level == 1]
    build.district_orgs = [o for o in orgs if o.kind == Organization.DISTRICT]
    return {"organisations": Organization.objects.count()}


def _users(build: Build) -> dict[str, int]:
    """One focal officer per organisation (the demo's accounts are kept as they are)."""
    from django.contrib.auth.hashers import make_password

    from danvan.accounts.models import Role, User

    password = make_password("danvan-demo")  # noqa: S106 - the demo password, bench only
    have = set(User.objects.exclude(organization=None).values_list("organization_id", flat=True))
    new = []
    for org in [*build.member_orgs, *build.district_orgs]:
        if org.pk in have:
            continue
        user = User(
            username=f"dm{org.pk}",
            full_name=f"Cán bộ đầu mối {org.pk}",
            role=Role.FOCAL,
            organization=org,
            password=password,
            email=f"dm{org.pk}@bench.invalid",
        )
        user.search_text = user.username
        user.sort_key = user.username
        new.append(user)
    User.objects.bulk_create(new, batch_size=2000)
    for user in User.objects.exclude(organization=None):
        build.focal_by_org.setdefault(user.organization_id, user)
    return {"users": User.objects.count()}


def _tasks(build: Build) -> dict[str, int]:
    """Tasks led by every organisation, spread over the years, some done, some overdue."""
    from danvan.areas.models import ContentArea
    from danvan.tasks.models import Task

    areas = list(ContentArea.objects.all())
    orgs = [*build.member_orgs, *build.district_orgs]
    creator = next(iter(build.focal_by_org.values()))
    new = []
    scale = build.scale
    days = 365 * scale.years
    start = date(scale.first_year, 1, 1)
    for index, org in enumerate(orgs):
        for n in range(scale.tasks_per_org):
            begin = start + timedelta(days=(index * 37 + n * 53) % days)
            done = n % 3 == 0
            task = Task(
                title=f"Nhiệm vụ {n + 1} của {org.short_name or org.name}: ra quân hỗ trợ nhân dân",
                description="Phối hợp tuyên truyền, vận động nhân dân; nạo vét kênh mương.",
                lead=org,
                owner=org,
                area=areas[n % len(areas)] if areas else None,
                start_date=begin,
                due_date=begin + timedelta(days=60),
                original_due_date=begin + timedelta(days=60),
                is_published=True,
                state=Task.DONE if done else Task.OPEN,
                progress=100 if done else (n * 7) % 100,
                completed_on=begin + timedelta(days=45) if done else None,
                created_by=build.focal_by_org.get(org.pk, creator),
            )
            task.refresh_index_fields()
            new.append(task)
    Task.objects.bulk_create(new, batch_size=2000)
    return {"tasks": Task.objects.count()}


def generator_steps() -> list[tuple[str, Callable[[Build], dict[str, int] | None]]]:
    """The build, in order; an app that has landed adds its generator in `danvan.bench.apps`."""
    steps = [
        ("demo", _demo),
        ("units", _units),
        ("organisations", _organisations),
        ("users", _users),
        ("tasks", _tasks),
    ]
    for name in ("reporting", "planning", "directions", "registers"):
        module_name = f"danvan.bench.gen_{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if module.available():
            steps.append((name, module.generate))
    return steps


def build(scale: Scale, log: Callable[[str], None]) -> Build:
    from auditlog.context import disable_auditlog

    result = Build(scale=scale, log=log)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    # Building is not what anyone audits; the audit log would double every write.
    with disable_auditlog():
        for name, fn in generator_steps():
            with transaction.atomic():
                result.step(name, fn)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA synchronous=NORMAL")
    return result


def installed(app_label: str) -> bool:
    return apps.is_installed(f"danvan.{app_label}")
