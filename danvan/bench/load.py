"""`make load`: serve danvan with gunicorn on 127.0.0.1 and drive it with locust, headless:
50 officers sign in with the demo accounts and use the main pages for a bounded time.
Prints throughput, p50/p95/p99 latency and errors, and writes them as JSON.

    python -m danvan.bench.load [--dataset demo|province] [--users 50] [--time 60]

`demo` is the Vĩnh Phúc demo (built once under var/load/); `province` is the provincial
benchmark database (`danvan bench --scale province` builds it). Only loopback is used.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _env(database: Path, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update(
        {
            "DANVAN_DATABASE_URL": f"sqlite:///{database}",
            "DANVAN_VAR_DIR": str(var_dir),
            "DANVAN_DEBUG": "0",
            "DANVAN_LOG_LEVEL": "ERROR",
            "DJANGO_SETTINGS_MODULE": "danvan.settings",
        }
    )
    return env


def _prepare(dataset: str, var: Path) -> Path:
    if dataset == "province":
        database = var / "bench" / "province.sqlite3"
        if not database.exists():
            raise SystemExit("No provincial benchmark database: run `make bench` first.")
        return database
    database = var / "load" / "demo.sqlite3"
    ready = database.with_suffix(".ready")
    # Rebuilt when the code's migrations change (a new app landed, a field was added).
    key = hashlib.sha256(
        "\n".join(
            sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("danvan/*/migrations/0*.py"))
        ).encode()
    ).hexdigest()
    if not ready.exists() or ready.read_text() != key:
        database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        env = _env(database, var / "load" / "run")
        print("Preparing the demo database (once)…", flush=True)
        for command in (["migrate", "--noinput", "-v0"], ["demo"]):
            subprocess.run(  # noqa: S603 - our own command
                [str(BIN / "danvan"), *command], env=env, check=True, stdout=subprocess.DEVNULL
            )
        ready.write_text(key)
    return database


def _wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer on {url} within {timeout:.0f} s")


def _aggregated(prefix: Path) -> tuple[dict, list[dict]]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return total, [r for r in rows if r["Name"] != "Aggregated"]


def _percentiles(samples: list, *, leave_out: tuple[str, ...] = ()) -> dict:
    times = sorted(t for name, t, _ok in samples if name not in leave_out)
    if not times:
        return {}

    def at(q: float) -> float:
        return round(times[min(len(times) - 1, int(q * len(times)))], 1)

    return {"requests": len(times), "p50_ms": at(0.5), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=["demo", "province"], default="demo")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--time", type=int, default=60, help="seconds of load (bounded)")
    # CPU-bound pages: one process per core and one spare; threads cover waits on the database.
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 500 or not 5 <= args.time <= 900:
        raise SystemExit("--users must be 1..500 and --time 5..900 seconds")

    var = Path(os.environ.get("DANVAN_VAR_DIR", ROOT / "var"))
    database = _prepare(args.dataset, var)
    run_dir = var / "load" / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://{HOST}:{port}"
    server = subprocess.Popen(  # noqa: S603 - our own server, loopback only
        [
            str(BIN / "gunicorn"),
            "danvan.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.threads),
            # Longer than an officer's reading time (1–3 s): with gunicorn's 2 s, a request sent
            # on a connection the server was closing that instant failed (status 0).
            "--keep-alive",
            "10",
            "--log-level",
            "warning",
        ],
        env=_env(database, run_dir),
        cwd=ROOT,
    )
    prefix = run_dir / "locust"
    samples_path = run_dir / "samples.json"
    samples_path.unlink(missing_ok=True)
    load_before = [round(x, 2) for x in os.getloadavg()]
    try:
        _wait_healthy(url)
        # Every worker loads Django on its first request: do that before the clock starts.
        for _ in range(args.workers * args.threads * 2):
            with urllib.request.urlopen(f"{url}/accounts/login/", timeout=60) as response:  # noqa: S310
                response.read()
        print(
            f"Load: {args.users} users on {url} ({args.dataset}, gunicorn {args.workers} "
            f"workers × {args.threads} threads) for {args.time} s…",
            flush=True,
        )
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "loadtest" / "locustfile.py"),
                "--headless",
                "--host",
                url,
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.time}s",
                # Requests in flight when the time is up finish (else they count as errors).
                "--stop-timeout",
                "30",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            check=False,
            timeout=args.time + 180,
            env={**os.environ, "DANVAN_LOAD_SAMPLES": str(samples_path)},
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    total, rows = _aggregated(prefix)
    result = {
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "dataset": args.dataset,
        "users": args.users,
        "seconds": args.time,
        "workers": args.workers,
        "threads": args.threads,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "throughput_rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "max_ms": float(total["Max Response Time"]),
        # Signing in hashes the password with argon2 on purpose (slow by design): the pages
        # officers then use are reported apart from it.
        "after_sign_in": _percentiles(
            json.loads(samples_path.read_text()) if samples_path.exists() else [],
            leave_out=("sign in", "login page"),
        ),
        "pages": [
            {
                "name": r["Name"],
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "p50_ms": float(r["50%"]),
                "p95_ms": float(r["95%"]),
                "p99_ms": float(r["99%"]),
            }
            for r in sorted(rows, key=lambda r: -float(r["95%"]))
        ],
    }
    print()
    print(
        f"{result['requests']} requests, {result['failures']} errors, "
        f"{result['throughput_rps']} req/s; p50 {result['p50_ms']:.0f} ms, "
        f"p95 {result['p95_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, "
        f"max {result['max_ms']:.0f} ms"
    )
    if result["after_sign_in"]:
        pages = result["after_sign_in"]
        print(
            f"Pages after sign-in: {pages['requests']} requests; p50 {pages['p50_ms']:.0f} ms, "
            f"p95 {pages['p95_ms']:.0f} ms, p99 {pages['p99_ms']:.0f} ms"
        )
    print(
        f"Load average before/after: {result['load_average_before']} / "
        f"{result['load_average_after']} on {os.cpu_count()} cores"
    )
    print("Slowest pages (p95):")
    for page in result["pages"][:8]:
        print(
            f"  {page['name'][:50]:<50} {page['requests']:>5} req  p50 {page['p50_ms']:>6.0f}  "
            f"p95 {page['p95_ms']:>6.0f}  p99 {page['p99_ms']:>6.0f} ms  errors {page['failures']}"
        )
    target_ok = result["failures"] == 0 and result["p99_ms"] < 1000
    print("Target (no error, p99 < 1 s):", "met" if target_ok else "MISSED")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 0 if target_ok else 1


if __name__ == "__main__":
    sys.exit(main())
