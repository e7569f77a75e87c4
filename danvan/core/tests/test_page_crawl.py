"""Crawl every page each persona can reach in the full demo, and hold every page to the rules
the content security policy relies on: no inline script, no `on*=` handler, no `javascript:`
link, nothing loaded from another site; and no page answers 500.

Pages are found from the site's named URLs without arguments and then by following links;
at most a few URLs per route (one pattern's pages share a template), so the crawl stays
bounded as the demo grows.
"""

from __future__ import annotations

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from danvan.core.testing import PERSONAS
from danvan.core.tests.test_access_matrix import _named_urls

PER_ROUTE = 3
MAX_PAGES = 400
# Links a crawler must not follow: they change state on GET-less forms, or sign out.
SKIP_PREFIXES = ("/static/", "/admin/", "/i18n/", "/accounts/logout/", "/files/")


class PageChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links: list[str] = []
        self._script_open = False
        self._script_inline = False
        self._script_text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            lowered = name.lower()
            if lowered.startswith("on") or lowered.startswith(("hx-on", "data-hx-on")):
                self.problems.append(f"<{tag} {name}=…> event handler attribute")
            if (
                lowered in ("href", "src", "action", "formaction")
                and value
                and value.strip().lower().startswith("javascript:")
            ):
                self.problems.append(f"<{tag} {name}={value[:40]}>")
            if (
                lowered in ("src", "href")
                and value
                and tag in ("script", "link", "img", "iframe")
                and urlsplit(value).netloc
            ):
                self.problems.append(f"<{tag} {name}={value[:60]}> loads from another site")
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            self._script_open = True
            self._script_inline = not attributes.get("src") and kind != "application/json"
            self._script_text = ""
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_data(self, data):
        if self._script_open:
            self._script_text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script_open:
            if self._script_inline:
                self.problems.append(f"inline <script>: {self._script_text.strip()[:60]!r}")
            self._script_open = False


def check_page(html: str) -> PageChecker:
    checker = PageChecker()
    checker.feed(html)
    checker.close()
    return checker


def test_the_checker_catches_what_the_policy_blocks():
    bad = check_page(
        '<script>alert(1)</script><a href="javascript:x()">x</a>'
        '<button onclick="x()">b</button><div hx-on:click="x()"></div>'
        '<script src="https://cdn.example.com/x.js"></script>'
    )
    assert len(bad.problems) == 5, bad.problems
    good = check_page(
        '<script src="/static/x.js"></script><script type="application/json" id="d">{}</script>'
        '<a href="/x/">ok</a>'
    )
    assert good.problems == []
    assert good.links == ["/x/"]


def _seeds() -> list[str]:
    seeds = ["/"]
    for name in sorted(_named_urls()):
        try:
            seeds.append(reverse(name))
        except NoReverseMatch:
            continue
    return seeds


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def crawl(client: Client, seeds: list[str]) -> tuple[dict[str, int], list[str]]:
    seen: set[str] = set()
    per_route: Counter = Counter()
    statuses: dict[str, int] = {}
    problems: list[str] = []
    queue = deque(seeds)
    while queue and len(statuses) < MAX_PAGES:
        url = urldefrag(queue.popleft())[0]
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/") or url in seen:
            continue
        seen.add(url)
        if parts.path.startswith(SKIP_PREFIXES) or parts.path.startswith("/api/"):
            continue
        route = _route(parts.path)
        if route is None or per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
            continue
        if response.status_code != 200:
            continue
        if "Content-Security-Policy" not in response:
            problems.append(f"{url}: no Content-Security-Policy header")
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        page = check_page(response.content.decode())
        problems.extend(f"{url}: {p}" for p in page.problems)
        queue.extend(page.links)
    return statuses, problems


@pytest.fixture
def demo(db):
    from danvan.core.demo import load_all

    load_all(lambda line: None)


def test_every_page_obeys_the_content_security_policy(demo):
    """One test for all personas: the full demo is loaded once (it takes a while)."""
    from danvan.accounts.models import User

    seeds = _seeds()
    report = []
    for persona in PERSONAS:
        client = Client()
        client.force_login(User.objects.get(username=persona))
        statuses, problems = crawl(client, seeds)
        assert sum(1 for s in statuses.values() if s == 200) >= 5, (persona, statuses)
        report.extend(f"{persona} {p}" for p in problems)
    statuses, problems = crawl(Client(), ["/accounts/login/", "/"])
    assert statuses.get("/accounts/login/") == 200
    report.extend(f"anonymous {p}" for p in problems)
    assert not report, "\n".join(report)
