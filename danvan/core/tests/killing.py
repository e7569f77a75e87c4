"""Run a danvan operation in a child process against the test database, and SIGKILL it the
moment it says it is half-way: what a power cut or the OOM killer does to a real server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from urllib.parse import quote

from django.db import connection

# Prepended to a snippet: a hook that announces it is mid-way and then waits to be killed.
HOOK = """
import os, sys, time, django
django.setup()
_calls = {"n": 0}
def midway(after=1):
    _calls["n"] += 1
    if _calls["n"] == after:
        print("MIDWAY", flush=True)
        time.sleep(600)
"""


def database_url() -> str:
    """The URL of the database the test is using (the test database, not the real one)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db.get("USER") or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:"
        f"{db.get('PORT') or 5432}/{db['NAME']}"
    )


def child_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_DATABASE")}
    env.update(
        {
            "DANVAN_DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "danvan.settings",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def kill_when(args: list[str], marker: str, *, timeout: float = 180, env=None) -> str:
    """Start `args`, SIGKILL it as soon as a line containing `marker` is printed.

    Returns what it printed; fails if it ended on its own before being killed.
    """
    connection.close()  # no transaction of ours may hold a lock the child needs
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env or child_env(),
    )
    output = []
    deadline = time.monotonic() + timeout
    try:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            if marker in line:
                os.kill(process.pid, signal.SIGKILL)
                break
            if time.monotonic() > deadline:
                break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
    text = "".join(output)
    assert process.returncode == -signal.SIGKILL, (
        f"the process was not killed mid-way (exit {process.returncode}):\n{text[-2000:]}"
    )
    # PostgreSQL notices the dead client and rolls back asynchronously: give it a moment
    # so that teardown does not wait on locks.
    if connection.vendor == "postgresql":
        time.sleep(0.5)
    return text


def kill_snippet_midway(snippet: str, **kwargs) -> str:
    return kill_when([sys.executable, "-c", HOOK + snippet], "MIDWAY", **kwargs)
