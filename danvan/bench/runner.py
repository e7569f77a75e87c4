"""Run the benchmark: the `danvan bench` command starts a child process of itself pointed at
the benchmark's own database (never the real one), which builds or reuses the dataset, times
everything, prints the table and writes the JSON."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from danvan.bench.scales import SCALES, Scale

CHILD_FLAG = "DANVAN_BENCH_CHILD"


def bench_dir() -> Path:
    folder = Path(settings.VAR_DIR) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def database_url(scale: Scale) -> str:
    url = os.environ.get("DANVAN_BENCH_DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{bench_dir() / f'{scale.name}.sqlite3'}"


def _ensure_pg_database(url: str) -> None:
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(url)
    params = {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "dbname": "postgres",
        "autocommit": True,
    }
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    with psycopg.connect(**params) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')


def run_parent(options: dict, stdout) -> int:
    """Start the child on the benchmark database and pass its output through."""
    scale = SCALES[options["scale"]]
    url = database_url(scale)
    if "bench" not in url.split("@")[-1].split("?")[0]:
        raise SystemExit(
            "DANVAN_BENCH_DATABASE_URL must name a database whose name contains 'bench' "
            "(the benchmark rebuilds it)."
        )
    if url.startswith("postgres"):
        _ensure_pg_database(url)
    env = {
        **os.environ,
        CHILD_FLAG: "1",
        "DANVAN_DATABASE_URL": url,
        "DANVAN_DEBUG": "0",
        "DANVAN_ENV": "development",
        "DANVAN_LOGIN_THROTTLING": "0",
        "DANVAN_LOG_LEVEL": "ERROR",
        # Its own var/ (uploads, queue, static) so nothing of the real site is touched.
        "DANVAN_VAR_DIR": str(bench_dir() / "run"),
        "PYTHONUNBUFFERED": "1",
    }
    # The real site's secret key is not needed (and not shared) by the benchmark.
    env.pop("DANVAN_SECRET_KEY", None)
    args = [sys.executable, "-m", "danvan", "bench", "--scale", scale.name]
    for flag in ("json", "runs", "only"):
        if options.get(flag):
            args += [f"--{flag}", str(options[flag])]
    if options.get("rebuild"):
        args.append("--rebuild")
    return subprocess.call(args, env=env)  # noqa: S603 - our own command


def machine(vendor: str, server_version: str | None) -> dict:
    import django

    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1048576:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "database": vendor,
        "database_version": server_version,
        "platform": platform.platform(),
        # The machine is shared: a load average far above nproc means the figures are slower
        # than the code (other processes took the cores).
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _server_version() -> tuple[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return connection.vendor, f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return connection.vendor, f"SQLite {cursor.fetchone()[0]}"


def _wipe() -> None:
    """Empty the benchmark database (the child only ever runs on one: see run_parent)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            path = name.with_name(name.name + suffix)
            if path.exists():
                path.unlink()
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")


def run_child(options: dict, out) -> int:
    from django.core.management import call_command
    from django.db import connection

    from danvan.bench import dataset
    from danvan.bench.report import print_table
    from danvan.bench.suite import measure_all

    assert os.environ.get(CHILD_FLAG) == "1"
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        raise SystemExit(f"refusing to run the benchmark on {name}")
    scale = SCALES[options["scale"]]
    if options.get("runs"):
        scale = Scale(**{**scale.__dict__, "runs": int(options["runs"])})
    vendor, server_version = _server_version()
    out(f"Benchmark {scale.name} on {server_version} ({name})")

    key = dataset.dataset_key(SCALES[options["scale"]])
    started = time.perf_counter()
    if options.get("rebuild") or dataset.stored_key() != key:
        out("Building the dataset (reused by the next run):")
        _wipe()
        call_command("migrate", verbosity=0, interactive=False)
        built = dataset.build(scale, out)
        dataset.store_key(key, built)
        out(f"Built in {time.perf_counter() - started:.0f} s.")
    else:
        call_command("migrate", verbosity=0, interactive=False)
        out("Reusing the dataset built earlier.")
    info = dataset.stored_info()

    results = measure_all(scale, out, only=options.get("only"))
    print_table(results, out)
    report = {
        "scale": scale.name,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(vendor, server_version),
        "dataset": info,
        "results": [r.as_json() for r in results],
    }
    if options.get("json"):
        Path(options["json"]).write_text(json.dumps(report, ensure_ascii=False, indent=1))
        out(f"JSON written to {options['json']}")
    return 0
