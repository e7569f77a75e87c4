"""Everything the benchmark times, in the order it is printed. An app's measurements join as
soon as the app has landed (each block checks that what it times exists)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from django.test import Client

from danvan.bench.measure import Result, list_urls, page
from danvan.bench.scales import Scale

PAGE_TARGET_MS = {"tiny": 100, "province": 100, "national": 1000}
DASHBOARD_TARGET_MS = {"tiny": 150, "province": 150, "national": 1000}


class Context:
    def __init__(self, scale: Scale, out: Callable[[str], None]):
        from danvan.accounts.models import User

        self.scale = scale
        self.out = out
        self.runs = scale.runs
        self.clients: dict[str, Client] = {}
        for username in ("thuongtruc", "mttq", "vinhtuong"):
            client = Client()
            client.force_login(User.objects.get(username=username))
            self.clients[username] = client


def lists(ctx: Context) -> list[Result]:
    """The list pages, as the standing office (sees everything) and as a member's officer."""
    results = []
    target = PAGE_TARGET_MS[ctx.scale.name]
    urls = [*list_urls(), ("core:search", "/search/?q=nong+thon+moi")]
    for persona in ("thuongtruc", "mttq"):
        for name, url in urls:
            results.append(
                page(
                    ctx.clients[persona],
                    url,
                    ctx.runs,
                    name=f"list {name} ({persona})",
                    target_ms=target,
                )
            )
    return results


def home(ctx: Context) -> list[Result]:
    return [
        page(
            ctx.clients[persona],
            "/",
            ctx.runs,
            name=f"page / ({persona})",
            target_ms=DASHBOARD_TARGET_MS[ctx.scale.name],
        )
        for persona in ("thuongtruc", "vinhtuong")
    ]


def blocks() -> list[tuple[str, Callable[[Context], list[Result]]]]:
    found = [("home", home), ("lists", lists)]
    for name in ("reporting", "overview", "documents"):
        module_name = f"danvan.bench.time_{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if module.available():
            found.append((name, module.measure))
    return found


def measure_all(scale: Scale, out, only: str | None = None) -> list[Result]:
    ctx = Context(scale, out)
    results: list[Result] = []
    for name, block in blocks():
        if only and name not in only.split(","):
            continue
        out(f"Timing {name}…")
        results.extend(block(ctx))
    return results
