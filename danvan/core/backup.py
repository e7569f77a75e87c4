"""Backup and restore of the whole database and the uploaded files, in one archive.

The archive is a tar.gz holding `manifest.json` (when, which engine, and the row count and
checksum of every table), the database (`database.sqlite3`, a copy made with SQLite's online
backup API, or `database.pgdump`, a pg_dump custom-format dump) and `files/` (MEDIA_ROOT).
The manifest is computed from the very snapshot that is saved, so a restore can prove it
gave back an identical database, table by table.

Restoring replaces the database whole, in one step: SQLite's backup API copies every page
into the target inside one transaction; PostgreSQL's dump is replayed by `psql
--single-transaction` after dropping the schema, in the same transaction. A failed restore
leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"


class BackupError(Exception):
    """Something the operator must fix; the message says what (in Vietnamese)."""


# --- Fingerprints: row count and checksum of every table ------------------------------------


def _normal(value) -> str:
    if value is None:
        return "∅"
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return repr(value)


def _fingerprint_tables(cursor, tables: list[str]) -> dict[str, dict]:
    result = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT * FROM "{table}" WHERE 1=0')  # noqa: S608 - names from the catalogue
        width = len(cursor.description)
        order = ", ".join(str(i) for i in range(1, width + 1))
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY {order}')  # noqa: S608
        digest = hashlib.sha256()
        rows = 0
        while batch := cursor.fetchmany(5000):
            for row in batch:
                digest.update("\x1f".join(_normal(v) for v in row).encode())
                digest.update(b"\x1e")
            rows += len(batch)
        result[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return result


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def _pg_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return [r[0] for r in cursor.fetchall()]


def fingerprint(alias: str = "default") -> dict[str, dict]:
    """Row count and checksum of every table of the live database."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        # A plain connection: Django's converts column types, and the copy in a backup is read
        # without them; both sides must read the same bytes the same way.
        return sqlite_file_fingerprint(Path(connection.settings_dict["NAME"]))
    with connection.cursor() as cursor:
        return _fingerprint_tables(cursor, _pg_tables(cursor))


def sqlite_file_fingerprint(path: Path) -> dict[str, dict]:
    conn = sqlite3.connect(path)
    try:
        return _fingerprint_tables(conn.cursor(), _sqlite_tables(conn))
    finally:
        conn.close()


def differences(expected: dict[str, dict], actual: dict[str, dict]) -> list[str]:
    """Tables that differ, with their row counts: empty when the two databases are identical."""
    lines = []
    for table in sorted(set(expected) | set(actual)):
        a, b = expected.get(table), actual.get(table)
        if a != b:
            lines.append(
                f"{table}: {a['rows'] if a else 'thiếu'} → {b['rows'] if b else 'thiếu'} dòng"
            )
    return lines


# --- PostgreSQL helpers --------------------------------------------------------------------


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _major(version_text: str) -> int:
    """ "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" → 15."""
    match = re.search(r"\)\s*(\d+)", version_text)
    return int(match.group(1)) if match else 0


def check_pg_tools(alias: str = "default") -> str:
    """pg_dump must be at least the server's major version; say so plainly if not."""
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            raise BackupError(
                f"Không tìm thấy lệnh {tool}: cài gói postgresql-client cùng phiên bản máy chủ."
            )
    tool_version = subprocess.run(
        ["pg_dump", "--version"],  # noqa: S607 - the system's client tools, found on PATH
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        server_major = int(cursor.fetchone()[0]) // 10000
    if _major(tool_version) < server_major:
        raise BackupError(
            f"{tool_version} cũ hơn máy chủ PostgreSQL {server_major}: "
            "cài postgresql-client cùng phiên bản."
        )
    return tool_version


# --- Backup --------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int


def default_path() -> Path:
    folder = Path(settings.VAR_DIR) / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return folder / f"danvan-{stamp}.tar.gz"


def backup(path: Path | None = None, *, include_files: bool = True, alias="default"):
    path = Path(path) if path else default_path()
    connection = connections[alias]
    with tempfile.TemporaryDirectory(prefix="danvan-backup-") as work:
        work_dir = Path(work)
        if connection.vendor == "sqlite":
            db_file = work_dir / SQLITE_NAME
            connection.ensure_connection()
            target = sqlite3.connect(db_file)
            try:
                # The online backup API: a consistent copy while others go on reading and writing.
                connection.connection.backup(target)
            finally:
                target.close()
            tables = sqlite_file_fingerprint(db_file)
        else:
            check_pg_tools(alias)
            db_file = work_dir / PG_NAME
            tables = _pg_dump(connection, db_file)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "tables": tables,
            "files": [],
        }
        media = Path(settings.MEDIA_ROOT)
        file_list = (
            sorted(p for p in media.rglob("*") if p.is_file())
            if include_files and media.exists()
            else []
        )
        manifest["files"] = [str(p.relative_to(media)) for p in file_list]
        (work_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work_dir / MANIFEST, arcname=MANIFEST)
            archive.add(db_file, arcname=db_file.name)
            for item in file_list:
                archive.add(item, arcname=f"files/{item.relative_to(media)}")
        # Only a complete archive gets the final name.
        partial.replace(path)
    return BackupResult(
        path=path,
        tables=len(tables),
        rows=sum(t["rows"] for t in tables.values()),
        files=len(file_list),
    )


