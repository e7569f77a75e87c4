"""What is timed, and how: each measurement runs once to warm up, then `runs` times; the median
is the figure. An aggregation is timed beside the same question in plain SQL on the same
database, and their ratio is what the code costs over the floor no code can beat."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse


@dataclass
class Result:
    name: str
    kind: str  # "page", "aggregation" or "operation"
    median_ms: float
    min_ms: float
    max_ms: float
    runs: int
    queries: int | None = None
    sql_ms: float | None = None
    target_ms: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.sql_ms is None or not self.sql_ms:
            return None
        return self.median_ms / self.sql_ms

    @property
    def meets_target(self) -> bool | None:
        if self.target_ms is None:
            return None
        return self.median_ms <= self.target_ms

    def as_json(self) -> dict:
        data = asdict(self)
        data["ratio"] = round(self.ratio, 2) if self.ratio is not None else None
        data["meets_target"] = self.meets_target
        return data


def timed(fn: Callable[[], object], runs: int, *, warmup: int = 1) -> tuple[list[float], object]:
    value = None
    for _ in range(warmup):
        value = fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - started) * 1000)
    return times, value


def summarize(name: str, kind: str, times: list[float], **kwargs) -> Result:
    return Result(
        name=name,
        kind=kind,
        median_ms=round(statistics.median(times), 2),
        min_ms=round(min(times), 2),
        max_ms=round(max(times), 2),
        runs=len(times),
        **kwargs,
    )


def count_queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def sql_runner(sql: str, params: list | tuple = ()) -> Callable[[], list]:
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def aggregation(
    name: str,
    app: Callable[[], object],
    sql: Callable[[], object],
    runs: int,
    *,
    target_ms: float | None = None,
    note: str = "",
) -> Result:
    app_times, _ = timed(app, runs)
    sql_times, _ = timed(sql, runs)
    return summarize(
        name,
        "aggregation",
        app_times,
        queries=count_queries(app),
        sql_ms=round(statistics.median(sql_times), 2),
        target_ms=target_ms,
        note=note,
    )


def page(
    client: Client,
    url: str,
    runs: int,
    *,
    name: str | None = None,
    target_ms: float | None = None,
    before: Callable[[], object] | None = None,
) -> Result:
    """`before` runs ahead of each request, inside the timing (e.g. forgetting kept answers)."""

    def get():
        if before is not None:
            before()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response

    times, response = timed(get, runs)
    return summarize(
        name or url,
        "page",
        times,
        queries=count_queries(get),
        target_ms=target_ms,
        extra={"bytes": len(response.content)},
    )


def list_urls() -> list[tuple[str, str]]:
    """The site's list pages, found by name (`*_list`) so a new app's lists are timed too."""
    found = []
    for name in sorted(named_urls()):
        if not name.endswith("_list"):
            continue
        try:
            found.append((name, reverse(name)))
        except NoReverseMatch:
            continue
    return found


def named_urls(resolver=None, namespace="") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= named_urls(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return {n for n in names if not n.startswith(("admin:", "set_language"))}
