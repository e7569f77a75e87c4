"""The repository itself: no secret committed, every dependency pinned."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

# The demo password is public on purpose (UI.md, printed by `danvan demo`, refused in
# production); placeholders in the example environment file are not secrets either.
ALLOWED_SECRETS = {"danvan-demo", "password", "change-me-to-50-or-more-random-characters-"}

PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
TOKENS = [
    re.compile(r"AKIA[0-9A-Z]{16}"),  # AWS access key id
    re.compile(r"gh[pousr]_[A-Za-z0-9]{30,}"),  # GitHub token
    re.compile(r"xox[baprs]-[A-Za-z0-9-]{10,}"),  # Slack token
    re.compile(r"sk_live_[A-Za-z0-9]{20,}"),
]
# NAME = "literal" where NAME says it is a secret.
ASSIGNED = re.compile(
    r"""(?ix)
    \b[\w.]*(password|passwd|secret|secret_key|api_key|token|private_key)\w*
    \s*[:=]\s*
    (?P<q>["'])(?P<value>[^"'\n]{6,})(?P=q)
    """
)
# scheme://user:secret@host
URL_CREDENTIALS = re.compile(r"[a-z+]+://[^/\s:@'\"]+:(?P<value>[^@\s/'\"]+)@")


def _tracked_files() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in out.split("\0") if name]


def _text(path: Path) -> str | None:
    if path.suffix in {".mo", ".png", ".jpg", ".xlsx", ".docx", ".pdf", ".sqlite3", ".ico"}:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
        return None


def _is_test(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return "tests" in parts or path.name in {"conftest.py", "testing.py"}


def test_no_secret_is_committed():
    found = []
    files = _tracked_files()
    assert len(files) > 50, "git ls-files found too little: is this a checkout?"
    for path in files:
        text = _text(path)
        if text is None:
            continue
        rel = path.relative_to(ROOT)
        for number, line in enumerate(text.splitlines(), start=1):
            if PRIVATE_KEY.search(line) or any(p.search(line) for p in TOKENS):
                found.append(f"{rel}:{number}: {line.strip()[:80]}")
                continue
            if _is_test(path):
                continue  # test passwords ("sai", "danvan-demo") are fixtures, not secrets
            for match in [*ASSIGNED.finditer(line), *URL_CREDENTIALS.finditer(line)]:
                value = match.group("value").strip(".")
                if value in ALLOWED_SECRETS or value.startswith(("{", "%", "$", "<")):
                    continue
                found.append(f"{rel}:{number}: {line.strip()[:80]}")
    assert not found, "Possible secrets in the repository:\n" + "\n".join(found)


def test_the_secret_check_catches_a_planted_key():
    fake = "-----BEGIN RSA " + "PRIVATE KEY-----"
    assert PRIVATE_KEY.search(fake)
    assert ASSIGNED.search('DB_PASSWORD = "hunter2hunter2"')
    assert URL_CREDENTIALS.search("postgres://danvan:s3cr3t-value@db/danvan")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement(spec: str) -> tuple[str, str, str]:
    match = re.fullmatch(
        r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]+\])?\s*(==|>=|<=|~=|>|<|!=)?\s*([^;\s]*)\s*",
        spec,
    )
    assert match, f"unreadable requirement {spec!r}"
    return _normal(match.group(1)), match.group(3) or "", match.group(4)


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, op, version = _requirement(line)
            assert op == "==", f"constraints.txt: {line} is not pinned with =="
            pins[name] = version
    return pins


def _declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        specs.extend(extra)
    return specs


@pytest.mark.parametrize("spec", _declared())
def test_every_dependency_is_pinned_and_in_the_constraints(spec):
    name, op, version = _requirement(spec)
    assert op == "==", f"{spec} is not pinned with =="
    pins = _constraints()
    assert name in pins, f"{name} is missing from requirements/constraints.txt"
    assert pins[name] == version, f"{spec} but constraints.txt pins {pins[name]}"
