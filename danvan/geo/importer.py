"""Load administrative units from the `vietnamadminunits` package (never typed by hand).

Legacy: the three-level structure in force until 30 June 2025 (province, district, commune).
2025: the two-level structure from 1 July 2025 (province, commune), and the mapping of each
legacy commune onto its 2025 successor(s), so old figures can be regrouped onto today's units.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources

from django.db import transaction
from vietnamadminunits.database.main import query

from danvan.core.audit import log_created
from danvan.core.text import fold
from danvan.geo.models import REFORM_2025, AdminUnit, UnitSuccession

LEGACY_END = REFORM_2025 - timedelta(days=1)


class UnknownProvince(ValueError):
    pass


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    successions: int = 0
    provinces: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.successions)


@cache
def _converter() -> dict:
    """The package's old → new mapping (read once; never changed)."""
    data = (
        resources.files("vietnamadminunits")
        .joinpath("data/converter_2025.json")
        .read_text(encoding="utf-8")
    )
    return json.loads(data)


def _legacy_rows(province: str | None) -> list[dict]:
    rows = query("SELECT * FROM admin_units_legacy")
    if province is None:
        return rows
    wanted = fold(province).replace(" ", "")
    picked = [
        r
        for r in rows
        if fold(r["provinceShort"]).replace(" ", "") == wanted or r["provinceKey"] == wanted
    ]
    if not picked:
        raise UnknownProvince(province)
    return picked


@cache
def _new_province_keys() -> dict[str, str]:
    """Legacy province key → the 2025 province it became part of."""
    out: dict[str, str] = {}
    for new_key, old_keys in _converter()["DICT_PROVINCE"].items():
        for old_key in old_keys:
            out.setdefault(old_key, new_key)
    return out


def _new_province_key(legacy_key: str) -> str:
    try:
        return _new_province_keys()[legacy_key]
    except KeyError:
        raise UnknownProvince(legacy_key) from None


def _rows_2025(province: str | None) -> list[dict]:
    rows = query("SELECT * FROM admin_units")
    if province is None:
        return rows
    wanted = fold(province).replace(" ", "")
    direct = [r for r in rows if fold(r["provinceShort"]).replace(" ", "") == wanted]
    if direct:
        return direct
    # A legacy province name ("Vĩnh Phúc") selects the 2025 province it became part of (Phú Thọ).
    legacy = _legacy_rows(province)
    new_key = _new_province_key(legacy[0]["provinceKey"])
    return [r for r in rows if r["provinceKey"] == new_key]