def _pg_dump(connection, db_file: Path) -> dict[str, dict]:
    """Dump and fingerprint the same snapshot, so the manifest describes exactly the dump."""
    connection.ensure_connection()
    raw = connection.connection
    previous_autocommit = raw.autocommit
    if not previous_autocommit:
        raw.rollback()
    raw.autocommit = False
    try:
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = _fingerprint_tables(cursor, _pg_tables(cursor))
            result = subprocess.run(  # noqa: S603 - fixed arguments
                [  # noqa: S607
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={db_file}",
                ],
                env=_pg_env(connection.settings_dict),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump thất bại: {result.stderr.strip()}")
        raw.rollback()
    finally:
        raw.autocommit = previous_autocommit
    return tables


# --- Restore -------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int
    created_at: str


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{path} không phải bản sao lưu danvan hợp lệ ({exc}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: định dạng bản sao lưu không được hỗ trợ.")
    return manifest


def restore(path: Path, *, include_files: bool = True, alias="default") -> RestoreResult:
    path = Path(path)
    manifest = read_manifest(path)
    connection = connections[alias]
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"Bản sao lưu là của {manifest['engine']}, cơ sở dữ liệu hiện tại là "
            f"{connection.vendor}: dùng `danvan dumpdata`/`loaddata` để chuyển loại CSDL."
        )
    with tempfile.TemporaryDirectory(prefix="danvan-restore-") as work:
        work_dir = Path(work)
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work_dir, filter="data")
        if connection.vendor == "sqlite":
            db_file = work_dir / SQLITE_NAME
            found = sqlite_file_fingerprint(db_file)
            if differences(manifest["tables"], found):
                raise BackupError(f"{path}: bản sao lưu bị hỏng (tổng kiểm tra không khớp).")
            _sqlite_restore(connection, db_file)
        else:
            check_pg_tools(alias)
            _pg_restore(connection, work_dir / PG_NAME)
        connections[alias].close()
        found = fingerprint(alias)
        wrong = differences(manifest["tables"], found)
        if wrong:
            raise BackupError("Khôi phục không khớp bản sao lưu: " + "; ".join(wrong[:10]))
        files = 0
        if include_files:
            files = _restore_files(work_dir / "files", manifest["files"])
    return RestoreResult(
        tables=len(found),
        rows=sum(t["rows"] for t in found.values()),
        files=files,
        created_at=manifest["created_at"],
    )


def _sqlite_restore(connection, db_file: Path) -> None:
    connection.close()
    source = sqlite3.connect(db_file)
    target = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
    try:
        # In steps, so a long copy can report progress; the target stays locked in one write
        # transaction until the last step, so a copy cut short leaves it as it was.
        source.backup(target, pages=64, progress=_progress)
    finally:
        source.close()
        target.close()


def _progress(status: int, remaining: int, total: int) -> None:
    """Called after each step of a SQLite restore (tests hook it to stop a restore mid-way)."""


def _pg_restore(connection, dump: Path) -> None:
    env = _pg_env(connection.settings_dict)
    connection.close()
    script = subprocess.run(  # noqa: S603 - fixed arguments
        ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(dump)],  # noqa: S607
        env=env,
        capture_output=True,
        check=False,
    )
    if script.returncode != 0:
        raise BackupError(f"pg_restore thất bại: {script.stderr.decode(errors='replace')}")
    # One transaction: drop everything, then replay the dump; any error rolls all back.
    sql = b"DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n" + script.stdout
    result = subprocess.run(
        ["psql", "--quiet", "--no-psqlrc", "--single-transaction", "-v", "ON_ERROR_STOP=1"],  # noqa: S607
        input=sql,
        env=env,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"psql thất bại: {result.stderr.decode(errors='replace')}")


def _restore_files(source: Path, names: list[str]) -> int:
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    staging = media.with_name(media.name + ".restoring")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    for name in names:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target)
    old = media.with_name(media.name + ".before-restore")
    if old.exists():
        shutil.rmtree(old)
    if media.exists():
        media.replace(old)
    staging.replace(media)
    if old.exists():
        shutil.rmtree(old)
    return len(names)