class _Upserter:
    """Create or update units by (structure, code), one level at a time: new units of a level
    are written with one bulk INSERT (and their audit entries with another), so the whole
    country (≈ 13,000 units) loads in seconds; count what changed."""

    FIELDS = (
        "level",
        "name",
        "short_name",
        "kind",
        "parent_id",
        "latitude",
        "longitude",
        "valid_from",
        "valid_to",
    )

    def __init__(self, structure: str, result: ImportResult):
        self.structure = structure
        self.result = result
        self.existing = {u.code: u for u in AdminUnit.objects.filter(structure=structure)}
        self.wanted: dict[str, dict] = {}

    def put(
        self,
        *,
        code: str,
        level: int,
        name: str,
        short_name: str,
        kind: str,
        parent: str | None,
        lat,
        lon,
        valid_from: date | None,
        valid_to: date | None,
    ) -> None:
        """Ask for a unit (`parent`: the parent's code, put at a level above); the last ask
        for a code wins. Nothing is written before `save`."""
        self.wanted[code] = {
            "code": code,
            "level": level,
            "name": name,
            "short_name": short_name,
            "kind": kind,
            "parent": parent,
            "latitude": lat,
            "longitude": lon,
            "valid_from": valid_from,
            "valid_to": valid_to,
        }

    def save(self) -> dict[str, AdminUnit]:
        """Write what was asked, level by level (parents first)."""
        for level in sorted({spec["level"] for spec in self.wanted.values()}):
            created = []
            for spec in self.wanted.values():
                if spec["level"] != level:
                    continue
                values = dict(spec)
                code = values.pop("code")
                parent = self.existing[values.pop("parent")] if spec["parent"] else None
                values["parent_id"] = parent.pk if parent else None
                unit = self.existing.get(code)
                if unit is None:
                    unit = AdminUnit(structure=self.structure, code=code, **values)
                    unit.parent = parent
                    unit.refresh_index_fields()
                    created.append(unit)
                elif any(getattr(unit, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(unit, k, v)
                    unit.save()
                    self.result.updated += 1
            AdminUnit.objects.bulk_create(created, batch_size=1000)
            log_created(created)
            for unit in created:
                self.existing[unit.code] = unit
            self.result.created += len(created)
        return self.existing


def _kind_of(full_name: str, short_name: str) -> str:
    kind = (
        full_name[: len(full_name) - len(short_name)].strip()
        if short_name and full_name.endswith(short_name)
        else ""
    )
    return kind or full_name.split(" ")[0]


@transaction.atomic
def import_legacy(province: str | None = None) -> ImportResult:
    result = ImportResult()
    rows = _legacy_rows(province)
    units = _Upserter(AdminUnit.LEGACY, result)
    successor_points = _successor_points()
    for row in sorted(
        rows, key=lambda r: (r["provinceCode"], r["districtCode"], r["wardCode"] or "")
    ):
        units.put(
            code=row["provinceCode"],
            level=AdminUnit.PROVINCE,
            name=row["province"],
            short_name=row["provinceShort"],
            kind=_kind_of(row["province"], row["provinceShort"]),
            parent=None,
            lat=row["provinceLat"],
            lon=row["provinceLon"],
            valid_from=None,
            valid_to=LEGACY_END,
        )
        if row["province"] not in result.provinces:
            result.provinces.append(row["province"])
        units.put(
            code=row["districtCode"],
            level=AdminUnit.DISTRICT,
            name=row["district"],
            short_name=row["districtShort"],
            kind=row["districtType"] or _kind_of(row["district"], row["districtShort"]),
            parent=row["provinceCode"],
            lat=row["districtLat"],
            lon=row["districtLon"],
            valid_from=None,
            valid_to=LEGACY_END,
        )
        if row["wardCode"]:
            lat, lon = _commune_point(row, successor_points)
            units.put(
                code=row["wardCode"],
                level=AdminUnit.COMMUNE,
                name=row["ward"],
                short_name=row["wardShort"],
                kind=row["wardType"] or _kind_of(row["ward"], row["wardShort"]),
                parent=row["districtCode"],
                lat=lat,
                lon=lon,
                valid_from=None,
                valid_to=LEGACY_END,
            )
    units.save()
    result.successions = _link_successions(rows)
    return result


@transaction.atomic
def import_2025(province: str | None = None) -> ImportResult:
    result = ImportResult()
    rows = _rows_2025(province)
    units = _Upserter(AdminUnit.Y2025, result)
    for row in sorted(rows, key=lambda r: (r["provinceCode"], r["wardCode"])):
        units.put(
            code=row["provinceCode"],
            level=AdminUnit.PROVINCE,
            name=row["province"],
            short_name=row["provinceShort"],
            kind=_kind_of(row["province"], row["provinceShort"]),
            parent=None,
            lat=row["provinceLat"],
            lon=row["provinceLon"],
            valid_from=REFORM_2025,
            valid_to=None,
        )
        if row["province"] not in result.provinces:
            result.provinces.append(row["province"])
        units.put(
            code=row["wardCode"],
            level=AdminUnit.COMMUNE,
            name=row["ward"],
            short_name=row["wardShort"],
            kind=row["wardType"] or _kind_of(row["ward"], row["wardShort"]),
            parent=row["provinceCode"],
            lat=row["wardLat"],
            lon=row["wardLon"],
            valid_from=REFORM_2025,
            valid_to=None,
        )
    units.save()
    legacy_keys = {
        r["provinceKey"] for r in query("SELECT DISTINCT provinceKey FROM admin_units_legacy")
    }
    new_keys = {r["provinceKey"] for r in rows}
    converter = _converter()["DICT_PROVINCE"]
    old_provinces = [k for k in legacy_keys if any(k in converter.get(n, []) for n in new_keys)]
    legacy_rows = [
        r for r in query("SELECT * FROM admin_units_legacy") if r["provinceKey"] in old_provinces
    ]
    result.successions = _link_successions(legacy_rows)
    return result


OUTLIER_KM = 20


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Equirectangular distance: plenty for telling 3 km from 100 km.
    mid = math.radians((lat1 + lat2) / 2)
    return 6371 * math.hypot(math.radians(lon1 - lon2) * math.cos(mid), math.radians(lat1 - lat2))


def _commune_point(row: dict, successor_points: dict) -> tuple:
    """The commune's point, brought home when the dataset put it far outside its district.

    The dataset geocoded a few communes to a namesake elsewhere (Xã Lương Điền of Vĩnh Tường sits
    in Hải Dương). Such a commune takes its 2025 successor's point when that one is near the
    district, else the district's own point, so maps stay within the province.
    """
    lat, lon, d_lat, d_lon = row["wardLat"], row["wardLon"], row["districtLat"], row["districtLon"]
    if None in (lat, lon, d_lat, d_lon) or _km(lat, lon, d_lat, d_lon) <= OUTLIER_KM:
        return lat, lon
    successor = successor_points.get(f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}")
    if successor and None not in successor and _km(*successor, d_lat, d_lon) <= OUTLIER_KM:
        return successor
    return d_lat, d_lon


def _successor_points() -> dict[str, tuple]:
    """Legacy commune key → its default 2025 successor's (lat, lon), from the package data."""
    converter = _converter()
    points = {
        (r["provinceKey"], r["wardKey"]): (r["wardLat"], r["wardLon"])
        for r in query("SELECT provinceKey, wardKey, wardLat, wardLon FROM admin_units")
    }
    out = {}
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            for old_key in old_keys:
                out[old_key] = points.get((new_province, new_ward))
    for new_province, parts in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, options in parts.items():
            default = next((o for o in options if o["isDefaultNewWard"]), None)
            if default:
                out[old_key] = points.get((new_province, default["newWardKey"]))
    return out


def _link_successions(legacy_rows: list[dict]) -> int:
    """Record old → new commune links for the legacy rows whose both ends are loaded."""
    converter = _converter()
    new_codes: dict[tuple[str, str], str] = {
        (r["provinceKey"], r["wardKey"]): r["wardCode"]
        for r in query("SELECT provinceKey, wardKey, wardCode FROM admin_units")
    }
    legacy_units = {
        u.code: u
        for u in AdminUnit.objects.filter(structure=AdminUnit.LEGACY, level=AdminUnit.COMMUNE)
    }
    new_units = {
        u.code: u
        for u in AdminUnit.objects.filter(structure=AdminUnit.Y2025, level=AdminUnit.COMMUNE)
    }
    if not legacy_units or not new_units:
        return 0
    existing = set(UnitSuccession.objects.values_list("old_id", "new_id"))
    whole = {  # legacy commune key -> the 2025 ward it went into whole
        old_key: (new_province, new_ward)
        for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
        for new_ward, old_keys in wards.items()
        for old_key in old_keys
    }
    wanted: list[UnitSuccession] = []
    for row in legacy_rows:
        old = legacy_units.get(row["wardCode"] or "")
        if old is None:
            continue
        new_province = _new_province_key(row["provinceKey"])
        old_key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"
        targets: list[tuple[str, bool]] = []
        if old_key in whole:
            targets.append((whole[old_key][1], True))
        else:
            for part in (
                converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_province, {}).get(old_key, [])
            ):
                targets.append((part["newWardKey"], bool(part["isDefaultNewWard"])))
        for new_ward, is_default in targets:
            new = new_units.get(new_codes.get((new_province, new_ward), ""))
            if new is not None and (old.pk, new.pk) not in existing:
                wanted.append(UnitSuccession(old=old, new=new, is_default=is_default))
                existing.add((old.pk, new.pk))
    UnitSuccession.objects.bulk_create(wanted)
    return len(wanted)
